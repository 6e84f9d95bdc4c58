"""Erasmus+ funding: distance bands, eligibility, grants against a hand calculation, HR's figures,
the Beneficiary Module export read back, and the learning agreement read back from its PDF."""

import csv
import io
import subprocess
from datetime import date, timedelta
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from intranet.cities.home import SIEGBURG
from intranet.erasmus import beneficiary, distance, funding, rates
from intranet.models import Application, AuditEvent, CityOverride, IssuedLetter, User
from intranet.platform.db import db

#: one-way great-circle km from Siegburg (50.8010 N, 7.2044 E), computed with the haversine formula
#: and R = 6371 km from the coordinates the plugins supply, and the band each falls into
DISTANCES = {
    "nogent": (402.9, "100-499"),
    "werder": (432.8, "100-499"),
    "boleslawiec": (586.9, "500-1999"),
    "guarda": (1596.7, "500-1999"),
    "orestiada": (1803.8, "500-1999"),
    "selcuk": (2134.3, "2000-2999"),
}


def stay(city: str, days: int, track="VFA", estimate=None) -> Application:
    """An unsaved application of ``days`` days from 1 June 2027 (call year 2027)."""
    trainee = User(display_name="Lea Schäfer", email="lea@example.org", training_track=track)
    start = date(2027, 6, 1)
    return Application(
        applicant=trainee,
        city=city,
        start_date=start,
        end_date=start + timedelta(days=days - 1),
        training_track=track,
        cost_estimate=estimate,
    )


def pdf_text(pdf: bytes) -> str:
    """The PDF's text as poppler's pdftotext reads it."""
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


@pytest.mark.parametrize("slug", sorted(DISTANCES))
def test_distance_band_of_every_city_from_siegburg(ctx, slug):
    km, band = DISTANCES[slug]
    city = ctx.get(slug)
    assert city.coordinates is not None
    assert distance.from_siegburg(city) == pytest.approx(km, abs=0.05)
    assert distance.band(city) == band


def test_great_circle_and_band_edges():
    # one degree of latitude on a sphere of 6371 km
    assert distance.great_circle_km((50.0, 7.0), (51.0, 7.0)) == pytest.approx(111.19, abs=0.01)
    assert distance.great_circle_km(SIEGBURG.coordinates, SIEGBURG.coordinates) == 0
    assert [rates.band_of(km) for km in (9.9, 10, 99.9, 100, 1999.4, 2000, 8000)] == [
        None,
        "10-99",
        "10-99",
        "100-499",
        "500-1999",
        "2000-2999",
        "8000+",
    ]


# hand calculation from the 2027 table: travel by band + (days + 2 travel days) × daily rate of
# the country group + 100 € organisational support
#   Selçuk (TR, group 3: 63 €/day, band 2000–2999: 360 €): 14 days 360 + 16 × 63 + 100 = 1 468 €,
#                                                           21 days 360 + 23 × 63 + 100 = 1 909 €
#   Guarda (PT, group 2: 72 €/day, band 500–1999: 275 €):   14 days 275 + 16 × 72 + 100 = 1 527 €,
#                                                           21 days 275 + 23 × 72 + 100 = 2 031 €
@pytest.mark.parametrize(
    ("slug", "days", "travel", "individual", "total"),
    [
        ("selcuk", 14, "360.00", "1008.00", "1468.00"),
        ("selcuk", 21, "360.00", "1449.00", "1909.00"),
        ("guarda", 14, "275.00", "1152.00", "1527.00"),
        ("guarda", 21, "275.00", "1656.00", "2031.00"),
    ],
)
def test_grant_against_the_hand_calculation(ctx, slug, days, travel, individual, total):
    result = funding.funding_of(stay(slug, days))
    assert result.eligible and result.reasons == []
    assert {i.key: i.amount for i in result.items} == {
        "travel": Decimal(travel),
        "individual": Decimal(individual),
        "organisational": Decimal("100.00"),
    }
    assert result.total == Decimal(total)


def test_green_travel_pays_the_green_band_and_six_travel_days(ctx):
    # Selçuk 14 days, green: 410 + (14 + 6) × 63 + 100 = 1 770 €
    assert funding.funding_of(stay("selcuk", 14), green=True).total == Decimal("1770.00")


def test_share_left_on_the_sachkonto(ctx):
    # Guarda 21 days: grant 2 031 € against the city's estimate
    assert funding.funding_of(stay("guarda", 21, estimate=Decimal("2500.00"))).own_share == Decimal("469.00")
    assert funding.funding_of(stay("guarda", 21, estimate=Decimal("900.00"))).own_share == Decimal("0.00")
    assert funding.funding_of(stay("guarda", 21)).own_share is None


def test_werder_is_not_eligible(ctx):
    result = funding.funding_of(stay("werder", 21))
    assert not result.eligible and result.items == [] and result.total == 0
    assert any("Deutschland" in reason for reason in result.reasons)
    assert "learning_agreement" not in {t.kind for t in ctx.call("werder", "letter_templates")}
    assert {t.language for t in ctx.call("selcuk", "letter_templates") if t.kind == "learning_agreement"} == {
        "de",
        "tr",
    }


