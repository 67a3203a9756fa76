"""environment.yml (for conda users) lists exactly the dependencies of pyproject.toml."""

import tomllib

import yaml
from packaging.requirements import Requirement

from tests.conftest import REPO


def normalised(requirements: list[str]) -> dict[str, str]:
    parsed = [Requirement(r) for r in requirements]
    return {r.name.lower().replace("_", "-"): str(r.specifier) for r in parsed}


def pip_section(environment: dict) -> list[str]:
    for item in environment["dependencies"]:
        if isinstance(item, dict) and "pip" in item:
            return item["pip"]
    raise AssertionError("environment.yml has no pip section")


def test_environment_yml_agrees_with_pyproject():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["dev"]
    environment = yaml.safe_load((REPO / "environment.yml").read_text())
    assert normalised(pip_section(environment)) == normalised(declared)
    python = [d for d in environment["dependencies"] if str(d).startswith("python=")]
    assert python == ["python=3.11"]
    assert project["requires-python"].startswith(">=3.11")


def test_torch_is_pinned_to_the_cpu_build_on_the_machine():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert "torch==2.13.0" in project["dependencies"]
