"""E-mail notifications: outbox rows in the change's transaction, delivery over real SMTP."""

import socket
import threading
from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from intranet.hookspecs import hookimpl
from intranet.mail import notify
from intranet.models import Application, OutboxMessage, utcnow
from intranet.outbound import workflow
from intranet.platform.db import db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Collector:
    """aiosmtpd handler that keeps every mail and refuses recipients listed in ``refuse``."""

    def __init__(self):
        self.mails = []
        self.refuse = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 Postfach unbekannt"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.mails.append((envelope.rcpt_tos, envelope.content))
        return "250 Message accepted for delivery"

    def parsed(self) -> list:
        """(recipient, parsed message) per delivery; also proves the raw bytes were pure ASCII."""
        result = []
        for recipients, raw in self.mails:
            assert raw.isascii(), "umlauts must travel MIME-encoded"
            mail = message_from_bytes(raw, policy=policy.default)
            result.extend((recipient, mail) for recipient in recipients)
        return result

    def received(self) -> dict:
        """Recipient → the last message delivered to them."""
        return dict(self.parsed())

    def subjects(self) -> list[tuple[str, str]]:
        """(recipient, decoded subject) per delivery, in order."""
        return [(recipient, mail["Subject"]) for recipient, mail in self.parsed()]


@pytest.fixture
def smtp(app):
    """A real SMTP server on 127.0.0.1 and the app configured to send through it."""
    handler = Collector()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    app.config.update(MAIL_BACKEND="smtp", MAIL_HOST="127.0.0.1", MAIL_PORT=controller.port, MAIL_TIMEOUT=5)
    yield handler
    controller.stop()


def send(app) -> notify.Report:
    with app.app_context(), db.connection_context():
        return notify.send_outbox(app)


def outbox(app) -> list[OutboxMessage]:
    with app.app_context(), db.connection_context():
        return list(OutboxMessage.select().order_by(OutboxMessage.id))


def make_all_due(app):
    with app.app_context(), db.connection_context():
        OutboxMessage.update(next_attempt_at=utcnow() - timedelta(seconds=1)).execute()


def text(mail) -> str:
    """The decoded body with SMTP's CRLF line ends as plain newlines."""
    return mail.get_content().replace("\r\n", "\n")


def german(day) -> str:
    return day.strftime("%d.%m.%Y")


def test_submission_confirmation_arrives_with_umlauts(app, smtp, make_application):
    application = make_application("anna", "selcuk")
    report = send(app)
    assert (report.sent, report.retrying, report.failed) == (1, 0, 0)
    mail = smtp.received()["anna@example.org"]
    assert mail["Subject"] == "Eingangsbestätigung: Ihre Bewerbung für Selçuk"
    assert mail.get_content_charset() == "utf-8"
    body = text(mail)
    assert body.startswith("Guten Tag Anna Azubi,")
    assert f"in Selçuk\nvom {german(application.start_date)} bis zum {german(application.end_date)}." in body
    assert f"http://localhost/bewerbungen/{application.id}" in body
    assert "Mit freundlichen Grüßen" in body
    assert outbox(app)[0].sent_at is not None


def test_approval_reaches_trainee_and_only_that_citys_admin(app, smtp, client, login, make_application):
    application = make_application("anna", "nogent")
    send(app)
    smtp.mails.clear()
    login("hanna")
    client.post(f"/personal/{application.id}/approve")
    assert send(app).sent == 2
    received = smtp.received()
    assert set(received) == {"anna@example.org", "claire@example.org"}  # not miguel (Guarda)
    trainee, admin = received["anna@example.org"], received["claire@example.org"]
    assert trainee["Subject"] == "Zusage: Ihr Praktikum in Nogent-sur-Marne ist genehmigt"
    assert "Herzlichen Glückwunsch!" in text(trainee)
    assert admin["Subject"] == "Genehmigtes Praktikum in Nogent-sur-Marne: Anna Azubi"
    assert text(admin).startswith("Guten Tag Claire Nogent,")
    assert f"http://localhost/bewerbungen/{application.id}" in text(admin)