def test_short_stays_and_non_learners_are_not_eligible(ctx):
    assert funding.funding_of(stay("nogent", 10)).eligible
    short = funding.funding_of(stay("nogent", 9))
    assert not short.eligible and "9 Tage" in short.reasons[0]
    staff = funding.funding_of(stay("nogent", 14, track=None))
    assert not staff.eligible and "Berufsausbildung" in staff.reasons[0]


def test_every_figure_has_a_source_and_unconfirmed_ones_say_so(ctx):
    figures = rates.figures(2027)
    assert figures and all(f.source.startswith("https://") and f.section for f in figures)
    assert {f.key for f in figures if f.confirmed} == {"travel_days/standard", "travel_days/green"}
    # a later call year without its own table uses the latest one
    assert rates.table_year(2031) == 2027 and rates.table_year(2020) == 2027


def test_hr_corrects_a_figure_audited_and_resets_it(app, client, login, people):
    login("hanna")
    refused = client.post(
        "/personal/erasmus/saetze", data={"year": "2027", "key": "individual/2", "amount": "viel"}
    )
    assert refused.status_code == 422 and "Bitte einen Betrag" in refused.text
    response = client.post(
        "/personal/erasmus/saetze", data={"year": "2027", "key": "individual/2", "amount": "80,50"}
    )
    assert response.status_code == 302
    with app.test_request_context(), db.connection_context():
        assert rates.amounts(2027)["individual/2"] == 80.5
        # Guarda 14 days now: 275 + 16 × 80.50 + 100 = 1 663 €
        assert funding.funding_of(stay("guarda", 14)).total == Decimal("1663.00")
        assert AuditEvent.select().where(AuditEvent.action == "override_set").count() == 1
    assert (
        client.post(
            "/personal/erasmus/saetze/zuruecksetzen", data={"year": "2027", "key": "individual/2"}
        ).status_code
        == 302
    )
    with app.test_request_context(), db.connection_context():
        assert rates.amounts(2027)["individual/2"] == 72
        assert CityOverride.select().where(CityOverride.kind == "erasmus_rate").count() == 0
        assert AuditEvent.select().where(AuditEvent.action == "override_reset").count() == 1


def test_hr_sees_the_grant_on_the_application(client, login, make_application):
    application = make_application("anna", "guarda")
    login("hanna")
    detail = client.get(f"/bewerbungen/{application.id}").text
    assert f"/personal/erasmus/bewerbungen/{application.id}" in detail
    page = client.get(f"/personal/erasmus/bewerbungen/{application.id}")
    assert (
        page.status_code == 200
        and "Zuschuss gesamt" in page.text
        and "Entfernungsband 500-1999 km" in page.text
    )
    fragment = client.get(f"/personal/erasmus/bewerbungen/{application.id}", headers={"HX-Request": "true"})
    assert fragment.text.lstrip().startswith("<section") and "<html" not in fragment.text
    assert "/personal/erasmus/" in client.get("/personal/budget/").text


def test_export_refuses_without_oids_then_reads_back_field_by_field(app, client, login, make_application):
    guarda = make_application("anna", "guarda", days=14)
    werder = make_application("ben", "werder", days=14)
    year = guarda.start_date.year
    login("hanna")
    refused = client.get(f"/personal/erasmus/export.csv?year={year}")
    assert refused.status_code == 422
    assert (
        "Nummer der Finanzhilfevereinbarung" in refused.text and "OID der Verwaltung Guarda" in refused.text
    )
    bad = client.post(
        "/personal/erasmus/einstellungen", data={"year": year, "key": "oid/guarda", "value": "12"}
    )
    assert bad.status_code == 422 and "E und acht Ziffern" in bad.text
    for key, value in (
        (f"{year}/grant_agreement", "2027-1-DE02-KA122-VET-000123456"),
        ("oid/siegburg", "E10000001"),
        ("oid/guarda", "E10000002"),
    ):
        assert (
            client.post(
                "/personal/erasmus/einstellungen", data={"year": year, "key": key, "value": value}
            ).status_code
            == 302
        )
    response = client.get(f"/personal/erasmus/export.csv?year={year}")
    assert response.status_code == 200 and response.headers["Content-Disposition"].startswith("attachment")
    [row] = list(csv.DictReader(io.StringIO(response.text)))  # Werder is no Erasmus+ stay
    assert list(row) == list(beneficiary.COLUMNS)
    days = guarda.days
    assert row == {
        "Grant Agreement No.": "2027-1-DE02-KA122-VET-000123456",
        "Mobility activity ID": f"SU-{year}-{guarda.id:05d}",
        "Activity type": "VET learners short-term learning mobility",
        "Participant first name": "Anna",
        "Participant last name": "Azubi",
        "Participant email": "anna@example.org",
        "Participant with fewer opportunities": "No",
        "Sending Organisation OID": "E10000001",
        "Sending country": "DE",
        "Sending city": "Siegburg",
        "Receiving Organisation OID": "E10000002",
        "Receiving country": "PT",
        "Receiving city": "Guarda",
        "Start date": guarda.start_date.isoformat(),
        "End date": guarda.end_date.isoformat(),
        "Distance (km)": "1596.7",
        "Distance band": "500-1999",
        "Green travel": "No",
        "Funded travel days": "2",
        "Funded duration including travel days (in days)": str(days + 2),
        "Travel grant": "275.00",
        "Individual support": f"{72 * (days + 2)}.00",
        "Organisational support": "100.00",
    }
    book = load_workbook(io.BytesIO(client.get(f"/personal/erasmus/export.xlsx?year={year}").data))
    sheet = book.active
    header, values = [c.value for c in sheet[1]], [c.value for c in sheet[2]]
    assert header == list(beneficiary.COLUMNS) and sheet.max_row == 2
    assert dict(zip(header, values, strict=True))["Individual support"] == 72 * (days + 2)
    assert dict(zip(header, values, strict=True))["Receiving Organisation OID"] == "E10000002"
    summary = client.get(f"/personal/erasmus/?year={year}").text
    assert "nicht förderfähig" in summary and f"Nr. {werder.id}" in summary


