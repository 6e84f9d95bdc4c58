"""The plugin contract between the core and the partner-city plugins.

A partner-city plugin is a module (or object) registered under the entry-point
group ``intranet``. It implements ``partner_city()`` plus any of the other hooks
below with ``@intranet.hookimpl``. The core calls a city's hooks only on that
city's plugin and on the cross-cutting plugins that name no city of their own
(the core defaults in ``intranet/cities/defaults/`` are such plugins), so a plugin
never has to ask which city it is being asked about.

Results are plain dataclasses defined in this module; every hook that returns
several items returns a list, and the core concatenates the lists of all
answering plugins. The exception is ``public_holidays`` (``firstresult``): one
authority answers with the full list, the city's plugin if it implements the
hook, else the core default.
"""

from dataclasses import dataclass, field
from datetime import date

import pluggy

hookspec = pluggy.HookspecMarker("intranet")
hookimpl = pluggy.HookimplMarker("intranet")


# ---------------------------------------------------------------- result types


@dataclass(frozen=True)
class PartnerCity:
    """Identity and country facts of one partner city."""

    slug: str  #: stable id, lower-case ASCII, e.g. "boleslawiec"
    name_de: str  #: German name shown in the UI, e.g. "Bolesławiec"
    name_local: str  #: name in the local language and script, e.g. "Ορεστιάδα"
    country: str  #: ISO 3166-1 alpha-2, e.g. "PL"
    country_de: str  #: country name in German, e.g. "Polen"
    region: str  #: region or district, local spelling
    languages: tuple[str, ...]  #: ISO 639-1 codes of the partner's letters, first = main
    eu: bool
    schengen: bool
    currency: str  #: ISO 4217, e.g. "PLN"
    timezone: str  #: IANA zone, e.g. "Europe/Warsaw"
    partner_since: str  #: year as text; conflicting sources are said so here
    short_label: str  #: two or three letters for badges, e.g. "PL"
    #: facts that still need checking by the city admin ("bitte prüfen")
    unverified: tuple[str, ...] = ()
    #: subdivision code for the ``holidays`` library, e.g. "BB" (Brandenburg), "09" (Guarda)
    holiday_subdiv: str | None = None
    #: German names of the country's own holidays, as pairs (library's English name, German name),
    #: for countries whose names the ``holidays`` library has no German for
    holiday_names_de: tuple[tuple[str, str], ...] = ()
    #: (latitude, longitude) in decimal degrees (WGS 84) of the town centre, for the Erasmus+
    #: distance band (great-circle distance from Siegburg, see ``intranet.erasmus.distance``);
    #: None if the plugin does not say, the stay then gets no travel support
    coordinates: tuple[float, float] | None = None


@dataclass(frozen=True)
class Holiday:
    """A day on which the host administration does not work (or only half)."""

    day: date
    name: str  #: German, e.g. "Karfreitag"
    estimated: bool = False  #: date computed in advance, not yet officially confirmed
    half_day: bool = False
    local_name: str = ""  #: in the city's language, e.g. "Μεγάλη Παρασκευή"; empty if the same
    #: why this day is only possibly a holiday (e.g. a moving that is not confirmed): then it
    #: does not count as a day off, and pages and warnings say "möglicherweise"
    uncertain: str = ""

    @property
    def label(self) -> str:
        """German name first, the local one in brackets: "Karfreitag (Μεγάλη Παρασκευή)"."""
        return (
            f"{self.name} ({self.local_name})"
            if self.local_name and self.local_name != self.name
            else self.name
        )


@dataclass(frozen=True)
class Finding:
    """One result of a rule check; errors block submission, warnings do not."""

    severity: str  #: "error" or "warning"
    message: str  #: German sentence for the trainee, naming the problem
    #: form field (and HTML id) the message belongs to: "start_date", "end_date" or
    #: "extra_" + FieldSpec.name; None if no field can fix it
    field: str | None = None
    code: str = ""  #: stable id for tests and statistics, e.g. "duration"


@dataclass(frozen=True)
class DocumentRequirement:
    """A document the applicant uploads."""

    key: str  #: stable id, e.g. "cv", "ehic"
    label: str  #: German label
    required: bool = True
    formats: tuple[str, ...] = ("pdf", "jpeg", "png")
    help: str = ""  #: German help text: what exactly is expected
    #: when it is due: "submission" (blocks submitting) or "departure" (after approval)
    due: str = "submission"


@dataclass(frozen=True)
class Contact:
    """A person, office or emergency number for a city."""

    kind: str  #: "administration", "emergency", "mission", "partnership_office", …
    name: str
    role: str = ""
    address: str = ""
    email: str = ""
    phone: str = ""
    note: str = ""
    verified: bool = True  #: False shows the contact flagged "bitte prüfen"


