"""The Word file must open in a real office suite, not only in python-docx."""

import shutil
import subprocess
from pathlib import Path

import pytest

from klynge.memos.content import BulletList, MemoDocument, Paragraph, Run, Section
from klynge.memos.rendering.docx import render_docx
from tests.memos.extract import normalise, pdf_text

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (.ci/run installs it)")
def test_libreoffice_converts_the_docx_with_its_text_intact(tmp_path: Path) -> None:
    document = MemoDocument(
        title="Status på sundhedsklynger – æøå ÆØÅ",
        metadata=[("Edoc-sagsnummer", "2023-0476658")],
        intro=[Paragraph((Run("Den gode start på livet", italic=True), Run(" (fælles ammeindsats).")))],
        sections=[
            Section("Møde i Sundhedsklynge Byen den 28. november", [BulletList(((Run("Botilbudslæger"),),))])
        ],
    )
    source = tmp_path / "notat.docx"
    source.write_bytes(render_docx(document))
    profile = tmp_path / "profile"
    result = subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    converted = tmp_path / "notat.pdf"
    assert result.returncode == 0 and converted.exists(), result.stderr
    text = normalise(pdf_text(converted.read_bytes()))
    for fact in (
        "æøå ÆØÅ",
        "2023-0476658",
        "Den gode start på livet",
        "Møde i Sundhedsklynge Byen",
        "Botilbudslæger",
    ):
        assert fact in text
