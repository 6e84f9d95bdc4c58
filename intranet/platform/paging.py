"""Page numbers and filters from the query string, and one page of a list."""

from dataclasses import dataclass, field


def int_in(value, allowed) -> int | None:
    """``value`` as a number if it is one of ``allowed``, else None."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number in allowed else None


@dataclass
class Page:
    """One page of a list; the inbox also notes the kinds of documents uploaded per row."""

    rows: list
    total: int
    number: int
    size: int
    #: application id → kinds of the documents uploaded for it
    uploaded: dict = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def links(self) -> list[int | None]:
        """Page numbers to link: first, last and two either side of this one; None marks a gap."""
        near = {1, self.pages, *range(self.number - 2, self.number + 3)}
        shown = sorted(n for n in near if 1 <= n <= self.pages)
        links: list[int | None] = []
        for n in shown:
            if links and n - links[-1] > 1:
                links.append(None)
            links.append(n)
        return links


def paginate(rows, number: int, size: int, total: int | None = None) -> Page:
    """Page ``number`` (moved into range) of a query, ``size`` rows each (``total``: its count, if known)."""
    total = rows.count() if total is None else total
    number = min(number, max(1, -(-total // size)))
    return Page(list(rows.paginate(number, size)), total, number, size)