@dataclass(frozen=True)
class LetterTemplate:
    """A Jinja template shipped by a plugin, in one language.

    ``audience`` says whose stay the letter belongs to. "outbound" (the default): a Siegburg
    trainee's stay in the partner city; the letter gets the variables of
    ``intranet.letters.rendering.sample_context`` and is listed on the application's letters page.
    "inbound": a partner trainee's stay in Siegburg; the letter gets the variables of
    ``intranet.inbound.letters.sample_context`` and is listed only on that guest's letters
    page (kinds "welcome", "programme", "certificate").
    """

    #: outbound: "introduction", "host_confirmation", "certificate", "emergency_card" and
    #: "learning_agreement" (the Erasmus+ learning agreement, supplied by the core for every city abroad)
    kind: str
    language: str  #: ISO 639-1
    template: str  #: template name, e.g. "nogent/introduction_fr.html"
    title: str = ""  #: German title for lists
    audience: str = "outbound"  #: "outbound" or "inbound", see above


@dataclass(frozen=True)
class CostItem:
    """One line of a cost estimate, in euro."""

    category: str  #: "travel", "insurance", "host_family", "other"
    label: str  #: German description, e.g. "Bahnfahrt Siegburg – Paris (hin und zurück)"
    amount: float  #: euro, may be 0
    note: str = ""


@dataclass
class FieldSpec:
    """An extra form field a city adds to the application form."""

    name: str  #: key in Application.extra; unique within the city
    field: object  #: an unbound WTForms field, e.g. SelectField("Französisch", choices=…)
    help: str = ""
    tags: list[str] = field(default_factory=list)
    #: ISO 639-1 code if the field asks for a CEFR level of that language; the form then
    #: prefills it from, and saves it back to, the trainee's profile
    language: str = ""


# ---------------------------------------------------------------- hooks


@hookspec
def partner_city() -> PartnerCity:
    """Return the identity of the city this plugin stands for.

    Called once at start-up by ``intranet.cities.registry`` to build the registry. Only
    city plugins implement it; two plugins with the same slug stop the start-up.
    """


@hookspec(firstresult=True)
def public_holidays(city: PartnerCity, start: date, end: date) -> list[Holiday]:
    """Return the host city's complete list of holidays between ``start`` and ``end`` (inclusive).

    Called by the core rules (start and end on working days, holidays inside the
    stay) and the city page. One answer wins: a city plugin that implements the hook
    returns the full list (usually ``intranet.cities.workdays.library_holidays(city, start,
    end)`` plus or minus its own dates); otherwise the core default answers from the
    ``holidays`` library for ``city.country`` and ``city.holiday_subdiv``.
    """


@hookspec
def rule_summaries(city: PartnerCity) -> list[str]:
    """Return the city's rules in plain German sentences, one rule per item.

    Called for the city page and the application form, so trainees can read the
    rules before they apply. The core defaults add the rules every city shares.
    """


@hookspec
def application_fields(city: PartnerCity) -> list[FieldSpec]:
    """Return extra application-form fields for ``city``.

    Called when the application form is built for a chosen city. Values end up
    in ``Application.extra`` under each ``FieldSpec.name``.
    """


@hookspec
def required_documents(city: PartnerCity, application) -> list[DocumentRequirement]:
    """Return the documents an application for ``city`` needs.

    ``application`` is an ``intranet.models.Application`` (possibly unsaved, with
    the form's current values). Called for the checklist, on upload and before
    submission. The core defaults add the documents every city needs.
    """


@hookspec
def check_application(city: PartnerCity, application) -> list[Finding]:
    """Return the rule findings for an application to ``city``.

    Called on every live check of the form and before submission; any finding
    with severity "error" blocks submission. Must not write to the database. The
    core defaults check duration, working days, holidays, blocked periods,
    capacity, age and training year.
    """


@hookspec
def contacts(city: PartnerCity) -> list[Contact]:
    """Return contact persons, offices and emergency numbers for ``city``.

    Called for the city page, the application form and the letters (``contacts`` in
    the letter context). The core defaults add Siegburg's partnership office and the
    emergency number 112; a city plugin adds its administration and German mission.
    """


@hookspec
def letter_templates(city: PartnerCity) -> list[LetterTemplate]:
    """Return the letter templates the plugin ships, one entry per kind and language.

    Each template extends ``letters/base.html`` and fills the blocks ``subject`` and
    ``body``; its variables are those of ``intranet.letters.rendering.sample_context``. Called
    when letters are listed and rendered (``intranet.letters.rendering.render_letter``) and by
    ``flask --app intranet plugins check``, which renders every one with sample data.
    """


@hookspec
def cost_estimate(city: PartnerCity, application) -> list[CostItem]:
    """Return the estimated cost items of a stay in ``city``.

    Called on submission; the sum is stored on the application and reserved
    against the budget when HR approves.
    """


@hookspec
def on_status_change(city: PartnerCity, application, old: str, new: str) -> None:
    """React to a status change of an application to ``city``.

    Called after the change is written, inside the same transaction: raising
    ``intranet.outbound.workflow.TransitionRefused`` vetoes the change and rolls it back.
    Return value is ignored.
    """
