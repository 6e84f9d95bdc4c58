"""HR keeps the trainees' training track and year; a confirmed change moves them in the inbox."""

import pytest

from intranet.models import AuditEvent, User
from intranet.platform.db import db

from .hrdata import submitted

HX = {"HX-Request": "true"}


def user(app, username):
    with app.app_context(), db.connection_context():
        return User.get(User.username == username)


def seen(trainee, **changes):
    values = {
        "seen_track": trainee.training_track or "",
        "seen_year": trainee.training_year or "",
        "seen_confirmed": "1" if trainee.training_confirmed else "0",
    }
    return {**values, **changes}


def test_list_marks_unconfirmed_entries(client, login):
    login("hanna")
    page = client.get("/personal/auszubildende/").text
    assert "Anna Azubi" in page and "Ben Berger" in page and "Claire Nogent" not in page
    assert page.count("unbestätigt") >= 2


def test_confirmed_training_year_decides_the_rank(app, client, login, people):
    with app.test_request_context(), db.connection_context():
        earlier = submitted(people["ben"])
        later = submitted(people["anna"])
    login("hanna")
    page = client.get("/personal/").text
    assert page.index(f"application-{later.id}") < page.index(f"application-{earlier.id}")  # Anna: 2nd year
    anna = people["anna"]
    data = {"track": "VFA", "year": "3", **seen(anna)}
    response = client.post(f"/personal/auszubildende/{anna.id}", data=data, headers=HX)
    assert response.text.lstrip().startswith(f'<tr id="trainee-{anna.id}"')
    assert (
        "Ausbildungsdaten von Anna Azubi bestätigt." in response.text and "unbestätigt" not in response.text
    )
    stored = user(app, "anna")
    assert (stored.training_track, stored.training_year, stored.training_confirmed) == ("VFA", 3, True)
    with app.app_context(), db.connection_context():
        row = AuditEvent.get(AuditEvent.action == "training_changed")
        assert row.before == {"training_track": "VFA", "training_year": 2, "training_confirmed": False}
        assert row.after == {"training_track": "VFA", "training_year": 3, "training_confirmed": True}
        assert row.actor.username == "hanna" and row.object_id == anna.id
    page = client.get("/personal/").text
    assert page.index(f"application-{earlier.id}") < page.index(f"application-{later.id}")


def test_a_change_made_meanwhile_is_not_overwritten(app, client, login, people):
    login("hanna")
    ben = people["ben"]
    stale = seen(ben, seen_year="3")
    response = client.post(f"/personal/auszubildende/{ben.id}", data={"track": "VFA", "year": "2", **stale})
    assert response.status_code == 302
    page = client.get("/personal/auszubildende/").text
    assert "inzwischen geändert" in page
    assert user(app, "ben").training_track == "SIA"


@pytest.mark.parametrize(
    "values", [{"track": "XYZ", "year": "2"}, {"track": "VFA", "year": "7"}, {"track": "VFA"}]
)
def test_bad_values_are_refused_in_german(app, client, login, people, values):
    login("hanna")
    ben = people["ben"]
    response = client.post(f"/personal/auszubildende/{ben.id}", data={**values, **seen(ben)}, headers=HX)
    assert (
        response.status_code == 200
        and "Bitte wählen Sie Ausbildungsgang und Ausbildungsjahr." in response.text
    )
    assert 'aria-invalid="true"' in response.text
    assert user(app, "ben").training_year == 1


@pytest.mark.parametrize("username", ["anna", "claire"])
def test_only_hr_keeps_master_data(app, client, login, people, username):
    login(username)
    assert client.get("/personal/auszubildende/").status_code == 404
    ben = people["ben"]
    response = client.post(
        f"/personal/auszubildende/{ben.id}", data={"track": "VFA", "year": "3", **seen(ben)}
    )
    assert response.status_code == 404 and user(app, "ben").training_year == 1


def test_unknown_or_non_trainee_is_404(client, login, people):
    login("hanna")
    assert (
        client.post(
            f"/personal/auszubildende/{people['claire'].id}", data={"track": "VFA", "year": "1"}
        ).status_code
        == 404
    )
    assert client.post("/personal/auszubildende/9999", data={"track": "VFA", "year": "1"}).status_code == 404
