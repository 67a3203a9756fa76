"""Start-up cost: `passives --help` and `passives validate` import only what they need."""

import json
import subprocess
import sys
from pathlib import Path

from tests.python_probe import probe_output

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("torch", "bertopic", "umap", "sklearn", "sqlalchemy", "hdbscan", "scipy", "plotly")

_PROBE = """
import json, sys
before = set(sys.modules)
from passives_lib.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps({"new": sorted(set(sys.modules) - before)}))
"""


def _imported(*argv: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *argv],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])["new"]


def test_help_imports_at_most_200_modules_and_nothing_heavy():
    modules = _imported("--help")
    assert len(modules) <= 200, len(modules)
    assert not [m for m in modules if m.split(".")[0] in HEAVY]
    assert not [m for m in modules if m.split(".")[0] in ("pydantic", "yaml")]  # no config read


def test_validate_imports_no_model_or_database(tmp_path):
    modules = _imported(
        "validate",
        "data/sample/survey.csv",
        "--config",
        "data/sample/config.yml",
        "--out",
        str(tmp_path),
    )
    assert "pandas" in modules  # it did load the export
    assert not [m for m in modules if m.split(".")[0] in HEAVY[:6]]


def test_package_names_load_on_first_use():
    probe = (
        "import sys, passives_lib\n"
        "assert 'pandas' not in sys.modules\n"
        "from passives_lib import ThemeModel, load_survey\n"
        "assert 'pandas' in sys.modules and ThemeModel.__name__ == 'ThemeModel'\n"
        "print(sorted(set(passives_lib.__all__) - set(dir(passives_lib))))\n"
        "print(all(getattr(passives_lib, name) is not None for name in passives_lib.__all__))"
    )
    assert probe_output(probe) == ["[]", "True"]
