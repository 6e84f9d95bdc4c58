"""Letters for a partner trainee staying in Siegburg: welcome, programme of the stay, certificate.

The templates are declared by the trainee's city plugin with ``audience="inbound"`` (German in
the core, the partner's language in the plugin). Their variables are those of
``sample_context``: city (the trainee's home city), trainee (an ``InboundTrainee``), rotation
(weeks with department), host_family, closed (days the administration is closed during the
stay, with the reason), sender, texts, today and lang. The Siegburg host family is personal
data of Siegburg's household, visible to HR only: the letters carry it only when HR renders them.
"""

from datetime import date, timedelta

from intranet.cities import home
from intranet.cities.defaults.contacts import SENDER
from intranet.cities.registry import registry
from intranet.hookspecs import LetterTemplate, PartnerCity
from intranet.letters import rendering
from intranet.models import Department, HostFamily, InboundTrainee, RotationWeek

AUDIENCE = "inbound"


def templates(trainee: InboundTrainee) -> list[LetterTemplate]:
    """The guest letters of the trainee's city in the trainee's letter language and in German."""
    languages = {trainee.letter_language, "de"}
    return [t for t in rendering.templates_for(trainee.city, AUDIENCE) if t.language in languages]


def find(trainee: InboundTrainee, kind: str, language: str) -> LetterTemplate | None:
    """One of ``templates(trainee)``, or None."""
    return next((t for t in templates(trainee) if (t.kind, t.language) == (kind, language)), None)


def rotation_of(trainee: InboundTrainee) -> list[dict]:
    """The rotation weeks inside the stay: first and last working day, department name."""
    weeks = (
        RotationWeek.select(RotationWeek, Department)
        .join(Department)
        .where(RotationWeek.trainee == trainee.id)
        .order_by(RotationWeek.week_start)
    )
    return [
        {
            "start": max(w.week_start, trainee.start_date),
            "end": min(w.week_start + timedelta(days=4), trainee.end_date),
            "department": w.department.name,
        }
        for w in weeks
    ]


def family_facts(family: HostFamily | None) -> dict | None:
    """What a letter says about the host family: household, address, phone."""
    if family is None:
        return None
    return {"name": family.household, "address": family.address, "phone": family.phone}


def context(trainee: InboundTrainee, viewer) -> dict:
    """The letter variables for one trainee, as ``viewer`` may see them."""
    family = trainee.host_family if viewer.has_role("hr") and trainee.host_family_id else None
    return {
        "city": registry().get(trainee.city),
        "trainee": trainee,
        "rotation": rotation_of(trainee),
        "host_family": family_facts(family),
        "closed": home.closed_days(trainee.start_date, trainee.end_date),
        "sender": dict(SENDER),
        "texts": {},
        "today": date.today(),
    }


def render(trainee: InboundTrainee, template: LetterTemplate, viewer, for_pdf: bool = False) -> str:
    """The letter for this trainee as a complete HTML document."""
    return rendering.render_letter(template, context(trainee, viewer), for_pdf=for_pdf)


def sample_context(city: PartnerCity) -> dict:
    """Realistic fake data for ``plugins check``: a guest from ``city`` with two weeks of rotation."""
    start, end = rendering.sample_period(date.today())
    trainee = InboundTrainee(
        city=city.slug,
        first_name="Zoé",
        last_name="Łukasik-Öztürk",
        home_administration=city.name_local,
        training="Administration municipale",
        letter_language=city.languages[0],
        start_date=start,
        end_date=end,
        arrival=start - timedelta(days=1),
        departure=end + timedelta(days=1),
        travel="ICE, Siegburg/Bonn 14:32",
        mentor="Jörg Müller, Bürgerservice",
    )
    rotation = [
        {"start": start, "end": start + timedelta(days=4), "department": "Bürgerservice"},
        {"start": start + timedelta(days=7), "end": start + timedelta(days=11), "department": "Stadtkasse"},
    ]
    return {
        "city": city,
        "trainee": trainee,
        "rotation": rotation,
        "host_family": {
            "name": "Familie Schäfer",
            "address": "Holzgasse 1, 53721 Siegburg",
            "phone": "+49 2241 0",
        },
        "closed": {start + timedelta(days=3): "Fronleichnam"},
        "sender": dict(SENDER),
        "texts": {},
        "today": date.today(),
    }
