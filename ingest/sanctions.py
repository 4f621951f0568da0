"""Link each penalty provision to the duties it punishes, and say how the link was found.

    by reference — the breach cites the duty's provision (违反本法第十条规定的; "infringements of
                   Article 83(4)"; 有前款违法行为 repeats the breaches of the paragraph before)
    by content   — the breach names the duty by what it is: the same bearer and the violated
                   action ("生产经营单位未按照规定设置安全生产管理机构的" punishes "生产经营单位应当
                   设置安全生产管理机构"); a breach that names no act of its own (未履行本法规定的安全
                   生产管理职责, 违反本条例的规定) punishes every duty of its bearer — of each
                   body of the class it names (地方各级人民政府…违反本条例规定的), and of nobody
                   when it names no bearer. A breach that names only a harm (违反本法规定，发生
                   泄密案件的; 构成犯罪的) punishes no duty.

Content is compared as character bigrams of the texts without modal, negation and drafting
words (应当, 未, 按照规定, 依法): a breach links to the duties that hold most of its bigrams,
among those whose bearer can be the breach's bearer.
"""
from __future__ import annotations

import functools
import math
import operator
import re
from collections import Counter
from itertools import chain, repeat

from govkg.ingest.patterns import trie_alternation
from govkg.ingest.penalties import (ProvisionTree, Violation, chapter_articles, penalty_keys, provision_tree,
                                    violations, without_consequence)
from govkg.ingest.records import Document, Norm, SanctionLink
from govkg.ingest.sanction_bearers import bearer_compatible, conjuncts, covers

MIN_SCORE = 0.4         # share of the breach's bigrams the duty must hold
NEAR_BEST = 0.9         # links every duty scoring at least this share of the best one
MIN_SHARED = 3          # bigrams in common, so that a two-word breach cannot match by chance
ACTION_WEIGHT = 0.4     # a duty's action against its whole sentence, in the score

# drafting words and punctuation a breach and a duty share without sharing content, the words in
# order of preference (未按照规定 before 未), behind a lookahead for the characters they start with:
# the same matches, without trying every word at every character
_ZH_NOISE_WORDS = ("未按照规定", "未依照规定", "按照国家有关规定", "按照国家规定", "按照规定", "依照本法规定",
                   "本法规定的", "依照有关规定", "依法", "如实", "应当", "必须", "不得", "禁止", "严禁", "可以",
                   "未经", "未", "不", "没有", "拒不", "有关的?", "相应的?", "其", "本单位", "的", "或者", "以及",
                   "和", "及", "并", "对", "将", "予以", "进行")
_ZH_NOISE_MARKS = r"、，,；;。:：“”\s"
_ZH_NOISE = re.compile("(?=[" + "".join(dict.fromkeys(w[0] for w in _ZH_NOISE_WORDS)) + _ZH_NOISE_MARKS + "])(?:"
                       + "|".join(_ZH_NOISE_WORDS) + "|[" + _ZH_NOISE_MARKS + "])")
_EN_NOISE = re.compile(r"\b(?:shall|must|not|the|a|an|of|to|and|or|in|by|with|be|is|are)\b|[^\w]+", re.I)


def link_sanctions(document: Document) -> None:
    """Set ``document.penalties`` and ``document.sanctions`` from its provisions and norms."""
    actors = sorted({n.actor for n in document.norms if n.actor}, key=len, reverse=True)
    tree = provision_tree(document)
    found = violations(document, actors, tree)
    document.penalties = penalty_keys(found)
    if not found:
        document.sanctions = []
        return
    matcher = _Matcher(_duties(document, tree), actors)
    links: dict[str, list[tuple[SanctionLink, bool]]] = {}
    for v in found:
        links.setdefault(v.provision, []).extend(_links(v, matcher, links))
    document.sanctions = _unique(_specific_first([pair for group in links.values() for pair in group]))


def _duties(document: Document, tree: ProvisionTree) -> list[Norm]:
    """Obligations and prohibitions outside the penalty articles: what a penalty can punish
    (a duty whose words sound like a sanction, 不得关闭…设备, is one too)."""
    articles = chapter_articles(document, document.penalties, tree)
    related = {"/".join(k.split("/")[:i]) for k in document.penalties for i in range(1, k.count("/") + 2)}
    return [n for n in document.norms if n.modality in ("obligation", "prohibition")
            and n.article not in articles and not _on_path(n.provision, related, document.penalties)]


