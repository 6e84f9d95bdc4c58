"""The host administration takes part: a personal link per stay, no account, in the partner's language.

The city admin (or HR) issues a link for the contact person of the partner administration;
through it the host sees what the stay needs, confirms the placement or proposes changes,
and after the stay the mentor fills in the assessment. Siegburg accepts or answers each
proposal; unanswered links are reminded.
"""
