"""bandit over the app and the plugins: no finding, and every suppression names its test and says why."""

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
SCANNED = ("intranet", "plugins")


def test_bandit_finds_nothing():
    result = subprocess.run(
        [sys.executable, "-m", "bandit", "-c", "pyproject.toml", "-r", *SCANNED, "-q", "-f", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    report = json.loads(result.stdout)
    findings = [
        f"{r['filename']}:{r['line_number']} {r['test_id']} {r['issue_text']}" for r in report["results"]
    ]
    assert not findings, "\n".join(findings)
    assert not report["errors"], report["errors"]
    assert result.returncode == 0


def test_every_suppression_is_specific_and_justified():
    for path in sorted(p for folder in SCANNED for p in (ROOT / folder).rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if "nosec" not in line:
                continue
            where = f"{path.relative_to(ROOT)}:{number + 1}"
            # one named test per suppression, never a blanket "# nosec"
            assert re.search(r"# nosec B\d{3}$", line), f"{where}: name the bandit test (# nosec Bxxx)"
            # the reason is the comment right above
            assert number and lines[number - 1].strip().startswith("#"), f"{where}: say why in the line above"
