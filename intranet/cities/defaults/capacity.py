"""Core plugin: blocked periods and places per period, both maintained by the city admin."""

from intranet.cities.workdays import german_date
from intranet.hookspecs import Finding, hookimpl
from intranet.models import Application, BlockedPeriod, CapacityWindow

#: statuses in which another application holds one of the city's places
OCCUPYING = ("submitted", "waitlisted", "approved", "placed")


@hookimpl
def check_application(city, application):
    """Errors for a stay that overlaps a blocked period or a fully booked capacity window."""
    start, end = application.start_date, application.end_date
    if not start or not end or end < start:
        return []
    return [*blocked(city, start, end), *full(city, application)]


def blocked(city, start, end) -> list[Finding]:
    """One error per blocked period that shares a day with the stay, with its reason."""
    return [
        Finding(
            "error",
            f"{city.name_de} nimmt vom {german_date(p.start_date)} bis {german_date(p.end_date)} keine "
            f"Praktikantinnen und Praktikanten auf: {p.reason}",
            "start_date",
            "blocked_period",
        )
        for p in BlockedPeriod.overlapping(city.slug, start, end)
    ]


def occupied(city, application, window: CapacityWindow) -> int:
    """Other open applications that overlap both the stay and ``window``."""
    start = max(application.start_date, window.start_date)
    end = min(application.end_date, window.end_date)
    query = Application.overlapping(city.slug, start, end, OCCUPYING)
    if application.id is not None:
        query = query.where(Application.id != application.id)
    return query.count()


def full(city, application) -> list[Finding]:
    """An error per capacity window of the stay whose places are already taken."""
    findings = []
    for window in CapacityWindow.overlapping(city.slug, application.start_date, application.end_date):
        if occupied(city, application, window) >= window.places:
            places = "einen Platz" if window.places == 1 else f"{window.places} Plätze"
            message = (
                f"{city.name_de} hat vom {german_date(window.start_date)} bis "
                f"{german_date(window.end_date)} {places}; sie sind durch andere Bewerbungen bereits "
                "belegt. Bitte wählen Sie einen anderen Zeitraum."
            )
            findings.append(Finding("error", message, "start_date", "capacity"))
    return findings


@hookimpl
def rule_summaries(city):
    """Blocked periods and capacity in plain German."""
    return [
        f"In Zeiträumen, die die Partnerverwaltung sperrt (z. B. Wahlen, Betriebsferien), ist kein "
        f"Aufenthalt in {city.name_de} möglich; der Grund wird angezeigt.",
        "Die Partnerverwaltung nimmt je Zeitraum nur eine bestimmte Zahl von Praktikantinnen und "
        "Praktikanten auf; sind alle Plätze durch eingereichte oder genehmigte Bewerbungen belegt, "
        "ist der Zeitraum nicht mehr wählbar.",
    ]
