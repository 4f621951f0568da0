"""The collaboration network in headless Chromium: the default view of the bundled corpus and of a
100-article law stays small and readable, its legend names everything drawn, and 500 actors settle
within 3 s.

Label overlap is measured on what vis-network drew: after the layout settles and the view is fitted,
each node's label box is ``network.body.nodes[id].labelModule.size`` — the left, top, width and
height that vis-network computed with the canvas's own text metrics when it drew the label, in
canvas coordinates. The overlap is the area shared by two label boxes, summed over every pair, as a
share of the summed label area (a zoom scales both alike, so the share does not depend on it)."""
from __future__ import annotations

import gc
from pathlib import Path

import pytest

from govkg.ingest.extract import extract_paths
from govkg.ingest.records import Document, Norm, Provision
from govkg.kg import open_store
from govkg.kg.documents import ingest_document
from tests.browser_support import pytestmark  # noqa: F401  (browser and page fixtures come with it)
from tests.conftest import ROOT, SHARED, govkg_serve

CORPUS = ROOT / "ingest" / "corpus"
LAW_100 = SHARED / "corpus-cn" / "危险化学品安全管理条例(2013-12-07).md"
MAX_NODES, MAX_OVERLAP, MAX_SETTLE_MS = 150, 0.05, 3000

OVERLAP_JS = """() => {
  const boxes = govkg.nodes.getIds().map(id => govkg.network.body.nodes[id])
    .filter(n => n && n.options.label && n.labelModule.size.width > 0)
    .map(n => ({...n.labelModule.size}));
  let area = 0, shared = 0;
  boxes.forEach((a, i) => {
    area += a.width * a.height;
    for (let j = i + 1; j < boxes.length; j++) {
      const b = boxes[j];
      const w = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
      const h = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
      if (w > 0 && h > 0) shared += w * h;
    }
  });
  return {labels: boxes.length, share: area ? shared / area : 0};
}"""

DRAWN_JS = """() => {
  const colour = c => typeof c === 'string' ? [c] : c ? [c.background, c.border].filter(Boolean) : [];
  const page = JSON.parse(document.getElementById('page-data').textContent);
  const nodes = govkg.nodes.get(), edges = govkg.edges.get();
  return {
    colours: [...new Set(nodes.flatMap(n => colour(n.color)).map(c => c.toLowerCase()))],
    rings: [...new Set(nodes.flatMap(n => n.rings || []).map(k => (k === 'minor' ? page.minorColor : page.gapColors[k]).toLowerCase()))],
    edges: [...new Set(edges.map(e => (typeof e.color === 'string' ? e.color : '').toLowerCase() + ' ' + JSON.stringify(e.dashes || false)))],
  };
}"""

LEGEND_JS = """() => {
  const items = [...document.querySelectorAll('#legend [data-color]')];
  return {
    colours: items.map(i => i.dataset.color.toLowerCase()),
    edges: items.filter(i => i.dataset.relation).map(i => i.dataset.color.toLowerCase() + ' ' + JSON.stringify(JSON.parse(i.dataset.dashes))),
  };
}"""


def _serve_documents(folder: Path, documents: list[Document]):
    store = open_store(str(folder / "store"))
    for document in documents:
        ingest_document(store, document)
    store.close()
    del store
    gc.collect()
    return govkg_serve(folder / "store")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    documents = [d for _, d in extract_paths(sorted(CORPUS.glob("*.md")) + sorted(CORPUS.glob("*.txt")))
                 if isinstance(d, Document)]
    with _serve_documents(tmp_path_factory.mktemp("corpus"), documents) as base:
        yield base


@pytest.fixture(scope="module")
def law(tmp_path_factory):
    if not LAW_100.exists():
        pytest.skip(f"needs {LAW_100}")
    documents = [d for _, d in extract_paths([LAW_100]) if isinstance(d, Document)]
    with _serve_documents(tmp_path_factory.mktemp("law"), documents) as base:
        yield base


def many_actors(count: int = 500) -> Document:
    """A made-up regulation: each of ``count`` bodies must assist one other and supervise another."""
    lines, provisions, norms = [], [], []
    at = 0
    for i in range(count):
        helped, watched = (i * 7 + 1) % count, (i * 13 + 5) % count
        sentence = f"机构{i:03d}应当协助机构{helped:03d}开展工作，并对机构{watched:03d}进行监督"
        line = f"第{i + 1}条 {sentence}。"
        start = at + line.index(sentence)
        provisions.append(Provision("many", (f"第{i + 1}条",), i + 1, f"第{i + 1}条", line, at, at + len(line)))
        norms.append(Norm("many", i + 1, f"机构{i:03d}", "obligation", sentence.split("应当", 1)[1], start=start,
                          end=start + len(sentence), provision=f"第{i + 1}条", sentence=sentence))
        lines.append(line)
        at += len(line) + 1
    return Document("many", "\n".join(lines), "zh", title="五百机构条例", provisions=provisions, norms=norms)


@pytest.fixture(scope="module")
def crowd(tmp_path_factory):
    with _serve_documents(tmp_path_factory.mktemp("crowd"), [many_actors()]) as base:
        yield base


