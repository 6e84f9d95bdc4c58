"""The trainee's experience report after a stay, along the pilot's goals."""

from flask_babel import lazy_gettext as _l

#: The pilot's four goals: key, German label, help sentence for the trainee.
GOALS = (
    (
        "administration",
        _l("Einblick in die Verwaltungsstrukturen und Arbeitsweisen der Partnerverwaltung"),
        _l("Wie ist die Partnerverwaltung aufgebaut, und wie wird dort gearbeitet?"),
    ),
    (
        "intercultural",
        _l("Interkulturelle Kompetenz"),
        _l("Was haben Sie über die andere Kultur und über sich selbst gelernt?"),
    ),
    (
        "contacts",
        _l("Persönliche Kontakte"),
        _l("Welche Kontakte sind entstanden, und wollen Sie sie pflegen?"),
    ),
    (
        "host_family",
        _l("Leben in der Gastfamilie"),
        _l("Wie haben Sie das Zusammenleben in der Gastfamilie erlebt?"),
    ),
)
