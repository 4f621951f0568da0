"""Bad source files, made on the spot: each one a thing legal staff may really feed govkg.

``make_bad_files(folder)`` writes them and returns ``{name: path}``; ``GOOD_ZH`` / ``GOOD_EN``
are small laws that must still be read after the bad ones were refused.
"""
from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

GOOD_ZH = ("第一条 为了规范物业管理，制定本条例。\n\n"
           "第二条 业主委员会应当执行业主大会的决定。\n\n"
           "第三条 物业服务企业不得擅自改变共用部位的用途。\n")
GOOD_EN = ("Article 1\n\nThe controller shall notify the supervisory authority of a personal data breach.\n\n"
           "Article 2\n\nThe processor shall not engage another processor without authorisation.\n")
SCRIPT_ZH = ("第一条 <script>alert(1)</script>委员会应当公开<img src=x onerror=alert(2)>账目。\n\n"
             "第二条 \"><b>街道办事处</b>应当监督src=https://example.org/x.js的执行。\n")
NO_PROVISIONS = "The weather was pleasant and the river ran quietly past the old mill.\n"
HUGE_BYTES = 100 * 1024 * 1024


def pdf_with_text(text: str) -> bytes:
    """A one-page PDF whose text layer is ``text`` (ASCII), written by hand: no PDF library
    here can add text, and a hand-made file keeps every byte under the test's control."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_with_text("Article 1 The controller shall act."))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx_bytes(paragraphs: list[str]) -> bytes:
    import docx
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def corrupt_docx() -> bytes:
    """A real .docx with its central directory cut off and its middle overwritten."""
    data = bytearray(docx_bytes(["第一条 业主委员会应当执行业主大会的决定。"]))
    middle = len(data) // 2
    data[middle:middle + 512] = bytes(512)
    return bytes(data[: len(data) - 200])


def zip_bomb_docx(unpacked: int = 64 * 1024 * 1024) -> bytes:
    """A .docx whose word/document.xml inflates ~1000-fold to ``unpacked`` bytes."""
    buffer = io.BytesIO()
    chunk = b" " * (1024 * 1024)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(b"<w:document>")
            for _ in range(unpacked // len(chunk)):
                member.write(chunk)
            member.write(b"</w:document>")
    return buffer.getvalue()


def nested_html(depth: int = 100_000) -> bytes:
    return (b"<!doctype html><html><body>" + b"<div>" * depth + "第一条 居民委员会应当公开账目。".encode()
            + b"</div>" * depth + b"</body></html>")


def write_huge_text(path: Path, size: int = HUGE_BYTES) -> Path:
    """A ``size``-byte text of real Chinese provisions (written, not sparse)."""
    block = (GOOD_ZH * 200).encode("utf-8")
    with path.open("wb") as out:
        written = 0
        while written < size:
            piece = block[: size - written]
            out.write(piece)
            written += len(piece)
    return path


def make_bad_files(folder: Path, *, huge: bool = True) -> dict[str, Path]:
    """Write every bad input into ``folder``; ``huge=False`` leaves out the 100 MB text."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    contents: dict[str, bytes] = {
        "empty.txt": b"",
        "blank.md": b" \n\t\n  \n",
        "binary.txt": bytes(range(256)) * 256,
        "random.txt": bytes(rng.getrandbits(8) for _ in range(64 * 1024)),
        "truncated.pdf": pdf_with_text("Article 1 The controller shall act.")[:180],
        "encrypted.pdf": encrypted_pdf(),
        "corrupt.docx": corrupt_docx(),
        "bomb.docx": zip_bomb_docx(),
        "nested.html": nested_html(),
        "no_provisions.txt": NO_PROVISIONS.encode(),
    }
    paths = {}
    for name, data in contents.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    if huge:
        paths["huge.txt"] = write_huge_text(folder / "huge.txt")
    return paths


def make_encoded_files(folder: Path) -> dict[str, Path]:
    """The same small laws in the encodings old office systems write."""
    folder.mkdir(parents=True, exist_ok=True)
    latin = GOOD_EN.replace("authorisation", "autorisation préalable écrite")
    contents = {
        "law_gbk.txt": GOOD_ZH.encode("gbk"),
        "law_gb18030.txt": GOOD_ZH.encode("gb18030"),
        "law_utf16.txt": GOOD_ZH.encode("utf-16"),          # with BOM
        "law_latin1.txt": latin.encode("latin-1"),
        "law_latin1_as_utf8.html": (b'<!doctype html><html><head><meta charset="utf-8"></head><body><p>'
                                    + latin.replace("\n\n", "</p><p>").encode("latin-1") + b"</p></body></html>"),
        "law_mixed.txt": GOOD_ZH.encode("utf-8") + GOOD_ZH.encode("gbk"),
    }
    paths = {}
    for name, data in contents.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    return paths