@pytest.mark.parametrize(
    ("decision", "subject"),
    [
        ("reject", "Ihre Bewerbung für Guarda"),
        ("waitlist", "Ihre Bewerbung für Guarda steht auf der Warteliste"),
    ],
    ids=["reject", "waitlist"],
)
def test_trainee_is_told_politely_with_the_reason(app, people, smtp, make_application, decision, subject):
    application = make_application("ben", "guarda")
    with app.test_request_context(), db.connection_context():
        workflow.decide(people["hanna"], application, decision, "Die Plätze im März sind schon vergeben.")
    send(app)
    assert smtp.subjects() == [
        ("ben@example.org", "Eingangsbestätigung: Ihre Bewerbung für Guarda"),
        ("ben@example.org", subject),
    ]
    body = text(smtp.received()["ben@example.org"])
    assert "Guten Tag Ben Berger," in body
    assert "Begründung des Personalamts:\nDie Plätze im März sind schon vergeben." in body


def test_withdrawing_an_approval_tells_the_city_admin(app, people, smtp, make_application):
    application = make_application("anna", "nogent")
    with app.test_request_context(), db.connection_context():
        application = workflow.decide(people["hanna"], application, "approve")
        workflow.transition(people["anna"], application, "withdraw")
    send(app)
    assert smtp.subjects()[-2:] == [
        ("anna@example.org", "Bestätigung: Bewerbung für Nogent-sur-Marne zurückgezogen"),
        ("claire@example.org", "Praktikum in Nogent-sur-Marne abgesagt: Anna Azubi"),
    ]


def test_withdrawing_a_draft_does_not_bother_the_city_admin(app, people, make_application):
    application = make_application("anna", "nogent", status="draft")
    with app.test_request_context(), db.connection_context():
        workflow.transition(people["anna"], application, "withdraw")
    assert [m.recipient for m in outbox(app)] == ["anna@example.org"]


class Veto:
    """A cross-cutting plugin that refuses every approval."""

    @hookimpl
    def on_status_change(self, city, application, old, new):
        if new == "approved":
            raise workflow.TransitionRefused("Die Partnerstadt lehnt ab.")


def test_vetoed_transition_leaves_no_mail(app, people, make_application):
    application = make_application("anna", "nogent")
    app.extensions["cities"].pm.register(Veto())
    with app.test_request_context(), db.connection_context():
        with pytest.raises(workflow.TransitionRefused):
            workflow.decide(people["hanna"], application, "approve")
        assert Application.get_by_id(application.id).status == "submitted"
    assert [m.subject for m in outbox(app)] == ["Eingangsbestätigung: Ihre Bewerbung für Nogent-sur-Marne"]


def test_server_down_counts_an_attempt_and_retries_later(app, smtp, make_application):
    make_application("anna", "nogent")
    make_application("ben", "guarda")
    running_port = app.config["MAIL_PORT"]
    app.config["MAIL_PORT"] = free_port()  # nobody listens there
    report = send(app)
    # the first failure shows the server is unreachable: the second message waits untouched
    assert (report.sent, report.retrying, report.deferred) == (0, 1, 1)
    first, second = outbox(app)
    assert first.attempts == 1 and "ConnectionRefusedError" in first.last_error
    assert first.next_attempt_at > utcnow() + timedelta(seconds=app.config["MAIL_RETRY_SECONDS"] - 5)
    assert second.attempts == 0 and second.last_error == ""
    send(app)
    assert outbox(app)[0].attempts == 1  # not due yet: back-off
    app.config["MAIL_PORT"] = running_port
    make_all_due(app)
    assert send(app).sent == 2
    first, second = outbox(app)
    assert first.attempts == 2 and first.sent_at is not None and second.sent_at is not None
    assert set(smtp.received()) == {"anna@example.org", "ben@example.org"}


