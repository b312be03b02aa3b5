"""Render the fictional CVs (YAML sources written for Regia) into PDF, DOCX and text files.

Layouts, to exercise the reader the way real CVs do:
- ``pdf-classic``: one column (fpdf2), title then employer then dates, bullet lists;
- ``pdf-dates``: dates in a left margin facing each job (fpdf2);
- ``pdf-sidebar``: a coloured sidebar beside the main column, printed by Chromium from HTML;
- ``pdf-modern``: one column, dates right-aligned on the job's line, printed by Chromium;
- ``pdf-scan``: a classic CV rasterised to a grey image inside a PDF (no text layer: OCR);
- ``docx-classic``: Word headings and bullets; ``docx-table``: a two-column Word table;
- ``txt``: plain text; a source with ``raw`` text is written as it is (poorly written CVs).

Usage: ``python benchmarks/orientation/cvgen.py FOLDER...`` renders every ``*.yaml`` of the folders.
Needs the dev extras (fpdf2, playwright with Debian's chromium) and fonts-dejavu-core.
"""

from __future__ import annotations

import html
import io
import sys
from pathlib import Path

import yaml

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
CHROMIUM = "/usr/bin/chromium"
EXTENSIONS = {"pdf": "pdf", "docx": "docx", "txt": "txt"}


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def output_name(source: Path, cv: dict) -> Path:
    return source.with_suffix("." + EXTENSIONS[cv["layout"].split("-")[0]])


# --- plain text ------------------------------------------------------------------------------


def to_text(cv: dict) -> str:
    if cv.get("raw"):
        return cv["raw"]
    out = [cv["name"], cv.get("headline", ""), *cv.get("contact", []), ""]
    if cv.get("profile"):
        out += ["PROFIL", cv["profile"], ""]
    out.append("EXPÉRIENCES PROFESSIONNELLES")
    for job in cv.get("experiences", []):
        out.append(f"{job['dates']} : {job['title']} - {job['employer']}")
        out += [f"- {task}" for task in job.get("tasks", [])]
    out += ["", "FORMATION"]
    out += [f"{d['dates']} : {d['title']}" for d in cv.get("education", [])]
    for heading, key in (("COMPÉTENCES", "skills"), ("LANGUES", "languages"), ("DIVERS", "other")):
        if cv.get(key):
            out += ["", heading, *[f"- {item}" for item in cv[key]]]
    if cv.get("interests"):
        out += ["", "CENTRES D'INTÉRÊT", ", ".join(cv["interests"])]
    return "\n".join(out) + "\n"


# --- fpdf2 layouts ---------------------------------------------------------------------------


