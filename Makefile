# The two set-up commands of the README: `make demo` and `make test`.
VENV := .venv
DEMO_ENV := INTRANET_DEMO=true INTRANET_SESSION_COOKIE_SECURE=false
#: where `make demo` serves (gunicorn, the production server, with two workers)
DEMO_BIND ?= 127.0.0.1:5000

.PHONY: demo test bench screenshots

demo:  ## install, migrate, seed demo data and serve on http://127.0.0.1:5000
	scripts/setup.sh app
	$(DEMO_ENV) $(VENV)/bin/flask --app intranet db upgrade
	$(DEMO_ENV) $(VENV)/bin/flask --app intranet demo
	$(DEMO_ENV) INTRANET_BIND=$(DEMO_BIND) WEB_CONCURRENCY=2 $(VENV)/bin/gunicorn -c gunicorn.conf.py

test:  ## install everything the suite needs and run all of it (SQLite, PostgreSQL, browser)
	scripts/setup.sh test
	$(VENV)/bin/python -m pytest -n auto --dist loadscope

bench:  ## not a set-up command: seed 1 000 and 100 000 applications, load them with wrk, write docs/benchmarks.md
	scripts/setup.sh bench
	$(VENV)/bin/python scripts/bench.py --json $(or $(BENCH_JSON),docs/benchmarks.json) --note "$(BENCH_NOTE)"

screenshots:  ## not a set-up command: demo data in a temporary instance, PNGs of the main screens into docs/screenshots
	scripts/setup.sh test
	$(VENV)/bin/python scripts/screenshots.py docs/screenshots
