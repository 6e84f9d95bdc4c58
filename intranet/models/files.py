"""Contents of the database storage backend: one row per file, its bytes in numbered chunks."""

from peewee import BlobField, CharField, CompositeKey, DateTimeField, ForeignKeyField, IntegerField

from intranet.models.base import BaseModel, utcnow


class StoredFile(BaseModel):
    """A stored file (document or letter) under its random ``stored_name``; written with that row."""

    name = CharField(unique=True, max_length=64)
    size = IntegerField(default=0)
    created_at = DateTimeField(default=utcnow)


class StoredChunk(BaseModel):
    """Up to ``CHUNK_BYTES`` of a stored file's contents, ``number`` counting from 0."""

    file = ForeignKeyField(StoredFile, on_delete="CASCADE", index=False)
    number = IntegerField()
    data = BlobField()

    class Meta:
        # the key (file, number) is the one index: it serves both lookups and the order
        primary_key = CompositeKey("file", "number")
