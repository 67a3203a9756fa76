"""Every config value is checked by type and range when the config loads (one message form)."""

from pathlib import Path

import pytest

from passives_lib.cli._main import main
from passives_lib.config import config_from_dict, load_config, whole_number
from passives_lib.config._translate import key_path, validated
from passives_lib.config._values import ConfigPath, Names, NumberMap, number
from passives_lib.core import ConfigError
from tests.conftest import SAMPLE


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"nps": {"wide_margin": "x"}}, "nps.wide_margin must be a number > 0, got 'x'"),
        ({"nps": {"min_responses": "x"}}, "nps.min_responses must be a whole number >= 1"),
        ({"plan": {"management_share": "x"}}, "plan.management_share must be a number between"),
        ({"themes": {"min_similarity": "x"}}, "themes.min_similarity must be a number between"),
        ({"plan": {"ledger": 5}}, "plan.ledger must be a non-empty text, got 5"),
        ({"plan": {"segment_weights": "x"}}, "plan.segment_weights must be a mapping"),
        ({"plan": {"segment_weights": [1, 2]}}, "plan.segment_weights must be a mapping"),
        ({"plan": {"segment_weights": {"A": "x"}}}, "plan.segment_weights.A must be a number"),
        ({"plan": {"panel_size": "x"}}, "plan.panel_size must be a whole number >= 0, got 'x'"),
        ({"plan": {"panel_size": -5}}, "plan.panel_size must be a whole number >= 0, got -5"),
        ({"plan": {"capacity": True}}, "plan.capacity must be a whole number >= 0, got True"),
        ({"plan": {"managers": "Ana"}}, "plan.managers must be a non-empty list of names"),
        ({"plan": {"managers": []}}, "plan.managers must be a non-empty list of names"),
        ({"plan": {"weights": {"value": float("inf")}}}, "plan.weights.value must be a number"),
        ({"plan": {"weights": {"luck": 1}}}, "plan.weights must name only the strategies"),
        ({"plan": {"weights": {"luck": 1}}}, "got unknown strategies ['luck']"),
        ({"plan": {"next_steps": {"panel": 5}}}, "plan.next_steps.panel must be a non-empty"),
        ({"plan": {"theme_effort": {"low": "tracking"}}}, "plan.theme_effort.low must be"),
        ({"plan": {"theme_effort": "x"}}, "plan.theme_effort must be a mapping"),
        ({"plan": {"random_state": -1}}, "plan.random_state must be a whole number between 0"),
        ({"plan": {"profile": 3}}, "plan.profile must be a non-empty text, got 3"),
        ({"themes": {"n_themes": 100000}}, "themes.n_themes must be a whole number between 1"),
        ({"themes": {"n_themes": 0}}, "themes.n_themes must be a whole number between 1 and 50"),
        ({"themes": {"random_state": -1}}, "themes.random_state must be a whole number between"),
        ({"themes": {"max_themes": 2}}, "themes.max_themes must be a whole number between 5"),
        ({"themes": {"cache_dir": "/etc/passwd"}}, "themes.cache_dir must be a folder"),
        ({"themes": {"seed_comments": -1}}, "themes.seed_comments must be a whole number between"),
        ({"themes": {"seed_comments": 2.5}}, "themes.seed_comments must be a whole number between"),
        ({"encoding": "no-such-codec"}, "encoding must be 'auto' or a codec name"),
        ({"encoding": 5}, "encoding must be a non-empty text, got 5"),
        ({"columns": {"score": ["a"]}}, "columns.score must be a header name, got ['a']"),
        ({"sheet": True}, "sheet must be a sheet name or index, got True"),
        ({"plan": "x"}, "plan must be a mapping, got 'x'"),
    ],
)
def test_wrong_types_and_ranges_are_refused_with_the_key(raw, message):
    with pytest.raises(ConfigError) as info:
        config_from_dict(raw)
    assert message in str(info.value)


def test_valid_values_are_kept_and_numbers_normalised():
    config = config_from_dict(
        {
            "nps": {"wide_margin": 10, "min_responses": 5},
            "plan": {"management_share": 0, "managers": ["Ana"], "segment_weights": {"A": 2}},
            "themes": {"n_themes": 30, "min_similarity": 1},
        }
    )
    assert config.nps.wide_margin == 10.0 and isinstance(config.nps.wide_margin, float)
    assert config.plan.managers == ["Ana"] and config.plan.segment_weights == {"A": 2.0}
    assert config.themes.n_themes == 30 and config.themes.min_similarity == 1.0


