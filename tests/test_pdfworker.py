"""PDFs come from a child process: WeasyPrint never loads into the web worker, failures are contained."""

import subprocess
import sys
from pathlib import Path

import pytest

from intranet import pdfworker

SHEET = str(Path(pdfworker.__file__).parent / "static" / "letter.css")
LETTER = (
    "<html lang='de'><body><h1>Einladung</h1>"
    "<p>Grüße aus Siegburg – Bolesławiec, Selçuk, Ορεστιάδα</p></body></html>"
)


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_worker_never_imports_weasyprint(tmp_path):
    """A fresh interpreter renders a PDF and still has no WeasyPrint of its own (the memory bar)."""
    code = (
        "import sys; from intranet import pdfworker; "
        f"pdf = pdfworker.render({LETTER!r}, {SHEET!r}); "
        "print(pdf[:5].decode(), any(m.split('.')[0] in ('weasyprint', 'fontTools') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["%PDF-", "False"]


def test_renders_and_keeps_its_child(tmp_path):
    first = pdfworker.render(LETTER, SHEET)
    child = pdfworker._child[1]
    assert "Grüße aus Siegburg – Bolesławiec, Selçuk, Ορεστιάδα" in pdf_text(first, tmp_path)
    pdfworker.render(LETTER, SHEET)
    assert pdfworker._child[1] is child and child.is_alive()


def test_a_failed_render_is_reported_and_the_child_carries_on():
    with pytest.raises(pdfworker.RenderError, match="No such file"):
        pdfworker.render(LETTER, "/nonexistent/letter.css")
    assert pdfworker.render(LETTER, SHEET).startswith(b"%PDF-")


def test_a_hanging_render_is_killed_and_the_next_gets_a_fresh_child(monkeypatch):
    pdfworker.render(LETTER, SHEET)
    stuck = pdfworker._child[1]
    monkeypatch.setattr(pdfworker, "TIMEOUT", 0.001)  # shorter than any render
    with pytest.raises(pdfworker.RenderError, match="no PDF after"):
        pdfworker.render(LETTER * 200, SHEET)
    assert not stuck.is_alive()
    monkeypatch.setattr(pdfworker, "TIMEOUT", 60)
    assert pdfworker.render(LETTER, SHEET).startswith(b"%PDF-")
    assert pdfworker._child[1] is not stuck
