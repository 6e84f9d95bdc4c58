"""Demo users for every role and a handful of applications across the six cities."""

from datetime import date, timedelta
from decimal import Decimal

import click
from flask.cli import with_appcontext

from intranet import demo
from intranet.budget import reservations
from intranet.budget.reservations import default_number
from intranet.cities import home
from intranet.cities.registry import registry
from intranet.cities.workdays import is_working_day
from intranet.hostfamilies import households
from intranet.inbound import guests, matching, rotation, siegburg, tandems
from intranet.models import Application, BudgetAccount, InboundTrainee, Placement, User, utcnow
from intranet.models.budget import to_cents
from intranet.outbound import documents, workflow
from intranet.people.users import create_user
from intranet.placement import placing
from intranet.platform import migrate
from intranet.platform.db import db
from intranet.reports import experience
from intranet.reports.experience import GOALS

#: only for `flask demo`, which says loudly that it must never run in a real environment
PASSWORD = "demo"  # nosec B105
#: the demo amount of Sachkonto 549904 per year: room for a few stays, so the budget guard shows
BUDGET_EUR = 6000

#: a one-page PDF that passes the upload checks; stands in for every demo document
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)

USERS = [
    # username, name, roles, cities, profile
    (
        "azubi",
        "Anna Sommer",
        ("employee",),
        (),
        {"training_track": "VFA", "training_year": 2, "date_of_birth": date(2004, 5, 17)},
    ),
    (
        "azubi2",
        "Jonas Becker",
        ("employee",),
        (),
        {"training_track": "SIA", "training_year": 1, "date_of_birth": date(2005, 11, 2)},
    ),
    (
        "azubi3",
        "Leyla Yılmaz",
        ("employee",),
        (),
        {"training_track": "SIA", "training_year": 2, "date_of_birth": date(2003, 8, 9)},
    ),
    ("personal", "Petra Hoffmann", ("hr",), (), {}),
    ("stadt-guarda", "Miguel Ferreira", ("city_admin",), ("guarda",), {}),
    ("stadt-nogent", "Claire Martin", ("city_admin",), ("nogent", "werder"), {}),
    ("stadt-selcuk", "Murat Keskin", ("city_admin",), ("selcuk", "orestiada", "boleslawiec"), {}),
    ("admin", "Systemverwaltung", ("admin",), (), {}),
]

# username, city, weeks from today until the start, length in days, final status
APPLICATIONS = [
    ("azubi", "guarda", 10, 14, "submitted"),
    ("azubi2", "nogent", 12, 21, "submitted"),
    ("azubi3", "selcuk", 16, 14, "submitted"),
    ("azubi2", "boleslawiec", 30, 14, "approved"),
    ("azubi", "selcuk", 20, 14, "approved"),
    ("azubi3", "orestiada", 40, 18, "draft"),
    ("azubi", "werder", 26, 15, "draft"),
]

MOTIVATION = (
    "Ich möchte kennenlernen, wie die Partnerverwaltung Bürgeranliegen bearbeitet, "
    "und Kontakte für die Städtepartnerschaft knüpfen."
)


def _period(city_slug: str, weeks: int, days: int) -> tuple[date, date]:
    """A stay some weeks ahead that starts and ends on working days of the host city."""
    city = registry().get(city_slug)
    start = date.today() + timedelta(weeks=weeks)
    while not (is_working_day(city, start) and is_working_day(city, start + timedelta(days=days - 1))):
        start += timedelta(days=1)
    return start, start + timedelta(days=days - 1)


def seed() -> list[str]:
    """Create the demo data once; returns lines describing what was created."""
    if User.select().where(User.username == "azubi").exists():
        return []
    people = {}
    for username, name, roles, cities, profile in USERS:
        people[username] = create_user(
            username,
            name,
            f"{username}@demo.invalid",
            roles,
            cities,
            PASSWORD,
            training_confirmed=bool(profile),
            **profile,
        )
    hr = people["personal"]
    amount = to_cents(BUDGET_EUR)
    BudgetAccount.update(amount_cents=amount).where(BudgetAccount.number == default_number()).execute()
    for username, city, weeks, days, status in APPLICATIONS:
        start, end = _period(city, weeks, days)
        application = workflow.create_draft(people[username], city, start, end, MOTIVATION, {})
        attach_documents(people[username], application)
        if status != "draft":
            application = workflow.submit(people[username], application)
        if status == "approved":
            workflow.decide(hr, application, "approve")
    seed_partner_family(hr)
    seed_selcuk_placement(hr)
    seed_guests(hr)
    seed_tandem(hr)
    seed_past_stays(hr, people)
    seed_report_for_review(people["azubi2"])
    return [f"{u:14} {', '.join(r)}" for u, _, r, _, _ in USERS]


