"""Reading a CV file into plain text: PDF (text layer, or OCR when scanned), DOCX, plain text.

The type comes from the content, never from the file name. PDF and DOCX are parsed in a sandboxed child
process (bounded time and memory); nothing is written to disk, OCR included (tesseract reads the page
image on its standard input).
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import unicodedata
import zipfile
from dataclasses import dataclass

import pypdfium2 as pdfium
from lxml import etree
from PIL import Image, PngImagePlugin  # noqa: F401  (loaded before any fork: the readers run in a child)

from regia.config import get_settings
from regia.errors import InputError
from regia.orientation.layout import Segment, page_lines
from regia.orientation.sandbox import run_bounded
from regia.text.normalize import strip_html

MAX_PAGES = 8  # a CV has one to three pages; more pages are ignored
OCR_MAX_PAGES = 3
OCR_DPI = 300
OCR_MAX_PIXELS = 4000  # longest side of a rendered page, whatever its declared size
MIN_PAGE_CHARS = 40  # below this, a page is taken for a scan
MAX_XML_BYTES = 8 * 1024 * 1024  # one decompressed DOCX part
# what Python's zipfile decompresses (Word writes deflate); any other method is refused up front
READABLE_COMPRESSIONS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
MAX_ZIP_ENTRIES = 2000

_OTHER_FORMATS = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF", b"{\\rtf", b"\x1f\x8b", b"7z", b"Rar!")
SUPPORTED = "envoyez un PDF, un document Word .docx ou un fichier texte"


@dataclass(frozen=True)
class Document:
    text: str
    kind: str  # "pdf", "docx" or "text"
    pages: int
    ocr: bool


def detect_kind(data: bytes) -> str:
    """The type of a file ("pdf", "docx" or "text") from its bytes; InputError for anything else."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise InputError(
            "Document Word ancien (.doc) ou protégé par un mot de passe : enregistrez-le en .docx "
            "sans mot de passe, ou en PDF.",
            "file",
        )
    if data.startswith(_OTHER_FORMATS):
        raise InputError(f"Format de fichier non pris en charge : {SUPPORTED}.", "file")
    return "text"


def read_cv(data: bytes) -> Document:
    """The text of a CV file, read safely; InputError (naming the field "file") when it cannot be."""
    settings = get_settings()
    if not data or not data.strip():
        raise InputError("Le fichier du CV est vide.", "file")
    if len(data) > settings.max_upload_bytes:
        raise InputError(
            f"Le fichier du CV dépasse {settings.max_upload_bytes // (1024 * 1024)} Mo : "
            "envoyez une version plus légère (PDF sans images, par exemple).",
            "file",
        )
    kind = detect_kind(data)
    if kind == "text":
        text = decode_text(data)
        if re.match(r"\s*<(!doctype html|html|body)\b", text[:200], re.IGNORECASE):
            text = strip_html(text)
        return _checked(Document(clean(text), "text", 1, False))
    if kind == "docx":
        text = run_bounded(read_docx, data, timeout_s=10, memory_mb=512, what="Le document Word")
        return _checked(Document(text, "docx", 1, False))
    texts, scanned = run_bounded(read_pdf_layer, data, timeout_s=10, memory_mb=512, what="Le PDF")
    if scanned:
        ocr_texts = run_bounded(ocr_pdf_pages, data, scanned, timeout_s=120, memory_mb=1024, what="Le PDF")
        texts = [ocr_texts.get(i, t) for i, t in enumerate(texts)]
    return _checked(Document("\n".join(texts).strip(), "pdf", len(texts), bool(scanned)))


def _checked(doc: Document) -> Document:
    if sum(c.isalpha() for c in doc.text) < 20:
        raise InputError(
            "Aucun texte lisible dans ce CV (document vide, image illisible ou protégé).", "file"
        )
    return doc


