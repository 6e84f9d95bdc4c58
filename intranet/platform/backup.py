"""Backup and restore of one instance: database and document store in one tar archive.

The archive holds the database dump, ``documents/<stored name>`` and, last,
``manifest.json`` (engine, time, rows per table of the dump, SHA-256 of every member).
Files of the database storage backend are rows of the dump; those of the filesystem backend
(whichever backend is configured, so a half-finished ``migrate-storage`` loses nothing) are
copied after the database: a document uploaded meanwhile is in the archive without its row
(harmless), one deleted meanwhile is missing and ``restore`` names its row.
"""

import hashlib
import io
import json
import re
import shutil
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from intranet.models import Document, utcnow
from intranet.platform import dbdump, storage
from intranet.platform.dbdump import BackupError

__all__ = ["BackupError", "create", "restore"]

FORMAT = 1
MANIFEST = "manifest.json"
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
#: stored names are random; any other member name in an archive is refused
_DOCUMENT_MEMBER = re.compile(r"documents/[A-Za-z0-9_-]{1,64}")


@dataclass
class RestoreReport:
    """What a restore brought back, and the document rows whose file is missing."""

    tables: dict[str, int] = field(default_factory=dict)
    files: int = 0
    missing_files: list[str] = field(default_factory=list)


def sha256(path: Path) -> str:
    """SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def documents_dir() -> Path:
    """The folder of the filesystem storage backend (it may not exist yet)."""
    return storage.backend("filesystem").folder


def document_files() -> list[Path]:
    """Files of the filesystem backend, without the uploads still being written."""
    return [documents_dir() / name for name in storage.backend("filesystem").names()]


def create(target: Path) -> dict:
    """Write the archive to ``target`` (through a temporary name); returns the manifest."""
    engine = dbdump.kind()
    partial = target.with_name(target.name + ".part")
    with tempfile.TemporaryDirectory(prefix="intranet-backup-") as tmp:
        dump = Path(tmp) / DUMP_NAMES[engine]
        manifest = {"format": FORMAT, "created_at": utcnow().isoformat() + "Z", "engine": engine}
        manifest["tables"] = dbdump.dump(dump)
        sources = [(dump, dump.name)] + [(p, f"documents/{p.name}") for p in document_files()]
        try:
            with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
                manifest["members"] = _add_files(tar, sources)
                _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2).encode())
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
    return manifest


def _add_files(tar: tarfile.TarFile, sources: list[tuple[Path, str]]) -> dict[str, str]:
    """Add the files under their member names; returns name → SHA-256."""
    members = {}
    for path, name in sources:
        try:
            digest = sha256(path)
            tar.add(path, arcname=name)
        except FileNotFoundError:
            continue  # deleted since the listing: as if deleted before the backup
        members[name] = digest
    return members


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def _read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(tar.extractfile(MANIFEST))
    except (KeyError, AttributeError, ValueError) as exc:
        raise BackupError("Keine gültige Sicherung: manifest.json fehlt oder ist beschädigt.") from exc
    if manifest.get("format") != FORMAT or manifest.get("engine") not in DUMP_NAMES:
        raise BackupError("Unbekanntes Sicherungsformat; diese Version kann die Datei nicht lesen.")
    return manifest


def extract(archive: Path, into: Path) -> dict:
    """Unpack every member named in the manifest and check its SHA-256; returns the manifest."""
    try:
        with tarfile.open(archive, "r:*") as tar:
            manifest = _read_manifest(tar)
            for name, digest in manifest["members"].items():
                if name not in DUMP_NAMES.values() and not _DOCUMENT_MEMBER.fullmatch(name):
                    raise BackupError(f"Unerwarteter Eintrag in der Sicherung: {name}")
                target = into / name
                target.parent.mkdir(exist_ok=True)
                with tar.extractfile(name) as src, target.open("wb") as out:
                    shutil.copyfileobj(src, out)
                if sha256(target) != digest:
                    raise BackupError(f"Prüfsumme falsch für {name}: die Sicherung ist beschädigt.")
    except (tarfile.TarError, KeyError, OSError) as exc:
        raise BackupError(f"Die Sicherung ist unvollständig oder nicht lesbar ({exc}).") from exc
    return manifest


def target_contents() -> list[str]:
    """What the target instance holds already: tables with rows, document files."""
    tables = [f"{t}: {n}" for t, n in dbdump.table_counts().items() if n and t != "schema_migration"]
    files = document_files()
    return tables + ([f"{len(files)} Unterlagen-Dateien"] if files else [])


def restore(archive: Path, force: bool = False) -> RestoreReport:
    """Restore an archive into this instance; refuses a non-empty one unless ``force``."""
    with tempfile.TemporaryDirectory(prefix="intranet-restore-") as tmp:
        manifest = extract(archive, Path(tmp))
        if manifest["engine"] != dbdump.kind():
            raise BackupError(
                f"Die Sicherung stammt aus {manifest['engine']}, diese Instanz nutzt {dbdump.kind()}."
            )
        existing = target_contents()
        if existing and not force:
            listing = ", ".join(existing)
            raise BackupError(f"Die Instanz ist nicht leer ({listing}). Mit --force wird sie überschrieben.")
        dbdump.load(Path(tmp) / DUMP_NAMES[manifest["engine"]])
        files = _replace_documents(Path(tmp) / "documents")
    report = RestoreReport(tables=dbdump.table_counts(), files=files)
    if report.tables != manifest["tables"]:
        raise BackupError("Nach der Wiederherstellung weichen die Zeilenzahlen von der Sicherung ab.")
    stored, kept = Document.select(Document.stored_name).tuples(), set(storage.names())
    report.missing_files = sorted(name for (name,) in stored if name not in kept)
    return report


def _replace_documents(source: Path) -> int:
    folder = documents_dir()
    shutil.rmtree(folder, ignore_errors=True)  # reached only for an empty target or with --force
    if source.is_dir():
        shutil.copytree(source, folder)
    else:
        folder.mkdir(parents=True)
    return len(document_files())
