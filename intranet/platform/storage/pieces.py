"""The piece size in which stored files are copied, kept (database backend) and downloaded."""

#: 1 MiB: a document of a few MB is a few rows and reads, and a reader holds about one piece
CHUNK_BYTES = 1 << 20
