"""The seeded sample survey of ``data/sample/`` and its truth files."""

from passives_lib.sample._generate import SampleSurvey, generate_survey, write_sample

__all__ = [
    "SampleSurvey",
    "generate_survey",
    "write_sample",
]
