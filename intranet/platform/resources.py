"""Top-level resource folders (templates, migrations): in ``intranet`` in a wheel, beside it in a checkout."""

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent


def resource_dir(name: str) -> Path:
    """A top-level resource folder (templates, migrations): packaged copy or checkout."""
    packaged = PACKAGE / name
    return packaged if packaged.is_dir() else PACKAGE.parent / name
