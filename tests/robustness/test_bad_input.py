"""Bad input through ``govkg extract``, ``govkg ingest`` and ``POST /documents``: each bad file
gets one clear line (or a 4xx with a one-line JSON error), never a traceback, and the store keeps
exactly what it held before."""
from __future__ import annotations

import re
import time

import pytest
from fastapi.testclient import TestClient

from govkg.api.app import create_app
from govkg.api.settings import Settings
from govkg.ingest.extract import extract_path
from govkg.kg.oxigraph_store import OxigraphStore
from tests.robustness.badfiles import (
    GOOD_EN,
    GOOD_ZH,
    NO_PROVISIONS,
    make_bad_files,
    make_encoded_files,
)
from tests.robustness.helpers import (
    TOKEN,
    dump_quads,
    figure,
    govkg,
    no_traceback,
    store_quads,
)

REFUSED = ["empty.txt", "blank.md", "binary.txt", "random.txt", "truncated.pdf", "encrypted.pdf",
           "corrupt.docx", "bomb.docx", "nested.html", "huge.txt", "law_mixed.txt"]
READ = ["law_gbk.txt", "law_gb18030.txt", "law_utf16.txt"]


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad")
    files = make_bad_files(folder)
    files.update(make_encoded_files(folder))
    return files


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    folder = tmp_path_factory.mktemp("good")
    (folder / "property_rules.txt").write_text(GOOD_ZH, encoding="utf-8")
    (folder / "breach_rules.txt").write_text(GOOD_EN, encoding="utf-8")
    return folder


def _error_lines(stderr: str) -> dict[str, str]:
    """The stderr lines of ``govkg extract``/``ingest``, keyed by the file name they name."""
    lines = {}
    for line in stderr.splitlines():
        for name in REFUSED:
            if name in line:
                lines[name] = line
    return lines


def test_extract_gives_one_line_per_bad_file_and_still_reads_the_good(bad, good):
    files = [bad[name] for name in REFUSED + READ] + [good / "property_rules.txt"]
    started = time.monotonic()
    result = govkg("extract", *files)
    elapsed = time.monotonic() - started
    figure(f"govkg extract on {len(files)} files ({len(REFUSED)} refused) took {elapsed:.1f} s: "
           + " | ".join(line.strip() for line in result.stderr.splitlines() if line.strip()))
    assert elapsed < 60
    assert result.returncode == 1
    assert no_traceback(result.stderr), result.stderr
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == len(REFUSED), result.stderr          # one line each, nothing else
    assert set(_error_lines(result.stderr)) == set(REFUSED)
    assert all(line.startswith("error: ") for line in errors)
    docs = [line.split('"doc": "')[1].split('"')[0] for line in result.stdout.splitlines()]
    for name in ("law_gbk", "law_gb18030", "law_utf16", "property_rules"):
        assert docs.count(name) == 2, (name, result.stdout)     # 应当 + 不得 of GOOD_ZH


def test_reasons_name_what_is_wrong(bad):
    expected = {"empty.txt": "empty", "binary.txt": "binary", "random.txt": "binary",
                "truncated.pdf": "corrupt PDF", "encrypted.pdf": "encrypted", "corrupt.docx": "corrupt docx",
                "bomb.docx": "zip bomb", "nested.html": "nested deeper", "huge.txt": "too large",
                "law_mixed.txt": "undecodable"}
    for name, reason in expected.items():
        with pytest.raises(Exception) as caught:
            extract_path(bad[name])
        assert type(caught.value).__name__ == "ReadError"
        message = str(caught.value)
        assert "\n" not in message and name in message and reason in message, message


def test_huge_text_is_refused_by_size_before_reading(bad):
    started = time.monotonic()
    with pytest.raises(Exception, match="too large"):
        extract_path(bad["huge.txt"])
    elapsed = time.monotonic() - started
    figure(f"100 MB text refused by extract_path in {1000 * elapsed:.1f} ms")
    assert elapsed < 1.0


