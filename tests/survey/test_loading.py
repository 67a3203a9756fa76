import re

import pandas as pd
import pytest

from passives_lib.config import Config, config_from_dict
from passives_lib.core import InputError
from passives_lib.survey import load_survey

HEADER = "respondent_id,score,comment,responded_at,segment,lifetime_value,contact_status\n"


def rows(*lines: str) -> str:
    return HEADER + "".join(line + "\n" for line in lines)


def reasons(loaded) -> dict[int, list[str]]:
    grouped = loaded.rejected.groupby("source_row")["reason"].apply(list)
    return grouped.to_dict()


def assert_accounted(loaded) -> None:
    assert loaded.rows_read == loaded.rows_accepted + loaded.rows_rejected


def test_clean_file_is_typed_and_classified(write_export):
    loaded = load_survey(
        write_export(
            rows(
                "a1,0,Slow,2026-07-01,SMB,100.5,not_contacted",
                "a2,7,ok,2026-07-02,SMB,20,contacted",
                "a3,8,,2026-07-08,Enterprise,,",
                "a4,10,Great!,2026-07-09,Enterprise,5000,responded",
            )
        )
    )
    r = loaded.responses
    assert loaded.rows_rejected == 0 and loaded.rows_accepted == 4
    assert r["score"].tolist() == [0, 7, 8, 10]
    assert r["category"].astype(str).tolist() == ["detractor", "passive", "passive", "promoter"]
    assert r["lean"].tolist()[1:3] == ["leans detractor", "leans promoter"]
    assert r["iso_week"].tolist() == ["2026-W27", "2026-W27", "2026-W28", "2026-W28"]
    assert r["lifetime_value"].isna().tolist() == [False, False, True, False]
    assert r["contact_status"].tolist() == [
        "not_contacted",
        "contacted",
        "not_contacted",
        "responded",
    ]
    assert r["source_row"].tolist() == [2, 3, 4, 5]


@pytest.mark.parametrize(
    ("score", "reason"),
    [
        ("eight", "score is not a number"),
        ("11", "score is outside 0-10"),
        ("-1", "score is outside 0-10"),
        ("7.5", "score is not a whole number"),
        ("", "score is blank"),
        ("  ", "score is blank"),
    ],
)
def test_each_bad_score_gets_one_precise_reason(write_export, score, reason):
    loaded = load_survey(
        write_export(rows("a1,9,fine,2026-07-01,SMB,1,", f"a2,{score},bad,2026-07-01,SMB,1,"))
    )
    assert reasons(loaded) == {3: [reason]}
    bad = loaded.rejected.iloc[0]
    assert (bad["column"], bad["field"], bad["value"], bad["respondent_id"]) == (
        "score",
        "score",
        score.strip(),
        "a2",
    )
    assert loaded.responses["respondent_id"].tolist() == ["a1"]
    assert_accounted(loaded)


def test_whole_number_written_as_decimal_is_accepted(write_export):
    loaded = load_survey(write_export(rows("a1,8.0,ok,2026-07-01,SMB,1,")))
    assert loaded.responses["score"].tolist() == [8]


def test_all_problems_are_found_in_one_pass(write_export):
    loaded = load_survey(
        write_export(
            rows(
                "a1,eight,x,2026-07-01,SMB,-5,",
                "a2,9,x,not a date,SMB,1,phoned twice",
                "a3,9,x,2026-07-01,SMB,1,",
                ",9,x,2026-07-01,SMB,1,",
            )
        )
    )
    assert reasons(loaded) == {
        2: ["lifetime_value is negative", "score is not a number"],
        3: [
            "contact_status is not one of not_contacted, contacted, responded, converted, "
            "declined, no_answer",
            "responded_at is not a valid date (iso)",
        ],
        5: ["respondent_id is blank"],
    }
    assert loaded.rows_rejected == 3 and loaded.rows_accepted == 1
    assert_accounted(loaded)


