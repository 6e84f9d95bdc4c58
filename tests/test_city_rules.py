"""Rules, documents, contacts, letters and costs of the six partner-city plugins, with concrete dates."""

import re
from datetime import date, datetime

import pytest
from intranet_cities import common
from werkzeug.datastructures import MultiDict
from wtforms import DateField, Form, SelectField

from intranet.letters.rendering import render_letter, sample_context
from intranet.models import Application
from intranet.outbound import workflow
from intranet.platform.db import db

from .conftest import future_period

SLUGS = ["boleslawiec", "guarda", "nogent", "orestiada", "selcuk", "werder"]
#: slug → (extra field of the local language, its German label, the letters' partner language)
LOCAL_LANGUAGE = {
    "nogent": ("french_level", "Französischkenntnisse", "fr"),
    "guarda": ("portuguese_level", "Portugiesischkenntnisse", "pt"),
    "boleslawiec": ("polish_level", "Polnischkenntnisse", "pl"),
    "selcuk": ("turkish_level", "Türkischkenntnisse", "tr"),
    "orestiada": ("greek_level", "Griechischkenntnisse", "el"),
}
#: how every letter of the city spells the city, with its diacritics
SPELLING = {
    "nogent": "Nogent-sur-Marne",
    "guarda": "Câmara Municipal da Guarda",
    "boleslawiec": "Bolesławiec",
    "selcuk": "Selçuk",
    "orestiada": "Ορεστιάδα",
    "werder": "Werder (Havel)",
}
#: a word every letter (not the card) in that language uses
LOCAL_WORD = {
    "fr": "stage",
    "pt": "estágio",
    "pl": "praktyk",
    "tr": "staj",
    "el": "πρακτική άσκηση",
    "de": "Hospitation",
}
#: the certificate's title, in the partner's language
CERTIFICATE_TITLE = {
    "fr": "Attestation de stage",
    "pt": "Certificado de participação",
    "pl": "Zaświadczenie o odbyciu praktyki",
    "tr": "Katılım Belgesi",
    "el": "Βεβαίωση συμμετοχής",
    "de": "Teilnahmebescheinigung",
}


def stay(slug: str, start: date, end: date, **extra) -> Application:
    """An unsaved application, as the live check of the form builds it."""
    return Application(city=slug, start_date=start, end_date=end, extra=extra)


def findings(cities, application, code=None):
    found = cities.call(application.city, "check_application", application=application)
    return [f for f in found if code is None or f.code == code]


# ---------------------------------------------------------------- Selçuk: travel document


@pytest.mark.parametrize("as_text", [False, True], ids=["date", "iso-string"])
def test_selcuk_document_expiring_two_months_after_return_is_an_error(ctx, as_text):
    expiry = date(2027, 8, 13)
    application = stay(
        "selcuk",
        date(2027, 5, 31),
        date(2027, 6, 13),
        id_document_expiry=expiry.isoformat() if as_text else expiry,
    )
    [error] = findings(ctx, application, "id_validity")
    assert error.severity == "error"
    assert error.field == "extra_id_document_expiry"
    assert "Ausweisdokument gültig bis" in error.message and "13.08.2027" in error.message
    assert "13.12.2027" in error.message  # the first day that would be enough
    assert error in workflow.errors(application)


@pytest.mark.parametrize(
    "expiry", [date(2028, 1, 13), "2028-01-13", datetime(2028, 1, 13, 0, 0), date(2027, 12, 13)]
)
def test_selcuk_document_valid_six_months_or_longer_is_fine(ctx, expiry):
    application = stay("selcuk", date(2027, 5, 31), date(2027, 6, 13), id_document_expiry=expiry)
    assert findings(ctx, application, "id_validity") == []


def test_selcuk_six_months_after_the_last_day_of_august_is_the_end_of_february(ctx):
    short = stay("selcuk", date(2027, 8, 18), date(2027, 8, 31), id_document_expiry=date(2028, 2, 28))
    enough = stay("selcuk", date(2027, 8, 18), date(2027, 8, 31), id_document_expiry=date(2028, 2, 29))
    assert findings(ctx, short, "id_validity") and not findings(ctx, enough, "id_validity")


