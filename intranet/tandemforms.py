"""The form that confirms a tandem, with the optional host-family swap (HR only)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from intranet.platform.fields import DayField


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