def test_duplicate_respondent_keeps_the_latest_and_reports_the_other(write_export):
    loaded = load_survey(
        write_export(
            rows(
                "a1,6,first,2026-07-01,SMB,1,",
                "a2,9,other,2026-07-01,SMB,1,",
                "a1,8,second,2026-07-20,SMB,1,",
                "a1,3,older,2026-06-01,SMB,1,",
            )
        )
    )
    kept = loaded.responses.set_index("respondent_id")
    assert kept.loc["a1", "comment"] == "second"
    assert reasons(loaded) == {
        2: ["duplicate respondent_id: superseded by the later response on row 4"],
        5: ["duplicate respondent_id: superseded by the later response on row 4"],
    }
    assert_accounted(loaded)


def test_missing_respondent_id_is_generated_and_said(write_export):
    path = write_export("score,comment\n9,good\n6,bad\n")
    loaded = load_survey(path)
    assert loaded.responses["respondent_id"].tolist() == ["row-2", "row-3"]
    assert any("ids generated from the row number" in note for note in loaded.notes)
    assert any("no response-date column" in note for note in loaded.notes)
    assert loaded.responses["segment"].unique().tolist() == ["all"]


def test_headers_are_recognised_by_synonym(write_export):
    path = write_export(
        "Customer ID;How likely are you to recommend us?;Verbatim;Date;Segment\n"
        "c1;9;Lovely;2026-07-01;Retail\n"
    )
    loaded = load_survey(path)
    assert loaded.mapping.columns == {
        "respondent_id": "Customer ID",
        "score": "How likely are you to recommend us?",
        "comment": "Verbatim",
        "responded_at": "Date",
        "segment": "Segment",
    }
    assert loaded.responses["comment"].tolist() == ["Lovely"]
    assert any(
        "score <- 'How likely are you to recommend us?' (recognised)" in n for n in loaded.notes
    )


def test_config_maps_columns_and_wins_over_synonyms(write_export):
    path = write_export(
        "CUSTOMER,NPS_SCORE,score,text,CUSTOMER_RESPONSE_DATE,SURVEY_SUB_TYPE\n"
        "c1,3,99,meh,05/07/2026,Web\n"
    )
    config = config_from_dict(
        {
            "columns": {
                "respondent_id": "CUSTOMER",
                "score": "NPS_SCORE",
                "comment": "text",
                "responded_at": "CUSTOMER_RESPONSE_DATE",
                "segment": "SURVEY_SUB_TYPE",
            },
            "dates": "dayfirst",
        }
    )
    loaded = load_survey(path, config)
    response = loaded.responses.iloc[0]
    assert response["score"] == 3
    assert response["responded_at"] == pd.Timestamp("2026-07-05")
    assert response["segment"] == "Web"


def test_configured_header_missing_from_file_names_it(write_export):
    path = write_export("id,score\nx,8\n")
    config = config_from_dict({"columns": {"score": "NPS_SCORE"}})
    with pytest.raises(InputError, match="NPS_SCORE") as info:
        load_survey(path, config)
    assert info.value.column == "NPS_SCORE" and info.value.row == 1


def test_no_score_column_is_a_clear_error(write_export):
    path = write_export("id,comment\nx,hello\n")
    with pytest.raises(InputError, match="no score column") as info:
        load_survey(path)
    message = str(info.value)
    assert str(path) in message and "row 1" in message and "['id', 'comment']" in message


def test_mixed_date_orders_are_refused_with_examples(write_export):
    path = write_export(
        rows("a1,9,x,13/07/2026,SMB,1,", "a2,9,x,07/14/2026,SMB,1,", "a3,9,x,2026-07-01,SMB,1,")
    )
    with pytest.raises(InputError, match="mixed date formats") as info:
        load_survey(path)
    assert info.value.column == "responded_at"
    assert "'13/07/2026' on row 2" in str(info.value)
    assert "'07/14/2026' on row 3" in str(info.value)


def test_ambiguous_dates_ask_for_the_order(write_export):
    path = write_export(rows("a1,9,x,03/07/2026,SMB,1,", "a2,9,x,04/07/2026,SMB,1,"))
    with pytest.raises(InputError, match="dates: dayfirst"):
        load_survey(path)


def test_day_first_dates_are_inferred(write_export):
    loaded = load_survey(
        write_export(
            rows("a1,9,x,13/07/2026,SMB,1,", "a2,9,x,03/07/2026,SMB,1,", "a3,9,x,31/02/2026,SMB,1,")
        )
    )
    assert loaded.date_order == "dayfirst"
    assert loaded.responses["responded_at"].tolist() == [
        pd.Timestamp("2026-07-13"),
        pd.Timestamp("2026-07-03"),
    ]
    assert reasons(loaded) == {4: ["responded_at is not a valid date (dayfirst)"]}