#: guests in Siegburg: city, first and last name, home administration, training, languages, weeks ahead
GUESTS = [
    ("nogent", "Camille", "Durand", "Mairie de Nogent-sur-Marne", "Rédactrice territoriale", "fr", 14),
    ("boleslawiec", "Katarzyna", "Nowak", "Urząd Miasta Bolesławiec", "Referentka administracji", "pl", 22),
]
SIEGBURG_FAMILY = {
    "household": "Familie Schäfer",
    "address": "Holzgasse 12, 53721 Siegburg",
    "contact_name": "Jana Schäfer",
    "email": "schaefer@demo.invalid",
    "phone": "+49 2241 000000",
    "languages": ["de", "fr", "en"],
    "capacity": 1,
    "rooms": 1,
    "notes": "Nichtraucherhaushalt, eine Katze",
    "consent_date": date.today() - timedelta(days=30),
    "consent_scope": "Speicherung und Weitergabe an Gäste aus den Partnerstädten",
}


#: a household in Bolesławiec, suggested when the approved demo stay there is placed
PARTNER_FAMILY = {
    **SIEGBURG_FAMILY,
    "household": "Rodzina Kowalczyk",
    "address": "ul. Mickiewicza 7, 59-700 Bolesławiec",
    "contact_name": "Agnieszka Kowalczyk",
    "email": "kowalczyk@demo.invalid",
    "phone": "+48 75 000 0000",
    "languages": ["pl", "de", "en"],
    "notes": "Zentrale Lage, Fahrrad vorhanden",
    "consent_scope": "Speicherung und Weitergabe an Praktikantinnen und Praktikanten aus Siegburg",
}


def seed_partner_family(hr) -> None:
    """A Bolesławiec host family free for the next year, so placing the approved stay has a suggestion."""
    family = households.create(hr, "boleslawiec", PARTNER_FAMILY)
    households.add_window(hr, family, date.today(), date.today() + timedelta(days=365))


#: the household in Selçuk that hosts the placed demo stay there
SELCUK_FAMILY = {
    **PARTNER_FAMILY,
    "household": "Aile Demir",
    "address": "Atatürk Mahallesi, 35920 Selçuk/İzmir",
    "contact_name": "Ayşe Demir",
    "email": "demir@demo.invalid",
    "phone": "+90 232 000 0000",
    "languages": ["tr", "en", "de"],
    "notes": "Fünf Minuten zu Fuß zum Belediye",
}


def seed_selcuk_placement(hr) -> None:
    """The approved Selçuk stay placed with a family, ready for a partner link to the Belediye."""
    application = Application.get((Application.city == "selcuk") & (Application.status == "approved"))
    family = households.create(hr, "selcuk", SELCUK_FAMILY)
    households.add_window(hr, family, date.today(), date.today() + timedelta(days=365))
    values = {
        "department": "Yazı İşleri Müdürlüğü", "mentor": "Ayşe Demir", "mentor_role": "Müdür Yardımcısı",
        "mentor_email": "", "working_hours": "08:30–17:30", "meeting_point": "Selçuk Belediyesi, Eingang",
        "meeting_time": "09:00", "arrival": application.start_date, "departure": application.end_date,
        "travel_booked": False, "host_family": str(family.id),
    }  # fmt: skip
    placing.place(hr, application, values)


