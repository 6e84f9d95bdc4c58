"""German e-mail texts per status change and audience, as ``str.format`` templates.

Texts are keyed by the audit action of the change (past tense, e.g.
``application_approved``) and the audience. Fields: ``name`` (recipient), ``trainee``,
``city`` (German name), ``start``, ``end`` (dd.mm.yyyy), ``number`` (application id),
``link`` and ``reason`` (empty, or a paragraph with HR's reason for the trainee).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class MailText:
    """Subject and body template of one kind of message."""

    subject: str
    body: str
    #: if set, sent only when the application left one of these statuses
    only_from: tuple[str, ...] = ()

    def render(self, **fields) -> tuple[str, str]:
        """Subject and body with the fields filled in."""
        body = self.body.format(**fields) + SIGNATURE
        return self.subject.format(**fields), body


SIGNATURE = """
Mit freundlichen Grüßen
Ihr Personalamt

Diese Nachricht wurde automatisch versandt.
"""

REASON = "\nBegründung des Personalamts:\n{reason}\n"

SUBMITTED = MailText(
    "Eingangsbestätigung: Ihre Bewerbung für {city}",
    """Guten Tag {name},

vielen Dank für Ihre Bewerbung (Nr. {number}) um ein Verwaltungspraktikum in {city}
vom {start} bis zum {end}. Sie ist beim Personalamt eingegangen.

Wir prüfen Ihre Bewerbung und schreiben Ihnen, sobald eine Entscheidung gefallen ist.
Den aktuellen Stand sehen Sie jederzeit hier:
{link}
""",
)

APPROVED = MailText(
    "Zusage: Ihr Praktikum in {city} ist genehmigt",
    """Guten Tag {name},

wir freuen uns, Ihnen mitteilen zu können, dass Ihr Verwaltungspraktikum in {city}
vom {start} bis zum {end} genehmigt ist (Bewerbung Nr. {number}). Herzlichen Glückwunsch!

Die nächsten Schritte finden Sie auf der Seite Ihrer Bewerbung:
{link}
""",
)

APPROVED_FOR_CITY = MailText(
    "Genehmigtes Praktikum in {city}: {trainee}",
    """Guten Tag {name},

das Personalamt hat das Verwaltungspraktikum von {trainee} in {city}
vom {start} bis zum {end} genehmigt (Bewerbung Nr. {number}).

Bitte bereiten Sie gemeinsam mit der Partnerstadt den Aufenthalt vor. Alle Angaben:
{link}
""",
)

REJECTED = MailText(
    "Ihre Bewerbung für {city}",
    """Guten Tag {name},

vielen Dank für Ihr Interesse an einem Verwaltungspraktikum in {city}
vom {start} bis zum {end} (Bewerbung Nr. {number}).

Leider können wir Ihre Bewerbung dieses Mal nicht berücksichtigen. Bitte lassen Sie sich
davon nicht entmutigen – wir freuen uns, wenn Sie sich bei einer späteren Gelegenheit
erneut bewerben. Bei Fragen hilft Ihnen das Personalamt gern weiter.
{reason}
Ihre Bewerbung:
{link}
""",
)

WAITLISTED = MailText(
    "Ihre Bewerbung für {city} steht auf der Warteliste",
    """Guten Tag {name},

vielen Dank für Ihre Bewerbung (Nr. {number}) um ein Verwaltungspraktikum in {city}
vom {start} bis zum {end}.

Im Moment können wir Ihnen leider noch keine Zusage geben. Wir haben Ihre Bewerbung
deshalb auf die Warteliste gesetzt. Sobald ein Platz oder Mittel frei werden, rückt sie
nach, und wir benachrichtigen Sie umgehend.
{reason}
Den aktuellen Stand sehen Sie jederzeit hier:
{link}
""",
)

WITHDRAWN = MailText(
    "Bestätigung: Bewerbung für {city} zurückgezogen",
    """Guten Tag {name},

hiermit bestätigen wir, dass Sie Ihre Bewerbung (Nr. {number}) um ein Verwaltungspraktikum
in {city} vom {start} bis zum {end} zurückgezogen haben.

Falls das ein Versehen war, wenden Sie sich bitte an das Personalamt.

Ihre Bewerbung:
{link}
""",
)

WITHDRAWN_FOR_CITY = MailText(
    "Praktikum in {city} abgesagt: {trainee}",
    """Guten Tag {name},

