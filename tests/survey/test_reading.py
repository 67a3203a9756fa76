import codecs

import pandas as pd
import pytest

from passives_lib.core import InputError, read_table
from passives_lib.core._reading import decode_text

HEADER = "respondent_id,score,comment,responded_at\n"


def test_reads_every_cell_as_text_indexed_by_spreadsheet_row(write_export):
    path = write_export(HEADER + "a1,7,Fine,2026-07-01\na2,10,,2026-07-02\n")
    table = read_table(path)
    assert table.headers == ["respondent_id", "score", "comment", "responded_at"]
    assert table.cells.index.tolist() == [2, 3]
    assert table.cells.loc[3, "comment"] == ""
    assert table.cells.loc[2, "score"] == "7"
    assert (table.file_format, table.encoding, table.delimiter) == ("csv", "utf-8", ",")


@pytest.mark.parametrize(("sep", "name"), [(";", "semicolon"), ("\t", "tab"), (",", "comma")])
def test_detects_the_delimiter(write_export, sep, name):
    text = sep.join(["id", "score", "comment"]) + "\n" + sep.join(["x", "8", "ok fine"]) + "\n"
    table = read_table(write_export(text))
    assert table.delimiter == sep, name
    assert table.cells.loc[2, "score"] == "8"


def test_quoted_delimiters_in_the_header_do_not_fool_detection(write_export):
    text = 'id;"score, 0-10";comment\nx;8;"a, b, c"\n'
    table = read_table(write_export(text))
    assert table.delimiter == ";"
    assert table.headers[1] == "score, 0-10"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252"), ("utf-16", "utf-16"), ("utf-8", "utf-8")],
)
def test_detects_the_encoding(write_export, encoding, expected):
    text = HEADER + "a1,8,Très bien, café crème — merci,2026-07-01\n".replace(", café", " café")
    text += "a2,9,Déjà vu à la caisse,2026-07-02\n"
    table = read_table(write_export(text, encoding=encoding))
    assert table.encoding == expected
    assert table.headers[0] == "respondent_id"  # no BOM left in the first header
    assert table.cells.loc[3, "comment"] == "Déjà vu à la caisse"


def test_undecodable_bytes_in_a_utf8_file_are_marked_not_dropped():
    data = "id,comment\n1,café\n2,bad \xff byte\n".encode("latin-1").replace(
        "café".encode("latin-1"), "café".encode()
    )
    text, encoding = decode_text(data)
    assert encoding == "utf-8"
    assert "café" in text
    assert "\U0010ffff" in text  # byte 0xff kept as a marker character


def test_explicit_encoding_is_used(write_export):
    path = write_export(HEADER + "a1,8,Été,2026-07-01\n", encoding="latin-1")
    assert read_table(path, encoding="latin-1").cells.loc[2, "comment"] == "Été"


def test_empty_file_is_refused_with_its_name(write_export):
    path = write_export("")
    with pytest.raises(InputError, match="empty") as info:
        read_table(path)
    assert str(path) in str(info.value)


def test_whitespace_only_file_is_empty(write_export):
    with pytest.raises(InputError, match="empty"):
        read_table(write_export("\n\n  \n"))


def test_header_only_is_refused(write_export):
    path = write_export(HEADER)
    with pytest.raises(InputError, match="header row but no data rows") as info:
        read_table(path)
    assert info.value.row == 2


def test_duplicate_headers_are_refused_naming_both_positions(write_export):
    path = write_export("id,score,comment,score\nx,8,ok,9\n")
    with pytest.raises(InputError, match=r"columns 2 and 4") as info:
        read_table(path)
    assert info.value.column == "score"
    assert info.value.row == 1
    assert "row 1" in str(info.value) and "'score'" in str(info.value)


def test_a_row_with_too_many_fields_is_refused_with_its_row(write_export):
    path = write_export("id,score\nx,8\ny,9,extra\n")
    with pytest.raises(InputError, match="3 fields but the header has 2"):
        read_table(path)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        read_table(tmp_path / "nope.csv")


def test_reads_xlsx_with_numbers_and_dates(tmp_path):
    path = tmp_path / "export.xlsx"
    frame = pd.DataFrame(
        {
            "id": ["a", "b"],
            "score": [8, 10],
            "ltv": [12.5, None],
            "date": pd.to_datetime(["2026-07-01", "2026-07-03"]),
        }
    )
    frame.to_excel(path, index=False)
    table = read_table(path)
    assert table.file_format == "xlsx"
    assert table.cells["score"].tolist() == ["8", "10"]
    assert table.cells["ltv"].tolist() == ["12.5", ""]
    assert table.cells["date"].str.startswith("2026-07-0").all()


def test_reads_parquet(tmp_path):
    path = tmp_path / "export.parquet"
    pd.DataFrame({"id": ["a", "b"], "score": [7, 9], "comment": ["x", None]}).to_parquet(path)
    table = read_table(path)
    assert table.file_format == "parquet"
    assert table.cells["score"].tolist() == ["7", "9"]
    assert table.cells["comment"].tolist() == ["x", ""]


def test_damaged_xlsx_is_a_clear_error(write_export):
    path = write_export(codecs.BOM_UTF8 + b"not a workbook", name="broken.xlsx")
    with pytest.raises(InputError, match="XLSX"):
        read_table(path)


def test_parquet_missing_strings_are_blank_not_na_text(tmp_path):
    path = tmp_path / "export.parquet"
    frame = pd.DataFrame({"id": ["a", "b"], "score": ["7", None], "segment": [None, "SMB"]})
    frame.astype("string").to_parquet(path)
    table = read_table(path)
    assert table.cells["score"].tolist() == ["7", ""]
    assert table.cells["segment"].tolist() == ["", "SMB"]


def test_explicit_utf8_drops_the_byte_order_mark(write_export):
    path = write_export(HEADER + "a1,8,ok,2026-07-01\n", encoding="utf-8-sig")
    assert read_table(path, encoding="utf-8").headers[0] == "respondent_id"