@pytest.mark.parametrize("expiry", [None, "", "kein Datum"])
def test_selcuk_missing_or_broken_expiry_is_only_a_warning(ctx, expiry):
    application = stay("selcuk", date(2027, 5, 31), date(2027, 6, 13), id_document_expiry=expiry)
    [warning] = findings(ctx, application, "id_validity_missing")
    assert warning.severity == "warning" and warning.field == "extra_id_document_expiry"
    assert not findings(ctx, application, "id_validity")


def test_selcuk_refuses_submission_with_a_short_document(app, people):
    """End to end on SQLite and PostgreSQL: the expiry stored as JSON text blocks the submission."""
    start, end = future_period(days=14)
    short = common.add_months(end, 2).isoformat()
    with app.test_request_context(), db.connection_context():
        draft = workflow.create_draft(people["anna"], "selcuk", start, end, "", {"id_document_expiry": short})
        draft = Application.get_by_id(draft.id)
        assert draft.extra["id_document_expiry"] == short
        with pytest.raises(workflow.TransitionRefused) as refused:
            workflow.submit(people["anna"], draft)
        assert any("Ausweisdokument gültig bis" in f.message for f in refused.value.findings)
        assert Application.get_by_id(draft.id).status == "draft"


def test_selcuk_fields_are_german_unbound_wtforms_fields(ctx):
    specs = {s.name: s for s in ctx.call("selcuk", "application_fields")}
    assert {"turkish_level", "english_level", "id_document_type", "id_document_number"} <= set(specs)
    assert specs["id_document_expiry"].field.field_class is DateField
    assert specs["id_document_type"].field.field_class is SelectField
    form_class = type("SelcukForm", (Form,), {name: spec.field for name, spec in specs.items()})
    good = MultiDict(
        {
            "turkish_level": "A2",
            "english_level": "",
            "id_document_type": "id_card",
            "id_document_number": "L01X00T47",
            "id_document_expiry": "2030-01-31",
        }
    )
    form = form_class(good)
    assert form.validate(), form.errors
    assert form.id_document_expiry.data == date(2030, 1, 31)
    bad = form_class(MultiDict({**good, "id_document_number": "L01 X00", "id_document_type": ""}))
    assert not bad.validate()
    assert bad.errors["id_document_number"] == ["Bitte nur Buchstaben und Ziffern, ohne Leerzeichen."]
    assert bad.errors["id_document_type"] == ["Bitte wählen Sie Reisepass oder Personalausweis."]


def test_selcuk_documents_need_private_health_insurance_and_the_travel_document(ctx):
    docs = {
        d.key: d for d in ctx.call("selcuk", "required_documents", application=Application(city="selcuk"))
    }
    insurance = docs["private_health_insurance"]
    assert insurance.required and "EHIC" in insurance.help and "nicht" in insurance.help
    assert docs["id_document_copy"].required and "sechs Monate" in docs["id_document_copy"].help
    assert not docs["gkv_entitlement"].required and "Anspruchsbescheinigung" in docs["gkv_entitlement"].label
    assert all(set(d.formats) <= {"pdf", "jpeg", "png"} and d.help for d in docs.values())


def test_selcuk_bayram_dates_from_2027_are_estimated(ctx):
    found = ctx.call("selcuk", "public_holidays", start=date(2026, 5, 25), end=date(2027, 5, 20))
    by_day = {h.day: h for h in found}
    assert not by_day[date(2026, 5, 27)].estimated  # Kurban Bayramı 2026, confirmed by Diyanet
    assert by_day[date(2027, 3, 9)].estimated and "Ramazan" in by_day[date(2027, 3, 9)].local_name
    assert by_day[date(2027, 5, 16)].estimated
    assert not by_day[date(2027, 4, 23)].estimated  # a fixed national day
    assert by_day[date(2026, 5, 26)].half_day  # arife


def test_selcuk_efes_festival_is_a_warning(ctx):
    [warning] = findings(ctx, stay("selcuk", date(2027, 8, 30), date(2027, 9, 12)), "efes_festival")
    assert warning.severity == "warning" and "Efes" in warning.message and "bitte prüfen" in warning.message
    assert not findings(ctx, stay("selcuk", date(2027, 10, 4), date(2027, 10, 17)), "efes_festival")


# ---------------------------------------------------------------- local events of the other cities


