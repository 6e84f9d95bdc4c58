"""The mobility activities of a call year's project for the EU's Beneficiary Module, and the same for HR.

Layout: the module's mobility import-export file as the EC's user wiki describes it (pages
"Edit the import file", "Manage export and import of mobility activities" and the itinerary
fields of the KA15x import) – see docs/erasmus.md for what is confirmed and what is not. The
data the app does not hold otherwise (the organisations' OIDs, the grant agreement number)
are settings HR keeps on the Erasmus+ screen, stored as ``CityOverride`` rows of the pseudo-city
``erasmus`` (kind ``erasmus_setting``); missing ones stop the export with a German message.
"""

import csv
import io
import re

from flask_babel import gettext as _

from intranet.cities import overrides
from intranet.cities.home import SIEGBURG
from intranet.cities.registry import registry
from intranet.erasmus import funding
from intranet.platform.spreadsheets import safe_text

SETTING_KIND = "erasmus_setting"
#: an Organisation ID of the Erasmus+ platform: "E" and eight digits, e.g. E10012345
OID = re.compile(r"^E\d{8}$")

COLUMNS = (
    "Grant Agreement No.",
    "Mobility activity ID",
    "Activity type",
    "Participant first name",
    "Participant last name",
    "Participant email",
    "Participant with fewer opportunities",
    "Sending Organisation OID",
    "Sending country",
    "Sending city",
    "Receiving Organisation OID",
    "Receiving country",
    "Receiving city",
    "Start date",
    "End date",
    "Distance (km)",
    "Distance band",
    "Green travel",
    "Funded travel days",
    "Funded duration including travel days (in days)",
    "Travel grant",
    "Individual support",
    "Organisational support",
)
ACTIVITY_TYPE = "VET learners short-term learning mobility"


class ExportRefused(ValueError):
    """An export that cannot be made yet; the message is German and names what is missing."""


def settings() -> dict:
    """HR's settings for the export: key → value."""
    return overrides.values(funding.rates.OVERRIDE_CITY, SETTING_KIND)


def setting_keys(year: int) -> dict:
    """The settings HR may set for ``year``: key → German label."""
    keys = {
        f"{year}/grant_agreement": _("Nummer der Finanzhilfevereinbarung %(year)s", year=year),
        "oid/siegburg": _("OID der Stadt Siegburg (entsendende Einrichtung)"),
    }
    for city in registry():
        if city.country != funding.SENDING_COUNTRY:
            keys[f"oid/{city.slug}"] = _(
                "OID der Verwaltung %(city)s (aufnehmende Einrichtung)", city=city.name_de
            )
    return keys


def set_setting(user, year: int, key: str, value: str):
    """Store one setting; OIDs must look like E12345678 (audited by ``overrides.set_value``)."""
    value = (value or "").strip()
    if key not in setting_keys(year):
        raise ExportRefused(_("Diese Einstellung gibt es nicht."))
    if key.startswith("oid/") and not OID.match(value):
        raise ExportRefused(_("Eine OID besteht aus E und acht Ziffern, z. B. E10012345."))
    if not value or len(value) > 60:
        raise ExportRefused(_("Bitte einen Wert mit höchstens 60 Zeichen angeben."))
    return overrides.set_value(user, funding.rates.OVERRIDE_CITY, SETTING_KIND, key, value)


def split_name(display_name: str) -> tuple[str, str]:
    """First and last name from the display name (last word = last name)."""
    first, _sep, last = display_name.strip().rpartition(" ")
    return (first, last) if first else ("", last)


def row_of(application, result, values: dict, year: int, travel_days: int) -> dict:
    """One participant's row: column → value (None where a setting is missing)."""
    city = registry().get(application.city)
    first, last = split_name(application.applicant.display_name)
    items = {item.key: item.amount for item in result.items}
    return dict(
        zip(
            COLUMNS,
            (
                values.get(f"{year}/grant_agreement"),
                f"SU-{year}-{application.id:05d}",
                ACTIVITY_TYPE,
                first,
                last,
                application.applicant.email,
                "No",
                values.get("oid/siegburg"),
                SIEGBURG.country,
                SIEGBURG.name_local,
                values.get(f"oid/{city.slug}"),
                city.country,
                city.name_local,
                application.start_date.isoformat(),
                application.end_date.isoformat(),
                result.km,
                result.band,
                "No",
                travel_days,
                application.days + travel_days,
                items.get("travel"),
                items.get("individual"),
                items.get("organisational"),
            ),
            strict=True,
        )
    )


def rows(year: int) -> list[dict]:
    """One row per participant of an eligible stay of the call year."""
    values, travel_days = settings(), int(funding.rates.amounts(year)["travel_days/standard"])
    return [row_of(a, f, values, year, travel_days) for a, f in funding.project(year).eligible]


def missing(found: list[dict]) -> list[str]:
    """German names of the settings the rows lack."""
    labels = {
        "Grant Agreement No.": _("Nummer der Finanzhilfevereinbarung"),
        "Sending Organisation OID": _("OID der Stadt Siegburg"),
    }
    lacking = []
    for row in found:
        for column, label in labels.items():
            if not row[column] and label not in lacking:
                lacking.append(label)
        if not row["Receiving Organisation OID"]:
            name = _("OID der Verwaltung %(city)s", city=row["Receiving city"])
            if name not in lacking:
                lacking.append(name)
    return lacking


def module_csv(year: int) -> str:
    """The import file (UTF-8, commas, ISO dates, decimal points); refused while settings are missing."""
    found = rows(year)
    if not found:
        raise ExportRefused(_("Im Aufrufjahr %(year)s gibt es keine förderfähigen Aufenthalte.", year=year))
    lacking = missing(found)
    if lacking:
        raise ExportRefused(
            _(
                "Für den Export fehlt noch: %(missing)s. "
                "Bitte unter „Einstellungen für den Export“ eintragen.",
                missing=", ".join(lacking),
            )
        )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in found:
        writer.writerow(
            ["" if v is None else safe_text(v) if isinstance(v, str) else v for v in row.values()]
        )
    return buffer.getvalue()
