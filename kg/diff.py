"""What changed between two versions of a law: articles, norms, each actor's duties and powers, clarity.

    diff_versions(old, new) -> {"provisions": [...], "norms": [...], "actors": [...], "clarity": [...]}

Articles are aligned by content (govkg.kg.alignment): unchanged (same text, whatever its number),
changed (similar text in the same place of the order), moved (kept, at another place of the order:
status "moved" whether or not its text changed too), added, removed. Norms are compared inside
each pair of aligned articles: the same bearer, modality and action is unchanged; a norm whose
action is alike but whose bearer, modality or wording differs is changed (``changes`` names what);
the rest are added or removed, as are all the norms of added and removed articles.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from govkg.kg.alignment import assign, bigrams, dice, kept_in_order
from govkg.kg.mapping import normalise_action
from govkg.kg.versions import Article, Version, VersionNorm

RENAMED = 0.8              # bearers' names this alike (国有资产 -> 国有资本 …企业) are one actor renamed
NORM_MATCH = 0.5            # weighted likeness above which two norms of aligned articles are one norm
CROSS_MATCH = 0.7           # the same for norms of one bearer left over in two unaligned articles


@dataclass(frozen=True)
class ArticlePair:
    old: int | None         # index in the old version's articles
    new: int | None
    status: str
    similarity: float


def align_articles(old: list[Article], new: list[Article]) -> list[ArticlePair]:
    """Every article of both versions once, in the new version's order (removed ones where they stood)."""
    matched = assign([a.text for a in old], [a.text for a in new])
    in_order = kept_in_order({i: j for i, (j, _) in matched.items()})
    pairs = [_matched_pair(i, j, s, i in in_order) for i, (j, s) in matched.items()]
    used = {j for j, _ in matched.values()}
    pairs += [ArticlePair(None, j, "added", 0.0) for j in range(len(new)) if j not in used]
    anchor, last = {}, -1
    for i in range(len(old)):
        if i in matched:
            last = matched[i][0]
        else:
            anchor[i] = last
    pairs += [ArticlePair(i, None, "removed", 0.0) for i in anchor]
    return sorted(pairs, key=lambda p: (p.new, 0, 0) if p.new is not None else (anchor[p.old], 1, p.old))


def _matched_pair(i: int, j: int, score: float, in_order: bool) -> ArticlePair:
    if not in_order:
        status = "moved"
    elif score >= 1.0:
        status = "unchanged"
    else:
        status = "changed"
    return ArticlePair(i, j, status, round(score, 3))


def _likeness(a: VersionNorm, b: VersionNorm) -> float:
    action = 1.0 if normalise_action(a.action) == normalise_action(b.action) else dice(bigrams(a.action), bigrams(b.action))
    return 0.6 * action + 0.25 * (a.actor == b.actor) + 0.15 * (a.modality == b.modality)


def _changes(a: VersionNorm, b: VersionNorm) -> list[str]:
    found = []
    if a.actor != b.actor:
        found.append("bearer")
    if a.modality != b.modality:
        found.append("modality")
    if normalise_action(a.action) != normalise_action(b.action):
        found.append("action")
    return found


def _key(n: VersionNorm) -> tuple[str, str, str]:
    return (n.actor, n.modality, normalise_action(n.action))


Pairing = tuple[str, "VersionNorm | None", "VersionNorm | None"]     # status, old norm, new norm


def pair_norms(old: list[VersionNorm], new: list[VersionNorm]) -> list[Pairing]:
    """The norms of two aligned articles: unchanged, changed, added and removed."""
    out: list[Pairing] = []
    rest_new = list(new)
    rest_old = []
    for a in old:
        same = next((k for k, b in enumerate(rest_new) if _key(b) == _key(a)), None)
        if same is None:
            rest_old.append(a)
        else:
            out.append(("unchanged", a, rest_new.pop(same)))
    pairs = _best_pairs(rest_old, rest_new, NORM_MATCH)
    out += [("changed", rest_old[i], rest_new[j]) for i, j in pairs.items()]
    out += [("removed", a, None) for i, a in enumerate(rest_old) if i not in pairs]
    taken = set(pairs.values())
    out += [("added", None, b) for j, b in enumerate(rest_new) if j not in taken]
    return out


def _best_pairs(old: list[VersionNorm], new: list[VersionNorm], minimum: float,
                same_bearer: bool = False) -> dict[int, int]:
    """Old index -> new index, the likeliest pairs first, each norm in one pair at most."""
    scored = sorted((-score, i, j) for i, a in enumerate(old) for j, b in enumerate(new)
                    if (not same_bearer or a.actor == b.actor) and (score := _likeness(a, b)) >= minimum)
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _, i, j in scored:
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    return pairs


def _rejoin_moved(pairings: list[Pairing]) -> list[Pairing]:
    """Norms of one bearer removed from one article and added, alike, to another (a paragraph
    carried over to another article) become one changed norm ("carried" until it is written out)."""
    removed = [k for k, p in enumerate(pairings) if p[0] == "removed"]
    added = [k for k, p in enumerate(pairings) if p[0] == "added"]
    pairs = _best_pairs([pairings[k][1] for k in removed], [pairings[k][2] for k in added], CROSS_MATCH,
                       same_bearer=True)
    out = list(pairings)
    for i, j in pairs.items():
        out[added[j]] = ("carried", pairings[removed[i]][1], pairings[added[j]][2])
    drop = {removed[i] for i in pairs}
    return [p for k, p in enumerate(out) if k not in drop]