def test_boleslawiec_ceramics_festival_week_warns_about_housing(ctx):
    [warning] = findings(ctx, stay("boleslawiec", date(2027, 8, 9), date(2027, 8, 20)), "ceramics_festival")
    assert warning.severity == "warning"
    assert "Święto Ceramiki" in warning.message and "Unterk" in warning.message
    assert "bitte prüfen" in warning.message  # 2027 dates are a default window


def test_boleslawiec_festival_of_2024_uses_the_sourced_dates(ctx):
    [warning] = findings(ctx, stay("boleslawiec", date(2024, 8, 5), date(2024, 8, 18)), "ceramics_festival")
    assert "14.08.2024" in warning.message and "bitte prüfen" not in warning.message
    assert not findings(ctx, stay("boleslawiec", date(2024, 8, 19), date(2024, 9, 1)), "ceramics_festival")


def test_boleslawiec_outside_august_has_no_festival_warning(ctx):
    assert not findings(ctx, stay("boleslawiec", date(2027, 6, 7), date(2027, 6, 18)), "ceramics_festival")


def test_boleslawiec_saturday_holiday_hints_at_a_substitute_day(ctx):
    [hint] = findings(ctx, stay("boleslawiec", date(2026, 8, 24), date(2026, 9, 4)), "substitute_day")
    assert hint.severity == "warning" and "15.08.2026" in hint.message
    assert not findings(ctx, stay("boleslawiec", date(2026, 9, 7), date(2026, 9, 18)), "substitute_day")


def test_guarda_carnaval_is_a_hint(ctx):
    [hint] = findings(ctx, stay("guarda", date(2027, 2, 1), date(2027, 2, 12)), "carnaval")
    assert "09.02.2027" in hint.message and "bitte prüfen" in hint.message


def test_orestiada_may_day_2027_on_holy_saturday_is_a_hint(ctx):
    [hint] = findings(ctx, stay("orestiada", date(2027, 4, 26), date(2027, 5, 7)), "may_day_2027")
    assert hint.severity == "warning" and "bitte" in hint.message


def test_werder_blossom_festival_is_a_hint(ctx):
    [hint] = findings(ctx, stay("werder", date(2027, 4, 19), date(2027, 4, 30)), "blossom_festival")
    assert "Baumblütenfest" in hint.message


# ---------------------------------------------------------------- language levels


@pytest.mark.parametrize("slug", sorted(LOCAL_LANGUAGE))
@pytest.mark.parametrize("level", ["none", "A1"])
def test_local_language_below_a2_is_a_warning_that_names_the_field(ctx, slug, level):
    name, label, _ = LOCAL_LANGUAGE[slug]
    application = stay(slug, date(2027, 10, 4), date(2027, 10, 15), **{name: level})
    [warning] = findings(ctx, application, "language_level")
    assert warning.severity == "warning" and warning.field == f"extra_{name}"
    assert label in warning.message


@pytest.mark.parametrize("slug", sorted(LOCAL_LANGUAGE))
def test_missing_local_language_level_is_asked_for_by_a_warning(ctx, slug):
    name, label, _ = LOCAL_LANGUAGE[slug]
    [warning] = findings(ctx, stay(slug, date(2027, 10, 4), date(2027, 10, 15)), "language_level_missing")
    assert warning.severity == "warning" and warning.field == f"extra_{name}" and label in warning.message


@pytest.mark.parametrize("slug", sorted(LOCAL_LANGUAGE))
def test_local_language_a2_or_better_is_fine(ctx, slug):
    name = LOCAL_LANGUAGE[slug][0]
    for level in ("A2", "B1", "C2"):
        application = stay(slug, date(2027, 10, 4), date(2027, 10, 15), **{name: level})
        assert not [f for f in findings(ctx, application) if f.code.startswith("language_level")]


@pytest.mark.parametrize("slug", sorted(LOCAL_LANGUAGE))
def test_language_fields_offer_cefr_levels_and_no_knowledge(ctx, slug):
    specs = {s.name: s for s in ctx.call(slug, "application_fields")}
    name, label, _ = LOCAL_LANGUAGE[slug]
    field = specs[name].field
    assert field.field_class is SelectField and field.args[0] == label
    values = [choice.value for choice in field.kwargs["choices"]]
    assert values == ["", "none", "A1", "A2", "B1", "B2", "C1", "C2"]
    assert "english_level" in specs


