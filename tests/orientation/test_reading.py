"""Reading CV files: every layout of the fictional CVs, and hostile or broken files refused cleanly."""

from __future__ import annotations

import io
import struct
import time
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regia.errors import InputError
from regia.orientation.reading import detect_kind, read_cv, read_docx
from regia.orientation.sandbox import run_bounded
from regia.text import fold

KINDS = {".pdf": "pdf", ".docx": "docx", ".txt": "text"}


def _first_job(source: dict) -> str:
    if source.get("experiences"):
        return source["experiences"][0]["title"]
    return next(line for line in source["raw"].splitlines() if "20" in line).split()[-1]


def test_every_fixture_is_read_by_content(cv_cases):
    for path, source in cv_cases:
        if source["layout"] == "pdf-scan":
            continue  # OCR: see test_scanned_pdf_is_read_by_ocr
        doc = read_cv(path.read_bytes())
        assert doc.kind == KINDS[path.suffix], path.name
        assert not doc.ocr
        assert fold(_first_job(source)) in fold(doc.text), path.name


def test_sidebar_columns_are_not_interleaved(cv_dir):
    doc = read_cv((cv_dir / "aide-soignante-sidebar.pdf").read_bytes())
    lines = doc.text.splitlines()
    # the sidebar (skills) and the main column (jobs) never share a line
    assert not any("escarres" in line and "EHPAD" in line for line in lines)
    # the main column comes first: name and title open the text
    assert lines[0] == "Sandrine Lebreton"
    assert "Aide-soignante diplômée d'État" in lines[:3]
    # a job's title, employer and dates stay together
    job = lines.index("EHPAD Les Tilleuls, Avrillé")
    assert lines[job - 1] == "Aide-soignante" and lines[job + 1].startswith("Mars 2019")


def test_dates_margin_stays_with_its_rows(cv_dir):
    text = read_cv((cv_dir / "cuisinier-dates.pdf").read_bytes()).text
    assert "2013 – 2016\tCommis de cuisine, Restaurant Le Passage, Villeurbanne" in text.splitlines()


def test_word_table_layout_reads_main_cell_first(cv_dir):
    lines = read_cv((cv_dir / "developpeuse-reconversion-table.docx").read_bytes()).text.splitlines()
    assert lines[0] == "Développeuse web junior en reconversion"
    assert "Léa Fontaine" in lines  # the sidebar cell follows


@pytest.mark.slow
def test_scanned_pdf_is_read_by_ocr(cv_dir):
    doc = read_cv((cv_dir / "electricien-scan.pdf").read_bytes())
    assert doc.kind == "pdf" and doc.ocr
    folded = fold(doc.text)
    for phrase in ("electricien du batiment", "bretagne elec", "cap electricien", "2016"):
        assert phrase in folded


def test_type_comes_from_content_not_name(cv_dir):
    pdf = (cv_dir / "comptable-modern.pdf").read_bytes()
    docx = (cv_dir / "macon-table.docx").read_bytes()
    assert detect_kind(pdf) == "pdf" and detect_kind(docx) == "docx"
    assert detect_kind("Jean Dupont\nMaçon".encode()) == "text"


def _refused(data: bytes, *words: str) -> str:
    started = time.monotonic()
    with pytest.raises(InputError) as info:
        read_cv(data)
    assert time.monotonic() - started < 20
    assert info.value.field == "file"
    for word in words:
        assert word in info.value.message.lower(), info.value.message
    return info.value.message


def test_empty_oversized_and_binary_files_are_refused():
    _refused(b"", "vide")
    _refused(b"   \n ", "vide")
    _refused(b"x" * (5 * 1024 * 1024 + 1), "dépasse")
    _refused(bytes(range(256)) * 40, "non reconnu")
    _refused(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "non pris en charge")
    _refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".doc")
    _refused(b"Bonjour", "aucun texte")


def test_encrypted_pdf_is_refused(cv_dir):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(cv_dir / "comptable-modern.pdf").pages:
        writer.add_page(page)
    writer.encrypt("motdepasse")
    out = io.BytesIO()
    writer.write(out)
    _refused(out.getvalue(), "mot de passe")


def test_corrupt_pdf_and_docx_are_refused(cv_dir):
    _refused(b"%PDF-1.7\n" + bytes(range(256)) * 50, "pdf")
    docx = (cv_dir / "macon-table.docx").read_bytes()
    _refused(docx[: len(docx) // 2], "corrompu")
    other_zip = io.BytesIO()
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("photo.txt", "vacances")
    _refused(other_zip.getvalue(), "docx")


def test_docx_zip_bomb_is_refused_quickly():
    bomb = io.BytesIO()
    with (
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w", force_zip64=True) as part,
    ):
        part.write(b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>')
        block = b"a" * (1 << 20)
        for _ in range(200):  # 200 MB once decompressed
            part.write(block)
        part.write(b"</w:t></w:r></w:p></w:body></w:document>")
    assert len(bomb.getvalue()) < 1024 * 1024
    _refused(bomb.getvalue(), "volumineux")


def test_docx_entity_expansion_is_refused():
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", laughs)
    _refused(out.getvalue(), "interdites")


def _pdf(objects: list[bytes]) -> bytes:
    """A minimal PDF from numbered object bodies, with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_deeply_nested_pdf_is_refused_in_bounded_time():
    nested = b"[" * 200_000 + b"]" * 200_000
    data = _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Deep " + nested + b" >>",
            b"<< /Length 22 >>\nstream\nq q q q Q Q Q Q\nendstream",
        ]
    )
    _refused(data)


def test_sandbox_bounds_time_and_memory():
    started = time.monotonic()
    with pytest.raises(InputError, match="trop long"):
        run_bounded(time.sleep, 30, timeout_s=1, memory_mb=64)
    assert time.monotonic() - started < 5
    with pytest.raises(InputError, match="mémoire"):
        run_bounded(bytearray, 2 * 1024**3, timeout_s=10, memory_mb=256)
    assert run_bounded(sum, [1, 2, 3], timeout_s=5, memory_mb=64) == 6


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_any_bytes_are_read_or_refused_cleanly(data):
    for payload in (data, b"%PDF-1.4\n" + data, b"PK\x03\x04" + data):
        try:
            doc = read_cv(payload)
        except InputError as exc:
            assert exc.field == "file" and exc.message
        else:
            assert doc.text


def test_docx_with_an_unknown_compression_method_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    data = bytearray(buffer.getvalue())
    data[8:10] = struct.pack("<H", 99)  # method of the local header
    central = data.rfind(b"PK\x01\x02")
    data[central + 10 : central + 12] = struct.pack("<H", 99)  # and of the central directory
    with pytest.raises(InputError, match="corrompu"):
        read_docx(bytes(data))
