"""Blueprints per area."""

from flask import Flask

from intranet.budget.views import hr_budget, hr_costs
from intranet.hostfamilies import views as hostfamilies
from intranet.inbound.views import guests as inbound
from intranet.inbound.views import letters as inbound_letters
from intranet.inbound.views import siegburg, tandems
from intranet.letters import views as letters
from intranet.outbound.views import applications, documents, hr, questions
from intranet.people.views import admin, auth, hr_trainees, main
from intranet.placement.views import cities, cityadmin, citydata
from intranet.views import calendar, committee, europass, experience, hr_audit, privacy


def init_app(app: Flask) -> None:
    """Register all blueprints."""
    for module in (
        main,
        auth,
        applications,
        documents,
        questions,
        letters,
        experience,
        europass,
        hr,
        hr_trainees,
        hr_budget,
        hr_costs,
        hr_audit,
        committee,
        cities,
        cityadmin,
        citydata,
        hostfamilies,
        inbound,
        inbound_letters,
        siegburg,
        tandems,
        calendar,
        privacy,
        admin,
    ):
        app.register_blueprint(module.bp)