def seed_guests(hr) -> None:
    """Departments, a Siegburg host family and two guests with their rotation (14 and 19 days)."""
    for name, capacity in (("Bürgerbüro", 2), ("Ordnungsamt", 1), ("Kämmerei", 1), ("Stadtplanung", 1)):
        siegburg.save_department(hr, None, {"name": name, "capacity": capacity, "active": True})
    family = households.create(hr, home.SLUG, SIEGBURG_FAMILY)
    households.add_window(hr, family, date.today(), date.today() + timedelta(days=365))
    for n, (city, first, last, home_town, training, language, weeks) in enumerate(GUESTS):
        monday = date.today() + timedelta(weeks=weeks, days=-date.today().weekday())
        start = monday + timedelta(days=2 * n)  # Monday, or a Wednesday for the second guest
        end = start + timedelta(days=18 - 5 * n)
        values = {
            "city": city, "first_name": first, "last_name": last, "email": "", "date_of_birth": None,
            "home_administration": home_town, "training": training,
            "training_track": "VFA", "training_year": 2,
            "languages": [{"code": language, "level": "C2"}, {"code": "de", "level": "B1"}],
            "letter_language": language, "start_date": start, "end_date": end,
            "arrival": start - timedelta(days=1), "departure": end + timedelta(days=1),
            "travel": "", "mentor": "Frau Weber, Bürgerbüro", "host_family": family.id if n == 0 else None,
        }  # fmt: skip
        rotation.apply_proposal(hr, guests.register(hr, values))


#: the household of the Siegburg trainee in the demo tandem, which hosts the guest
TANDEM_HOUSEHOLD = {
    "household": "Familie Brandt",
    "address": "Kaiserstraße 40, 53721 Siegburg",
    "contact_name": "Markus Brandt",
    "email": "brandt@demo.invalid",
    "phone": "+49 2241 000001",
    "consent_date": date.today() - timedelta(days=7),
    "consent_scope": "Aufnahme des Gastes im Tandem, Speicherung beim Personalamt",
}


def seed_tandem(hr) -> None:
    """The guest from Bolesławiec with her best suggestion as a tandem, hosted by the trainee's household."""
    guest = InboundTrainee.get(InboundTrainee.city == "boleslawiec")
    # both stays start in the same year unless the demo is seeded just before a year ends
    for suggestion in matching.for_guest(guest)[:1]:
        tandems.create(hr, suggestion.partner, guest, TANDEM_HOUSEHOLD)


#: stays of this year that are over, for the committee report:
#: trainee, city, weeks ago, days, costs, ratings, summary
PAST_STAYS = [
    (
        "azubi3", "nogent", 30, 14, (("travel", "238.40"), ("insurance", "24.00"), ("host_family", "280.00")),
        {"administration": 5, "intercultural": 4, "contacts": 5, "host_family": 3},
        "Im Service de l'état civil habe ich gesehen, wie eine französische Mairie Bürgeranliegen "
        "bearbeitet. Die Gastfamilie hat mir den Alltag in Nogent gezeigt; mit zwei Kolleginnen "
        "schreibe ich mir weiter.",
    ),
    (
        "azubi", "guarda", 22, 19, (("travel", "412.90"), ("insurance", "31.50"), ("host_family", "380.00")),
        {"administration": 4, "intercultural": 5, "contacts": 3, "host_family": 5},
        "Drei Wochen in der Câmara Municipal: Bürgerbüro, Kultur und Stadtplanung. Mein Portugiesisch "
        "ist viel besser geworden, und ich weiß jetzt, wie anders eine kleine Stadtverwaltung arbeiten kann.",
    ),
]  # fmt: skip
#: a guest from Guarda who was in Siegburg this year (reciprocity in the report)
PAST_GUEST = {
    "city": "guarda", "first_name": "Inês", "last_name": "Carvalho",
    "home_administration": "Câmara Municipal da Guarda", "training": "Assistente técnica",
    "training_track": "VFA", "training_year": 2, "letter_language": "pt",
    "languages": [{"code": "pt", "level": "C2"}, {"code": "de", "level": "B1"}],
}  # fmt: skip