def test_value_types_return_the_value_or_raise_in_the_one_form():
    assert whole_number(3, "k", "config", minimum=0) == 3
    assert validated(number(0, 1), 0.5, "config") == 0.5
    assert validated(Names, ["a"], "config") == ["a"]
    assert validated(NumberMap, {1: 2}, "config") == {"1": 2.0}
    base = {"base": Path("/base")}
    assert validated(ConfigPath, Path("a/b"), "config", context=base) == "/base/a/b"
    assert validated(ConfigPath, "../x", "config", context={"base": Path("/base/cfg")}) == "/base/x"
    assert validated(ConfigPath, "../x", "config") == "../x"  # no config file: kept relative
    with pytest.raises(ConfigError, match=r"^config: k must be a number > 0, got nan"):
        validated(number(above=0), float("nan"), "config", ("k",))
    with pytest.raises(ConfigError, match=r"k must be a whole number <= 3, got 2.5"):
        whole_number(2.5, "k", "config", maximum=3)
    with pytest.raises(ConfigError, match=r"^x: k.a must be a number >= 0, got 'y'$"):
        validated(NumberMap, {"a": "y"}, "x", ("k",))


def test_key_paths_are_spelled_as_in_the_yaml_file():
    assert key_path(("plan", "callers", 1, "capacity")) == "plan.callers[1].capacity"
    assert key_path(()) == ""
    with pytest.raises(ConfigError) as info:
        config_from_dict({"plan": {"capacity": -1, "callers": [{"name": "A", "capacity": "x"}]}})
    assert str(info.value) == (
        "config: plan.capacity must be a whole number >= 0, got -1; "
        "plan.callers[0].capacity must be a whole number >= 0, got 'x'"
    )


def test_a_pydantic_error_of_no_known_kind_still_names_the_key():
    with pytest.raises(ConfigError, match=r"^config: source must be valid \(.*\), got 5$"):
        validated(dict[str, Path], {"source": 5}, "config")


def test_relative_paths_are_read_from_the_config_folder(tmp_path, monkeypatch):
    folder = tmp_path / "cx"
    folder.mkdir()
    (folder / "config.yml").write_text(
        "plan: {ledger: data/ledger.sqlite}\nthemes: {cache_dir: cache}\n"
    )
    monkeypatch.chdir(tmp_path)
    config = load_config("cx/config.yml")
    assert config.plan.ledger == str(folder.resolve() / "data" / "ledger.sqlite")
    assert config.themes.cache_dir == str(folder.resolve() / "cache")
    url = config_from_dict({"plan": {"ledger": "postgresql://u@h/db"}}, source=folder / "c.yml")
    assert url.plan.ledger == "postgresql://u@h/db"
    (folder / "bare.yml").write_text("dates: iso\n")  # no plan: the default ledger is there too
    assert load_config("cx/bare.yml").plan.ledger == str(folder.resolve() / "reports/ledger.sqlite")


def test_the_same_relative_ledger_is_used_from_any_working_directory(tmp_path, monkeypatch):
    folder = tmp_path / "job"
    folder.mkdir()
    config = folder / "config.yml"
    config.write_text(
        (SAMPLE / "config.yml")
        .read_text()
        .replace("../../reports/sample/ledger.sqlite", "ledger.sqlite")
    )
    survey = str(SAMPLE / "survey.csv")
    recorded = []
    for where in ("one", "two"):
        (tmp_path / where).mkdir()
        monkeypatch.chdir(tmp_path / where)
        args = ["plan", survey, "--config", str(config), "--out", "out", "--no-themes"]
        assert main(args) == 0
        recorded.append(sorted(p.name for p in (tmp_path / where).iterdir()))
    assert (folder / "ledger.sqlite").is_file()
    assert recorded == [["out"], ["out"]]  # no ledger was created in either working directory
    monkeypatch.chdir(tmp_path / "one")
    assert main(["contacts", "list", "--config", str(config), "--out", "state.csv"]) == 0
    assert len((tmp_path / "one" / "state.csv").read_text().splitlines()) > 1


def test_listing_a_missing_ledger_refuses_instead_of_creating_it(tmp_path, capsys):
    missing = tmp_path / "typo" / "ledgr.sqlite"
    assert main(["contacts", "list", "--ledger", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: file ") and "expected an existing contact ledger" in err
    assert "ledgr.sqlite" in err and "Traceback" not in err
    assert not missing.exists() and not missing.parent.exists()
