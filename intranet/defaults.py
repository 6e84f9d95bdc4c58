"""Core defaults, registered as a plugin: what every partner city requires."""

from datetime import date

from .hookspecs import DocumentRequirement, Finding, hookimpl

MIN_DAYS = 14
MAX_DAYS = 21


@hookimpl
def required_documents(city, application):
    """CV, motivation letter and release by the training department, for every city."""
    return [
        DocumentRequirement("cv", "Lebenslauf", help="Tabellarischer Lebenslauf, höchstens zwei Seiten."),
        DocumentRequirement(
            "motivation_letter",
            "Motivationsschreiben",
            help="Warum diese Partnerstadt, was möchten Sie lernen? Eine Seite genügt.",
        ),
        DocumentRequirement(
            "release",
            "Freistellung durch die Ausbildungsleitung",
            help="Unterschriebene Zustimmung der Ausbildungsleitung zur Freistellung.",
        ),
    ]


@hookimpl
def check_application(city, application):
    """The pilot's frame: a stay of two to three weeks that lies in the future."""
    start, end = application.start_date, application.end_date
    if not start or not end:
        return [Finding("error", "Bitte Beginn und Ende des Aufenthalts angeben.", "start_date", "dates")]
    if end < start:
        return [Finding("error", "Das Ende liegt vor dem Beginn.", "end_date", "date_order")]
    findings = []
    if start <= date.today():
        findings.append(Finding("error", "Der Beginn muss in der Zukunft liegen.", "start_date", "past"))
    days = (end - start).days + 1
    if not MIN_DAYS <= days <= MAX_DAYS:
        findings.append(
            Finding(
                "error",
                f"Der Aufenthalt dauert {days} Tage; erlaubt sind {MIN_DAYS} bis {MAX_DAYS} Tage "
                "(zwei bis drei Wochen).",
                "end_date",
                "duration",
            )
        )
    return findings