def _entry(status: str, old: VersionNorm | None, new: VersionNorm | None) -> dict:
    """A norm's line; one carried to another article is changed, ``changes`` naming the article."""
    entry = {"status": "changed" if status == "carried" else status,
             "old": old.to_json() if old else None, "new": new.to_json() if new else None}
    entry["changes"] = (_changes(old, new) + (["article"] if status == "carried" else [])
                        if old and new and status != "unchanged" else [])
    return entry


def diff_norms(old: Version, new: Version, pairs: list[ArticlePair]) -> list[dict]:
    """Norms compared article pair by article pair, in the order of ``pairs``; then the norms left
    over in one article are matched with those left over in others."""
    by_old, by_new = _by_article(old), _by_article(new)
    pairings: list[Pairing] = []
    for p in pairs:
        olds = by_old.get(old.articles[p.old].key, []) if p.old is not None else []
        news = by_new.get(new.articles[p.new].key, []) if p.new is not None else []
        pairings += pair_norms(olds, news)
    return [_entry(*p) for p in _rejoin_moved(pairings)]


def _by_article(version: Version) -> dict[str, list[VersionNorm]]:
    groups: dict[str, list[VersionNorm]] = defaultdict(list)
    for n in version.norms:
        groups[n.article].append(n)
    return groups


def actor_changes(norms: list[dict]) -> list[dict]:
    """Per actor, the actions of duties and powers gained and lost. A reworded action of the same
    bearer and modality is neither, nor is a duty whose bearer's name was only reworded; the same
    duty lost in one article and gained in another by the same actor cancels out; a duty turned
    into a permission is one lost and one gained."""
    gained: dict[str, list[tuple[str, str]]] = defaultdict(list)
    lost: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for entry in norms:
        old, new, changes = entry["old"], entry["new"], entry.get("changes", [])
        if entry["status"] == "unchanged" or (changes and not {"bearer", "modality"} & set(changes)):
            continue
        if changes == ["bearer"] and _renamed(old["actor"], new["actor"]):
            continue
        if new and new["actor"]:
            gained[new["actor"]].append((new["modality"], new["action"]))
        if old and old["actor"]:
            lost[old["actor"]].append((old["modality"], old["action"]))
    out = []
    for actor in sorted(set(gained) | set(lost)):
        g, l = _unmatched(gained[actor], lost[actor]), _unmatched(lost[actor], gained[actor])
        if g or l:
            out.append({"actor": actor, "gained": g, "lost": l})
    return out


def _renamed(old: str, new: str) -> bool:
    """Whether two bearers' names are one actor's, reworded (plain Dice: a name inside a longer
    one, 民政部门 in 办理其登记的民政部门, is another actor)."""
    a, b = bigrams(old), bigrams(new)
    return bool(old and new) and 2 * len(a & b) / (len(a) + len(b)) >= RENAMED


def _unmatched(these: list[tuple[str, str]], others: list[tuple[str, str]]) -> list[str]:
    """The actions of ``these`` that no item of ``others`` (same modality, same action) answers."""
    pool = [(m, normalise_action(a)) for m, a in others]
    left = []
    for modality, action in these:
        key = (modality, normalise_action(action))
        if key in pool:
            pool.remove(key)
        else:
            left.append(action)
    return list(dict.fromkeys(left))


def clarity(norms: list[dict]) -> list[dict]:
    """Changed norms whose bearer became precise, vague, absent or present."""
    out = []
    for entry in norms:
        old, new = entry["old"], entry["new"]
        if entry["status"] != "changed" or "bearer" not in entry.get("changes", []):
            continue
        kind = _clarity_kind(old, new)
        if kind:
            out.append({"kind": kind, "old": old, "new": new})
    return out


def _clarity_kind(old: dict, new: dict) -> str | None:
    if old["actor"] and not new["actor"]:
        return "bearer-lost"
    if new["actor"] and not old["actor"]:
        return "bearer-gained"
    if old["vague_actor"] and not new["vague_actor"]:
        return "made-precise"
    if new["vague_actor"] and not old["vague_actor"]:
        return "made-vague"
    return None


def compare(old: Version, new: Version) -> tuple[list[ArticlePair], dict]:
    """The aligned article pairs (indices into both versions) and the whole comparison."""
    pairs = align_articles(old.articles, new.articles)
    norms = diff_norms(old, new, pairs)
    return pairs, {
        "provisions": [{"old": old.articles[p.old].label if p.old is not None else None,
                        "new": new.articles[p.new].label if p.new is not None else None,
                        "status": p.status, "similarity": p.similarity} for p in pairs],
        "norms": norms,
        "actors": actor_changes(norms),
        "clarity": clarity(norms),
    }


def diff_versions(old: Version, new: Version) -> dict:
    """The whole comparison, in the shape of ``govkg diff --format json``."""
    return compare(old, new)[1]