def seed_past_stays(hr, people) -> None:
    """Two stays of this year that are over (costs booked, report accepted, completed) and a past guest."""
    for username, city, weeks, days, costs, ratings, summary in PAST_STAYS:
        trainee = people[username]
        start = date.today() - timedelta(weeks=weeks, days=date.today().weekday())
        defaults = {"name": "Verwaltungspraktika in den Partnerstädten", "amount_cents": to_cents(BUDGET_EUR)}
        BudgetAccount.get_or_create(number=default_number(), year=start.year, defaults=defaults)
        # created as placed: the submission rules refuse periods in the past
        application = Application.create(
            applicant=trainee, city=city, start_date=start, end_date=start + timedelta(days=days - 1),
            motivation=MOTIVATION, status="placed", training_track=trainee.training_track,
            training_year=trainee.training_year, submitted_at=utcnow(), decided_at=utcnow(),
        )  # fmt: skip
        for category, amount in costs:
            reservations.book(hr, application, category, Decimal(amount))
        texts = {key: summary for key, _label in GOALS}
        values = {"ratings": ratings, "texts": texts, "summary": summary}
        report = experience.save(trainee, application, 0, values, submit=True)
        experience.accept(hr, report, report.version)
    start = date.today() - timedelta(weeks=12, days=date.today().weekday())
    end, day = start + timedelta(days=11), timedelta(days=1)
    InboundTrainee.create(
        **PAST_GUEST, start_date=start, end_date=end, arrival=start - day, departure=end + day, created_by=hr
    )


#: an experience report waiting for HR: ratings per goal and the trainee's texts
REVIEW_REPORT = {
    "ratings": {"administration": 4, "intercultural": 5, "contacts": 4, "host_family": 5},
    "texts": {
        "administration": "In der Yazı İşleri Müdürlüğü habe ich gesehen, wie Ratsbeschlüsse vorbereitet und "
        "veröffentlicht werden; vieles läuft dort zentraler als bei uns.",
        "intercultural": "Gastfreundschaft wird sehr ernst genommen. Ich habe gelernt, Termine flexibler zu "
        "sehen und erst einmal zuzuhören.",
        "contacts": "Mit meiner Mentorin und zwei Auszubildenden aus dem Bürgerbüro schreibe ich mir weiter; "
        "eine kommt nächstes Jahr nach Siegburg.",
        "host_family": "Die Familie hat mich wie eine Tochter aufgenommen und mir Ephesos und İzmir gezeigt; "
        "abends haben wir zusammen gekocht.",
    },
    "summary": "Zwei lehrreiche Wochen in Selçuk: eine andere Verwaltungskultur, viel Herzlichkeit und "
    "Kontakte, die bleiben. Ich empfehle den Austausch allen Auszubildenden.",
}


def seed_report_for_review(trainee) -> None:
    """A placed stay in Selçuk that ended last week, its experience report submitted and waiting for HR."""
    end = date.today() - timedelta(days=5)
    start = end - timedelta(days=13)
    # created as placed: the submission rules refuse periods in the past
    application = Application.create(
        applicant=trainee, city="selcuk", start_date=start, end_date=end, motivation=MOTIVATION,
        status="placed", training_track=trainee.training_track, training_year=trainee.training_year,
        submitted_at=utcnow(), decided_at=utcnow(),
    )  # fmt: skip
    Placement.create(
        application=application, department="Yazı İşleri Müdürlüğü", mentor="Ayşe Demir",
        arrival=start, departure=end,
    )  # fmt: skip
    experience.save(trainee, application, 0, REVIEW_REPORT, submit=True)


def attach_documents(user, application) -> None:
    """Upload the demo PDF for every document the application needs before submission."""
    for finding in workflow.missing_documents(application):
        kind = finding.field.removeprefix("document-")
        documents.store_document(user, application, kind, f"{kind}.pdf", DEMO_PDF)


@click.command("demo")
@with_appcontext
def demo_command():
    """Fill a fresh database with demo users and applications (never in production)."""
    with db.connection_context():
        migrate.upgrade()
        created = demo.seed()
    click.secho("=" * 70, fg="yellow")
    click.secho("DEMO-DATEN: Alle Demo-Konten haben das Passwort 'demo'.", fg="yellow", bold=True)
    click.secho("Niemals in einer echten Umgebung verwenden!", fg="yellow", bold=True)
    click.secho("=" * 70, fg="yellow")
    click.echo("\n".join(created) if created else "Demo-Daten waren bereits vorhanden.")
