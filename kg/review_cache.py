"""The reviews of a store as last read, kept until the graphs they depend on change.

Reading and parsing every review, and checking each against its provision's text, is most of what
reviews cost a report. Neither depends on anything but two kinds of graph, whose write counts the
store keeps (``Store.graph_version``):

- the parsed reviews depend on the reviews graph only: they are read again only after a write
  that may have changed it. A review written through ``govkg.kg.reviews`` is added to what was read
  when it was the only write to that graph since (so a reviewer's next page reads nothing again);
- a review's status (in force or stale) depends on its document's graph only: after a write to a
  document graph (ingest, delete, a Graph Store write) only the reviews of that document are
  checked again, and a review added since the last check is checked alone.

A write that does not say which graphs it changes (a SPARQL Update, an import) counts for every
graph, so everything is read again. A store that cannot count its writes (a server, which other
writers may change unseen) is read afresh every time.
"""
from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, TypeVar

from govkg.kg.mapping import graph_iri

if TYPE_CHECKING:
    from govkg.kg.reviews import Review
    from govkg.kg.store import Store

Read = Callable[["Store"], "list[Review]"]
Check = Callable[["Store", "list[Review]"], "dict[str, str]"]
KEPT_STORES = 8
T = TypeVar("T")


@dataclasses.dataclass
class _Kept:
    version: tuple[object, int]                   # of the reviews graph, when ``parsed`` was read
    parsed: list[Review]                          # oldest first, status not applied
    unchecked: list[Review] = dataclasses.field(default_factory=list)        # added since the last check
    checked: dict[str, Hashable] = dataclasses.field(default_factory=dict)   # doc -> graph version
    status: dict[str, str] = dataclasses.field(default_factory=dict)         # review id -> status
    shown: tuple[Hashable, list[Review]] | None = None                       # the last answer, by key
    derived: dict[Hashable, tuple[list[Review], Hashable, object]] = dataclasses.field(default_factory=dict)
    docs: set[str] = dataclasses.field(default_factory=set)                  # of the reviews parsed

    def __post_init__(self) -> None:
        self.docs = {r.doc for r in self.parsed}


_KEPT: dict[object, _Kept] = {}
_LOCK = threading.RLock()         # a derived value may read reviews while it is computed


def current_reviews(store: Store, graph: str, read: Read, check: Check) -> list[Review]:
    """Every review of ``graph`` with its status, read and checked only where something changed."""
    version = store.graph_version(graph)
    if version is None:
        found = read(store)
        return _with(found, check(store, found))
    with _LOCK:
        kept = _KEPT.get(version[0])
        if kept is None or kept.version != version:
            kept = _Kept(version, read(store))
            _keep(version[0], kept)
        return _checked(store, kept, check)


def _checked(store: Store, kept: _Kept, check: Check) -> list[Review]:
    docs = {doc: store.graph_version(graph_iri(doc)) for doc in kept.docs}
    changed = {doc for doc, version in docs.items() if kept.checked.get(doc) != version}
    todo = [r for r in kept.parsed if r.doc in changed] if changed else []
    todo += [r for r in kept.unchecked if r.doc not in changed]
    if todo:
        kept.status.update(check(store, todo))
        kept.checked.update({doc: docs[doc] for doc in changed})
    kept.unchecked = []
    key = (kept.version, tuple(sorted(docs.items(), key=lambda item: item[0])))
    if kept.shown is None or kept.shown[0] != key:
        kept.shown = (key, _with(kept.parsed, kept.status))
    return kept.shown[1]


def _with(found: list[Review], status: dict[str, str]) -> list[Review]:
    """The reviews with their status (a copy where it is not the one read, in force: kept reviews
    are never changed)."""
    from govkg.kg.reviews import IN_FORCE
    other = {i for i, s in status.items() if s != IN_FORCE}
    if not other:
        return list(found)
    return [dataclasses.replace(r, status=status[r.id]) if r.id in other else r for r in found]


