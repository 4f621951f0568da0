"""Readers: bytes of a .txt/.md/.html/.docx/.pdf/Akoma Ntoso .xml file to one text, or a one-line ReadError.

Formats are recognised from the bytes (``%PDF``, a zip with ``word/document.xml``, an HTML
root) before the file extension; text encodings from a BOM, UTF-16 byte patterns, strict
UTF-8, then GB18030 and charset-normalizer.
"""
from __future__ import annotations

import hashlib
import io
import logging
import re
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from govkg.ingest import akn
from govkg.ontology.errors import ExtractionError, ReadError


@dataclass(frozen=True)
class Limits:
    """What one source may cost before it is refused (the service sets these from GOVKG_*)."""

    max_bytes: int = 50 * 1024 * 1024       # size of the file as stored
    max_unzipped: int = 200 * 1024 * 1024   # a .docx unpacked
    max_zip_ratio: int = 200                # unpacked / packed size of a .docx (zip bomb guard)
    max_html_depth: int = 256               # nesting of HTML elements
    max_seconds: float = 300.0              # extraction time of one document
    max_provisions: int = 20_000            # non-blank lines of one document (each may start a provision)
    max_provision_chars: int = 200_000      # longest line of one document


DEFAULT_LIMITS = Limits()
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd\ue000-\uf8ff]")
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


@dataclass(frozen=True)
class Source:
    """The text of one file, as read."""

    text: str
    media_type: str
    encoding: str
    sha256: str
    parts: tuple = ()              # the provisions as the format publishes them (Akoma Ntoso), else none


def read_source(path: Path | str, *, limits: Limits = DEFAULT_LIMITS) -> Source:
    """Read ``path`` as text; ReadError names the file and the reason in one line."""
    path = Path(path)
    limit = limits.max_bytes
    try:
        size = path.stat().st_size
        if size > limit:
            raise ReadError(f"{path.name}: too large ({size} bytes, limit {limit})")
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"{path.name}: cannot read ({exc.strerror or exc})") from exc
    try:
        return read_bytes(data, path.suffix.lower(), limits=limits)
    except ReadError as exc:
        raise ReadError(f"{path.name}: {exc}") from exc.__cause__
    except ExtractionError as exc:
        raise ExtractionError(f"{path.name}: {exc}") from exc.__cause__


def read_bytes(data: bytes, suffix: str = "", *, limits: Limits = DEFAULT_LIMITS) -> Source:
    """Recognise the format of ``data`` and return its text (messages without file name)."""
    if not data.strip():
        raise ReadError("empty file")
    digest = hashlib.sha256(data).hexdigest()
    if data.startswith(b"%PDF") or suffix == ".pdf":
        return Source(_check_text(read_pdf(data)), "application/pdf", "pdf", digest)
    if data.startswith(b"PK\x03\x04") or suffix == ".docx":
        media = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        return Source(_check_text(read_docx(data, limits)), media, "docx", digest)
    if akn.looks_like_akn(data) or suffix == ".xml":
        return read_akn(data, digest)
    text, encoding = decode(data)
    if suffix in (".html", ".htm", ".xhtml") or re.match(r"\s*(<!doctype html|<html)", text[:200], re.I):
        return Source(_check_text(html_text(text, limits.max_html_depth)), "text/html", encoding, digest)
    media = "text/markdown" if suffix == ".md" else "text/plain"
    return Source(_check_text(text), media, encoding, digest)


def read_akn(data: bytes, digest: str) -> Source:
    """An Akoma Ntoso document: its rendered text and the provisions it publishes. XML in no
    Akoma Ntoso namespace, or not well-formed, is an ExtractionError that says which."""
    if not akn.looks_like_akn(data):
        raise ExtractionError("XML file that is not Akoma Ntoso (no LegalDocML namespace): "
                              "save the law as text, HTML or Akoma Ntoso")
    parsed = akn.parse(data)
    return Source(_check_text(parsed.text), akn.MEDIA_TYPE, "utf-8", digest, tuple(parsed.parts))


