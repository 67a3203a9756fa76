import pandas as pd
import pytest

from passives_lib.config import config_from_dict, load_config
from passives_lib.core import ConfigError


def test_defaults_without_a_file():
    config = load_config(None)
    assert config.columns == {} and config.dates == "auto" and config.max_comment_chars == 5000


def test_reads_yaml(tmp_path):
    path = tmp_path / "c.yml"
    path.write_text(
        "columns: {score: NPS_SCORE, comment: text}\ndates: dayfirst\ndelimiter: ';'\n"
        "nps: {wide_margin: 10, min_responses: 50}\n"
    )
    config = load_config(path)
    assert config.columns == {"score": "NPS_SCORE", "comment": "text"}
    assert config.dates == "dayfirst" and config.delimiter == ";"
    assert config.nps.wide_margin == 10 and config.nps.min_responses == 50
    assert config.source == path


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"colums": {}}, "unknown key(s) ['colums']"),
        ({"dates": "yearfirst"}, "dates must be one of"),
        ({"columns": {"nps_score": "X"}}, "unknown canonical column(s) ['nps_score']"),
        ({"columns": {"score": "X", "comment": "X"}}, "maps the header(s) ['X'] more than once"),
        ({"contact_statuses": {"Called": "phoned"}}, "contact_statuses.Called must be one of"),
        ({"max_comment_chars": 0}, "max_comment_chars must be a whole number >= 1, got 0"),
        ({"score_values": {"Top": 11}}, "score_values.Top must be a whole number 0-10"),
        ({"score_values": {"Top": "ten"}}, "or null for 'no score', got 'ten'"),
        ({"score_values": {"Top": True}}, "score_values.Top must be a whole number 0-10"),
        ({"score_values": {"Good": 8, "good ": 7}}, "lists 'good ' more than once"),
        (
            {"score_values": ["Top"]},
            "score_values must be a mapping of export values to 0-10 scores",
        ),
        ({"delimiter": "|"}, "delimiter must be one of"),
        ({"nps": {"wide": 3}}, "unknown key(s) under 'nps'"),
        (["not", "a", "mapping"], "expected a mapping"),
    ],
)
def test_invalid_settings_are_refused(raw, message):
    with pytest.raises(ConfigError) as info:
        config_from_dict(raw)
    assert message in str(info.value)


def test_missing_and_malformed_files(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "none.yml")
    bad = tmp_path / "bad.yml"
    bad.write_text("columns: [unclosed\n")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(bad)


def test_with_settings_is_the_one_way_to_override():
    from passives_lib.config import Config, with_settings
    from passives_lib.core._errors import ConfigError

    base = Config()
    assert with_settings(base, "plan", "command line", capacity=None) is base
    changed = with_settings(base, "plan", "command line", capacity=3, managers=["Ana"])
    assert (changed.plan.capacity, changed.plan.managers) == (3, ["Ana"])
    assert base.plan.capacity == 25
    assert with_settings(base, "themes", "x", random_state=7).themes.random_state == 7
    with pytest.raises(ConfigError, match=r"^command line: plan\.panel_size must be a whole"):
        with_settings(base, "plan", "command line", panel_size=-5)
    with pytest.raises(ConfigError, match="unknown key"):
        with_settings(base, "plan", "command line", colour="red")
    with pytest.raises(ConfigError, match="no settings section 'paint'"):
        with_settings(base, "paint", "command line", colour="red")


def test_a_bad_parameter_in_code_is_a_passives_error_and_a_value_error():
    from passives_lib.core import ConfigError, InvalidParameterError, PassivesError
    from passives_lib.survey._classify import nps_category
    from passives_lib.themes import ThemeModel

    assert issubclass(InvalidParameterError, ConfigError)
    assert issubclass(InvalidParameterError, PassivesError) and issubclass(
        InvalidParameterError, ValueError
    )
    with pytest.raises(InvalidParameterError, match="scores must be whole numbers"):
        nps_category(pd.Series([11]))
    with pytest.raises(InvalidParameterError, match="The 'min_themes' parameter of ThemeModel"):
        ThemeModel(min_themes=0).fit(["a", "b"])


def test_score_values_are_matched_without_case_or_spaces():
    config = config_from_dict({"score_values": {" Very Good ": 10, 3: None}})
    assert config.score_values == {"very good": 10, "3": None}


def test_settings_changed_in_code_are_checked_too():
    from dataclasses import replace

    from passives_lib.config import Caller, PlanSettings

    plan = replace(PlanSettings(), capacity=3, callers=[Caller("Dana", 2)])
    assert (plan.capacity, plan.call_capacity) == (3, 2)
    with pytest.raises(ValueError, match="must be a whole number >= 0"):
        replace(plan, capacity=-1)
    with pytest.raises(ValueError, match="must be a whole number >= 0"):
        Caller("Eli", -1)


def test_unknown_keys_are_refused_at_every_depth_with_the_known_ones():
    cases = {
        "unknown key(s) ['colour']; known keys are ['briefs', 'columns'": {"colour": 1},
        "unknown key(s) under 'plan.contact_policy': ['tries']; known keys are ['retries', "
        "'retry_after_days']": {"plan": {"contact_policy": {"tries": 1}}},
        "unknown key(s) under 'email': ['cc']": {
            "email": {"host": "h", "sender": "a@x.org", "recipients": ["b@x.org"], "cc": "c"}
        },
        "unknown key(s) under 'plan.issue_kinds.billing': ['colour']": {
            "plan": {"issue_kinds": {"billing": {"colour": "red"}}}
        },
    }
    for message, raw in cases.items():
        with pytest.raises(ConfigError) as info:
            config_from_dict(raw)
        assert message in str(info.value)
