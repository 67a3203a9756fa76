"""What a careless exporter leaves: huge numbers, future dates, look-alike headers, bad bytes."""

from datetime import date, timedelta

import pytest

from passives_lib.core import InputError
from passives_lib.core._reading import decode_text, read_table
from passives_lib.survey import load_survey
from passives_lib.survey._columns import resolve_columns

HEADER = "id,score,date,lifetime_value,features_purchased,features_used\n"


@pytest.mark.parametrize("value", ["inf", "-inf", "1e20", str(2**63), "1e400", "nan"])
def test_non_finite_or_huge_counts_are_blanked_with_a_warning(write_export, value):
    loaded = load_survey(write_export(HEADER + f"a,7,2026-07-01,10,{value},1\n"))
    assert loaded.rows_accepted == 1 and loaded.rows_rejected == 0
    assert loaded.responses["features_purchased"].isna().all()
    reason = loaded.warnings["reason"].iloc[0]
    assert reason.startswith("features_purchased is") and reason.endswith("response kept")


def test_a_bad_optional_value_never_rejects_a_row_rejected_for_another_reason(write_export):
    loaded = load_survey(write_export(HEADER + "a,eleven,2026-07-01,-5,1,1\n"))
    assert sorted(loaded.rejected["reason"]) == [
        "lifetime_value is negative",
        "score is outside 0-10",
    ] or ("lifetime_value is negative" in set(loaded.rejected["reason"]))
    assert loaded.rows_accepted == 0 and loaded.warnings.empty


def test_a_date_after_today_is_rejected(write_export):
    later = (date.today() + timedelta(days=3)).isoformat()
    loaded = load_survey(write_export(HEADER + f"a,7,{later},1,1,1\nb,8,2026-07-01,1,1,1\n"))
    assert loaded.rejected["reason"].tolist() == ["responded_at is after today"]
    assert loaded.responses["respondent_id"].tolist() == ["b"]


def test_two_score_look_alikes_are_refused_and_other_look_alikes_noted(write_export):
    with pytest.raises(InputError, match=r"expected one score column, found 2 .*'NPS'"):
        load_survey(write_export("id,score,NPS\na,7,8\n"))
    mapping = resolve_columns(["id", "customer id", "score"], {})
    assert mapping.columns["respondent_id"] == "customer id"  # the better-named synonym
    assert mapping.passed_over == {"respondent_id": ["id"]}
    loaded = load_survey(write_export("id,customer id,score\na,b,7\n"))
    assert any("also look like respondent_id" in note for note in loaded.notes)


def test_utf8_with_a_few_stray_bytes_stays_utf8_and_cp1252_is_a_warning(write_export):
    text = "id,score,comment\n" + "".join(f"r{i},7,Café très bien\n" for i in range(5))
    data = bytearray(text.encode("utf-8"))
    for at in (20, 40, 60):
        data[at] = 0xFF
    assert decode_text(bytes(data))[1] == "utf-8"
    legacy = load_survey(write_export(text.encode("cp1252")))
    assert legacy.encoding == "cp1252"
    assert any("not valid UTF-8" in note for note in legacy.notes)


def test_short_rows_are_found_and_kept_with_a_warning(write_export):
    path = write_export("id,score,comment\na,7,fine\nb,8\n")
    assert read_table(path).short_rows == {3: 2}
    loaded = load_survey(path)
    assert loaded.rows_accepted == 2
    assert loaded.warnings["reason"].tolist() == [
        "the row has 2 fields but the header has 3; the missing cells were read as blank"
    ]
    assert read_table(write_export("id,score,comment\na,7,\n")).short_rows == {}