def _fpdf():
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_font("Sans", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("Sans", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.add_font("Sans", "I", str(FONT_DIR / "DejaVuSans-Oblique.ttf"))
    pdf.add_page()
    return pdf


def _fpdf_header(pdf, cv: dict) -> None:
    pdf.set_font("Sans", "B", 18)
    pdf.cell(0, 9, cv["name"], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Sans", "B", 12)
    pdf.cell(0, 7, cv.get("headline", ""), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Sans", "", 9)
    pdf.cell(0, 5, "  ·  ".join(cv.get("contact", [])), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def _fpdf_heading(pdf, text: str) -> None:
    pdf.ln(2)
    pdf.set_font("Sans", "B", 11)
    pdf.cell(0, 7, text.upper(), new_x="LMARGIN", new_y="NEXT", border="B")
    pdf.ln(1)
    pdf.set_font("Sans", "", 10)


def _fpdf_lines(pdf, items: list[str], bullet: str = "• ") -> None:
    pdf.set_font("Sans", "", 10)
    for item in items:
        pdf.multi_cell(0, 5, bullet + item, new_x="LMARGIN", new_y="NEXT")


def pdf_classic(cv: dict) -> bytes:
    pdf = _fpdf()
    _fpdf_header(pdf, cv)
    if cv.get("profile"):
        _fpdf_heading(pdf, "Profil")
        pdf.multi_cell(0, 5, cv["profile"], new_x="LMARGIN", new_y="NEXT")
    _fpdf_heading(pdf, "Expérience professionnelle")
    for job in cv.get("experiences", []):
        pdf.set_font("Sans", "B", 10)
        pdf.multi_cell(0, 5, f"{job['title']} — {job['employer']}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Sans", "I", 9)
        pdf.cell(0, 5, job["dates"], new_x="LMARGIN", new_y="NEXT")
        _fpdf_lines(pdf, job.get("tasks", []))
        pdf.ln(1)
    _fpdf_heading(pdf, "Formation")
    for d in cv.get("education", []):
        pdf.multi_cell(0, 5, f"{d['dates']}  {d['title']}", new_x="LMARGIN", new_y="NEXT")
    for heading, key in (
        ("Compétences", "skills"),
        ("Langues", "languages"),
        ("Informations complémentaires", "other"),
    ):
        if cv.get(key):
            _fpdf_heading(pdf, heading)
            _fpdf_lines(pdf, cv[key])
    if cv.get("interests"):
        _fpdf_heading(pdf, "Centres d'intérêt")
        pdf.multi_cell(0, 5, ", ".join(cv["interests"]), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def pdf_dates(cv: dict) -> bytes:
    """Dates in a left margin, each facing its job."""
    pdf = _fpdf()
    _fpdf_header(pdf, cv)
    margin, text_x, text_w = pdf.l_margin, pdf.l_margin + 38, 190 - 38 - pdf.l_margin + 10

    def dated(dates: str, first: str, rest: list[str]) -> None:
        y = pdf.get_y()
        pdf.set_font("Sans", "", 9)
        pdf.set_xy(margin, y)
        pdf.multi_cell(34, 5, dates)
        after_dates = pdf.get_y()
        pdf.set_xy(text_x, y)
        pdf.set_font("Sans", "B", 10)
        pdf.multi_cell(text_w, 5, first)
        pdf.set_font("Sans", "", 10)
        for item in rest:
            pdf.set_x(text_x)
            pdf.multi_cell(text_w, 5, "- " + item)
        pdf.set_y(max(pdf.get_y(), after_dates) + 1.5)

    if cv.get("profile"):
        _fpdf_heading(pdf, "Profil")
        pdf.multi_cell(0, 5, cv["profile"], new_x="LMARGIN", new_y="NEXT")
    _fpdf_heading(pdf, "Parcours professionnel")
    for job in cv.get("experiences", []):
        dated(job["dates"], f"{job['title']}, {job['employer']}", job.get("tasks", []))
    _fpdf_heading(pdf, "Diplômes et formations")
    for d in cv.get("education", []):
        dated(d["dates"], d["title"], [])
    for heading, key in (("Compétences", "skills"), ("Langues", "languages"), ("Divers", "other")):
        if cv.get(key):
            _fpdf_heading(pdf, heading)
            _fpdf_lines(pdf, cv[key], bullet="")
    if cv.get("interests"):
        _fpdf_heading(pdf, "Loisirs")
        pdf.multi_cell(0, 5, " - ".join(cv["interests"]), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def pdf_scan(cv: dict) -> bytes:
    """The classic layout printed and scanned: a grey image, slightly rotated, no text layer."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    source = pdfium.PdfDocument(pdf_classic(cv))
    pages = []
    for page in source:
        image = page.render(scale=200 / 72, grayscale=True).to_pil()
        image = image.rotate(0.6, expand=False, fillcolor=255, resample=Image.BICUBIC)
        pages.append(image.filter(ImageFilter.GaussianBlur(0.6)).convert("L"))
    out = io.BytesIO()
    pages[0].save(out, format="PDF", resolution=200, save_all=True, append_images=pages[1:])
    return out.getvalue()


# --- Chromium layouts ------------------------------------------------------------------------

_CSS = """
@page { size: A4; margin: 12mm; }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; color: #222; margin: 0; }
h1 { font-size: 20pt; margin: 0; } h2 { font-size: 11pt; text-transform: uppercase; letter-spacing: .05em;
border-bottom: 1px solid #888; margin: 14px 0 6px; }
.headline { font-size: 12pt; font-weight: bold; color: #345; }
ul { margin: 2px 0 6px 16px; padding: 0; } .job { margin-bottom: 8px; } .job .t { font-weight: bold; }
.row { display: flex; justify-content: space-between; } .dates { color: #555; font-style: italic; }
"""


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>" if items else ""


def _main_html(cv: dict, dates_right: bool) -> str:
    e = html.escape
    parts = []
    if cv.get("profile"):
        parts.append(f"<h2>Profil</h2><p>{e(cv['profile'])}</p>")
    parts.append("<h2>Expériences professionnelles</h2>")
    for job in cv.get("experiences", []):
        if dates_right:
            head = (
                f"<div class='row'><span class='t'>{e(job['title'])} · {e(job['employer'])}</span>"
                f"<span class='dates'>{e(job['dates'])}</span></div>"
            )
        else:
            head = (
                f"<div class='t'>{e(job['title'])}</div><div>{e(job['employer'])}</div>"
                f"<div class='dates'>{e(job['dates'])}</div>"
            )
        parts.append(f"<div class='job'>{head}{_list(job.get('tasks', []))}</div>")
    parts.append("<h2>Formation</h2>")
    parts += [f"<p>{e(d['dates'])} — {e(d['title'])}</p>" for d in cv.get("education", [])]
    return "".join(parts)


def _side_html(cv: dict) -> str:
    e = html.escape
    parts = ["<h2>Contact</h2>" + "".join(f"<p>{e(c)}</p>" for c in cv.get("contact", []))]
    for heading, key in (("Compétences", "skills"), ("Langues", "languages"), ("Atouts", "other")):
        if cv.get(key):
            parts.append(f"<h2>{heading}</h2>{_list(cv[key])}")
    if cv.get("interests"):
        parts.append(f"<h2>Centres d'intérêt</h2>{_list(cv['interests'])}")
    return "".join(parts)


def html_sidebar(cv: dict) -> str:
    e = html.escape
    return (
        f"<html lang='fr'><head><meta charset='utf-8'><style>{_CSS}"
        ".page { display: flex; gap: 18px; } aside { width: 33%; background: #e8eef5; padding: 10px; }"
        " main { width: 67%; } aside h2 { font-size: 10pt; }</style></head><body>"
        f"<div class='page'><aside>{_side_html(cv)}</aside><main><h1>{e(cv['name'])}</h1>"
        f"<div class='headline'>{e(cv.get('headline', ''))}</div>{_main_html(cv, False)}</main></div>"
        "</body></html>"
    )


def html_modern(cv: dict) -> str:
    e = html.escape
    side = []
    for heading, key in (("Compétences", "skills"), ("Langues", "languages"), ("Informations", "other")):
        if cv.get(key):
            side.append(f"<h2>{heading}</h2>{_list(cv[key])}")
    if cv.get("interests"):
        side.append(f"<h2>Centres d'intérêt</h2><p>{e(', '.join(cv['interests']))}</p>")
    return (
        f"<html lang='fr'><head><meta charset='utf-8'><style>{_CSS}</style></head><body>"
        f"<h1>{e(cv['name'])}</h1><div class='headline'>{e(cv.get('headline', ''))}</div>"
        f"<p>{' | '.join(e(c) for c in cv.get('contact', []))}</p>{_main_html(cv, True)}{''.join(side)}"
        "</body></html>"
    )


def print_pdfs(documents: list[str]) -> list[bytes]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        out = []
        for document in documents:
            page.set_content(document)
            out.append(page.pdf(format="A4", print_background=True))
        browser.close()
    return out


# --- DOCX layouts ----------------------------------------------------------------------------


def _docx_main(doc_or_cell, cv: dict, heading) -> None:
    add = doc_or_cell.add_paragraph
    if cv.get("profile"):
        heading("Profil")
        add(cv["profile"])
    heading("Expérience professionnelle")
    for job in cv.get("experiences", []):
        para = add()
        para.add_run(job["title"]).bold = True
        para.add_run(f" – {job['employer']}")
        add(job["dates"]).runs[0].italic = True
        for task in job.get("tasks", []):
            add("• " + task)
    heading("Formation")
    for d in cv.get("education", []):
        add(f"{d['dates']} : {d['title']}")


def _docx_side(doc_or_cell, cv: dict, heading) -> None:
    for title, key in (("Compétences", "skills"), ("Langues", "languages"), ("Divers", "other")):
        if cv.get(key):
            heading(title)
            for item in cv[key]:
                doc_or_cell.add_paragraph("• " + item)
    if cv.get("interests"):
        heading("Centres d'intérêt")
        doc_or_cell.add_paragraph(", ".join(cv["interests"]))


def docx_classic(cv: dict) -> bytes:
    import docx

    doc = docx.Document()
    doc.add_heading(cv["name"], 0)
    doc.add_paragraph(cv.get("headline", "")).runs[0].bold = True
    doc.add_paragraph(" – ".join(cv.get("contact", [])))
    _docx_main(doc, cv, lambda text: doc.add_heading(text.upper(), 1))
    _docx_side(doc, cv, lambda text: doc.add_heading(text.upper(), 1))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def docx_table(cv: dict) -> bytes:
    """A two-column Word table: sidebar cell and main cell, the usual Word CV template."""
    import docx

    doc = docx.Document()
    table = doc.add_table(rows=1, cols=2)
    side, main = table.rows[0].cells

    def heading_in(cell):
        def heading(text: str) -> None:
            cell.add_paragraph().add_run(text.upper()).bold = True

        return heading

    side.paragraphs[0].add_run(cv["name"]).bold = True
    for line in cv.get("contact", []):
        side.add_paragraph(line)
    _docx_side(side, cv, heading_in(side))
    main.paragraphs[0].add_run(cv.get("headline", "")).bold = True
    _docx_main(main, cv, heading_in(main))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


RENDERERS = {"pdf-classic": pdf_classic, "pdf-dates": pdf_dates, "pdf-scan": pdf_scan,
             "docx-classic": docx_classic, "docx-table": docx_table,
             "txt": lambda cv: to_text(cv).encode("utf-8")}  # fmt: skip
HTML_LAYOUTS = {"pdf-sidebar": html_sidebar, "pdf-modern": html_modern}


def render_folder(folder: Path) -> list[Path]:
    written = []
    sources = sorted(folder.glob("*.yaml"))
    web = [(s, cv) for s in sources if (cv := load(s))["layout"] in HTML_LAYOUTS]
    for source in sources:
        cv = load(source)
        if cv["layout"] in RENDERERS:
            output_name(source, cv).write_bytes(RENDERERS[cv["layout"]](cv))
            written.append(output_name(source, cv))
    if web:
        pdfs = print_pdfs([HTML_LAYOUTS[cv["layout"]](cv) for _, cv in web])
        for (source, cv), data in zip(web, pdfs, strict=True):
            output_name(source, cv).write_bytes(data)
            written.append(output_name(source, cv))
    return written


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        for path in render_folder(Path(arg)):
            print(path, path.stat().st_size)
