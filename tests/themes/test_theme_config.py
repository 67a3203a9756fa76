"""themes.language and themes.secondary_similarity in the config reach the theme model."""

import pytest

from passives_lib.config import config_from_dict
from passives_lib.core import ConfigError
from passives_lib.pipeline._theme_run import model_from_config


def test_language_and_secondary_similarity_reach_the_model():
    config = config_from_dict({"themes": {"language": "fr", "secondary_similarity": 0.6}})
    model = model_from_config(config)
    assert model.language == "fr" and model.secondary_similarity == 0.6
    assert model_from_config(config_from_dict({})).language is None  # auto: detected


@pytest.mark.parametrize(
    ("themes", "key"),
    [({"language": "de"}, "themes.language"), ({"secondary_similarity": 2}, "secondary")],
)
def test_bad_values_are_config_errors(themes, key):
    with pytest.raises(ConfigError, match=key):
        config_from_dict({"themes": themes})