def decode(data: bytes) -> tuple[str, str]:
    """Decode text bytes: BOM, UTF-16 without BOM, UTF-8, GB18030, then charset-normalizer."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data, codec), codec.replace("-sig", "")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16), utf16
    if b"\x00" in data:
        raise ReadError("binary content (NUL bytes), not text")
    for codec in ("utf-8", "gb18030"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if codec == "utf-8" or not _latin_read_as_gb18030(text):
            return text, codec
    from charset_normalizer import from_bytes
    best = from_bytes(data).best()
    if best is None:
        raise ReadError("undecodable bytes: no text encoding fits")
    return str(best), best.encoding


_LATIN_MOJIBAKE = re.compile(r"[A-Za-z][\u3400-\u9fff][A-Za-z]")
"""Latin-1/cp1252 bytes read as GB18030 glue an accented letter and the next into one Chinese
character inside a Latin word ('pr\u95cdlable'); such a text is left to charset-normalizer."""


def _latin_read_as_gb18030(text: str) -> bool:
    """A Latin text (few Chinese characters, one glued inside a Latin word) decoded as GB18030."""
    if not _LATIN_MOJIBAKE.search(text):
        return False
    cjk = sum(1 for ch in text if "\u3400" <= ch <= "\u9fff")
    return cjk < 0.2 * sum(1 for ch in text if ch.isascii() and ch.isalpha())


_PLAIN = re.compile(r"[\t\n\r\x20-\x7e\u00a0-\u024f\u2000-\u206f\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: NUL bytes, and one byte order decodes to plain text."""
    sample = data[:4000]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    best, best_share = None, 0.0
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = sample[: len(sample) // 2 * 2].decode(codec)
        except UnicodeDecodeError:
            continue
        share = len(_PLAIN.findall(text)) / max(1, len(text))
        if share > best_share:
            best, best_share = codec, share
    return best if best_share >= 0.9 else None


def _strict(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise ReadError(f"undecodable bytes for {codec} at byte {exc.start}") from exc


def _check_text(text: str) -> str:
    """Refuse texts that are empty or mostly control characters (binary read as text)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise ReadError("no text in file")
    sample = text[:20000]
    if len(_CONTROL.findall(sample)) > max(3, 0.01 * len(sample)):
        raise ReadError("binary content, not text")
    return text


def read_pdf(data: bytes) -> str:
    """The text layer of a PDF; encrypted or broken files are ReadErrors."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError
    logging.getLogger("pypdf").setLevel(logging.ERROR)   # its warnings ("EOF marker not found") are not ours to print
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opens_without_password(reader):
            raise ReadError("encrypted PDF (needs a password)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReadError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, AttributeError) as exc:
        raise ReadError(f"corrupt PDF ({type(exc).__name__})") from exc
    except Exception as exc:  # pypdf raises assorted errors on truncated files
        raise ReadError(f"corrupt PDF ({type(exc).__name__})") from exc
    text = "\n\n".join(pages)
    if not text.strip():
        raise ReadError("PDF has no text layer")
    return text


def _opens_without_password(reader) -> bool:
    """Whether an encrypted PDF opens with the empty user password; an AES file that pypdf
    cannot even try (no crypto library) counts as locked, not as corrupt."""
    from pypdf.errors import DependencyError
    try:
        return bool(reader.decrypt(""))
    except DependencyError:
        return False


def read_docx(data: bytes, limits: Limits = DEFAULT_LIMITS) -> str:
    """Paragraph texts of a .docx; sizes are checked before anything is unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            total = sum(info.file_size for info in infos)
            packed = sum(info.compress_size for info in infos) or 1
            if total > limits.max_unzipped or total / packed > limits.max_zip_ratio:
                raise ReadError(f"refused: docx unpacks to {total} bytes (zip bomb guard)")
            if "word/document.xml" not in archive.namelist():
                raise ReadError("not a Word document (no word/document.xml)")
    except zipfile.BadZipFile as exc:
        raise ReadError("corrupt docx (bad zip)") from exc
    import docx
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx lets lxml/zip/key errors through
        raise ReadError(f"corrupt docx ({type(exc).__name__})") from exc
    return "\n\n".join(p.text for p in document.paragraphs if p.text.strip())


class _TextParser(HTMLParser):
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
             "article", "title", "pre", "blockquote", "table", "ul", "ol", "dd", "dt"}
    SKIP = {"script", "style", "head", "noscript", "template"}
    VOID = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr"}

    def __init__(self, max_depth: int) -> None:
        super().__init__(convert_charrefs=True)
        self.max_depth = max_depth
        self.parts: list[str] = []
        self.depth = 0
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            if tag == "br":
                self.parts.append("\n")
            return
        self.depth += 1
        if self.depth > self.max_depth:
            raise ReadError(f"HTML nested deeper than {self.max_depth} elements")
        if tag in self.SKIP:
            self.skipping += 1
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        self.depth = max(0, self.depth - 1)
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))


def html_text(markup: str, max_depth: int = DEFAULT_LIMITS.max_html_depth) -> str:
    """Visible text of an HTML page, one block per paragraph."""
    parser = _TextParser(max_depth)
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    lines = (line.strip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
