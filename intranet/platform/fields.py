"""Form fields and validators shared by the forms of several features."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    SelectMultipleField,
    ValidationError,
    widgets,
)

REQUIRED_DATE = _l("Bitte ein gültiges Datum angeben (TT.MM.JJJJ oder JJJJ-MM-TT).")


class DayField(DateField):
    """A date field whose parse error is our German sentence, not WTForms' generic one."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(str(REQUIRED_DATE)) from exc


class CheckboxesField(SelectMultipleField):
    """Several choices as a list of checkboxes (keyboard, no JavaScript); only offered values pass."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()

    def pre_validate(self, form):
        offered = {choice.value for choice in self.iter_choices()}
        unknown = sorted(set(self.data or ()) - offered)
        if unknown:
            raise ValidationError(_("Diese Auswahl gibt es nicht: %(values)s", values=", ".join(unknown)))


def not_before(start_name: str):
    """Validator: this date field must not lie before the field ``start_name``."""

    def check(form, field):
        start = form[start_name].data
        if start and field.data and field.data < start:
            raise ValidationError(_l("Das Ende darf nicht vor dem Beginn liegen."))

    return check
