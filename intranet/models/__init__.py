"""Tables of the core, one module per area; import them from here.

``MODELS`` lists every table in creation order; a new module adds its tables here.
"""

from intranet.models.applications import Application, Document
from intranet.models.audit import AuditEvent
from intranet.models.base import (
    CEFR_LEVELS,
    ROLES,
    TRAINING_TRACKS,
    BaseModel,
    JSONField,
    shares_days,
    utcnow,
)
from intranet.models.budget import COST_CATEGORIES, BudgetAccount, CostBooking, Reservation
from intranet.models.cityadmin import CityOverride, HostAvailability, HostFamily, Placement
from intranet.models.exchange import (
    Department,
    FeedToken,
    InboundTrainee,
    OfficeClosure,
    RotationWeek,
    Tandem,
)
from intranet.models.files import StoredChunk, StoredFile
from intranet.models.jobs import JobLease
from intranet.models.letters import IssuedLetter
from intranet.models.outbox import OutboxMessage
from intranet.models.partners import HostAnswer, PartnerLink, PartnerLinkMiss, PartnerProposal, host_answers
from intranet.models.people import CityScope, LoginSession, User, UserLanguage, UserRole
from intranet.models.periods import BlockedPeriod, CapacityWindow, CityPeriod
from intranet.models.questions import Question
from intranet.models.reports import ExperienceReport

MODELS = [
    User,
    UserRole,
    CityScope,
    UserLanguage,
    LoginSession,
    Application,
    Document,
    AuditEvent,
    BlockedPeriod,
    CapacityWindow,
    PartnerLink,
    PartnerProposal,
    PartnerLinkMiss,
    OutboxMessage,
    Question,
    IssuedLetter,
    BudgetAccount,
    Reservation,
    CostBooking,
    HostFamily,
    HostAvailability,
    Placement,
    CityOverride,
    Department,
    OfficeClosure,
    InboundTrainee,
    RotationWeek,
    Tandem,
    FeedToken,
    ExperienceReport,
    StoredFile,
    StoredChunk,
    JobLease,
]

__all__ = [
    "CEFR_LEVELS",
    "COST_CATEGORIES",
    "MODELS",
    "ROLES",
    "TRAINING_TRACKS",
    "Application",
    "AuditEvent",
    "BaseModel",
    "BlockedPeriod",
    "BudgetAccount",
    "CapacityWindow",
    "CityOverride",
    "CityPeriod",
    "CityScope",
    "CostBooking",
    "Department",
    "Document",
    "ExperienceReport",
    "FeedToken",
    "HostAvailability",
    "HostFamily",
    "InboundTrainee",
    "IssuedLetter",
    "JSONField",
    "HostAnswer",
    "JobLease",
    "LoginSession",
    "OfficeClosure",
    "OutboxMessage",
    "PartnerLink",
    "PartnerLinkMiss",
    "PartnerProposal",
    "Placement",
    "host_answers",
    "Question",
    "Reservation",
    "RotationWeek",
    "StoredChunk",
    "StoredFile",
    "Tandem",
    "User",
    "UserLanguage",
    "UserRole",
    "shares_days",
    "utcnow",
]
