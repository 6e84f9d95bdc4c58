"""The partner-city pages: readable for all staff before they apply."""

import re


def test_anonymous_is_sent_to_login(client):
    response = client.get("/staedte/guarda")
    assert response.status_code == 302 and "/anmelden" in response.location


def test_list_links_every_city(client, login):
    login("ben")
    page = client.get("/staedte/").text
    assert page.count("<h1") == 1 and "<caption" in page
    for slug in ("boleslawiec", "guarda", "nogent", "orestiada", "selcuk", "werder"):
        assert f'href="/staedte/{slug}"' in page
    assert 'href="/staedte/" aria-current="page">Partnerstädte</a>' in page
    assert '<span lang="el">(Ορεστιάδα)</span>' in page


def test_city_page_shows_facts_rules_documents_contacts_holidays(client, login):
    login("anna")
    page = client.get("/staedte/guarda").text
    assert page.count("<h1") == 1 and "<h1>Guarda</h1>" in page
    assert (
        "Portugal (PT)" in page and "Portugiesisch" in page and "1 Std. hinter der deutschen Uhrzeit" in page
    )
    assert "Ein Aufenthalt dauert zwei bis drei Wochen" in page  # core rule in plain German
    assert "Vorrang haben Auszubildende im 2. Ausbildungsjahr" in page
    assert "A1-Bescheinigung" in page and "Lebenslauf" in page
    assert "Stadt Siegburg – Städtepartnerschaften" in page and "Notruf 112" in page
    assert "bitte prüfen" in page  # the partnership office's placeholders
    assert "Dia do Município da Guarda" in page  # 27 November always lies within the next twelve months
    assert re.search(r'<th scope="row"><time datetime="\d{4}-11-27">', page)
    assert len(re.findall(r"<caption", page)) == 3 and 'scope="col"' in page  # documents, ledger, holidays


def test_domestic_city_without_eu_documents_and_same_time(client, login):
    login("anna")
    page = client.get("/staedte/werder").text
    assert "heute gleiche Uhrzeit wie in Deutschland" in page
    assert "A1-Bescheinigung" not in page and "EHIC" not in page


def test_turkiye_is_ahead_of_german_time(client, login):
    login("anna")
    page = client.get("/staedte/selcuk").text
    assert "Std. vor der deutschen Uhrzeit" in page and "nein" in page


def test_unknown_city_is_404(client, login):
    login("anna")
    assert client.get("/staedte/atlantis").status_code == 404


def test_city_page_in_english(client, login):
    login("anna")
    client.post("/sprache", data={"lang": "en", "next": "/staedte/guarda"})
    page = client.get("/staedte/guarda").text
    assert "Partner cities" in page and "Public holidays in the next twelve months" in page
    assert "1 h behind German time today" in page and "please verify" in page


def test_application_form_shows_rules_and_contacts(client, login):
    login("anna")
    page = client.post("/bewerbungen/neu", data={"city": "nogent", "action": "refresh"}).text
    assert "Ein Aufenthalt dauert zwei bis drei Wochen" in page
    assert "Stadt Siegburg – Städtepartnerschaften" in page
    assert 'href="/staedte/nogent"' in page


def test_trainees_see_no_placeholder_contacts(client, login):
    login("anna")
    page = client.get("/staedte/nogent").text
    assert "bitte-eintragen@example.invalid" not in page and "Platzhalter" not in page
    assert "Telefon und E-Mail: wird noch ergänzt" in page and "Mairie de Nogent-sur-Marne" in page
    assert "Notruf 112" in page  # a confirmed contact, shown in full


def test_trainees_see_the_confirmed_address_of_the_german_mission(client, login):
    login("anna")
    page = client.get("/staedte/nogent").text
    assert "Deutsche Botschaft Paris" in page and "28 Rue Marbeau, 75116 Paris" in page
    page = client.get("/staedte/guarda").text
    assert "Campo dos Mártires da Pátria 38, 1169-043 Lisboa" in page


def test_staff_see_unconfirmed_contacts_flagged_and_as_open_tasks(client, login):
    login("claire")
    assert "bitte-eintragen@example.invalid" in client.get("/staedte/nogent").text
    dashboard = client.get("/stadtverwaltung/nogent/").text
    tasks = dashboard[dashboard.index('id="tasks"') : dashboard.index('id="contacts-title"')]
    assert "Kontakt bestätigen: Mairie de Nogent-sur-Marne – Hôtel de Ville" in tasks
    assert "Kontakt bestätigen: Notruf 112" not in tasks