def test_refused_recipient_does_not_stop_the_run(app, smtp, make_application):
    make_application("ben", "guarda")
    make_application("anna", "nogent")
    smtp.refuse.add("ben@example.org")
    report = send(app)
    assert (report.sent, report.retrying, report.deferred) == (1, 1, 0)
    refused = outbox(app)[0]
    assert refused.sent_at is None and "SMTPRecipientsRefused" in refused.last_error
    assert set(smtp.received()) == {"anna@example.org"}


def test_message_fails_after_max_attempts_and_is_listed(app, runner, make_application):
    make_application("anna", "nogent")
    app.config.update(MAIL_BACKEND="smtp", MAIL_HOST="127.0.0.1", MAIL_PORT=free_port(), MAIL_MAX_ATTEMPTS=3)
    for _ in range(3):
        report = send(app)
        make_all_due(app)
    assert report.failed == 1
    [message] = outbox(app)
    assert message.attempts == 3 and message.failed_at is not None and message.sent_at is None
    assert send(app).failed == 0 and outbox(app)[0].attempts == 3  # given up: no further attempts
    listing = runner.invoke(args=["mail", "list"]).output
    assert "Ausstehend: 0" in listing and "Fehlgeschlagen: 1" in listing
    assert "3 Versuch(e), zuletzt: ServerUnavailable: ConnectionRefusedError" in listing


def test_file_backend_writes_readable_eml(app, runner, make_application):
    make_application("anna", "selcuk")
    assert app.config["MAIL_BACKEND"] == "file"
    result = runner.invoke(args=["mail", "send"])
    assert result.exit_code == 0 and "gesendet: 1" in result.output
    [path] = Path(app.instance_path, "mail").glob("*.eml")
    mail = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert mail["To"] == "anna@example.org"
    assert mail["Subject"] == "Eingangsbestätigung: Ihre Bewerbung für Selçuk"
    assert "Mit freundlichen Grüßen" in mail.get_content()
    assert runner.invoke(args=["mail", "send"]).output.startswith("gesendet: 0")


def test_console_backend_prints_decoded_mail(app, runner, make_application):
    make_application("anna", "nogent")
    app.config["MAIL_BACKEND"] = "console"
    output = runner.invoke(args=["mail", "send"]).output
    assert "An: anna@example.org" in output
    assert "Betreff: Eingangsbestätigung: Ihre Bewerbung für Nogent-sur-Marne" in output
    assert "Mit freundlichen Grüßen" in output


def test_unknown_backend_is_a_clear_error(app, runner):
    app.config["MAIL_BACKEND"] = "carrier-pigeon"
    result = runner.invoke(args=["mail", "send"])
    assert result.exit_code == 1 and "MAIL_BACKEND 'carrier-pigeon' unbekannt" in result.output


def test_link_outside_a_request_uses_base_url(app, make_application):
    application = make_application("anna", "nogent")
    app.config["BASE_URL"] = "https://intranet.example.org/praktikum"
    with app.app_context(), db.connection_context():
        link = notify.application_link(Application.get_by_id(application.id))
    assert link == f"https://intranet.example.org/praktikum/bewerbungen/{application.id}"


def test_a_claimed_message_is_not_sent_twice(app, make_application):
    make_application("anna", "nogent")
    with app.app_context(), db.connection_context():
        first_run = OutboxMessage.get()
        second_run = OutboxMessage.get()
        assert notify.claim(first_run)
        assert not notify.claim(second_run)


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_mail_send_on_two_hosts_at_once_delivers_every_mail_once(app, smtp, people):
    with app.app_context(), db.connection_context():
        for number in range(30):
            notify.add(f"person{number}@example.org", f"Nachricht {number}", "Text")
    start, reports = threading.Barrier(2), []

    def host():
        with app.app_context(), db.connection_context():
            start.wait()
            reports.append(notify.send_outbox(app))

    threads = [threading.Thread(target=host) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    recipients = [recipient for recipient, _ in smtp.parsed()]
    assert sorted(recipients) == sorted(f"person{number}@example.org" for number in range(30))
    assert sum(report.sent for report in reports) == 30
    assert all(message.sent_at for message in outbox(app))
