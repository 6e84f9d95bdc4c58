"""Core plugin: the frame of every stay – dates, two to three weeks, working days, holidays."""

from datetime import date

from intranet.cities import workdays
from intranet.cities.workdays import german_date
from intranet.hookspecs import Finding, Holiday, hookimpl

MIN_DAYS = 14
MAX_DAYS = 21
WEEKEND = {5: "ein Samstag", 6: "ein Sonntag"}


@hookimpl(trylast=True)
def public_holidays(city, start, end):
    """Default answer: the ``holidays`` library for the city's country and subdivision."""
    return workdays.library_holidays(city, start, end)


@hookimpl
def check_application(city, application):
    """Dates given and in order, in the future, 14–21 days, start and end on working days."""
    start, end = application.start_date, application.end_date
    if not start or not end:
        return [Finding("error", "Bitte Beginn und Ende des Aufenthalts angeben.", "start_date", "dates")]
    if end < start:
        return [Finding("error", "Das Ende liegt vor dem Beginn.", "end_date", "date_order")]
    found = workdays.public_holidays(city, start, end)
    return [*frame(start, end), *working_ends(city, start, end, found), *holidays_inside(city, found)]


def frame(start: date, end: date) -> list[Finding]:
    """The pilot's frame: a stay of two to three weeks that lies in the future."""
    findings = []
    if start <= date.today():
        findings.append(Finding("error", "Der Beginn muss in der Zukunft liegen.", "start_date", "past"))
    days = (end - start).days + 1
    if not MIN_DAYS <= days <= MAX_DAYS:
        message = (
            f"Der Aufenthalt dauert {days} Tage; erlaubt sind {MIN_DAYS} bis {MAX_DAYS} Tage "
            "(zwei bis drei Wochen)."
        )
        findings.append(Finding("error", message, "end_date", "duration"))
    return findings


def _why_not_working(day: date, found: list[Holiday]) -> str | None:
    """Why the host administration does not work on ``day``, or None if it does."""
    if day.weekday() in WEEKEND:
        return WEEKEND[day.weekday()]
    holiday = next((h for h in found if h.day == day and not h.half_day and not h.uncertain), None)
    return f"ein Feiertag: {holiday.label}" if holiday else None


def working_ends(city, start: date, end: date, found: list[Holiday]) -> list[Finding]:
    """Errors when the stay starts or ends on a weekend or a full holiday of the host city."""
    findings = []
    for day, verb, name in ((start, "beginnen", "start_date"), (end, "enden", "end_date")):
        why = _why_not_working(day, found)
        if why:
            message = (
                f"Der Aufenthalt muss an einem Arbeitstag in {city.name_de} {verb}; "
                f"{german_date(day)} ist {why}."
            )
            findings.append(Finding("error", message, name, "working_day"))
    return findings


def _describe(holiday: Holiday) -> str:
    """E.g. "Fr., 27.11.2026: Stadtfeiertag von Guarda (Dia do Município da Guarda) (geschätzt)"."""
    text = f"{german_date(holiday.day)}: {holiday.label}"
    if holiday.uncertain:
        text = f"{german_date(holiday.day)}: möglicherweise {holiday.label} – {holiday.uncertain}"
    if holiday.estimated:
        text += " (geschätzt)"
    if holiday.half_day:
        text += " – halber Arbeitstag"
    return text


def holidays_inside(city, found: list[Holiday]) -> list[Finding]:
    """One warning that names every holiday during the stay."""
    if not found:
        return []
    message = (
        f"Während Ihres Aufenthalts sind in {city.name_de} Feiertage, an denen die Verwaltung nicht "
        f"oder nur halbtags arbeitet: {'; '.join(_describe(h) for h in found)}."
    )
    return [Finding("warning", message, "start_date", "holidays")]


@hookimpl
def rule_summaries(city):
    """The frame in plain German."""
    return [
        f"Ein Aufenthalt dauert zwei bis drei Wochen ({MIN_DAYS} bis {MAX_DAYS} Kalendertage) und "
        "beginnt in der Zukunft.",
        f"Beginn und Ende liegen auf Arbeitstagen der Verwaltung in {city.name_de}: nicht am "
        "Wochenende und nicht an einem Feiertag.",
        "Feiertage während des Aufenthalts werden als Hinweis angezeigt; vorausberechnete Termine "
        "sind als „geschätzt“ markiert, halbe Arbeitstage als solche.",
    ]
