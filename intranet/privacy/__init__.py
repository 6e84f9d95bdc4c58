"""Data protection: the audit log for HR, retention periods and their run, erasure and anonymisation,
the export of all data about one person, and the record of processing activities."""
