#!/usr/bin/env bash
# Install what the app (or the test suite) needs on a fresh Debian machine, idempotently.
#   scripts/setup.sh app    Python packages in .venv
#   scripts/setup.sh test   plus Debian's chromium, PostgreSQL and OpenLDAP for the test suite
#   scripts/setup.sh bench  plus wrk and the profiler for the benchmark (make bench)
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-app}"

apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# WeasyPrint (letters as PDF) draws with pango; DejaVu covers Polish, Turkish and Greek
apt_install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core

if [ "$mode" = "test" ]; then
    # poppler-utils: pdftotext reads the letters back in the tests
    # slapd: the LDAP tests run their own server; not started by the package (noninteractive)
    # pgbouncer: one test runs the app through its own instance of it, in transaction mode
    apt_install chromium postgresql pgbouncer slapd ldap-utils openssl poppler-utils
    # the W3C Nu HTML checker (tests/test_valid_html.py): Java runs the jar of npm's vnu-jar
    command -v java >/dev/null || apt_install default-jre-headless
    command -v npm >/dev/null || apt_install npm
    if [ ! -f .venv/vnu/node_modules/vnu-jar/build/dist/vnu.jar ]; then
        npm install --silent --no-audit --no-fund --prefix .venv/vnu vnu-jar@26.9.27
    fi
fi

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
if [ "$mode" = "bench" ]; then
    # wrk drives the benchmark's load (scripts/bench.py)
    apt_install wrk
fi

extras=""
[ "$mode" = "test" ] && extras="[test]"
[ "$mode" = "bench" ] && extras="[bench]"
if ! .venv/bin/pip install --quiet --disable-pip-version-check -e ".${extras}" >.venv/pip.log 2>&1; then
    cat .venv/pip.log
    exit 1
fi
.venv/bin/pip check --disable-pip-version-check >/dev/null
