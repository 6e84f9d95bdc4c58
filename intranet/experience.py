"""The trainee's experience report after a stay, along the pilot's goals."""

from flask_babel import lazy_gettext as _l

#: The pilot's four goals: key and German label (ratings and texts are keyed by them).
GOALS = (
    ("administration", _l("Einblick in die Verwaltungsstrukturen und Arbeitsweisen")),
    ("intercultural", _l("Interkulturelle Kompetenz")),
    ("contacts", _l("Persönliche Kontakte")),
    ("host_family", _l("Leben in der Gastfamilie")),
)

#: One help sentence per goal, shown under its fieldset.
GOAL_HELP = {
    "administration": _l("Wie ist die Partnerverwaltung aufgebaut, und wie wird dort gearbeitet?"),
    "intercultural": _l("Was haben Sie über die andere Kultur und über sich selbst gelernt?"),
    "contacts": _l("Welche Kontakte sind entstanden, und wollen Sie sie pflegen?"),
    "host_family": _l("Wie haben Sie das Zusammenleben in der Gastfamilie erlebt?"),
}