{trainee} hat das bereits genehmigte Verwaltungspraktikum in {city}
vom {start} bis zum {end} zurückgezogen (Bewerbung Nr. {number}).

Bitte informieren Sie die Partnerstadt und geben Sie reservierte Plätze frei. Alle Angaben:
{link}
""",
    only_from=("approved",),
)

REVERTED = MailText(
    "Ihre Bewerbung für {city} wird erneut geprüft",
    """Guten Tag {name},

das Personalamt hat seine Entscheidung über Ihre Bewerbung (Nr. {number}) um ein
Verwaltungspraktikum in {city} vom {start} bis zum {end} zurückgenommen. Ihre Bewerbung
ist damit wieder offen und wird erneut geprüft. Wir bitten um Ihr Verständnis und
schreiben Ihnen, sobald eine neue Entscheidung gefallen ist.
{reason}
Den aktuellen Stand sehen Sie jederzeit hier:
{link}
""",
)

REVERTED_FOR_CITY = MailText(
    "Genehmigung zurückgenommen: {trainee} in {city}",
    """Guten Tag {name},

das Personalamt hat die Genehmigung des Verwaltungspraktikums von {trainee} in {city}
vom {start} bis zum {end} zurückgenommen (Bewerbung Nr. {number}). Die Bewerbung wird
erneut geprüft; bitte stellen Sie Vorbereitungen mit der Partnerstadt bis dahin zurück.
{reason}
Alle Angaben:
{link}
""",
    only_from=("approved",),
)

WITHDRAWN_FOR_HR = MailText(
    "Budget frei: {trainee} hat das Praktikum in {city} zurückgezogen",
    """Guten Tag {name},

{trainee} hat das bereits genehmigte Verwaltungspraktikum in {city}
vom {start} bis zum {end} zurückgezogen (Bewerbung Nr. {number}).

Die Reservierung auf dem Sachkonto ist aufgehoben. Bewerbungen auf der Warteliste, die jetzt
ins freie Budget passen, stehen im Eingang des Personalamts oben und sind markiert.

Alle Angaben:
{link}
""",
    only_from=("approved",),
)

#: (audit action, audience) → text; an action without an entry sends no mail.
QUESTION_ASKED = MailText(
    "Rückfrage zu Ihrer Bewerbung für {city}",
    """Guten Tag {name},

das Personalamt hat eine Rückfrage zu Ihrer Bewerbung (Nr. {number}) für {city}:

{question}

Bitte antworten Sie auf der Seite Ihrer Bewerbung:
{link}
""",
)

QUESTION_ANSWERED = MailText(
    "Antwort auf Ihre Rückfrage zu Bewerbung Nr. {number}",
    """Guten Tag {name},

{trainee} hat Ihre Rückfrage zur Bewerbung Nr. {number} ({city}) beantwortet.

Ihre Frage:
{question}

Die Antwort:
{answer}

Zur Bewerbung: {link}
""",
)

PLACED = MailText(
    "Ihr Praktikum in {city}: Abteilung und Gastfamilie stehen fest",
    """Guten Tag {name},

Ihr Verwaltungspraktikum in {city} vom {start} bis zum {end} (Bewerbung Nr. {number})
ist vorbereitet: Die Partnerverwaltung hat eine Abteilung und eine Mentorin oder einen
Mentor für Sie bestimmt, und eine Gastfamilie nimmt Sie auf.

Abteilung, betreuende Person, Gastfamilie sowie An- und Abreise finden Sie hier:
{link}
""",
)

REPORT_SUBMITTED = MailText(
    "Erfahrungsbericht zur Prüfung: {trainee} ({city})",
    """Guten Tag {name},

{trainee} hat den Erfahrungsbericht zum Verwaltungspraktikum in {city}
vom {start} bis zum {end} eingereicht (Bewerbung Nr. {number}).

Bitte prüfen Sie den Bericht und nehmen Sie ihn an oder bitten Sie um Änderungen:
{link}
""",
)

REPORT_CHANGES_REQUESTED = MailText(
    "Ihr Erfahrungsbericht zu {city}: bitte ergänzen",
    """Guten Tag {name},

vielen Dank für Ihren Erfahrungsbericht zum Verwaltungspraktikum in {city}
vom {start} bis zum {end} (Bewerbung Nr. {number}).