def clean(text: str) -> str:
    """Unicode compatibility forms folded (ligatures, non-breaking spaces), line ends unified."""
    text = unicodedata.normalize("NFKC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = (line.rstrip() for line in text.replace("\f", "\n").split("\n"))
    return "\n".join(lines).strip()


# --- plain text ------------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """Text of a plain-text file (UTF-8, UTF-16 with BOM, or Windows-1252); refuses binary data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if "\x00" in text or controls > 0.01 * len(text) or text.count("\ufffd") > 0.01 * len(text):
        raise InputError(f"Format de fichier non reconnu : {SUPPORTED}.", "file")
    return text


# --- PDF -------------------------------------------------------------------------------------


def _open_pdf(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError(
                "Ce PDF est protégé par un mot de passe : enregistrez-le sans protection.", "file"
            ) from None
        raise InputError("Ce PDF est corrompu ou illisible : exportez-le de nouveau.", "file") from None


def read_pdf_layer(data: bytes) -> tuple[list[str], list[int]]:
    """Text of each page from the PDF's text layer, and the pages that look scanned (no text)."""
    pdf = _open_pdf(data)
    if len(pdf) == 0:
        raise InputError("Ce PDF n'a aucune page.", "file")
    texts, scanned = [], []
    for index in range(min(len(pdf), MAX_PAGES)):
        page = pdf[index]
        width = page.get_width()
        text = clean("\n".join(page_lines(_pdf_segments(page.get_textpage()), width)))
        if sum(not c.isspace() for c in text) < MIN_PAGE_CHARS:
            scanned.append(index)
        texts.append(text)
    return texts, scanned


def _pdf_segments(textpage) -> list[Segment]:
    """Runs of characters on one line, split where PDFium breaks lines or the text jumps."""
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    one_to_one = len(text) == count
    segments: list[Segment] = []
    chars: list[str] = []
    box: list[float] = []  # left, bottom, right, top of the current run

    def flush() -> None:
        if box and "".join(chars).strip():
            segments.append(Segment(box[0], box[2], box[1], box[3], "".join(chars)))
        chars.clear()
        box.clear()

    for i in range(count):
        char = text[i] if one_to_one else textpage.get_text_range(i, 1)
        if char in "\r\n":
            flush()
            continue
        if char.isspace():
            if box:
                chars.append(" ")
            continue
        left, bottom, right, top = textpage.get_charbox(i)
        if box:
            height = max(box[3] - box[1], top - bottom, 1.0)
            jump = left - box[2] > 1.5 * height or left < box[0] - height
            if jump or min(top, box[3]) - max(bottom, box[1]) < -0.5 * height:
                flush()
        if box:
            box[:] = [min(box[0], left), min(box[1], bottom), max(box[2], right), max(box[3], top)]
        else:
            box.extend((left, bottom, right, top))
        chars.append(char)
    flush()
    return segments


def ocr_pdf_pages(data: bytes, indices: list[int]) -> dict[int, str]:
    """OCR (tesseract, French) of the given pages, read in layout order."""
    pdf = _open_pdf(data)
    out = {}
    for index in indices[:OCR_MAX_PAGES]:
        page = pdf[index]
        width, height = page.get_size()
        scale = min(OCR_DPI / 72, OCR_MAX_PIXELS / max(width, height, 1))
        image = page.render(scale=scale, grayscale=True).to_pil()
        out[index] = clean("\n".join(ocr_lines(image)))
    return out


def ocr_lines(image) -> list[str]:
    """Lines of a page image read by tesseract (French), in reading order."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", "fra", "--psm", "3", "tsv"],
            input=buffer.getvalue(),
            capture_output=True,
            timeout=90,
            env=env,
            check=False,
        )
    except FileNotFoundError:
        raise InputError(
            "Ce PDF est une image scannée et la reconnaissance de texte (tesseract) n'est pas installée.",
            "file",
        ) from None
    if done.returncode != 0:
        raise InputError("La reconnaissance du texte de ce PDF scanné a échoué.", "file")
    return page_lines(_ocr_segments(done.stdout.decode("utf-8", "replace"), image.height), image.width)


def _ocr_segments(tsv: str, page_height: int) -> list[Segment]:
    """Tesseract's words grouped by line into segments, in PDF-like coordinates (y upwards)."""
    lines: dict[tuple, list[tuple[int, int, int, int, str]]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or not cols[11].strip() or cols[0] != "5":
            continue
        key = (cols[1], cols[2], cols[3], cols[4])  # page, block, paragraph, line
        left, top, width, height = (int(c) for c in cols[6:10])
        lines.setdefault(key, []).append((left, top, width, height, cols[11]))
    segments = []
    for words in lines.values():
        x0 = min(w[0] for w in words)
        x1 = max(w[0] + w[2] for w in words)
        y0 = min(w[1] for w in words)
        y1 = max(w[1] + w[3] for w in words)
        text = " ".join(w[4] for w in words)
        segments.append(Segment(x0, x1, page_height - y1, page_height - y0, text))
    return segments


# --- DOCX ------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_P, _T, _TAB, _BR, _CR = _W + "p", _W + "t", _W + "tab", _W + "br", _W + "cr"
_TR, _TC, _TXBX = _W + "tr", _W + "tc", _W + "txbxContent"


def read_docx(data: bytes) -> str:
    """Text of a .docx: headers, then the body (paragraphs, tables, text boxes) in document order."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise InputError("Ce document Word est corrompu : enregistrez-le de nouveau.", "file") from None
    if len(infos) > MAX_ZIP_ENTRIES:
        raise InputError("Ce document Word contient trop de fichiers internes (archive piégée ?).", "file")
    if any(info.compress_type not in READABLE_COMPRESSIONS for info in infos):
        raise InputError("Ce document Word est corrompu : enregistrez-le de nouveau.", "file")
    names = {info.filename for info in infos}
    if "mimetype" in names and b"opendocument" in _bounded_part(archive, "mimetype", 100):
        raise InputError("Document OpenDocument (.odt) : enregistrez-le en .docx ou en PDF.", "file")
    if "word/document.xml" not in names:
        raise InputError(f"Cette archive zip n'est pas un document Word .docx : {SUPPORTED}.", "file")
    if any(info.flag_bits & 0x1 for info in infos):
        raise InputError("Ce document Word est chiffré : enregistrez-le sans mot de passe.", "file")
    headers = sorted(n for n in names if n.startswith("word/header") and n.endswith(".xml"))
    lines: list[str] = []
    for name in [*headers, "word/document.xml"]:
        lines.extend(_docx_lines(_bounded_part(archive, name)))
    return clean("\n".join(lines))


def _bounded_part(archive: zipfile.ZipFile, name: str, limit: int = MAX_XML_BYTES) -> bytes:
    try:
        with archive.open(name) as part:
            xml = part.read(limit + 1)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError):
        raise InputError("Ce document Word est corrompu : enregistrez-le de nouveau.", "file") from None
    if len(xml) > limit:
        raise InputError(
            "Ce document Word est anormalement volumineux une fois décompressé (archive piégée ?).", "file"
        )
    return xml


_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)


def _docx_lines(xml: bytes) -> list[str]:
    if b"<!DOCTYPE" in xml[:4096] or b"<!ENTITY" in xml[:4096]:
        raise InputError("Ce document Word contient des déclarations interdites (fichier piégé ?).", "file")
    try:
        root = etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError:
        raise InputError("Ce document Word est corrompu : enregistrez-le de nouveau.", "file") from None
    out: list[str] = []
    _walk(root, out)
    return out


def _walk(element, out: list[str]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag == _FALLBACK:
            continue
        if tag == _P:
            parts: list[str] = []
            nested: list[str] = []
            _runs(child, parts, nested)
            out.append("".join(parts))
            out.extend(nested)
        elif tag == _TR:
            _row(child, out)
        else:
            _walk(child, out)


def _row(row, out: list[str]) -> None:
    """A table row: cells of one line each make one tab-separated line, else cell after cell."""
    cells = []
    for cell in row.iterchildren(_TC):
        lines: list[str] = []
        _walk(cell, lines)
        cells.append([line for line in lines if line.strip()])
    if all(len(lines) <= 1 for lines in cells):
        out.append("\t".join(lines[0] for lines in cells if lines))
        return
    if all(len(lines) >= 4 for lines in cells):  # a page layout: the main column (most text) first
        cells.sort(key=lambda lines: -sum(map(len, lines)))
    for lines in cells:
        out.extend(lines)


def _runs(element, parts: list[str], nested: list[str]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag == _FALLBACK:
            continue
        if tag == _T:
            parts.append(child.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag in (_BR, _CR):
            parts.append("\n")
        elif tag == _TXBX:
            _walk(child, nested)
        else:
            _runs(child, parts, nested)