def _keep(store_key: object, kept: _Kept) -> None:
    _KEPT[store_key] = kept
    while len(_KEPT) > KEPT_STORES:
        _KEPT.pop(next(iter(_KEPT)))


def written(store: Store, graph: str, before: tuple[object, int] | None, review: Review) -> None:
    """Add ``review``, just written to ``graph``, to what was read, if that was read at
    ``before`` and this write is the only one to ``graph`` since; else what was read is dropped
    at the next look (its version is no longer the graph's)."""
    after = store.graph_version(graph)
    if before is None or after is None or after != (before[0], before[1] + 1):
        return
    with _LOCK:
        kept = _KEPT.get(before[0])
        if kept is None or kept.version != before:
            return
        added = dataclasses.replace(review)
        parsed = [*kept.parsed, added]
        if len(parsed) > 1 and (parsed[-2].at, parsed[-2].id) > (review.at, review.id):
            parsed.sort(key=lambda r: (r.at, r.id))
        kept.version, kept.parsed, kept.shown = after, parsed, None
        kept.unchecked.append(added)
        kept.docs.add(added.doc)


def derived(store: Store, graph: str, name: Hashable, found: list[Review], compute: Callable[[], T],
            grow: Callable[[T, list[Review]], T] | None = None) -> T:
    """``compute()``, a value that depends only on ``found`` (an answer of ``current_reviews``
    for ``graph``) and on the graphs of its documents, once per such answer: the same answer
    comes back exactly while none of those graphs changed. Where reviews were only added since
    the last value (no document written, no status changed), ``grow(last value, added)`` makes
    the new one, unless it returns NotImplemented."""
    version = store.graph_version(graph)
    with _LOCK:
        kept = _KEPT.get(version[0]) if version else None
        if kept is None or kept.shown is None or kept.shown[1] is not found:
            return compute()
        documents = kept.shown[0][1]
        entry = kept.derived.get(name)
        if entry is not None and entry[0] is found:
            return entry[2]
        value = NotImplemented
        if grow is not None and entry is not None and entry[1] == documents and _extends(found, entry[0]):
            value = grow(entry[2], found[len(entry[0]):])
        if value is NotImplemented:
            value = compute()
        kept.derived[name] = (found, documents, value)
        return value


def _extends(found: list[Review], earlier: list[Review]) -> bool:
    """Whether ``found`` is ``earlier`` (the same reviews, by identity) and more after them."""
    return len(found) > len(earlier) and all(a is b for a, b in zip(earlier, found))


def per_document(store: Store, doc: str, what: str, keys: list[str],
                 fetch: Callable[[list[str]], dict[str, object]]) -> dict[str, object]:
    """``fetch(keys)`` (key -> value, for the keys the document's graph has) for one document, the
    keys already fetched at the graph's current version taken from before: what is read of a
    document for its reviews (provision texts, which norms it still states) is read once per
    version of its graph."""
    version = store.graph_version(graph_iri(doc))
    if version is None:
        return fetch(keys)
    with _LOCK:
        entry = _FACTS.get((version[0], doc, what))
        known = entry[1] if entry is not None and entry[0] == version else {}
    missing = [k for k in keys if k not in known]
    if missing:
        found = fetch(missing)
        known = {**known, **{k: found.get(k, _ABSENT) for k in missing}}
        with _LOCK:
            _FACTS[(version[0], doc, what)] = (version, known)
            while len(_FACTS) > KEPT_FACTS:
                _FACTS.pop(next(iter(_FACTS)))
    return {k: known[k] for k in keys if known[k] is not _ABSENT}


_ABSENT = object()
_FACTS: dict[tuple[object, str, str], tuple[tuple[object, int], dict[str, object]]] = {}
KEPT_FACTS = 4096


def forget() -> None:
    """Drop everything kept (for measuring the cost of reading reviews afresh)."""
    with _LOCK:
        _KEPT.clear()
        _FACTS.clear()
