"""People: users, their roles, city scopes, languages and server-side login sessions."""

from datetime import date

from peewee import AutoField, BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField

from intranet.models.base import BaseModel, utcnow


class User(BaseModel):
    id = AutoField()
    username = CharField(unique=True, max_length=150)
    email = CharField(max_length=254)
    display_name = CharField(max_length=200)
    #: argon2 hash; NULL for accounts that only log in through single sign-on.
    password_hash = CharField(null=True, max_length=255)
    active = BooleanField(default=True)
    training_track = CharField(null=True, max_length=3)
    training_year = IntegerField(null=True)
    #: False while track and year are the trainee's own, unconfirmed entries.
    training_confirmed = BooleanField(default=False)
    date_of_birth = DateField(null=True)
    failed_logins = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    created_at = DateTimeField(default=utcnow)
    last_login_at = DateTimeField(null=True)

    @property
    def roles(self) -> set[str]:
        """The user's role names, cached per instance."""
        if not hasattr(self, "_roles"):
            self._roles = {r.role for r in self.role_rows}
        return self._roles

    @property
    def city_scopes(self) -> set[str]:
        """Slugs of the partner cities a city admin is responsible for."""
        if not hasattr(self, "_scopes"):
            self._scopes = {s.city for s in self.scope_rows}
        return self._scopes

    @classmethod
    def admins_of(cls, city: str):
        """Active city admins whose scope covers the partner city ``city``."""
        return (
            cls.select()
            .join(UserRole)
            .switch(cls)
            .join(CityScope)
            .where((UserRole.role == "city_admin") & (CityScope.city == city) & (cls.active == True))  # noqa: E712
            .order_by(cls.id)
        )

    def has_role(self, *names: str) -> bool:
        """True if the user holds any of the given roles."""
        return bool(self.roles.intersection(names))

    def age_on(self, day: date) -> int | None:
        """Age in full years on a given day, None without a date of birth."""
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    # Flask-Login protocol
    is_anonymous = False

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return str(self.id)


class UserRole(BaseModel):
    user = ForeignKeyField(User, backref="role_rows", on_delete="CASCADE")
    role = CharField(max_length=20)

    class Meta:
        indexes = ((("user", "role"), True),)


class CityScope(BaseModel):
    """A city admin's responsibility for one partner city."""

    user = ForeignKeyField(User, backref="scope_rows", on_delete="CASCADE")
    city = CharField(max_length=40, index=True)

    class Meta:
        indexes = ((("user", "city"), True),)


class UserLanguage(BaseModel):
    user = ForeignKeyField(User, backref="languages", on_delete="CASCADE")
    #: ISO 639-1 code, e.g. "fr"
    language = CharField(max_length=8)
    level = CharField(max_length=2)

    class Meta:
        indexes = ((("user", "language"), True),)


class LoginSession(BaseModel):
    """A server-side session: logout or deactivation deletes it, so old cookies die."""

    token_hash = CharField(unique=True, max_length=64)
    user = ForeignKeyField(User, backref="sessions", on_delete="CASCADE")
    created_at = DateTimeField(default=utcnow)
    last_seen_at = DateTimeField(default=utcnow)
