"""Core plugin: rules about the trainee – minimum age, minors, second training year."""

from wtforms import StringField
from wtforms.validators import Length, Optional

from intranet.hookspecs import DocumentRequirement, FieldSpec, Finding, hookimpl
from intranet.models import User

MIN_AGE = 16
ADULT_AGE = 18
PRIORITY_YEAR = 2

CONSENT = DocumentRequirement(
    "custodians_consent",
    "Einverständniserklärung der Sorgeberechtigten",
    help="Für Minderjährige: schriftliche Zustimmung aller Sorgeberechtigten (in der Regel beider "
    "Eltern) zum Aufenthalt, mit Telefonnummern für Notfälle während des Aufenthalts.",
)
YOUTH_PROTECTION = (
    "Es gilt das Jugendarbeitsschutzgesetz, auch im Ausland: höchstens 8 Stunden am Tag und "
    "40 Stunden in der Woche, Fünf-Tage-Woche, grundsätzlich keine Arbeit am Samstag und Sonntag."
)


def applicant_of(application) -> User | None:
    """The applicant, or None for a blank application (e.g. on the city page)."""
    try:
        return application.applicant
    except User.DoesNotExist:
        return None


def age_at_start(application) -> int | None:
    """The applicant's age in full years on the first day of the stay, None if unknown."""
    applicant = applicant_of(application)
    if applicant is None or not application.start_date:
        return None
    return applicant.age_on(application.start_date)


def is_minor(application) -> bool:
    """True if the applicant is under 18 when the stay begins."""
    age = age_at_start(application)
    return age is not None and age < ADULT_AGE


@hookimpl
def application_fields(city):
    """Contact details of the custodians, asked of every city's form, needed only for minors."""
    return [
        FieldSpec(
            "custodians",
            StringField(
                "Sorgeberechtigte (nur bei Minderjährigen): Namen",
                validators=[Optional(), Length(max=300, message="Bitte höchstens 300 Zeichen.")],
            ),
        ),
        FieldSpec(
            "custodians_phone",
            StringField(
                "Telefon der Sorgeberechtigten für Notfälle (nur bei Minderjährigen)",
                validators=[Optional(), Length(max=100, message="Bitte höchstens 100 Zeichen.")],
            ),
        ),
    ]


def missing_custodians(application) -> list[Finding]:
    """Minors must name their custodians and a phone number for emergencies."""
    extra = application.extra or {}
    if not is_minor(application) or (extra.get("custodians") and extra.get("custodians_phone")):
        return []
    message = "Für Minderjährige bitte Namen und Notfall-Telefon der Sorgeberechtigten angeben."
    return [Finding("error", message, "extra_custodians", "custodians")]


@hookimpl
def required_documents(city, application):
    """The custodians' consent for minors."""
    return [CONSENT] if is_minor(application) else []


@hookimpl
def check_application(city, application):
    """Minimum age, hints for minors, the second-year priority."""
    return [*age_findings(application), *missing_custodians(application), *training_year_hint(application)]


def age_findings(application) -> list[Finding]:
    """Under 16: error; 16 or 17: warning with youth-protection hints and the consent."""
    age = age_at_start(application)
    if age is None or age >= ADULT_AGE:
        return []
    if age < MIN_AGE:
        message = (
            f"Zu Beginn des Aufenthalts sind Sie {age} Jahre alt; teilnehmen können Auszubildende "
            f"ab {MIN_AGE} Jahren."
        )
        return [Finding("error", message, "start_date", "too_young")]
    message = (
        f"Zu Beginn des Aufenthalts sind Sie {age} Jahre alt. {YOUTH_PROTECTION} Nötig ist die "
        "Einverständniserklärung aller Sorgeberechtigten."
    )
    return [Finding("warning", message, None, "minor")]


def training_year_hint(application) -> list[Finding]:
    """A warning, never an error, when the trainee is not in the second training year."""
    applicant = applicant_of(application)
    if applicant is None:
        return []
    year = application.training_year if application.training_year is not None else applicant.training_year
    if year == PRIORITY_YEAR:
        return []
    known = f"Sie sind im {year}. Ausbildungsjahr." if year else "Ihr Ausbildungsjahr ist nicht angegeben."
    message = (
        f"{known} Vorrang haben Auszubildende im 2. Ausbildungsjahr; die Entscheidung trifft das Personalamt."
    )
    return [Finding("warning", message, None, "training_year")]


@hookimpl
def rule_summaries(city):
    """Age and training-year rules in plain German."""
    return [
        f"Teilnehmen können Auszubildende ab {MIN_AGE} Jahren (maßgeblich ist das Alter zu Beginn "
        "des Aufenthalts).",
        f"Für Minderjährige (16 und 17 Jahre): {YOUTH_PROTECTION} Alle Sorgeberechtigten müssen "
        "schriftlich zustimmen.",
        "Vorrang haben Auszubildende im 2. Ausbildungsjahr; die Entscheidung trifft das Personalamt.",
    ]