Das Personalamt bittet Sie, den Bericht noch einmal zu überarbeiten. Sie können ihn
jetzt wieder bearbeiten und erneut einreichen.
{reason}
Zu Ihrer Bewerbung:
{link}
""",
)

PARTNER_PROPOSAL_RECEIVED = MailText(
    "Gastverwaltung schlägt Änderungen vor: {trainee} ({city})",
    """Guten Tag {name},

die Gastverwaltung in {city} hat zum Praktikum von {trainee} vom {start} bis zum {end}
(Bewerbung Nr. {number}) Änderungen an der Vermittlung vorgeschlagen.

Bitte übernehmen Sie den Vorschlag oder antworten Sie der Gastverwaltung; den Vorschlag
finden Sie über die Seite der Bewerbung unter „Gastverwaltung“:
{link}
""",
)

PARTNER_PLACEMENT_CONFIRMED = MailText(
    "Gastverwaltung hat bestätigt: {trainee} ({city})",
    """Guten Tag {name},

die Gastverwaltung in {city} hat die Vermittlung von {trainee} vom {start} bis zum {end}
(Bewerbung Nr. {number}) ohne Änderungen bestätigt.

Zur Bewerbung: {link}
""",
)

PARTNER_ASSESSMENT_RECEIVED = MailText(
    "Bewertung der Gastverwaltung eingegangen: {trainee} ({city})",
    """Guten Tag {name},

die Mentorin oder der Mentor in {city} hat die Bewertung zum Praktikum von {trainee}
vom {start} bis zum {end} (Bewerbung Nr. {number}) geschickt. Bitte prüfen und übernehmen
Sie sie unter „Gastverwaltung“; sie geht dann in den Europass Mobilität ein.
{link}
""",
)

PARTNER_PROPOSAL_ACCEPTED = MailText(
    "Ihr Praktikum in {city}: die Vermittlung wurde geändert",
    """Guten Tag {name},

die Gastverwaltung in {city} hat Änderungen an Ihrer Vermittlung vorgeschlagen, und die
Stadtverwaltung hat sie übernommen (Bewerbung Nr. {number}). Bitte sehen Sie sich
Abteilung, betreuende Person, Arbeitszeiten, Treffpunkt und Termine noch einmal an:
{link}
""",
)

COMPLETED = MailText(
    "Ihr Praktikum in {city} ist abgeschlossen",
    """Guten Tag {name},

das Personalamt hat Ihren Erfahrungsbericht zum Verwaltungspraktikum in {city}
vom {start} bis zum {end} angenommen (Bewerbung Nr. {number}). Damit ist Ihr
Aufenthalt abgeschlossen – vielen Dank für Ihren Einsatz und Ihre Eindrücke!

Ihre Teilnahmebescheinigung können Sie auf der Seite Ihrer Bewerbung herunterladen:
{link}
""",
)

TEXTS = {
    ("application_submitted", "trainee"): SUBMITTED,
    ("application_approved", "trainee"): APPROVED,
    ("application_approved", "city_admins"): APPROVED_FOR_CITY,
    ("application_rejected", "trainee"): REJECTED,
    ("application_waitlisted", "trainee"): WAITLISTED,
    ("application_withdrawn", "hr"): WITHDRAWN_FOR_HR,
    ("application_withdrawn", "trainee"): WITHDRAWN,
    ("application_withdrawn", "city_admins"): WITHDRAWN_FOR_CITY,
    ("application_reverted", "trainee"): REVERTED,
    ("application_reverted", "city_admins"): REVERTED_FOR_CITY,
    ("application_placed", "trainee"): PLACED,
    ("experience_report_submitted", "hr"): REPORT_SUBMITTED,
    ("experience_report_changes_requested", "trainee"): REPORT_CHANGES_REQUESTED,
    ("application_completed", "trainee"): COMPLETED,
    ("partner_proposal_received", "city_admins"): PARTNER_PROPOSAL_RECEIVED,
    ("partner_placement_confirmed", "city_admins"): PARTNER_PLACEMENT_CONFIRMED,
    ("partner_assessment_received", "city_admins"): PARTNER_ASSESSMENT_RECEIVED,
    ("partner_proposal_accepted", "trainee"): PARTNER_PROPOSAL_ACCEPTED,
}
