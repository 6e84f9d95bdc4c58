"""Forms for guests in Siegburg and for Siegburg's departments and office closures."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from intranet.hostfamilies.forms import HostFamilyForm
from intranet.inbound.guests import FIELDS
from intranet.outbound.forms import ApplicationForm
from intranet.people.forms import TRACKS, LanguageForm, birth_date_plausible
from intranet.people.profiles import LANGUAGES
from intranet.platform.db import MAX_ID
from intranet.platform.fields import REQUIRED_DATE, DayField, not_before
from intranet.platform.paging import int_in


def _text(label, required_message=None, **kwargs):
    """A one-line text field of up to 200 characters, required when a message is given."""
    first = InputRequired(required_message) if required_message else Optional()
    return StringField(label, validators=[first, Length(max=200)], **kwargs)


class InboundForm(FlaskForm):
    #: the domain refuses a city outside the user's scope with a German message
    city = SelectField(
        _l("Partnerstadt"),
        validate_choice=False,
        validators=[DataRequired(_l("Bitte eine Partnerstadt wählen."))],
    )
    first_name = _text(_l("Vorname"), _l("Bitte den Vornamen angeben."))
    last_name = _text(_l("Nachname"), _l("Bitte den Nachnamen angeben."))
    email = HostFamilyForm.email
    date_of_birth = DayField(_l("Geburtsdatum"), validators=[Optional(), birth_date_plausible])
    home_administration = _text(
        _l("Heimatverwaltung"),
        _l("Bitte die Heimatverwaltung angeben."),
        description=_l("z. B. „Mairie de Nogent-sur-Marne“"),
    )
    training = _text(_l("Ausbildung"), _l("Bitte die Ausbildung angeben."))
    training_track = SelectField(_l("Entsprechender Ausbildungsgang in Siegburg"), validators=[Optional()])
    training_year = IntegerField(
        _l("Ausbildungsjahr"),
        validators=[Optional(), NumberRange(1, 3, message=_l("Das Ausbildungsjahr liegt zwischen 1 und 3."))],
    )
    languages = FieldList(FormField(LanguageForm), min_entries=3, max_entries=6)
    validate_languages = ApplicationForm.validate_languages
    letter_language = SelectField(_l("Sprache der Briefe (neben Deutsch)"))
    start_date = DayField(_l("Erster Tag in der Verwaltung"), validators=[InputRequired(REQUIRED_DATE)])
    end_date = DayField(_l("Letzter Tag in der Verwaltung"), validators=[InputRequired(REQUIRED_DATE)])
    arrival = DayField(_l("Anreise"), validators=[InputRequired(REQUIRED_DATE)])
    departure = DayField(_l("Abreise"), validators=[InputRequired(REQUIRED_DATE)])
    travel = _text(_l("Reise"), description=_l("z. B. „ICE, Siegburg/Bonn 14:32“"))
    mentor = _text(_l("Mentorin oder Mentor in Siegburg"))
    host_family = SelectField(_l("Gastfamilie in Siegburg"), validate_choice=False)
    #: the version of the guest the form was loaded from (lost-update check)
    version = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.training_track.choices = [("", _l("– keiner –"))] + list(TRACKS.items())
        self.letter_language.choices = list(LANGUAGES.items())

    def live_fields(self):
        """Fields whose change re-runs the checks; each shows its findings next to it."""
        names = ("start_date", "end_date", "arrival", "departure", "letter_language", "host_family")
        return [self[name] for name in names if name in self]

    def values(self) -> dict:
        """The guest's columns as the domain takes them (fields the form lacks are left out)."""
        values = {name: self[name].data for name in _PLAIN if name in self}
        for name in ("email", "travel", "mentor"):  # optional text: empty, never NULL
            values[name] = (values.get(name) or "").strip()
        values["training_track"] = values.get("training_track") or None
        values["languages"] = [
            {"code": row.language.data, "level": row.level.data}
            for row in self.languages
            if row.language.data
        ]
        if "host_family" in self:
            raw = self.host_family.data
            values["host_family"] = int_in(raw, range(1, MAX_ID + 1))  # a huge number is no family
        return values

    def load_languages(self, languages: list[dict]) -> None:
        """Fill the language rows from the stored list."""
        for row, entry in zip(self.languages, languages, strict=False):
            row.language.data, row.level.data = entry["code"], entry["level"]


#: fields whose form data is the column value as it is
_PLAIN = tuple(name for name in FIELDS if name not in ("languages", "host_family"))


class DepartmentForm(FlaskForm):
    name = _text(_l("Name der Abteilung"), _l("Bitte den Namen der Abteilung angeben."))
    capacity = IntegerField(
        _l("Gäste pro Woche"),
        default=1,
        validators=[
            InputRequired(_l("Bitte die Zahl der Plätze angeben.")),
            NumberRange(1, 10, _l("Bitte eine Zahl von 1 bis 10 angeben.")),
        ],
    )
    active = BooleanField(_l("nimmt Gäste auf"), default=True)


class ClosureForm(FlaskForm):
    start_date = DayField(_l("Geschlossen von"), validators=[InputRequired(REQUIRED_DATE)])
    end_date = DayField(_l("bis"), validators=[InputRequired(REQUIRED_DATE), not_before("start_date")])
    reason = _text(_l("Anlass"), _l("Bitte den Anlass angeben."), description=_l("z. B. „Rosenmontag“"))


class TandemForm(FlaskForm):
    """The chosen Siegburg stay and, with the swap, the Siegburg household and its consent."""

    outbound = IntegerField(validators=[InputRequired(_l("Bitte einen Aufenthalt aus Siegburg wählen."))])
    host_swap = BooleanField(
        _l("Gastfamilien-Tausch"),
        description=_l(
            "Der Haushalt der Siegburger Auszubildenden nimmt den Gast auf. Dann sind Haushalt, "
            "Anschrift, Datum und Umfang der Einwilligung Pflicht."
        ),
    )
    household = StringField(_l("Haushalt"), validators=[Optional(), Length(max=200)])
    address = TextAreaField(_l("Anschrift"), validators=[Optional(), Length(max=1000)])
    contact_name = StringField(_l("Ansprechperson"), validators=[Optional(), Length(max=200)])
    email = StringField(_l("E-Mail"), validators=[Optional(), Length(max=254)])
    phone = StringField(_l("Telefon"), validators=[Optional(), Length(max=60)])
    consent_date = DayField(_l("Einwilligung erteilt am"), validators=[Optional()])
    consent_scope = TextAreaField(
        _l("Umfang der Einwilligung"),
        validators=[Optional(), Length(max=2000)],
        description=_l(
            "Wozu der Haushalt eingewilligt hat, z. B. Aufnahme des Gastes und Speicherung beim Personalamt."
        ),
    )

    def swap(self) -> dict | None:
        """The household values when the swap is ticked, else None."""
        if not self.host_swap.data:
            return None
        names = ("household", "address", "contact_name", "email", "phone", "consent_date", "consent_scope")
        return {name: self[name].data for name in names}