def test_werder_has_no_language_rules_or_extra_fields(ctx):
    # only the core's fields for minors' custodians, nothing of Werder's own
    assert [f.name for f in ctx.call("werder", "application_fields")] == ["custodians", "custodians_phone"]
    application = stay("werder", date(2027, 10, 4), date(2027, 10, 15), german_level="none")
    assert not [f for f in findings(ctx, application) if f.code.startswith("language")]
    docs = [d.key for d in ctx.call("werder", "required_documents", application=application)]
    assert "language_certificate" not in docs


# ---------------------------------------------------------------- identity and contacts


def test_holiday_subdivisions(ctx):
    assert ctx.get("guarda").holiday_subdiv == "09"
    assert ctx.get("werder").holiday_subdiv == "BB"
    found = ctx.call("guarda", "public_holidays", start=date(2027, 11, 27), end=date(2027, 11, 27))
    assert [h.day for h in found] == [date(2027, 11, 27)]


@pytest.mark.parametrize("slug", SLUGS)
def test_unverified_facts_are_listed(ctx, slug):
    city = ctx.get(slug)
    assert city.unverified and all(item.strip() for item in city.unverified)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_contact_with_a_placeholder_is_flagged(ctx, slug):
    for contact in ctx.call(slug, "contacts"):
        text = " ".join((contact.email, contact.phone, contact.note, contact.role, contact.address))
        if re.search(r"bitte (prüfen|eintragen|ergänzen)|example\.invalid|…|Platzhalter", text):
            assert contact.verified is False, contact


@pytest.mark.parametrize(
    ("slug", "office", "mission"),
    [
        ("nogent", "Mairie de Nogent-sur-Marne", "Botschaft Paris"),
        ("guarda", "Câmara Municipal da Guarda", "Botschaft Lissabon"),
        ("boleslawiec", "Urząd Miasta Bolesławiec", "Generalkonsulat Breslau"),
        ("selcuk", "Selçuk Belediyesi", "Generalkonsulat Izmir"),
        ("orestiada", "Δήμος Ορεστιάδας", "Generalkonsulat Thessaloniki"),
    ],
)
def test_partner_administration_and_mission(ctx, slug, office, mission):
    by_kind = {}
    for contact in ctx.call(slug, "contacts"):
        by_kind.setdefault(contact.kind, []).append(contact)
    [administration] = by_kind["administration"]
    assert office in administration.name and administration.role and administration.verified is False
    [german_mission] = by_kind["mission"]
    assert mission in german_mission.name
    assert german_mission.verified is False and "bitte prüfen" in german_mission.note


def test_werder_has_no_mission(ctx):
    contacts = ctx.call("werder", "contacts")
    assert "mission" not in {c.kind for c in contacts}
    [administration] = [c for c in contacts if c.kind == "administration"]
    assert "Eisenbahnstraße 13–14" in administration.address


# ---------------------------------------------------------------- letters


def declared_letters(cities, slug):
    """The city's letters for Siegburg's trainees going there (the guests' letters: test_letters.py;
    the core's Erasmus+ learning agreement: test_erasmus.py)."""
    found = cities.call(slug, "letter_templates")
    return [t for t in found if t.audience == "outbound" and t.kind != "learning_agreement"]


@pytest.mark.parametrize("slug", SLUGS)
def test_each_city_declares_the_four_kinds(ctx, slug):
    city = ctx.get(slug)
    local = city.languages[0]
    pairs = {(t.kind, t.language) for t in declared_letters(ctx, slug)}
    expected = {("certificate", local), ("emergency_card", local)}
    expected |= {(kind, lang) for kind in ("introduction", "host_confirmation") for lang in {local, "de"}}
    assert pairs == expected
    for template in declared_letters(ctx, slug):
        shared_german = template.language == "de" and template.kind in ("introduction", "host_confirmation")
        folder = "letters" if shared_german else slug
        assert template.template == f"{folder}/{template.kind}_{template.language}.html" and template.title


@pytest.mark.parametrize("slug", SLUGS)
def test_letters_render_in_their_language_with_correct_spelling(ctx, slug):
    city = ctx.get(slug)
    context = sample_context(city)
    for template in declared_letters(ctx, slug):
        html = render_letter(template, context)
        assert f'<html lang="{template.language}">' in html
        assert context["trainee"].display_name in html
        assert "{{" not in html and "{%" not in html
        assert SPELLING[slug] in html, template.template
        if template.kind != "emergency_card":
            assert LOCAL_WORD[template.language] in html, template.template
        if template.kind == "certificate":
            assert CERTIFICATE_TITLE[template.language] in html and "Teilnahmebescheinigung" in html
            assert "Hospitation" in html  # the German half


