"""People: login (passwords, sessions, single sign-on, LDAP, route guards), users and their roles,
the trainee profile and master data, scopes, and the screens of users and the start page."""
