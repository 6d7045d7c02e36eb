"""HTML to PDF with WeasyPrint: A4, tagged for screen readers (PDF/UA), no network access."""

from __future__ import annotations

from pathlib import Path

INSTALL_HINT = (
    "On Debian or Ubuntu run `sudo bash scripts/install-pdf.sh` in the collection folder "
    "(it installs the Pango text library), then try again."
)


class EngineMissing(RuntimeError):
    """WeasyPrint, or the system library it draws text with, is not installed."""


def _weasyprint():
    try:
        import weasyprint
    except ImportError:
        raise EngineMissing(
            "The PDF engine (WeasyPrint) is not installed: run `make lab` or "
            '`.venv/bin/python -m pip install -e ".[test]"` in the collection folder.'
        ) from None
    except OSError as exc:
        raise EngineMissing(
            f"The PDF engine (WeasyPrint) cannot find a system library it needs ({exc}). "
            + INSTALL_HINT
        ) from None
    return weasyprint


def check_engine() -> None:
    """Raise :class:`EngineMissing` now, before anything is written, when PDFs cannot be made."""
    _weasyprint()


def write_pdf(html: str, target: Path) -> Path:
    """Render one HTML document to ``target`` and return it."""
    weasyprint = _weasyprint()
    # Everything a page uses is inline (``data:`` URLs): nothing else is loaded, no network.
    fetcher = weasyprint.urls.URLFetcher(allowed_protocols=("data",), fail_on_errors=True)
    document = weasyprint.HTML(string=html, url_fetcher=fetcher)
    document.write_pdf(target, pdf_variant="pdf/ua-1")
    return target