def _settle(page, url: str) -> dict:
    page.goto(url)
    page.wait_for_function("window.govkg && window.govkg.stabilized", timeout=60_000)
    page.evaluate("() => govkg.network.fit({animation: false})")
    return page.evaluate("() => ({nodes: govkg.nodes.length, edges: govkg.edges.length, ms: govkg.settleMs})")


def _check_readable(page, url: str, name: str) -> None:
    drawn = _settle(page, url)
    overlap = page.evaluate(OVERLAP_JS)
    scale = page.evaluate("() => govkg.network.getScale()")
    print(f"\n{name}: {drawn['nodes']} nodes, {drawn['edges']} edges, label overlap {overlap['share']:.2%} "
          f"of {overlap['labels']} labels, settled in {drawn['ms']:.0f} ms, labels {22 * scale:.1f} px on screen")
    assert 0 < drawn["nodes"] <= MAX_NODES
    assert overlap["labels"] >= drawn["nodes"] * 0.9
    assert overlap["share"] <= MAX_OVERLAP


def test_default_view_of_the_bundled_corpus_is_small_and_readable(corpus, page):
    _check_readable(page, f"{corpus}/network", "bundled corpus")
    assert page.evaluate("() => govkg.edges.get().filter(e => e.kind === 'relation').length") > 0


def test_the_overlap_measure_sees_labels_drawn_on_one_another(corpus, page):
    _settle(page, f"{corpus}/network")
    page.evaluate("() => { govkg.nodes.getIds().forEach(id => govkg.network.moveNode(id, 0, 0)); govkg.network.redraw(); }")
    assert page.evaluate(OVERLAP_JS)["share"] > 0.5


def test_default_view_of_a_100_article_law_is_small_and_readable(law, page):
    _check_readable(page, f"{law}/network", LAW_100.name)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_colour_ring_and_edge_style_drawn_is_in_the_legend(corpus, page, lang):
    _settle(page, f"{corpus}/network?lang={lang}&minor=true")
    drawn, legend = page.evaluate(DRAWN_JS), page.evaluate(LEGEND_JS)
    assert drawn["rings"] and drawn["edges"]
    assert set(drawn["colours"]) <= set(legend["colours"])
    assert set(drawn["rings"]) <= set(legend["colours"])
    assert set(drawn["edges"]) - {"#c7c7c7 false"} <= set(legend["edges"])
    ring_colours = [c for c in page.evaluate("() => Object.values(JSON.parse(document.getElementById('page-data').textContent).gapColors)")]
    assert len(set(ring_colours)) <= 6   # five serious kinds and one grey for the rest
    texts = page.locator("#legend").inner_text()
    assert ("监督检查" in texts) == (lang == "zh") and ("supervises" in texts) == (lang == "en")


def test_the_norm_view_legend_names_every_colour_drawn(corpus, page):
    _settle(page, f"{corpus}/network?view=norms&actor=居民委员会")
    drawn, legend = page.evaluate(DRAWN_JS), page.evaluate(LEGEND_JS)
    assert {e.split(" ")[0] for e in drawn["edges"]} <= set(legend["colours"])


def test_clicking_an_edge_shows_its_clause_and_an_actor_adds_its_partners(corpus, page):
    _settle(page, f"{corpus}/network?actor=居民委员会&limit=5")
    before = page.evaluate("() => govkg.nodes.length")
    point = page.evaluate("""() => {
        const edge = govkg.edges.get({filter: e => e.kind === 'relation'})[0];
        const at = govkg.network.getPositions([edge.from, edge.to]);
        const mid = {x: (at[edge.from].x + at[edge.to].x) / 2, y: (at[edge.from].y + at[edge.to].y) / 2};
        const dom = govkg.network.canvasToDOM(mid), box = document.querySelector('#network canvas').getBoundingClientRect();
        return {x: box.left + dom.x, y: box.top + dom.y};
    }""")
    page.mouse.click(point["x"], point["y"])
    page.locator("#details .provision-text").first.wait_for(timeout=10_000)
    assert page.locator("#details .provision-text").first.inner_text().strip()
    node = page.evaluate("""() => {
        const n = govkg.nodes.get({filter: n => n.kind === 'actor' && n.actor !== '居民委员会'})[0];
        const dom = govkg.network.canvasToDOM(govkg.network.getPositions([n.id])[n.id]);
        const box = document.querySelector('#network canvas').getBoundingClientRect();
        return {x: box.left + dom.x, y: box.top + dom.y};
    }""")
    page.mouse.click(node["x"], node["y"])
    page.wait_for_function("window.govkg.expanded >= 1", timeout=15_000)
    assert page.evaluate("() => govkg.nodes.length") >= before


def test_five_hundred_actors_settle_within_three_seconds(crowd, page):
    drawn = _settle(page, f"{crowd}/network?limit=500")
    print(f"\n500 actors: {drawn['nodes']} nodes, {drawn['edges']} edges, settled in {drawn['ms']:.0f} ms")
    assert drawn["nodes"] >= 500 and drawn["edges"] >= 900
    assert drawn["ms"] <= MAX_SETTLE_MS
