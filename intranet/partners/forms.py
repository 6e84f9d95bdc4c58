"""The partner's forms (its language) and the city admin's forms for links and replies (German)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp

from intranet.letters.issuing import ADDRESS
from intranet.platform.fields import REQUIRED_DATE, DayField, not_before

EMAIL_MESSAGE = _l("Bitte eine gültige E-Mail-Adresse angeben, z. B. name@beispiel.de.")


def email(label):
    """An optional e-mail address field."""
    return StringField(
        label, validators=[Optional(), Regexp(ADDRESS, message=EMAIL_MESSAGE), Length(max=254)]
    )


class PlacementAnswerForm(FlaskForm):
    """The host's answer on the placement: the fields as Siegburg has them, to confirm or change."""

    department = StringField(
        _l("Abteilung"), validators=[InputRequired(_l("Bitte die Abteilung angeben.")), Length(max=200)]
    )
    mentor = StringField(
        _l("Mentorin oder Mentor"),
        validators=[InputRequired(_l("Bitte die betreuende Person angeben.")), Length(max=200)],
    )
    mentor_role = StringField(_l("Funktion der betreuenden Person"), validators=[Length(max=200)])
    mentor_email = email(_l("E-Mail der betreuenden Person"))
    working_hours = StringField(_l("Arbeitszeiten"), validators=[Length(max=200)])
    meeting_point = StringField(_l("Treffpunkt am ersten Tag"), validators=[Length(max=200)])
    meeting_time = StringField(_l("Uhrzeit am ersten Tag"), validators=[Length(max=40)])
    arrival = DayField(_l("Erster Tag"), validators=[DataRequired(REQUIRED_DATE)])
    departure = DayField(_l("Letzter Tag"), validators=[DataRequired(REQUIRED_DATE), not_before("arrival")])
    host_family = TextAreaField(
        _l("Gastfamilie, falls Sie sie vermitteln (Name, Anschrift, Telefon)"), validators=[Length(max=1000)]
    )
    note = TextAreaField(_l("Nachricht an Siegburg"), validators=[Length(max=2000)])
    #: the placement version the form was shown with (lost-update check)
    version = HiddenField()


class AssessmentForm(FlaskForm):
    """After the stay: the mentor's part of the certificate and of the Europass Mobility document."""

    mentor = StringField(
        _l("Name der Mentorin oder des Mentors"),
        validators=[InputRequired(_l("Bitte Ihren Namen angeben.")), Length(max=200)],
    )
    tasks = TextAreaField(
        _l("Tätigkeiten und Aufgaben"),
        validators=[InputRequired(_l("Bitte die Tätigkeiten beschreiben.")), Length(max=3000)],
    )
    skills = TextAreaField(_l("Erworbene Fähigkeiten und Kenntnisse"), validators=[Length(max=3000)])
    assessment = TextAreaField(_l("Bewertung"), validators=[Length(max=3000)])


class LinkForm(FlaskForm):
    """Siegburg issues a link: to whom, in which language."""

    contact_name = StringField(
        _l("Ansprechperson der Gastverwaltung"),
        validators=[InputRequired(_l("Bitte die Ansprechperson angeben.")), Length(max=200)],
    )
    contact_email = StringField(
        _l("E-Mail der Ansprechperson"),
        validators=[InputRequired(EMAIL_MESSAGE), Regexp(ADDRESS, message=EMAIL_MESSAGE), Length(max=254)],
    )
    language = SelectField(_l("Sprache des Links und der E-Mails"))


class ReplyForm(FlaskForm):
    """Siegburg answers a proposal instead of taking it over."""

    reply = TextAreaField(
        _l("Antwort an die Gastverwaltung"),
        validators=[
            InputRequired(_l("Bitte schreiben Sie eine Antwort an die Gastverwaltung.")),
            Length(max=3000),
        ],
    )
