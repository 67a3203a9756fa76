"""The settings that say how to read a survey export: columns, dates, delimiter, encoding, ...

They sit at the top of a config file::

    columns: {score: NPS_SCORE, comment: text, responded_at: CUSTOMER_RESPONSE_DATE,
              segment: SURVEY_SUB_TYPE}
    dates: dayfirst
"""

from __future__ import annotations

import codecs
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator

from passives_lib.config._values import Text, fail, mapping, shown
from passives_lib.core import CANONICAL_COLUMNS, CONTACT_COLUMNS, CONTACT_STATUSES

__all__ = [
    "DATE_ORDERS",
    "DELIMITERS",
    "Columns",
    "ContactStatuses",
    "DateOrder",
    "Delimiter",
    "Encoding",
    "ScoreValues",
    "Sheet",
]

DATE_ORDERS = ("auto", "iso", "dayfirst", "monthfirst")
DELIMITERS = {"auto": None, ",": ",", ";": ";", "\\t": "\t", "\t": "\t", "tab": "\t"}


def _columns(raw: dict) -> dict[str, str]:
    unknown = sorted(set(map(str, raw)) - set(CANONICAL_COLUMNS) - set(CONTACT_COLUMNS))
    if unknown:
        raise fail(
            f"a mapping of canonical columns {list(CANONICAL_COLUMNS)} and contact details "
            f"{list(CONTACT_COLUMNS)} to export headers",
            found=f"unknown canonical column(s) {unknown}",
        )
    for key, header in raw.items():
        if not isinstance(header, str | int) or isinstance(header, bool) or not str(header):
            raise fail("a header name", found=shown(header), at=(str(key),))
    headers = [str(v) for v in raw.values()]
    repeated = sorted({h for h in headers if headers.count(h) > 1})
    if repeated:
        raise fail(
            "a mapping with each header once",
            found=f"a mapping that maps the header(s) {repeated} more than once",
        )
    return {str(k): str(v) for k, v in raw.items()}


def _contact_statuses(raw: dict) -> dict[str, str]:
    for value, status in raw.items():
        if status not in CONTACT_STATUSES:
            raise fail(f"one of {list(CONTACT_STATUSES)}", found=shown(status), at=(str(value),))
    return {str(value).strip().lower(): status for value, status in raw.items()}


def _score_values(raw: dict) -> dict[str, int | None]:
    mapping_: dict[str, int | None] = {}
    for value, score in raw.items():
        whole = isinstance(score, int) and not isinstance(score, bool)
        if score is not None and not (whole and 0 <= score <= 10):
            raise fail(
                "a whole number 0-10, or null for 'no score'", found=shown(score), at=(str(value),)
            )
        key = str(value).strip().lower()
        if key in mapping_:
            raise fail(
                "a mapping with each value once (case and spaces aside)",
                found=f"a mapping that lists {value!r} more than once",
            )
        mapping_[key] = score
    return mapping_


def _codec(value: str) -> str:
    if value != "auto":
        try:
            codecs.lookup(value)
        except LookupError:
            raise fail("'auto' or a codec name such as 'cp1252'") from None
    return value


def _date_order(value: Any) -> str:
    text = str(value).lower()
    if text not in DATE_ORDERS:
        raise fail(f"one of {list(DATE_ORDERS)}", found=repr(text))
    return text


def _delimiter(value: Any) -> str:
    if str(value) not in DELIMITERS:
        raise fail("one of ',', ';', 'tab' or 'auto'")
    return str(value)


def _sheet(value: Any) -> Any:
    if value is not None and (not isinstance(value, str | int) or isinstance(value, bool)):
        raise fail("a sheet name or index")
    return value


# A before-validator runs before those to its left: the mapping check comes first.
Columns = Annotated[
    dict[str, str],
    BeforeValidator(_columns),
    mapping("a mapping of canonical columns to export headers"),
]
ContactStatuses = Annotated[
    dict[str, str],
    BeforeValidator(_contact_statuses),
    mapping("a mapping of export values to statuses"),
]
ScoreValues = Annotated[
    dict[str, int | None],
    BeforeValidator(_score_values),
    mapping("a mapping of export values to 0-10 scores"),
]
Encoding = Annotated[Text, AfterValidator(_codec)]
DateOrder = Annotated[str, BeforeValidator(_date_order)]
Delimiter = Annotated[str, BeforeValidator(_delimiter)]
Sheet = Annotated[str | int | None, BeforeValidator(_sheet)]
