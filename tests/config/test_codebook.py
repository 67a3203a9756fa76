"""themes.codebook in the config: a list of {name, examples}, checked with the config's errors."""

from __future__ import annotations

import pytest

from passives_lib.config import CodebookTheme, config_from_dict
from passives_lib.core._errors import ConfigError


def themes(codebook: object):
    return config_from_dict({"themes": {"codebook": codebook}}).themes


def test_a_codebook_is_read_in_order_with_texts_stripped() -> None:
    settings = themes(
        [
            {"name": " engineer did not turn up ", "examples": ["the engineer never came "]},
            {"name": "runs small", "examples": ["size up", "too tight"]},
        ]
    )
    assert settings.codebook == (
        CodebookTheme("engineer did not turn up", ("the engineer never came",)),
        CodebookTheme("runs small", ("size up", "too tight")),
    )


def test_no_codebook_is_an_empty_one() -> None:
    assert config_from_dict({}).themes.codebook == ()
    assert themes(None).codebook == ()
    assert themes([]).codebook == ()


@pytest.mark.parametrize(
    ("codebook", "message"),
    [
        ("slow", r"themes\.codebook must be a list of \{name, examples\} entries, got 'slow'"),
        (["slow"], r"themes\.codebook\[0\] must be a mapping with name and examples, got 'slow'"),
        (
            [{"name": "a", "examples": ["x"], "colour": "red"}],
            r"unknown key\(s\) under 'themes\.codebook\[0\]': \['colour'\]; known keys are "
            r"\['examples', 'name'\]",
        ),
        (
            [{"name": " ", "examples": ["x"]}],
            r"themes\.codebook\[0\]\.name must be a text of 1 to 255 characters, got ' '",
        ),
        (
            [{"name": "a", "examples": ["x"]}, {"name": "b", "examples": "late"}],
            r"themes\.codebook\[1\]\.examples must be a list of 1 to 50 phrases, got 'late'",
        ),
        (
            [{"name": "a", "examples": []}],
            r"themes\.codebook\[0\]\.examples must be a list of 1 to 50 phrases, got \[\]",
        ),
        (
            [{"name": "a", "examples": ["ok", 3]}],
            r"themes\.codebook\[0\]\.examples\[1\] must be a text of 1 to 500 characters, got 3",
        ),
        (
            [{"name": "Price", "examples": ["x"]}, {"name": " price", "examples": ["y"]}],
            r"themes\.codebook\[1\]\.name must differ from every other name, got 'price', "
            r"the name of themes\.codebook\[0\]",
        ),
    ],
)
def test_a_bad_codebook_says_which_key_what_was_expected_and_what_was_found(
    codebook: object, message: str
) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        themes(codebook)
    assert str(caught.value).startswith("config")