def test_call_year_project_checks_the_short_term_limits(app, people):
    with app.test_request_context(), db.connection_context():
        anna = people["anna"]
        for month in (1, 12):
            Application.create(
                applicant=anna,
                city="nogent",
                start_date=date(2030, month, 1),
                end_date=date(2030, month, 14),
                status="approved",
                training_track="VFA",
            )
        assert funding.project(2030).problems == []
        Application.create(
            applicant=anna,
            city="nogent",
            start_date=date(2030, 12, 20),
            end_date=date(2031, 7, 2),
            status="approved",
            training_track="VFA",
        )
        assert any("19 Monate" in p for p in funding.project(2030).problems)
        for _ in range(28):
            Application.create(
                applicant=anna,
                city="guarda",
                start_date=date(2030, 3, 1),
                end_date=date(2030, 3, 14),
                status="submitted",
                training_track="VFA",
            )
        assert any("31 förderfähige" in p for p in funding.project(2030).problems)


#: the partner language of the learning agreement per city abroad
PARTNER_LANGUAGES = {"nogent": "fr", "guarda": "pt", "boleslawiec": "pl", "selcuk": "tr", "orestiada": "el"}


@pytest.mark.parametrize("slug", sorted(PARTNER_LANGUAGES))
def test_learning_agreement_renders_in_german_and_the_partner_language(ctx, slug):
    from intranet.letters.rendering import render_letter, sample_context

    templates = [t for t in ctx.call(slug, "letter_templates") if t.kind == "learning_agreement"]
    assert [t.language for t in templates] == ["de", PARTNER_LANGUAGES[slug]]
    context = sample_context(ctx.get(slug))
    for template in templates:
        html = render_letter(template, context)
        assert (
            f'<html lang="{template.language}">' in html and f'<section lang="{template.language}">' in html
        )
        assert context["trainee"].display_name in html and context["mentor"]["name"] in html
        assert "{{" not in html and "{%" not in html


@pytest.mark.parametrize(
    ("language", "phrases"),
    [
        (
            "de",
            [
                "Lernvereinbarung",
                "Entsendende Einrichtung",
                "Aufnehmende Einrichtung",
                "Angestrebte Kompetenzen",
                "Bewertung und Anerkennung",
                "Unterschriften",
            ],
        ),
        (
            "pt",
            [
                "Acordo de aprendizagem",
                "Organização de envio",
                "Organização de acolhimento",
                "Competências visadas",
                "Avaliação e reconhecimento",
                "Assinaturas",
            ],
        ),
    ],
)
def test_learning_agreement_issued_and_read_back_from_the_pdf(
    app, client, login, make_application, language, phrases
):
    application = make_application("anna", "guarda")
    login("hanna")
    page = client.get(f"/bewerbungen/{application.id}/briefe").text
    assert f"/briefe/learning_agreement/{language}" in page
    assert (
        client.post(f"/bewerbungen/{application.id}/briefe/learning_agreement/{language}").status_code == 302
    )
    with app.app_context(), db.connection_context():
        letter = IssuedLetter.get()
        assert (letter.kind, letter.language) == ("learning_agreement", language)
        assert AuditEvent.select().where(AuditEvent.action == "letter_issued").count() == 1
    pdf = client.get(f"/bewerbungen/{application.id}/briefe/ausgestellt/{letter.id}").data
    text = " ".join(pdf_text(pdf).split())
    for phrase in [*phrases, "Anna Azubi", "Stadt Siegburg", "Guarda"]:
        assert phrase in text, phrase
    assert str(application.days) in text


@pytest.mark.parametrize("year", ["²", "٣", "99999999999999999999", "abc", ""])
def test_a_broken_call_year_shows_next_year(client, login, year):
    login("hanna")
    page = client.get("/personal/erasmus/", query_string={"year": year})
    assert page.status_code == 200 and f"Erasmus+-Förderung {date.today().year + 1}" in page.text
