"""The partner's pages (``host``, no login, through the link) and Siegburg's side (``staff``)."""