@pytest.mark.parametrize("slug", SLUGS)
def test_emergency_card_names_112_the_host_family_and_siegburg(ctx, slug):
    city = ctx.get(slug)
    context = sample_context(city)
    [card] = [t for t in declared_letters(ctx, slug) if t.kind == "emergency_card"]
    html = render_letter(card, context)
    assert "112" in html and context["host_family"]["name"] in html and context["mentor"]["name"] in html
    assert "Siegburg" in html and "Notfallkarte" in html
    missions = [c for c in context["contacts"] if c.kind == "mission"]
    assert all(m.name in html for m in missions)


@pytest.mark.parametrize("slug", SLUGS)
def test_letters_render_without_host_family_and_mentor_and_escape_names(ctx, slug):
    city = ctx.get(slug)
    context = sample_context(city)
    context["trainee"].display_name = "<script>alert(1)</script> Łucja"
    context.update(host_family=None, mentor=None)
    for template in declared_letters(ctx, slug):
        html = render_letter(template, context)
        assert "<script>" not in html and "&lt;script&gt;" in html and "Łucja" in html


def test_training_track_is_translated(ctx):
    context = sample_context(ctx.get("boleslawiec"))
    context["trainee"].training_track = "SIA"
    [intro] = [
        t for t in declared_letters(ctx, "boleslawiec") if (t.kind, t.language) == ("introduction", "pl")
    ]
    html = render_letter(intro, context)
    assert "kandydat(ka) na urzędnika administracji miejskiej" in html and "Stadtinspektoranwärter/in" in html


# ---------------------------------------------------------------- costs


@pytest.mark.parametrize("slug", SLUGS)
def test_cost_estimate_is_positive_itemised_and_marked_rough(ctx, slug):
    application = stay(slug, date(2027, 10, 4), date(2027, 10, 17))
    items = ctx.call(slug, "cost_estimate", application=application)
    assert len(items) >= 3 and sum(i.amount for i in items) > 0
    assert {"travel", "host_family"} <= {i.category for i in items}
    assert all(i.amount >= 0 and i.label and "Richtwert, bitte prüfen" in i.note for i in items)
    [host] = [i for i in items if i.category == "host_family"]
    assert "13 Nächte" in host.label and host.amount > 0


def test_host_family_subsidy_is_nights_times_the_city_rate(ctx):
    from intranet_cities import nogent

    items = ctx.call(
        "nogent", "cost_estimate", application=stay("nogent", date(2027, 10, 4), date(2027, 10, 24))
    )
    [host] = [i for i in items if i.category == "host_family"]
    assert host.amount == 20 * nogent.COSTS.host_family_per_night


def test_selcuk_estimate_includes_private_health_insurance(ctx):
    items = ctx.call(
        "selcuk", "cost_estimate", application=stay("selcuk", date(2027, 10, 4), date(2027, 10, 17))
    )
    [insurance] = [i for i in items if i.category == "insurance"]
    assert insurance.amount > 0 and "EHIC" in insurance.note
    assert any("İzmir" in i.label for i in items if i.category == "travel")


def test_blank_application_costs_no_host_family_nights(ctx):
    items = ctx.call("guarda", "cost_estimate", application=Application(city="guarda"))
    assert [i.amount for i in items if i.category == "host_family"] == [0]


# ---------------------------------------------------------------- shared helpers


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2027, 6, 13), 6, date(2027, 12, 13)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2027, 12, 31), 2, date(2028, 2, 29)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
    ],
)
def test_add_months(day, months, expected):
    assert common.add_months(day, months) == expected


def test_extra_date_accepts_dates_iso_strings_and_ignores_garbage():
    application = Application(
        extra={
            "a": date(2027, 1, 2),
            "b": "2027-01-02",
            "c": datetime(2027, 1, 2, 9),
            "d": "2.1.2027",
            "e": 3,
        }
    )
    assert [common.extra_date(application, k) for k in "abcdef"] == [date(2027, 1, 2)] * 3 + [None] * 3


def test_euro_is_german():
    assert common.euro(1234.5) == "1.234,50 €"
