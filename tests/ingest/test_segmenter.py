"""The remembering segmenter gives exactly jieba's words, and cuts a repeated run only once."""
from __future__ import annotations

from pathlib import Path

import jieba
import pytest
from spacy import util

from govkg.ingest import segmenter
from govkg.ingest.pipeline import build_pipeline
from govkg.ingest.segmenter import RememberingSegmenter, words_and_spaces

CORPUS = Path(__file__).resolve().parents[2] / "ingest" / "corpus"


def zh_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("zh_*"))]
    assert texts
    return texts


@pytest.mark.parametrize("index", range(3))
def test_words_are_jiebas(index):
    text = zh_texts()[index % len(zh_texts())]
    mixed = text + "\nArticle 3 the controller shall, 2.7 M 条 (一)  \t 第十条\n\n"
    assert list(RememberingSegmenter(jieba).cut(mixed)) == list(jieba.cut(mixed, cut_all=False))


def test_a_repeated_run_is_cut_once():
    seg = RememberingSegmenter(jieba)
    clause = "违反本法规定的，由县级以上地方人民政府责令改正。"
    words = list(seg.cut(clause * 50))
    assert words == list(jieba.cut(clause * 50))
    assert len(seg.remembered) <= 4          # a few distinct runs, however often they recur


def test_memory_starts_afresh_past_its_bound(monkeypatch):
    monkeypatch.setattr(segmenter, "MAX_REMEMBERED", 3)
    seg = RememberingSegmenter(jieba)
    text = "。".join(f"第{n}条居民委员会应当开展工作" for n in "一二三四五六七八")
    assert list(seg.cut(text)) == list(jieba.cut(text))
    assert len(seg.remembered) <= 3


def test_the_chinese_pipeline_uses_it():
    nlp = build_pipeline("zh")
    assert isinstance(nlp.tokenizer.jieba_seg, RememberingSegmenter)
    doc = nlp.make_doc("居民委员会应当向街道办事处报告工作。")
    assert [t.text for t in doc] == [w for w in jieba.cut("居民委员会应当向街道办事处报告工作。") if w]


@pytest.mark.parametrize("text", ["居民委员会 应当  开展\n\n工作。\t第二条", " 前导空格", "尾随空格 ", "a b  c\u3000d", ""])
def test_words_lie_on_the_text_as_spacys_alignment_lays_them(text):
    words = [w for w in jieba.cut(text) if w]
    assert words_and_spaces(words, text) == util.get_words_and_spaces(words, text)


def test_words_lie_on_a_whole_law_as_spacys_alignment_lays_them():
    text = zh_texts()[0] + "\nArticle 3 the controller shall, 2.7 M 条 (一)  \t 第十条\n\n"
    words = [w for w in jieba.cut(text) if w]
    assert words_and_spaces(words, text) == util.get_words_and_spaces(words, text)
    with pytest.raises(ValueError):       # words that are not the text: spaCy's own check and error
        words_and_spaces(["居民", "委员"], "居民 委员会")


def test_unknown_words_go_through_jiebas_hmm_as_in_jieba():
    text = "张三丰与李四光在岚皋县蔺河镇签订协议，欧阳娜娜应当于二〇二四年三月报告。"
    seg = RememberingSegmenter(jieba)
    assert list(seg.cut(text)) == list(jieba.cut(text))
    assert any(len(w) > 1 and not jieba.dt.FREQ.get(w) for w in seg.cut(text))   # an HMM word is among them


def test_a_word_added_to_the_dictionary_counts_as_in_jieba():
    import types
    tokenizer = jieba.Tokenizer()
    module = types.SimpleNamespace(dt=tokenizer, cut=tokenizer.cut, finalseg=jieba.finalseg,
                                   re_han_default=jieba.re_han_default)
    seg = RememberingSegmenter(module)
    assert list(seg.cut("街道社区网格员应当报告")) == list(tokenizer.cut("街道社区网格员应当报告"))
    tokenizer.add_word("社区网格员", freq=100000)
    text = "社区网格员负责巡查，街道办事处应当支持"
    assert list(seg.cut(text)) == list(tokenizer.cut(text))
    assert "社区网格员" in list(seg.cut(text))