def test_month_first_config_rejects_a_day_first_value(write_export):
    path = write_export(rows("a1,9,x,07/13/2026,SMB,1,", "a2,9,x,13/07/2026,SMB,1,"))
    loaded = load_survey(path, Config(dates="monthfirst"))
    assert loaded.responses["responded_at"].tolist() == [pd.Timestamp("2026-07-13")]
    assert reasons(loaded) == {3: ["responded_at is not a valid date (monthfirst)"]}


def test_blank_date_is_rejected(write_export):
    loaded = load_survey(write_export(rows("a1,9,x,,SMB,1,", "a2,9,x,2026-07-01,SMB,1,")))
    assert reasons(loaded) == {2: ["responded_at is blank"]}


def test_very_long_comment_is_cut_and_reported(write_export):
    long = "word " * 20_000
    loaded = load_survey(write_export(rows(f"a1,7,{long},2026-07-01,SMB,1,")))
    assert loaded.rows_accepted == 1
    assert len(loaded.responses.loc[0, "comment"]) == 5000
    warning = loaded.warnings.iloc[0]
    assert warning["source_row"] == 2
    assert warning["reason"] == "comment cut to 5000 characters (was 99999)"


def test_formula_like_comments_are_kept_as_text(write_export):
    loaded = load_survey(
        write_export(
            rows(
                'a1,7,"=HYPERLINK(""http://x"",""click"")",2026-07-01,SMB,1,',
                "a2,8,+1 for support,2026-07-01,SMB,1,",
            )
        )
    )
    assert loaded.responses["comment"].tolist() == [
        '=HYPERLINK("http://x","click")',
        "+1 for support",
    ]
    assert any("2 comment(s) start with =, +, - or @" in note for note in loaded.notes)


def test_undecodable_bytes_reject_an_id_but_only_mark_a_comment(write_export):
    data = rows(
        "a1,7,caf\xe9 ok,2026-07-01,SMB,1,",
        "b\xe9,9,fine,2026-07-01,SMB,1,",
        "a3,9,trés bien,2026-07-01,SMB,1,",
        "a4,9,déjà,2026-07-01,SMB,1,",
        "a5,9,à bientôt,2026-07-01,SMB,1,",
    ).encode("utf-8")
    data = data.replace("caf\xe9".encode(), b"caf\xe9").replace("b\xe9".encode(), b"b\xe9")
    loaded = load_survey(write_export(data))
    assert loaded.encoding == "utf-8"
    assert reasons(loaded) == {3: ["respondent_id holds bytes the file encoding cannot decode"]}
    assert loaded.responses.loc[0, "comment"] == "caf\ufffd ok"
    assert "undecodable bytes" in loaded.warnings.iloc[0]["reason"]
    assert_accounted(loaded)


def test_accents_read_with_the_wrong_code_page_are_repaired_and_said(write_export):
    loaded = load_survey(
        write_export(
            rows(
                "a1,7,staff tr\u00e8s bien et employ\u201as comp\u201atents,2026-07-01,SMB,1,",
                "a2,9,d\u00e9j\u00e0 venu \u2013 tr\u00e8s bien,2026-07-01,SMB,1,",
                "a3,8,didn\u00e2\u20ac\u2122t call back,2026-07-01,SMB,1,",
            )
        )
    )
    assert loaded.responses["comment"].tolist() == [
        "staff très bien et employés compétents",
        "déjà venu – très bien",  # nothing misread: unchanged
        "didn\u2019t call back",
    ]
    repaired = loaded.warnings[loaded.warnings["reason"].str.startswith("accents repaired")]
    assert len(repaired) == 2 and repaired["column"].eq("comment").all()
    assert_accounted(loaded)


