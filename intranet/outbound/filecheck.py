"""Checks on an uploaded file before it is stored: type by content and extension, size, name, viruses."""

import re
import shlex
import subprocess
import unicodedata

from flask import current_app
from flask_babel import gettext as _

from intranet.platform.i18n import filesize_filter

#: Accepted formats: magic bytes at the start of the file, extensions, content type, label.
FORMATS = {
    "pdf": (b"%PDF-", ("pdf",), "application/pdf", "PDF"),
    "jpeg": (b"\xff\xd8\xff", ("jpg", "jpeg"), "image/jpeg", "JPEG"),
    "png": (b"\x89PNG\r\n\x1a\n", ("png",), "image/png", "PNG"),
}

#: Longest original name kept for the download, in characters.
NAME_LIMIT = 120

#: Characters Windows refuses in file names; replaced so a download saves everywhere.
_UNSAFE = re.compile(r'[<>:"|?*]')
#: Unicode categories dropped from names: controls (NUL included), format characters (the bidi
#: overrides such as U+202E that make "gpj.exe" look like "exe.jpg"), surrogates, private and
#: unassigned code points, line and paragraph separators.
_DROPPED = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}

#: A PDF name may spell any character as #xx, e.g. /J#61vaScript; decoded before the search.
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
#: Active content: JavaScript actions, launching programs, and HTML script a sniffing viewer runs.
_PDF_ACTIVE = re.compile(rb"/JavaScript|/JS\b|/Launch|(?i:<script)")
_ZIP_LOCAL_HEADER = b"PK\x03\x04"


class DocumentRefused(ValueError):
    """An upload or deletion that is not allowed; the message is German and shown to the user."""


def safe_name(filename: str) -> str:
    """The original name made harmless for Content-Disposition: no path, no control or bidi characters."""
    name = unicodedata.normalize("NFC", filename or "")
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(c for c in name if unicodedata.category(c) not in _DROPPED)
    name = " ".join(_UNSAFE.sub("_", name).split()).lstrip(". ")
    if len(name) <= NAME_LIMIT:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or len(ext) > 10:
        return name[:NAME_LIMIT].rstrip()
    return stem[: NAME_LIMIT - len(ext) - 1].rstrip() + "." + ext


def extension(name: str) -> str:
    """The lower-case extension of a file name, without the dot ("" if none)."""
    stem, dot, ext = name.rpartition(".")
    return ext.lower() if dot and stem else ""


def sniff(data: bytes) -> str | None:
    """The format the content really has ("pdf", "jpeg", "png"), judged by magic bytes only."""
    for fmt, (magic, *_rest) in FORMATS.items():
        if data.startswith(magic):
            return fmt
    return None


def format_labels(formats) -> str:
    """Human-readable list of formats, e.g. "PDF, JPEG, PNG"."""
    return ", ".join(FORMATS[f][3] for f in formats if f in FORMATS)


def accept_attribute(formats) -> str:
    """The file input's accept attribute for the given formats, e.g. ".pdf,.jpg,.jpeg"."""
    return ",".join("." + ext for f in formats if f in FORMATS for ext in FORMATS[f][1])


def content_type(fmt: str) -> str:
    """The Content-Type sent on download for a checked format."""
    return FORMATS[fmt][2]


def size_message(limit: int) -> str:
    """The message for a file over ``limit`` bytes, e.g. "… höchstens 5 MB."."""
    return _("Die Datei ist zu groß: erlaubt sind höchstens %(size)s.", size=filesize_filter(limit))


def check_pdf(data: bytes) -> None:
    """Refuse PDFs that are also ZIP archives or carry active content.

    A PDF that contains a ZIP local-file header is a polyglot: the same bytes open as an
    archive (possibly with executables) in another program, which defeats the type check.
    JavaScript and launch actions run code when HR opens the file in a PDF viewer, and an
    HTML script tag runs in any program that sniffs the content as HTML. Trainees' CVs and
    certificates never need either, so refusing them costs nothing.
    """
    if _ZIP_LOCAL_HEADER in data:
        raise DocumentRefused(_("Die PDF-Datei enthält ein eingebettetes Archiv und wird nicht angenommen."))
    decoded = _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data)
    if _PDF_ACTIVE.search(decoded):
        raise DocumentRefused(_("Die PDF-Datei enthält aktive Inhalte (Skripte) und wird nicht angenommen."))


def check_type(name: str, data: bytes, formats) -> str:
    """The checked format of a non-empty file: content allowed, extension matching, no active PDF."""
    fmt = sniff(data)
    if fmt is None or fmt not in formats:
        raise DocumentRefused(
            _(
                "Der Inhalt der Datei ist kein erlaubtes Format (erlaubt: %(formats)s).",
                formats=format_labels(formats),
            )
        )
    magic, extensions, mimetype, label = FORMATS[fmt]
    if extension(name) not in extensions:
        raise DocumentRefused(
            _(
                "Die Dateiendung passt nicht zum Inhalt (%(format)s). Bitte eine Datei mit der Endung "
                "%(extensions)s hochladen.",
                format=label,
                extensions=" / ".join("." + ext for ext in extensions),
            )
        )
    if fmt == "pdf":
        check_pdf(data)
    return fmt


def check_file(filename: str, data: bytes, formats, max_bytes: int) -> tuple[str, str]:
    """Validate an upload; return (safe name, format) or raise DocumentRefused."""
    if not data and not filename:
        raise DocumentRefused(_("Bitte wählen Sie eine Datei aus."))
    if not data:
        raise DocumentRefused(_("Die Datei ist leer."))
    if len(data) > max_bytes:
        raise DocumentRefused(size_message(max_bytes))
    name = safe_name(filename)
    return name, check_type(name, data, formats)


def scan(data: bytes) -> None:
    """Give the bytes to the configured virus scanner; fail closed on anything but exit code 0."""
    command = current_app.config.get("VIRUS_SCANNER") or ""
    if not command.strip():
        return
    try:
        # the command is the operator's VIRUS_SCANNER setting, split without a shell; the upload goes to stdin
        result = subprocess.run(  # nosec B603
            shlex.split(command),
            input=data,
            capture_output=True,
            timeout=current_app.config["VIRUS_SCANNER_TIMEOUT"],
            check=False,
        )
    except (OSError, ValueError, subprocess.SubprocessError) as exc:
        current_app.logger.error("virus scanner failed: %s", exc)
        raise DocumentRefused(
            _(
                "Die Virenprüfung ist gerade nicht möglich, die Datei wurde deshalb nicht gespeichert. "
                "Bitte versuchen Sie es später erneut."
            )
        ) from exc
    if result.returncode != 0:
        current_app.logger.warning(
            "virus scanner refused an upload (exit %s): %s", result.returncode, result.stdout[-500:]
        )
        raise DocumentRefused(
            _("Die Virenprüfung hat die Datei nicht freigegeben; sie wurde nicht gespeichert.")
        )
