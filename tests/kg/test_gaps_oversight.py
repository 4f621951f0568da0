"""no-oversight: an actor named in another actor's oversight duty is supervised, in zh and en.

Actor labels carry a language tag and actions do not; SPARQL's CONTAINS is an error on such a
pair, so the detector compares the label's plain string. Before that, no actor was ever found
supervised by name."""
from __future__ import annotations

from govkg.ingest.records import Document, Norm, Provision
from govkg.kg.documents import ingest_document
from govkg.kg.gaps import find_gaps


def _law(doc: str, lang: str, articles: list[tuple[str, str, str, tuple[str, ...]]]) -> Document:
    """One provision per (bearer, action, sentence, tags)."""
    provisions, norms, start = [], [], 0
    for number, (bearer, action, sentence, tags) in enumerate(articles, 1):
        label = f"第{number}条" if lang == "zh" else f"Article {number}"
        provisions.append(Provision(doc, (label,), number, label, sentence, start, start + len(sentence)))
        norms.append(Norm(doc, number, bearer, "obligation", action, start=start, end=start + len(sentence),
                          provision=label, tags=tags))
        start += len(sentence) + 1
    text = "\n".join(sentence for _, _, sentence, _ in articles)
    return Document(doc=doc, text=text, lang=lang, title=doc, source=f"{doc}.md", provisions=provisions, norms=norms)


def _unsupervised(store) -> set[str]:
    return {f.actor for f in find_gaps(store, ["no-oversight"])}


def test_an_actor_named_in_an_oversight_duty_is_supervised(store):
    ingest_document(store, _law("zh-oversight", "zh", [
        ("居民委员会", "公开财务收支", "居民委员会应当公开财务收支。", ()),
        ("街道办事处", "监督居民委员会的工作", "街道办事处应当监督居民委员会的工作。", ("oversight",)),
        ("业主委员会", "维护公共秩序", "业主委员会应当维护公共秩序。", ()),
    ]))
    ingest_document(store, _law("en-oversight", "en", [
        ("The controller", "keep records of processing", "The controller shall keep records of processing.", ()),
        ("The supervisory authority", "monitor the controller", "The supervisory authority shall monitor the "
                                                                "controller.", ("oversight",)),
    ]))
    assert _unsupervised(store) == {"业主委员会"}


def test_without_the_oversight_duty_the_actor_is_reported(store):
    ingest_document(store, _law("zh-alone", "zh", [
        ("居民委员会", "公开财务收支", "居民委员会应当公开财务收支。", ()),
        ("街道办事处", "指导居民委员会的工作", "街道办事处应当指导居民委员会的工作。", ()),
    ]))
    assert _unsupervised(store) == {"居民委员会", "街道办事处"}
