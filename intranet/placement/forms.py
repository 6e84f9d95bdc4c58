"""Forms of the city admin's pages: host family, availability window, placement."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp

from intranet.letters.issuing import ADDRESS
from intranet.platform.fields import REQUIRED_DATE, DayField, not_before


class PlacementForm(FlaskForm):
    department = StringField(
        _l("Abteilung in der Partnerverwaltung"),
        validators=[InputRequired(_l("Bitte die Abteilung angeben.")), Length(max=200)],
    )
    mentor = StringField(
        _l("Mentorin oder Mentor"),
        validators=[InputRequired(_l("Bitte die betreuende Person angeben.")), Length(max=200)],
    )
    mentor_role = StringField(_l("Funktion der betreuenden Person"), validators=[Length(max=200)])
    mentor_email = StringField(
        _l("E-Mail der betreuenden Person"),
        validators=[
            Optional(),
            Regexp(ADDRESS, message=_l("Bitte eine gültige E-Mail-Adresse angeben, z. B. name@beispiel.de.")),
            Length(max=254),
        ],
    )
    working_hours = StringField(_l("Arbeitszeiten"), validators=[Length(max=200)])
    meeting_point = StringField(_l("Treffpunkt am ersten Tag"), validators=[Length(max=200)])
    meeting_time = StringField(_l("Uhrzeit am ersten Tag"), validators=[Length(max=40)])
    host_family = SelectField(
        _l("Gastfamilie"),
        validate_choice=False,  # the domain function checks that the family belongs to the city
        validators=[DataRequired(_l("Bitte eine Gastfamilie wählen."))],
    )
    arrival = DayField(_l("Anreise"), validators=[InputRequired(REQUIRED_DATE)])
    departure = DayField(_l("Abreise"), validators=[InputRequired(REQUIRED_DATE), not_before("arrival")])
    travel_booked = BooleanField(_l("Reise ist gebucht"))
