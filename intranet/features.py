"""The feature packages wired into the app: their blueprints and their ``flask --app intranet`` commands."""

from flask import Flask

from intranet import demo
from intranet.budget.views import hr_budget, hr_costs
from intranet.erasmus import views as hr_erasmus
from intranet.hostfamilies import views as hostfamilies
from intranet.inbound.views import guests, siegburg, tandems
from intranet.inbound.views import letters as guest_letters
from intranet.letters import views as letters
from intranet.mail import commands as mail_commands
from intranet.outbound import commands as documents_commands
from intranet.outbound.views import applications, documents, hr, questions
from intranet.partners import commands as partners_commands
from intranet.partners.views import host as partner_host
from intranet.partners.views import staff as partner_staff
from intranet.people import commands as users_commands
from intranet.people.views import admin, auth, hr_trainees, main
from intranet.placement import commands as plugins_commands
from intranet.placement.views import cities, cityadmin, citydata
from intranet.platform import cli
from intranet.privacy import commands as retention_commands
from intranet.privacy.views import hr_audit, privacy
from intranet.reports.views import committee, europass, experience, stays

#: in the order of the former single views package, so the url_map stays the same
BLUEPRINTS = (
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
    hr_erasmus,
    hr_audit,
    committee,
    cities,
    cityadmin,
    citydata,
    hostfamilies,
    guests,
    guest_letters,
    siegburg,
    tandems,
    stays,
    privacy,
    admin,
    partner_staff,
    partner_host,
)
COMMANDS = (
    *cli.COMMANDS,
    users_commands.users_cli,
    plugins_commands.plugins_cli,
    mail_commands.mail_cli,
    documents_commands.documents_cli,
    retention_commands.retention_cli,
    partners_commands.partners_cli,
    demo.demo_command,
)


def init_app(app: Flask) -> None:
    """Register every feature's blueprint and command group."""
    for module in BLUEPRINTS:
        app.register_blueprint(module.bp)
    for command in COMMANDS:
        app.cli.add_command(command)
