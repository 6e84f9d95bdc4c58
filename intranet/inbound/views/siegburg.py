"""HR's pages for Siegburg as host: departments with their weekly capacity, office closures."""

from datetime import date

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from intranet.inbound import siegburg
from intranet.inbound.forms import ClosureForm, DepartmentForm
from intranet.models import Department, OfficeClosure
from intranet.people.guards import role_required
from intranet.platform.pages import render

bp = Blueprint("siegburg", __name__, url_prefix="/personal/siegburg")


def departments_page(form=None, error=None, status=200):
    """The list of departments with the form for a new one."""
    context = {"departments": list(siegburg.departments()), "form": form or DepartmentForm(), "error": error}
    return render("siegburg/departments.html", **context), status


@bp.route("/abteilungen", methods=["GET", "POST"])
@role_required("hr")
def departments():
    """Siegburg's departments; POST adds one."""
    form = DepartmentForm()
    if request.method == "GET":
        return departments_page(DepartmentForm(formdata=None))
    if not form.validate():
        return departments_page(form, status=422)
    try:
        department = siegburg.save_department(current_user, None, form.data)
    except siegburg.SiegburgRefused as exc:
        return departments_page(form, str(exc), 422)
    flash(_("Abteilung „%(name)s“ angelegt.", name=department.name), "success")
    return redirect(url_for(".departments"))


@bp.route("/abteilungen/<int:department_id>", methods=["GET", "POST"])
@role_required("hr")
def department(department_id: int):
    """Change a department's name, capacity or whether it takes guests."""
    found = Department.get_or_none(Department.id == department_id) or abort(404)
    form = DepartmentForm(obj=found)
    if request.method == "POST" and form.validate():
        try:
            siegburg.save_department(current_user, found, form.data)
        except siegburg.SiegburgRefused as exc:
            return render("siegburg/department.html", department=found, form=form, error=str(exc)), 422
        flash(_("Abteilung gespeichert."), "success")
        return redirect(url_for(".departments"))
    status = 422 if request.method == "POST" else 200
    return render("siegburg/department.html", department=found, form=form, error=None), status


def closures_page(form=None, status=200):
    """Current and future closures with the form for a new one."""
    context = {"closures": list(siegburg.closures(date.today())), "form": form or ClosureForm(formdata=None)}
    return render("siegburg/closures.html", **context), status


@bp.route("/schliesstage", methods=["GET", "POST"])
@role_required("hr")
def closures():
    """Days on which Siegburg's administration is closed; POST adds some."""
    if request.method == "GET":
        return closures_page()
    form = ClosureForm()
    if not form.validate():
        return closures_page(form, 422)
    siegburg.add_closure(current_user, form.start_date.data, form.end_date.data, form.reason.data)
    flash(_("Schließtage eingetragen."), "success")
    return redirect(url_for(".closures"))


@bp.route("/schliesstage/<int:closure_id>/loeschen", methods=["GET", "POST"])
@role_required("hr")
def delete_closure(closure_id: int):
    """Confirm, then remove a closure."""
    closure = OfficeClosure.get_or_none(OfficeClosure.id == closure_id) or abort(404)
    if request.method == "GET":
        return render("siegburg/closure_delete.html", closure=closure)
    siegburg.delete_closure(current_user, closure)
    flash(_("Schließtage entfernt."), "success")
    return redirect(url_for(".closures"))
