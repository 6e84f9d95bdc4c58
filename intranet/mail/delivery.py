"""Delivery of one outbox message: MIME building and the backends "file", "console", "smtp"."""

import smtplib
import ssl
import sys
from datetime import UTC
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from pathlib import Path

from flask import Flask

from intranet.models import OutboxMessage

SECURITY = ("none", "starttls", "tls")


class MailConfigError(ValueError):
    """MAIL_BACKEND or MAIL_SECURITY has a value the mailer does not know."""


class ServerUnavailable(Exception):
    """The SMTP server cannot be reached or refuses the login: every message would fail alike."""


def build(
    message: OutboxMessage, sender: str, attachment: tuple[str, bytes] | None = None, body: str | None = None
) -> EmailMessage:
    """The MIME message: UTF-8 text, quoted-printable so that any SMTP server carries it;
    ``attachment`` is a PDF as (file name, bytes), ``body`` the text if not the stored one."""
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = message.recipient
    mail["Subject"] = message.subject
    mail["Date"] = format_datetime(message.created_at.replace(tzinfo=UTC))
    # stable across retries, so a receiving system can drop a duplicate
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    mail["Message-ID"] = f"<outbox-{message.id}.{message.created_at:%Y%m%d%H%M%S}@{domain}>"
    mail.set_content(message.body if body is None else body, charset="utf-8", cte="quoted-printable")
    if attachment is not None:
        mail.add_attachment(attachment[1], maintype="application", subtype="pdf", filename=attachment[0])
    return mail


def to_file(app: Flask, mail: EmailMessage, message: OutboxMessage) -> None:
    """Write the message as ``instance/mail/<created>-<id>.eml``, the local sink."""
    folder = Path(app.instance_path) / "mail"
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{message.created_at:%Y%m%d-%H%M%S}-{message.id:06d}.eml"
    (folder / name).write_bytes(mail.as_bytes())


def to_console(app: Flask, mail: EmailMessage, message: OutboxMessage) -> None:
    """Print the message readably (decoded) on standard output."""
    print(
        f"----- E-Mail Nr. {message.id} -----\nVon: {mail['From']}\nAn: {mail['To']}\n"
        f"Betreff: {mail['Subject']}\n\n{mail.get_content()}",
        file=sys.stdout,
        flush=True,
    )


def open_smtp(config) -> smtplib.SMTP:
    """A connected (and, with MAIL_USERNAME, logged-in) SMTP session."""
    host, port, timeout = config["MAIL_HOST"], int(config["MAIL_PORT"]), float(config["MAIL_TIMEOUT"])
    context = ssl.create_default_context()
    if config["MAIL_SECURITY"] == "tls":
        smtp = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
    else:
        smtp = smtplib.SMTP(host, port, timeout=timeout)
    try:
        if config["MAIL_SECURITY"] == "starttls":
            smtp.starttls(context=context)
        if config["MAIL_USERNAME"]:
            # str(): INTRANET_* variables are read as JSON, a numeric password arrives as int
            smtp.login(str(config["MAIL_USERNAME"]), str(config["MAIL_PASSWORD"]))
    except Exception:
        smtp.close()
        raise
    return smtp


def to_smtp(app: Flask, mail: EmailMessage, message: OutboxMessage) -> None:
    """Send over SMTP, one connection per message; connection problems raise ServerUnavailable."""
    try:
        smtp = open_smtp(app.config)
    except OSError as exc:  # includes smtplib.SMTPException and ssl.SSLError
        raise ServerUnavailable(f"{type(exc).__name__}: {exc}") from exc
    with smtp:
        smtp.send_message(mail)


BACKENDS = {"file": to_file, "console": to_console, "smtp": to_smtp}


def backend(config):
    """The delivery function for MAIL_BACKEND; raises MailConfigError on unknown settings."""
    name, security = config["MAIL_BACKEND"], config["MAIL_SECURITY"]
    if name not in BACKENDS:
        raise MailConfigError(f"MAIL_BACKEND '{name}' unbekannt, erlaubt: {', '.join(BACKENDS)}")
    if security not in SECURITY:
        raise MailConfigError(f"MAIL_SECURITY '{security}' unbekannt, erlaubt: {', '.join(SECURITY)}")
    return BACKENDS[name]
