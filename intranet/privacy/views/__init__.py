"""Blueprints of data protection: the audit log, retention, access requests, record of processing."""