def _on_path(key: str, ancestors: set[str], penalties: list[str]) -> bool:
    """Is ``key`` a penalty provision, one of its ancestors (the lead-in of its items) or inside one?"""
    if key in ancestors:
        return True
    return any("/".join(key.split("/")[:i]) in penalties for i in range(1, key.count("/") + 1))


class _Matcher:
    """The duties of one document with their content bigrams, weighted by rarity: 安全生产,
    which every duty of a work-safety law holds, counts for little, 警示标志 for much. A duty's
    action says what is violated; its sentence adds the object and the setting."""

    def __init__(self, duties: list[Norm], actors: list[str]) -> None:
        self.duties = duties
        self.actors = actors
        named = [a for a in actors if len(a) >= 4]
        self.named = re.compile(trie_alternation(named)) if named else None
        self._grams: dict[str, frozenset[str]] = {}
        self.actions = [self.bigrams(d.action + " " + d.condition) for d in duties]
        self.sentences = [self.bigrams(d.sentence) | a for d, a in zip(duties, self.actions)]
        self.postings: dict[str, list[int]] = {}
        for i, grams in enumerate(self.sentences):
            for g in grams:
                self.postings.setdefault(g, []).append(i)
        self.weight = {g: math.log((1 + len(duties)) / (1 + len(ids))) + 1 for g, ids in self.postings.items()}
        self.within: dict[str, list[int]] = {}      # a provision key -> the duties in it or below it
        for i, d in enumerate(duties):
            for cut in [j for j, c in enumerate(d.provision) if c == "/"] + [len(d.provision)]:
                self.within.setdefault(d.provision[:cut], []).append(i)
        self._named: dict[int, list[str]] = {}
        self._borne: dict[str, list[Norm]] = {}
        self._by_first: dict[str, list[str]] = {}      # the actors by their first character
        for a in actors:
            self._by_first.setdefault(a[:1], []).append(a)

    def cited(self, keys: tuple[str, ...]) -> list[Norm]:
        """The duties in or below the provisions ``keys``, in document order."""
        found = {i for k in keys for i in self.within.get(k, ())}
        return [self.duties[i] for i in sorted(found)]

    def borne_by(self, bearer: str) -> list[Norm]:
        """The duties of the same actor as the breach's ``bearer`` (none for no bearer), in
        document order; each actor compared once per bearer, not once per duty."""
        if not bearer:
            return []
        found = self._borne.get(bearer)
        if found is None:
            same = {actor: same_bearer(bearer, actor) for actor in dict.fromkeys(d.actor for d in self.duties)}
            found = self._borne[bearer] = [d for d in self.duties if same[d.actor]]
        return found

    def covered_by(self, bearer: str) -> list[Norm]:
        """The duties a bare breach of ``bearer`` reaches (``covers``), in document order; each
        actor compared once."""
        reached = {actor: covers(bearer, actor) for actor in dict.fromkeys(d.actor for d in self.duties)}
        return [d for d in self.duties if reached[d.actor]]

    def candidates(self, breach: frozenset[str]) -> list[int]:
        """The duties sharing at least MIN_SHARED bigrams with the breach, in document order."""
        shared = Counter(chain.from_iterable(map(self.postings.get, breach, repeat(()))))
        return sorted(i for i, n in shared.items() if n >= MIN_SHARED)

    def _named_in(self, subject: str) -> list[str]:
        """The document's actors that ``subject`` contains: only those starting with one of its
        characters are looked for (a long law names thousands of actors)."""
        return [a for c in dict.fromkeys(subject) for a in self._by_first.get(c, ()) if a in subject]

    def bigrams(self, text: str) -> frozenset[str]:
        """Actors named inside an act are compared as bearers, not as content, unless the act
        is little more than the actor (未设置专门安全管理机构). Each text is read once: the
        norms of one clause share its sentence."""
        grams = self._grams.get(text)
        if grams is None:
            bare = self.named.sub(" ", text) if self.named else text
            grams = bigrams(bare, _lang(text))
            if len(grams) < MIN_SHARED:
                grams = bigrams(text, _lang(text))
            self._grams[text] = grams
        return grams

    def score(self, breach: frozenset[str], total: float, index: int) -> float:
        """``total``: the weight of all the breach's bigrams."""
        weight = self.weight.__getitem__
        action = sum(map(weight, breach & self.actions[index])) / total
        sentence = sum(map(weight, breach & self.sentences[index])) / total
        return ACTION_WEIGHT * action + (1 - ACTION_WEIGHT) * sentence

    def compatible(self, bearer: str, index: int) -> bool:
        """Can the breach's bearer be this duty's? By the duty's bearer, or, where it has none or
        is the one who acts on the bearer (…应当由主管部门对其考核合格), by the actors its
        sentence names before the modal verb."""
        duty = self.duties[index]
        if not bearer or bearer_compatible(bearer, duty.actor) and duty.actor:
            return True
        subject = _subject(duty.sentence)
        if any(c in subject for c in conjuncts(bearer) if len(c) >= 3):
            return True
        named = self._named.get(index)
        if named is None:
            named = self._named[index] = self._named_in(subject)
        return not duty.actor and (not named or any(bearer_compatible(bearer, a) for a in named))


