"""Letters: plugin templates rendered to HTML and PDF, issued per application (stored, audited, mailed)."""
