"""WTForms forms; the application form grows the chosen city's extra fields."""

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    FieldList,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from intranet.cities.registry import registry
from intranet.people.forms import TRACKS, LanguageForm, birth_date_plausible

EXTRA_PREFIX = "extra_"


class ApplicationForm(FlaskForm):
    city = SelectField(_l("Partnerstadt"), validators=[DataRequired(_l("Bitte eine Partnerstadt wählen."))])
    start_date = DateField(
        _l("Beginn des Aufenthalts"),
        validators=[InputRequired(_l("Bitte ein Datum angeben."))],
    )
    end_date = DateField(
        _l("Ende des Aufenthalts"),
        validators=[InputRequired(_l("Bitte ein Datum angeben."))],
    )
    motivation = TextAreaField(
        _l("Motivation"),
        description=_l("Was möchten Sie in der Partnerverwaltung kennenlernen? (höchstens 5000 Zeichen)"),
        validators=[Optional(), Length(max=5000, message=_l("Bitte höchstens 5000 Zeichen."))],
    )

    training_track = SelectField(_l("Ausbildungsgang"), validators=[Optional()])
    training_year = IntegerField(
        _l("Ausbildungsjahr"),
        validators=[
            Optional(),
            NumberRange(1, 3, message=_l("Das Ausbildungsjahr liegt zwischen 1 und 3.")),
        ],
    )
    date_of_birth = DateField(_l("Geburtsdatum"), validators=[Optional(), birth_date_plausible])
    languages = FieldList(FormField(LanguageForm), min_entries=3, max_entries=6)
    #: the version of the draft the form was loaded from (lost-update check)
    version = HiddenField()

    def extra_fields(self):
        """The city's extra fields, in the plugin's order."""
        return [f for f in self if f.name.startswith(EXTRA_PREFIX)]

    def extra_data(self) -> dict:
        """Values of the city's extra fields, keyed without prefix."""
        return {f.name[len(EXTRA_PREFIX) :]: f.data for f in self.extra_fields()}

    def live_fields(self):
        """Fields whose change re-runs the city's checks (each shows its findings next to it)."""
        own = [self.start_date, self.end_date, self.training_track, self.training_year, self.date_of_birth]
        return own + self.extra_fields()

    def fill_extra(self, extra: dict) -> None:
        """Load saved answers of the city's fields (dates come back from JSON as ISO text)."""
        for f in self.extra_fields():
            value = extra.get(f.name[len(EXTRA_PREFIX) :])
            if isinstance(f, DateField) and isinstance(value, str):
                value = date.fromisoformat(value)
            f.data = value

    def prefill_languages(self, levels: dict[str, str]) -> None:
        """City language fields the request did not send start at the profile's level."""
        for spec_name, code in self.city_languages.items():
            f = self[EXTRA_PREFIX + spec_name]
            if not f.raw_data and code in levels:
                f.data = levels[code]

    def application_values(self) -> dict:
        """The application's own columns."""
        return {
            "city": self.city.data,
            "start_date": self.start_date.data,
            "end_date": self.end_date.data,
            "motivation": self.motivation.data or "",
            "extra": self.extra_data(),
        }

    def profile_values(self) -> dict:
        """The profile part, as ``profiles.update`` takes it."""
        return {
            "track": self.training_track.data,
            "year": self.training_year.data,
            "date_of_birth": self.date_of_birth.data,
            "levels": self.language_levels(),
        }

    def language_levels(self) -> dict[str, str]:
        """CEFR levels per language code: the profile's rows, then the city's language fields."""
        levels = {row.language.data: row.level.data for row in self.languages if row.language.data}
        for spec_name, code in self.city_languages.items():
            levels[code] = self[EXTRA_PREFIX + spec_name].data
        return levels

    def validate_languages(self, field):
        codes = [row.language.data for row in field if row.language.data]
        if len(codes) != len(set(codes)):
            raise ValidationError(_l("Bitte jede Sprache nur einmal angeben."))


def application_form(city_slug: str | None, **kwargs) -> ApplicationForm:
    """The application form with the chosen city's extra fields added."""
    cities = registry()
    attrs = {"city_languages": {}}
    if city_slug in cities:
        for spec in cities.call(city_slug, "application_fields"):
            attrs[EXTRA_PREFIX + spec.name] = spec.field
            if spec.language:
                attrs["city_languages"][spec.name] = spec.language
    form_class = type("CityApplicationForm", (ApplicationForm,), attrs)
    form = form_class(**kwargs)
    # choices are set on the instance: WTForms warns about (value, label) pairs in the class
    form.city.choices = [("", _l("– bitte wählen –"))] + cities.choices()
    form.training_track.choices = [("", _l("– bitte wählen –")), *TRACKS.items()]
    return form
