"""Benchmark: the agenda package of a 20-item meeting with 40 attachments, built in at most 10 s.

    PYTHONPATH=src python bench/agenda_package.py [--runs 3]

The attachments are generated, plainly benchmark data: 28 PDFs of 2-12 pages, 6 PNG images, 4 Word and
2 Excel files (converted by LibreOffice when `soffice` is installed, else named on a page of their own).
Both editions are built, as publishing a version does: the closed one (all 20 items, 40 attachments)
and the public one (the 16 public items and their 32 attachments). Writes the result to stdout; record
it in bench/RESULTS.md.
"""

import argparse
import io
import os
import shutil
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klynge.settings")

import django

django.setup()

from docx import Document  # noqa: E402
from fpdf import FPDF  # noqa: E402
from openpyxl import Workbook  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from klynge.agendas.pdf import PackageAttachment, PackageFront, PackageItem, render_package  # noqa: E402

PDF, PNG = "application/pdf", "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LOREM = (
    "Benchmarkdata. Klyngen drøfter forløb for borgere med kronisk sygdom, udskrivning fra hospital og "
    "opfølgning i almen praksis. Teksten gentages for at fylde siden som et rigtigt bilag. "
) * 12


def pdf_file(pages: int) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    for n in range(pages):
        pdf.add_page()
        pdf.multi_cell(0, 5, f"Bilagsside {n + 1}. " + LOREM.encode("latin-1", "replace").decode("latin-1"))
    return bytes(pdf.output())


def png_file(seed: int) -> bytes:
    pdf = FPDF()  # a real PNG via fpdf's own image support is not needed: draw with Pillow if present
    del pdf
    from PIL import Image

    image = Image.new("RGB", (1200, 800), (seed * 30 % 255, 120, 200))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def docx_file(n: int) -> bytes:
    document = Document()
    document.add_heading(f"Notat {n} (benchmarkdata)", level=1)
    for _ in range(6):
        document.add_paragraph(LOREM)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_file(n: int) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in range(60):
        sheet.append([f"Række {row}", row * n, row * 1.5])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def attachments() -> list[PackageAttachment]:
    made: list[PackageAttachment] = []
    kinds = [PDF] * 28 + [PNG] * 6 + [DOCX] * 4 + [XLSX] * 2
    # Spread the kinds over the items: every fifth a non-PDF.
    order = sorted(range(40), key=lambda i: (i % 5 != 4, i))
    spread = [kinds[order.index(i)] for i in range(40)]
    for n, kind in enumerate(spread):
        data = {
            PDF: lambda n=n: pdf_file(2 + n % 11),
            PNG: lambda n=n: png_file(n),
            DOCX: lambda n=n: docx_file(n),
            XLSX: lambda n=n: xlsx_file(n),
        }[kind]()
        suffix = {PDF: "pdf", PNG: "png", DOCX: "docx", XLSX: "xlsx"}[kind]
        made.append(
            PackageAttachment(
                title=f"Bilag {n + 1} (benchmarkdata)",
                filename=f"bilag-{n + 1}.{suffix}",
                content_type=kind,
                read=lambda data=data: data,
                key=f"bench-{n}",
            )
        )
    return made


def items(files: list[PackageAttachment], *, closed: bool) -> list[PackageItem]:
    made = []
    for n in range(20):
        is_public = n % 5 != 2
        if not closed and not is_public:
            continue
        made.append(
            PackageItem(
                number=len(made) + 1,
                title=f"Punkt {n + 1} om sammenhængende forløb (benchmarkdata)",
                kind="Drøftelse",
                is_public=is_public,
                case_description=LOREM,
                recommendation="Det indstilles, at klyngen drøfter sagen.",
                attachments=tuple(files[2 * n : 2 * n + 2]),
            )
        )
    return made


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    files = attachments()
    front = PackageFront(
        heading="Dagsorden",
        body="Politisk sundhedsklynge (benchmarkdata)",
        date="14. december 2023",
        time="kl. 14.00",
        place="Rådhuset",
        edition="Lukket udgave",
    )
    print(f"LibreOffice: {'yes' if shutil.which('soffice') else 'no'}", file=sys.stderr)
    timings, cpu = [], []
    for _ in range(runs):
        before = os.times()
        start = time.perf_counter()
        conversions: dict[str, bytes] = {}  # as publishing does: LibreOffice once for both editions
        closed = render_package(front, items(files, closed=True), conversions=conversions)
        public = render_package(front, items(files, closed=False), conversions=conversions)
        timings.append(time.perf_counter() - start)
        after = os.times()
        # CPU of this process and of LibreOffice (a child): what the build costs without other work
        cpu.append(sum(after[:4]) - sum(before[:4]))
    pages = len(PdfReader(io.BytesIO(closed)).pages), len(PdfReader(io.BytesIO(public)).pages)
    best, worst = min(timings), max(timings)
    load = os.getloadavg()[0]
    print(
        f"20 items, 40 attachments: both editions in {best:.2f} s wall (best of {runs}; worst {worst:.2f} s; "
        f"CPU {min(cpu):.2f} s incl. LibreOffice; load average {load:.1f} on {os.cpu_count()} cores); "
        f"closed {pages[0]} pages, {len(closed) / 1e6:.1f} MB; public {pages[1]} pages, "
        f"{len(public) / 1e6:.1f} MB; {'within' if best <= 10 else 'OVER'} the 10 s budget (wall)"
    )


if __name__ == "__main__":
    main()