def test_wrong_encodings_read_as_the_utf8_original(bad, tmp_path):
    original = tmp_path / "law.txt"
    original.write_text(GOOD_ZH, encoding="utf-8")
    expected = [(n.actor, n.modality, n.action) for n in extract_path(original).norms]
    assert expected
    for name in READ:
        document = extract_path(bad[name])
        assert document.text.strip() == GOOD_ZH.strip()
        assert [(n.actor, n.modality, n.action) for n in document.norms] == expected


@pytest.mark.parametrize("name", ["law_latin1.txt", "law_latin1_as_utf8.html"])
def test_latin1_is_not_mistaken_for_gb18030(bad, name):
    document = extract_path(bad[name])
    assert "préalable écrite" in document.text
    assert not any("\u3400" <= ch <= "\u9fff" for ch in document.text)


def test_ingest_skips_bad_files_and_keeps_the_store(bad, good, tmp_path):
    store = tmp_path / "store"
    first = govkg("ingest", good, "--store", store)
    assert first.returncode == 0, first.stderr
    before = dump_quads(store)
    assert len(before) > 50
    result = govkg("ingest", *(bad[name] for name in REFUSED), "--store", store)
    assert result.returncode == 1
    assert no_traceback(result.stderr), result.stderr
    assert set(_error_lines(result.stderr)) == set(REFUSED)
    assert f"ingested 0 of {len(REFUSED)} files" in result.stderr
    assert dump_quads(store) == before


def test_ingest_of_a_text_without_provisions_stores_it_with_no_norms(good, tmp_path):
    store = tmp_path / "store"
    assert govkg("ingest", good, "--store", store).returncode == 0
    before = dump_quads(store)
    (tmp_path / "weather.txt").write_text(NO_PROVISIONS, encoding="utf-8")
    result = govkg("ingest", tmp_path / "weather.txt", "--store", store)
    assert result.returncode == 0 and no_traceback(result.stderr)
    assert re.search(r"^weather\s+0 norms", result.stdout, re.M), result.stdout
    after = dump_quads(store)
    assert before <= after                            # nothing held before was lost
    added = after - before
    assert all("weather" in quad or "/meta" in quad for quad in added), sorted(added)[:5]


# ---- POST /documents ---------------------------------------------------------------------------
@pytest.fixture
def client(tmp_path, good):
    store = OxigraphStore(tmp_path / "store")
    app = create_app(Settings(store=str(tmp_path / "store"), write_token=TOKEN), store=store)
    with TestClient(app) as http:
        http.headers["Authorization"] = f"Bearer {TOKEN}"
        answer = http.post("/documents", files={"file": ("property_rules.txt", GOOD_ZH.encode(), "text/plain")})
        assert answer.status_code == 201, answer.text
        yield http, store
    store.close()


def test_upload_of_each_bad_file_is_a_clear_4xx_and_changes_nothing(client, bad):
    http, store = client
    before = store_quads(store)
    for name in REFUSED:
        data = bad[name].read_bytes()
        started = time.monotonic()
        answer = http.post("/documents", files={"file": (name, data, "application/octet-stream")})
        figure(f"POST /documents {name}: {answer.status_code} in {time.monotonic() - started:.2f} s")
        assert 400 <= answer.status_code < 500, (name, answer.status_code, answer.text[:200])
        message = answer.json().get("error") or answer.json().get("detail")
        assert isinstance(message, str) and "\n" not in message and "Traceback" not in message, (name, message)
        expected = 413 if name == "huge.txt" else 422
        assert answer.status_code == expected, (name, answer.status_code, message)
    assert store_quads(store) == before


def test_upload_of_gbk_and_utf16_laws_stores_their_norms(client, bad):
    http, _ = client
    for name in READ:
        answer = http.post("/documents", files={"file": (name, bad[name].read_bytes(), "text/plain")})
        assert answer.status_code == 201, answer.text
        assert answer.json()["norms"] == 2
        norms = http.get("/norms", params={"doc": name.removesuffix(".txt")}).json()
        assert {n["modality"] for n in _items(norms)} == {"obligation", "prohibition"}


def _items(payload):
    return payload if isinstance(payload, list) else payload.get("norms") or payload.get("items") or []
