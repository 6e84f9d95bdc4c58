"""Forms of people: login, and the training and language parts that every profile form shares."""

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.i18n import translations
from wtforms import (
    Form,
    PasswordField,
    SelectField,
    StringField,
    ValidationError,
)
from wtforms.validators import InputRequired, Length, Optional

from intranet.models import CEFR_LEVELS
from intranet.people.profiles import LANGUAGES
from intranet.platform.fields import CheckboxesField

TRACKS = {
    "VFA": _l("Verwaltungsfachangestellte/r (VFA)"),
    "SIA": _l("Stadtinspektoranwärter/in (SIA)"),
}


class LoginForm(FlaskForm):
    username = StringField(
        _l("Benutzername"), validators=[InputRequired(_l("Bitte Benutzernamen angeben.")), Length(max=150)]
    )
    password = PasswordField(
        _l("Passwort"), validators=[InputRequired(_l("Bitte Passwort angeben.")), Length(max=1000)]
    )


class LanguageForm(Form):
    """One row of the profile's language list: language and CEFR level."""

    class Meta:
        # a sub-form is a plain Form: give it the UI language's WTForms messages like FlaskForm
        def get_translations(self, form):
            return translations

    language = SelectField(_l("Sprache"), validators=[Optional()])
    level = SelectField(_l("Niveau (GER)"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = [("", _l("– keine –"))] + list(LANGUAGES.items())
        self.level.choices = [("", _l("– bitte wählen –"))] + [(lvl, lvl) for lvl in CEFR_LEVELS]

    def validate_level(self, field):
        if self.language.data and not field.data:
            raise ValidationError(_l("Bitte das Niveau zu dieser Sprache wählen."))
        if field.data and not self.language.data:
            raise ValidationError(_l("Bitte die Sprache zu diesem Niveau wählen."))


def birth_date_plausible(form, field):
    """A date of birth in the past and after 1940."""
    if field.data and not date(1940, 1, 1) <= field.data < date.today():
        raise ValidationError(_l("Bitte ein Geburtsdatum zwischen 1940 und heute angeben."))


class AccessForm(FlaskForm):
    # choices are set on the instance: WTForms warns about (value, label) pairs in the class
    roles = CheckboxesField(_l("Rollen"))
    cities = CheckboxesField(_l("Partnerstädte"), description=_l("Nur für die Rolle Stadt-Administration."))

    def validate_roles(self, field):
        # not DataRequired: its flag would mark every single checkbox as required
        if not field.data:
            raise ValidationError(_l("Bitte mindestens eine Rolle wählen."))
