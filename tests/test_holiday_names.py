"""Holidays a trainee can read: German name first, the local one in brackets, unconfirmed moves
shown as "möglicherweise", German sentences without local words."""

from datetime import UTC, date, datetime

import pytest
import time_machine

from intranet.cities import holiday_names
from intranet.cities.workdays import is_working_day

from .test_city_rules import SLUGS, findings, stay

YEARS = (date(2026, 1, 1), date(2030, 12, 31))


@pytest.mark.parametrize("slug", SLUGS)
def test_every_holiday_of_every_city_has_a_german_name(ctx, slug):
    found = ctx.call(slug, "public_holidays", start=YEARS[0], end=YEARS[1])
    assert found
    german_library = slug in ("werder", "boleslawiec")  # the library itself names these in German
    untranslated = [h.label for h in found if not german_library and h.name == h.local_name]
    assert untranslated == []
    assert all(h.local_name for h in found)


def test_orestiada_names_greek_holidays_in_german_first(ctx):
    by_day = {
        h.day: h for h in ctx.call("orestiada", "public_holidays", start=date(2027, 4, 1), end=YEARS[1])
    }
    assert by_day[date(2027, 4, 30)].label == "Karfreitag (Μεγάλη Παρασκευή)"
    assert by_day[date(2027, 5, 3)].label == "Ostermontag (Δευτέρα του Πάσχα)"
    assert by_day[date(2027, 10, 28)].label == "Ochi-Tag (Ημέρα του Όχι)"


def test_an_unconfirmed_move_is_only_possibly_a_holiday(ctx):
    [moved] = ctx.call("orestiada", "public_holidays", start=date(2027, 5, 4), end=date(2027, 5, 4))
    assert moved.label == "Tag der Arbeit, verlegt (Εργατική Πρωτομαγιά)"
    assert "nicht bestätigt" in moved.uncertain
    orestiada = ctx.get("orestiada")
    assert is_working_day(orestiada, date(2027, 5, 4))  # possibly off, so a stay may start there
    assert not is_working_day(orestiada, date(2027, 5, 3))  # Easter Monday is certain
    [warning] = findings(ctx, stay("orestiada", date(2027, 4, 26), date(2027, 5, 10)), "holidays")
    assert (
        "Di., 04.05.2027: möglicherweise Tag der Arbeit, verlegt (Εργατική Πρωτομαγιά) – " in warning.message
    )


def test_half_days_and_bayrams_in_german_with_the_turkish_name(ctx):
    by_day = {
        h.day: h
        for h in ctx.call("selcuk", "public_holidays", start=date(2026, 5, 25), end=date(2026, 5, 31))
    }
    assert by_day[date(2026, 5, 26)].label == "Opferfest, ab 13 Uhr (Kurban Bayramı)"
    assert by_day[date(2026, 5, 26)].half_day
    assert by_day[date(2026, 5, 27)].label == "Opferfest (Kurban Bayramı)"


def test_german_names_from_the_english_ones():
    assert holiday_names.german("Good Friday", {}) == "Karfreitag"
    assert holiday_names.german("Labor Day (observed)", {}) == "Tag der Arbeit, verlegt"
    assert holiday_names.german("Ohi Day", {"Ohi Day": "Ochi-Tag"}) == "Ochi-Tag"
    assert holiday_names.german("Eid al-Adha; Victory Day", {"Eid al-Adha": "Opferfest"}) is None
    assert holiday_names.without_qualifier("Εργατική Πρωτομαγιά (παρατηρήθηκε)") == "Εργατική Πρωτομαγιά"


def test_city_page_shows_german_names_and_the_possible_day_off(client, login):
    with time_machine.travel(datetime(2026, 12, 1, 9, tzinfo=UTC), tick=True):
        login("anna")
        page = client.get("/staedte/orestiada").text
    assert "Karfreitag (Μεγάλη Παρασκευή)" in page
    assert "Tag der Arbeit, verlegt (Εργατική Πρωτομαγιά)" in page
    assert "möglicherweise: die Verlegung des Maifeiertags 2027" in page


def test_german_sentences_of_the_plugins_use_german_words(ctx):
    texts = [*ctx.call("orestiada", "rule_summaries"), *ctx.call("boleslawiec", "rule_summaries")]
    may_day = findings(ctx, stay("orestiada", date(2027, 4, 26), date(2027, 5, 10)), "may_day_2027")
    texts += [f.message for f in may_day]
    assert may_day and "bitte mit der Stadtverwaltung Orestiada klären" in may_day[0].message
    assert not [t for t in texts if "dem Δήμος" in t or "den Δήμος" in t or "der Urząd " in t]
