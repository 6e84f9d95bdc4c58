"""Forms of the host-family register: a household and its availability windows."""

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    IntegerField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional, Regexp

from intranet.people.profiles import LANGUAGES
from intranet.platform.fields import REQUIRED_DATE, CheckboxesField, DayField, not_before

try:
    from wtforms import SelectChoice
except ImportError:  # WTForms < 3.3 takes (value, label) tuples, which 3.3 deprecates
    SelectChoice = None


def language_choices() -> list:
    """The profile's languages as choices for a checkbox list."""
    pairs = list(LANGUAGES.items())
    return pairs if SelectChoice is None else [SelectChoice(code, label) for code, label in pairs]


def _not_in_future(form, field):
    if field.data and field.data > date.today():
        raise ValidationError(_l("Die Einwilligung kann nicht in der Zukunft liegen."))


class HostFamilyForm(FlaskForm):
    household = StringField(
        _l("Haushalt"),
        validators=[InputRequired(_l("Bitte den Namen des Haushalts angeben.")), Length(max=200)],
        description=_l("z. B. „Familie Dubois“"),
    )
    address = TextAreaField(_l("Anschrift"), validators=[Length(max=1000)])
    contact_name = StringField(_l("Ansprechperson"), validators=[Length(max=200)])
    email = StringField(
        _l("E-Mail"),
        validators=[
            Optional(),
            Length(max=254),
            Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("Bitte eine gültige E-Mail-Adresse angeben.")),
        ],
    )
    phone = StringField(_l("Telefon"), validators=[Length(max=60)])
    languages = CheckboxesField(_l("Sprachen im Haushalt"), choices=lambda: language_choices())
    capacity = IntegerField(
        _l("Plätze (gleichzeitig)"),
        default=1,
        validators=[
            InputRequired(_l("Bitte die Zahl der Plätze angeben.")),
            NumberRange(1, 10, _l("Bitte eine Zahl von 1 bis 10 angeben.")),
        ],
    )
    rooms = IntegerField(
        _l("Gästezimmer"),
        default=1,
        validators=[
            InputRequired(_l("Bitte die Zahl der Zimmer angeben.")),
            NumberRange(1, 10, _l("Bitte eine Zahl von 1 bis 10 angeben.")),
        ],
    )
    notes = TextAreaField(
        _l("Hinweise"), validators=[Length(max=2000)], description=_l("Haustiere, Ernährung, Rauchen …")
    )
    consent_date = DayField(
        _l("Einwilligung erteilt am"),
        validators=[InputRequired(REQUIRED_DATE), _not_in_future],
    )
    consent_scope = TextAreaField(
        _l("Umfang der Einwilligung"),
        validators=[InputRequired(_l("Bitte angeben, wozu die Familie eingewilligt hat.")), Length(max=1000)],
        description=_l("z. B. „Speicherung und Weitergabe an die Praktikantin/den Praktikanten“"),
    )


class AvailabilityForm(FlaskForm):
    start_date = DayField(_l("Verfügbar von"), validators=[InputRequired(REQUIRED_DATE)])
    end_date = DayField(_l("bis"), validators=[InputRequired(REQUIRED_DATE), not_before("start_date")])