def test_glued_french_je_is_split_and_said(write_export):
    loaded = load_survey(
        write_export(
            rows(
                "a1,7,jetrouve les prix élevés et jen'ai pas de carte,2026-07-01,SMB,1,",
                "a2,9,les jeunes vendeurs sont très bien,2026-07-01,SMB,1,",
                "a3,8,I was jealous of the jeans,2026-07-01,SMB,1,",
            )
        )
    )
    assert loaded.responses["comment"].tolist() == [
        "je trouve les prix élevés et je n'ai pas de carte",
        "les jeunes vendeurs sont très bien",  # a French word: unchanged
        "I was jealous of the jeans",  # English: unchanged
    ]
    split = loaded.warnings[loaded.warnings["reason"].str.startswith("French 'je' split")]
    assert len(split) == 1 and split["column"].eq("comment").all()
    assert_accounted(loaded)


def test_empty_rows_are_rejected_not_skipped(write_export):
    loaded = load_survey(
        write_export(rows("a1,9,x,2026-07-01,SMB,1,", ",,,,,,", "a2,9,x,2026-07-01,SMB,1,"))
    )
    assert reasons(loaded) == {3: ["the row is empty"]}
    assert_accounted(loaded)


def test_contact_status_synonyms_and_config_values(write_export):
    path = write_export(
        rows(
            "a1,7,x,2026-07-01,SMB,1,Not Contacted",
            "a2,7,x,2026-07-01,SMB,1,No answer",
            "a3,7,x,2026-07-01,SMB,1,Left voicemail",
        )
    )
    loaded = load_survey(
        path, config_from_dict({"contact_statuses": {"Left Voicemail": "no_answer"}})
    )
    assert loaded.responses["contact_status"].tolist() == [
        "not_contacted",
        "no_answer",
        "no_answer",
    ]


def test_usage_columns_are_typed_and_checked(write_export):
    path = write_export(
        "id,score,date,usage_current,usage_previous,features_purchased,features_used\n"
        "a,7,2026-07-01,3.5,10,4,2\n"
        "b,8,2026-07-01,lots,10,4,2\n"
        "c,8,2026-07-01,1,2,4,1.5\n"
    )
    loaded = load_survey(path)
    # A bad optional value is blanked and listed in the warnings; the response is kept.
    assert loaded.responses["usage_current"].fillna(-1).tolist() == [3.5, -1, 1.0]
    assert loaded.responses["features_used"].fillna(-1).tolist() == [2, 2, -1]
    assert reasons(loaded) == {}
    warned = loaded.warnings.set_index("source_row")["reason"].to_dict()
    assert warned == {
        3: "usage_current is not a number; the value was blanked and the response kept",
        4: "features_used is not a whole number; the value was blanked and the response kept",
    }


def test_rejected_column_is_the_export_header(write_export):
    path = write_export("ID,NPS,Date\nx,eleven,2026-07-01\n")
    loaded = load_survey(path)
    row = loaded.rejected.iloc[0]
    assert (row["column"], row["field"]) == ("NPS", "score")
    assert re.search("not a number", row["reason"])


def test_score_values_read_labelled_scores_and_reject_the_rest(write_export):
    config = config_from_dict(
        {"score_values": {"10 - Extremely likely": 10, "8": 8, "7 - Likely": 7, "Don't know": None}}
    )
    export = rows(
        "a1,10 - EXTREMELY likely,great,2026-07-01,SMB,1,",
        "a2,8,fine,2026-07-01,SMB,1,",
        "a3,Don't know,hm,2026-07-01,SMB,1,",
        "a4,9,unlisted,2026-07-01,SMB,1,",
        "a5, 7 - Likely ,ok,2026-07-01,SMB,1,",
        "a6,,blank,2026-07-01,SMB,1,",
    )
    loaded = load_survey(write_export(export), config)
    scores = dict(zip(loaded.responses["respondent_id"], loaded.responses["score"], strict=True))
    assert scores == {"a1": 10, "a2": 8, "a5": 7}
    assert loaded.responses.set_index("respondent_id").at["a5", "category"] == "passive"
    assert reasons(loaded) == {
        4: ["score \"Don't know\" means no score (score_values in the config)"],
        5: ["score '9' is not one of the config's score_values "
            "['10 - extremely likely', '7 - likely', '8', \"don't know\"]"],
        7: ["score is blank"],
    }  # fmt: skip
    assert loaded.rejected.set_index("respondent_id").at["a4", "value"] == "9"
    assert_accounted(loaded)
