"""Files of the database storage backend (STORAGE_BACKEND = "database"): one row per file, its
contents in chunks of up to 1 MiB."""

from peewee import *


def up(migrator, db):
    class StoredFile(Model):
        name = CharField(unique=True, max_length=64)
        size = IntegerField(default=0)
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "stored_file"

    class StoredChunk(Model):
        file = ForeignKeyField(StoredFile, on_delete="CASCADE", index=False)
        number = IntegerField()
        data = BlobField()

        class Meta:
            database = db
            table_name = "stored_chunk"
            primary_key = CompositeKey("file", "number")

    db.create_tables([StoredFile, StoredChunk])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("stored_chunk"), migrator.drop_table("stored_file"))