def _links(v: Violation, matcher: _Matcher,
           earlier: dict[str, list[tuple[SanctionLink, bool]]]) -> list[tuple[SanctionLink, bool]]:
    """Links of one violation, each with whether it is generic (the breach names no act)."""
    if v.follows:
        return [(SanctionLink(v.provision, link.duty, "reference"), generic)
                for link, generic in earlier.get(v.follows, [])]
    if v.outcome:
        return []
    if v.references:
        cited = matcher.cited(v.references)
        cited = [d for d in cited if bearer_compatible(v.bearer, d.actor)] or cited
        if cited:
            return [(SanctionLink(v.provision, d, "reference"), False) for d in cited]
    if v.generic:
        return [(SanctionLink(v.provision, d, "content"), True) for d in matcher.covered_by(v.bearer)]
    found = {id(d): d for part in alternatives(v.act) for d in _by_content(v.bearer, part, matcher)}
    return [(SanctionLink(v.provision, d, "content"), False) for d in found.values()]


def alternatives(act: str) -> list[str]:
    """The breaches an act lists: "未建立…制度，或者…未按照规定报告" -> each on its own."""
    parts = re.split(r"[，,；;]?或者(?=未|不|没有|在|将|对|与)|[，,；;]或者|[，,；;](?=未|不|没有)|、(?=未)", act)
    return [p for p in (without_consequence(x.strip("，,；; ")) for x in parts) if p]


def _by_content(bearer: str, act: str, matcher: _Matcher) -> list[Norm]:
    """The duties holding most of the breach's (weighted) bigrams, among those its bearer can bear."""
    breach = matcher.bigrams(act)
    if len(breach) < MIN_SHARED:
        return []
    total = sum(matcher.weight.get(g, 3.0) for g in breach)
    scored = [(matcher.score(breach, total, i), matcher.duties[i])
              for i in matcher.candidates(breach) if matcher.compatible(bearer, i)]
    best = max((s for s, _ in scored), default=0.0)
    if best < MIN_SCORE:
        return []
    return [d for s, d in scored if s >= max(MIN_SCORE, NEAR_BEST * best)]


def _specific_first(pairs: list[tuple[SanctionLink, bool]]) -> list[SanctionLink]:
    """A breach that names no act ("未履行本法规定的职责") covers the bearer's duties that no
    other penalty names: where one does, that one is the penalty for it."""
    named = {id(link.duty) for link, generic in pairs if not generic}
    return [link for link, generic in pairs if not generic or id(link.duty) not in named]


def bigrams(text: str, lang: str) -> frozenset[str]:
    """Character bigrams (zh) or words (en) of a text without its modal and drafting words."""
    if lang == "en":
        return frozenset(w for w in _EN_NOISE.sub(" ", text.lower()).split() if len(w) > 2)
    core = _ZH_NOISE.sub("", text)
    return frozenset(map(operator.add, core, core[1:]))      # each character and the next


@functools.lru_cache(maxsize=16384)
def _subject(sentence: str) -> str:
    """The words of a sentence before its modal verb: where its bearer stands."""
    return re.split(r"应当|必须|不得|禁止|严禁|shall|must", sentence, maxsplit=1)[0]


def _lang(text: str) -> str:
    return "zh" if re.search(r"[\u4e00-\u9fff]", text) else "en"


def _unique(links: list[SanctionLink]) -> list[SanctionLink]:
    """One link per (penalty, duty); a reference wins over content."""
    best: dict[tuple[str, int], SanctionLink] = {}
    for link in links:
        key = (link.penalty, id(link.duty))
        if key not in best or (link.basis == "reference" and best[key].basis == "content"):
            best[key] = link
    return list(best.values())
