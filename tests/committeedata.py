"""Test data for the committee report: one year of stays, guests, bookings and experience reports."""

from datetime import date

from intranet.models import Application, BudgetAccount, CostBooking, ExperienceReport, HostFamily, Placement

from .exchangedata import guest

YEAR = 2031
#: outbound stays: city, first day, last day, status, training track and year at submission
STAYS = [
    ("anna", "nogent", date(YEAR, 3, 3), date(YEAR, 3, 16), "completed", "VFA", 2),  # 14 days
    ("ben", "guarda", date(YEAR, 5, 5), date(YEAR, 5, 23), "placed", "SIA", 1),  # 19 days
    ("anna", "nogent", date(YEAR, 9, 1), date(YEAR, 9, 21), "approved", "VFA", 3),  # 21 days
    ("ben", "orestiada", date(YEAR, 6, 2), date(YEAR, 6, 15), "completed", None, None),  # 14 days
    # not counted: refused, still open, or starting the year before
    ("ben", "selcuk", date(YEAR, 4, 7), date(YEAR, 4, 20), "rejected", "SIA", 1),
    ("anna", "werder", date(YEAR, 7, 7), date(YEAR, 7, 20), "submitted", "VFA", 2),
    ("anna", "guarda", date(YEAR - 1, 12, 20), date(YEAR, 1, 5), "approved", "VFA", 2),
]
SUMMARY = (
    "Anna war bei Familie Dubois zu Gast; Zoé Lefèvre zeigte mir das Standesamt und die Familie "
    "kochte jeden Abend. Schreibt mir gern: anna.azubi@example.org"
)


def seed(people) -> dict[str, Application]:
    """The year 2031: four counted stays, two guests, two accounts with bookings, two accepted reports."""
    stays = [
        Application.create(
            applicant=people[who],
            city=city,
            start_date=start,
            end_date=end,
            status=status,
            training_track=track,
            training_year=year,
        )  # fmt: skip
        for who, city, start, end, status, track, year in STAYS
    ]
    guest("nogent", date(YEAR, 10, 6), date(YEAR, 10, 17))  # 12 days
    guest("selcuk", date(YEAR, 4, 7), date(YEAR, 4, 18))  # 12 days
    guest("guarda", date(YEAR, 2, 2), date(YEAR, 2, 13), status="cancelled")
    guest("nogent", date(YEAR + 1, 2, 2), date(YEAR + 1, 2, 13))
    book_costs(people["hanna"], stays)
    write_reports(stays)
    return {"nogent": stays[0], "guarda": stays[1], "late": stays[2], "orestiada": stays[3]}


def book_costs(hr, stays) -> None:
    main = BudgetAccount.create(number="549904", name="Verwaltungspraktika", year=YEAR, amount_cents=600_000)
    travel = BudgetAccount.create(
        number="549905", name="Partnerschaft Reisen", year=YEAR, amount_cents=100_000
    )
    older = BudgetAccount.create(number="549904", name="Vorjahr", year=YEAR - 1, amount_cents=100_000)
    for account, stay, category, cents in [
        (main, stays[0], "travel", 41_230),
        (main, stays[0], "host_family", 26_000),
        (main, stays[1], "insurance", 4_550),
        (travel, stays[1], "travel", 30_000),
        (older, stays[6], "travel", 9_900),
    ]:
        CostBooking.create(
            application=stay, account=account, category=category, amount_cents=cents, booked_by=hr
        )
    BudgetAccount.update(spent_cents=71_780, reserved_cents=90_000).where(
        BudgetAccount.id == main.id
    ).execute()
    BudgetAccount.update(spent_cents=30_000).where(BudgetAccount.id == travel.id).execute()


def write_reports(stays) -> None:
    family = HostFamily.create(
        city="nogent", household="Familie Dubois", contact_name="Marie Dubois",
        consent_date=date(YEAR, 1, 10), consent_scope="Speicherung",
    )  # fmt: skip
    Placement.create(
        application=stays[0], department="État civil", mentor="Zoé Lefèvre", host_family=family,
        arrival=stays[0].start_date, departure=stays[0].end_date,
    )  # fmt: skip
    ratings = {"administration": 4, "intercultural": 5, "contacts": 3, "host_family": 5}
    ExperienceReport.create(application=stays[0], ratings=ratings, summary=SUMMARY, status="accepted")
    ratings = {"administration": 5, "intercultural": 4, "contacts": 4, "host_family": "gut"}
    ExperienceReport.create(
        application=stays[1], ratings=ratings, summary="Sehr lehrreich.", status="accepted"
    )
    ExperienceReport.create(application=stays[3], ratings={"administration": 1}, status="submitted")


def more(people, copies: int) -> None:
    """Further counted stays of the year, each with a booking and an accepted report."""
    account = BudgetAccount.get((BudgetAccount.number == "549905") & (BudgetAccount.year == YEAR))
    for _ in range(copies):
        for who, city, start, end, status, track, year in STAYS[:4]:
            stay = Application.create(
                applicant=people[who], city=city, start_date=start, end_date=end, status=status,
                training_track=track, training_year=year,
            )  # fmt: skip
            booking = {
                "account": account,
                "category": "other",
                "amount_cents": 1,
                "booked_by": people["hanna"],
            }
            CostBooking.create(application=stay, **booking)
            ExperienceReport.create(
                application=stay, ratings={"contacts": 2}, summary="Gut.", status="accepted"
            )
