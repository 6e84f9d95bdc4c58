"""The append-only audit trail: one row per state change, written in its transaction."""

from flask_babel import lazy_gettext as _l
from peewee import JOIN

from intranet.models import AuditEvent, User

#: German wording of audit actions for timelines.
EVENT_LABELS = {
    "application_created": _l("Entwurf angelegt"),
    "application_submitted": _l("eingereicht"),
    "application_withdrawn": _l("zurückgezogen"),
    "application_approved": _l("genehmigt"),
    "application_rejected": _l("abgelehnt"),
    "application_waitlisted": _l("auf die Warteliste gesetzt"),
    "document_uploaded": _l("Unterlage hochgeladen"),
    "document_replaced": _l("Unterlage ersetzt"),
    "document_deleted": _l("Unterlage gelöscht"),
    "application_updated": _l("Entwurf geändert"),
    "profile_updated": _l("Profil geändert"),
    "question_asked": _l("Rückfrage des Personalamts"),
    "question_answered": _l("Rückfrage beantwortet"),
    "letter_issued": _l("Brief ausgestellt"),
    "letter_emailed": _l("Brief per E-Mail versandt"),
    "user_created": _l("Benutzer angelegt"),
    "user_roles_changed": _l("Rollen geändert"),
    "user_deactivated": _l("Benutzer deaktiviert"),
    "user_activated": _l("Benutzer wieder aktiviert"),
    "application_reverted": _l("Entscheidung zurückgenommen"),
    "costs_booked": _l("Ist-Kosten gebucht"),
    "budget_account_created": _l("Sachkonto angelegt"),
    "budget_account_changed": _l("Sachkonto geändert"),
    "training_changed": _l("Ausbildungsdaten geändert"),
    "application_placed": _l("vermittelt"),
    "placement_changed": _l("Vermittlung geändert"),
    "partner_link_issued": _l("Partnerlink verschickt"),
    "partner_link_revoked": _l("Partnerlink widerrufen"),
    "partner_link_used": _l("Partnerlink geöffnet"),
    "partner_link_reminded": _l("Gastverwaltung erinnert"),
    "partner_proposal_received": _l("Gastverwaltung schlägt Änderungen vor"),
    "partner_placement_confirmed": _l("Gastverwaltung hat bestätigt"),
    "partner_proposal_accepted": _l("Vorschlag der Gastverwaltung übernommen"),
    "partner_proposal_answered": _l("der Gastverwaltung geantwortet"),
    "partner_assessment_received": _l("Bewertung der Gastverwaltung eingegangen"),
    "partner_assessment_accepted": _l("Bewertung der Gastverwaltung übernommen"),
    "host_family_created": _l("Gastfamilie eingetragen"),
    "host_family_changed": _l("Gastfamilie geändert"),
    "host_family_deleted": _l("Gastfamilie auf Antrag gelöscht"),
    "host_availability_added": _l("Verfügbarkeit der Gastfamilie eingetragen"),
    "host_availability_removed": _l("Verfügbarkeit der Gastfamilie entfernt"),
    "override_set": _l("Daten der Partnerstadt geändert"),
    "override_reset": _l("Daten der Partnerstadt auf Plugin-Vorgabe zurückgesetzt"),
    "blocked_period_created": _l("Sperrzeit eingetragen"),
    "blocked_period_deleted": _l("Sperrzeit entfernt"),
    "capacity_window_created": _l("Kapazitätszeitraum eingetragen"),
    "capacity_window_deleted": _l("Kapazitätszeitraum entfernt"),
    "department_created": _l("Abteilung für Gäste angelegt"),
    "department_changed": _l("Abteilung für Gäste geändert"),
    "office_closure_created": _l("Schließtage eingetragen"),
    "office_closure_deleted": _l("Schließtage entfernt"),
    "inbound_registered": _l("Gast angemeldet"),
    "inbound_changed": _l("Angaben zum Gast geändert"),
    "inbound_cancelled": _l("Aufenthalt des Gastes abgesagt"),
    "rotation_week_set": _l("Woche der Rotation geplant"),
    "rotation_proposed": _l("Rotation nach Vorschlag geplant"),
    "retention_run": _l("Aufbewahrungsfristen angewendet"),
    "person_exported": _l("Datenauskunft heruntergeladen"),
    "tandem_created": _l("Tandem gebildet"),
    "tandem_dissolved": _l("Tandem aufgelöst"),
    "experience_report_saved": _l("Erfahrungsbericht gespeichert"),
    "experience_report_submitted": _l("Erfahrungsbericht eingereicht"),
    "experience_report_changes_requested": _l("Änderungen am Erfahrungsbericht erbeten"),
    "application_completed": _l("Erfahrungsbericht angenommen, Aufenthalt abgeschlossen"),
    "feed_token_created": _l("Kalender-Adresse erstellt"),
    "feed_token_revoked": _l("Kalender-Adresse widerrufen"),
}


def record(actor, action: str, obj, before=None, after=None, reason: str = "") -> AuditEvent:
    """Append an audit row; call inside the transaction of the change it describes."""
    return AuditEvent.create(
        actor=actor,
        action=action,
        object_type=type(obj).__name__.lower(),
        object_id=obj.id,
        before=before,
        after=after,
        reason=reason,
    )


def for_object(obj):
    """Audit rows of one object, oldest first."""
    # the actor comes in the same query: timelines show every actor's name
    return (
        AuditEvent.select(AuditEvent, User)
        .join(User, JOIN.LEFT_OUTER, on=AuditEvent.actor)
        .where((AuditEvent.object_type == type(obj).__name__.lower()) & (AuditEvent.object_id == obj.id))
        .order_by(AuditEvent.at, AuditEvent.id)
    )
