"""WTForms forms; the application form grows the chosen city's extra fields."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from .cities import registry

EXTRA_PREFIX = "extra_"


class LoginForm(FlaskForm):
    username = StringField(
        _l("Benutzername"), validators=[InputRequired(_l("Bitte Benutzernamen angeben.")), Length(max=150)]
    )
    password = PasswordField(
        _l("Passwort"), validators=[InputRequired(_l("Bitte Passwort angeben.")), Length(max=1000)]
    )


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

    def extra_fields(self):
        """The city's extra fields, in the plugin's order."""
        return [f for f in self if f.name.startswith(EXTRA_PREFIX)]

    def extra_data(self) -> dict:
        """Values of the city's extra fields, keyed without prefix."""
        return {f.name[len(EXTRA_PREFIX) :]: f.data for f in self.extra_fields()}


def application_form(city_slug: str | None, **kwargs) -> ApplicationForm:
    """The application form with the chosen city's extra fields added."""
    cities = registry()
    attrs = {}
    if city_slug in cities:
        for spec in cities.call(city_slug, "application_fields"):
            attrs[EXTRA_PREFIX + spec.name] = spec.field
    form_class = type("CityApplicationForm", (ApplicationForm,), attrs)
    form = form_class(**kwargs)
    form.city.choices = [("", _l("– bitte wählen –"))] + cities.choices()
    return form
