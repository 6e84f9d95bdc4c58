"""Deleting and anonymising records with everything that hangs on them; used by the retention run.

Each function works on a list of ids inside the caller's transaction and returns the stored
names of the files that belong to deleted rows: the caller removes them only after the
commit, so a rollback never loses a file that a row still names.
"""

from intranet.models import (
    Application,
    Document,
    ExperienceReport,
    HostAvailability,
    HostFamily,
    InboundTrainee,
    IssuedLetter,
    Placement,
    Question,
    Reservation,
    RotationWeek,
    Tandem,
    User,
)

#: user name of the placeholder account anonymised applications point to ("~" never occurs in
#: real user names, which come from the directory or the admin form)
ANONYMOUS_USERNAME = "~anonymisiert"
#: last name an anonymised partner trainee keeps, so the row is not anonymised twice
ANONYMISED_NAME = "–"

#: rows that belong to an application and carry personal data of their own
APPLICATION_PARTS = (
    (Document, Document.application),
    (IssuedLetter, IssuedLetter.application),
    (Question, Question.application),
    (ExperienceReport, ExperienceReport.application),
    (Placement, Placement.application),
    (Reservation, Reservation.application),
    (Tandem, Tandem.outbound),
)


def anonymous_user() -> User:
    """The inactive placeholder account without roles, password or e-mail (created on first use)."""
    user, _ = User.get_or_create(
        username=ANONYMOUS_USERNAME,
        defaults={"display_name": "Anonymisiert", "email": "", "active": False},
    )
    return user


def _files(ids, *models) -> list[str]:
    """Stored names of the documents and letters of the applications ``ids``."""
    names = []
    for model in models:
        query = model.select(model.stored_name).where(model.application.in_(ids))
        names += [name for (name,) in query.tuples()]
    return names


def delete_documents(ids) -> list[str]:
    """Delete uploaded documents by id; returns their stored names."""
    names = [name for (name,) in Document.select(Document.stored_name).where(Document.id.in_(ids)).tuples()]
    Document.delete().where(Document.id.in_(ids)).execute()
    return names


def delete_applications(ids) -> list[str]:
    """Delete applications with their documents, letters, questions, reports, placement and tandem."""
    names = _files(ids, Document, IssuedLetter)
    for model, field in APPLICATION_PARTS:
        model.delete().where(field.in_(ids)).execute()
    Application.delete().where(Application.id.in_(ids)).execute()
    return names


def anonymise_applications(ids) -> list[str]:
    """Keep city, dates, training, status and money of the applications; drop the person and free texts."""
    names = _files(ids, Document, IssuedLetter)
    for model in (Document, IssuedLetter, Question):
        model.delete().where(model.application.in_(ids)).execute()
    Application.update(applicant=anonymous_user(), motivation="", extra={}, warnings=[]).where(
        Application.id.in_(ids)
    ).execute()
    Placement.update(mentor="", host_family=None).where(Placement.application.in_(ids)).execute()
    ExperienceReport.update(texts={}, summary="", hr_comment="").where(
        ExperienceReport.application.in_(ids)
    ).execute()
    Tandem.update(swap_consent_scope="").where(Tandem.outbound.in_(ids)).execute()
    return names


def anonymise_inbound(ids) -> list[str]:
    """Keep city, dates, training and rotation of partner trainees; drop names and contact data."""
    InboundTrainee.update(
        first_name="", last_name=ANONYMISED_NAME, email="", date_of_birth=None, languages=[],
        travel="", mentor="", host_family=None,
    ).where(InboundTrainee.id.in_(ids)).execute()  # fmt: skip
    Tandem.update(swap_consent_scope="").where(Tandem.inbound.in_(ids)).execute()
    return []


def delete_inbound(ids) -> list[str]:
    """Delete partner trainees with their rotation weeks and tandems."""
    RotationWeek.delete().where(RotationWeek.trainee.in_(ids)).execute()
    Tandem.delete().where(Tandem.inbound.in_(ids)).execute()
    InboundTrainee.delete().where(InboundTrainee.id.in_(ids)).execute()
    return []


def delete_host_families(ids) -> list[str]:
    """Delete host families with their availability (the retention rule picks unused families only)."""
    HostAvailability.delete().where(HostAvailability.family.in_(ids)).execute()
    HostFamily.delete().where(HostFamily.id.in_(ids)).execute()
    return []


def delete_rows(model):
    """A deleter for rows of ``model`` that nothing else refers to and that have no files."""

    def delete(ids) -> list[str]:
        model.delete().where(model.id.in_(ids)).execute()
        return []

    return delete
