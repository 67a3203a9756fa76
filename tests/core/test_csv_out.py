import os

import pandas as pd

from passives_lib.core import neutralise_formulas, write_csv


def test_formula_cells_are_prefixed_and_numbers_untouched():
    frame = pd.DataFrame(
        {"text": ["=1+1", "+44 20", "-fast", "@me", "fine", "\tx"], "n": [-1, 2, 3, 4, 5, 6]}
    )
    out = neutralise_formulas(frame)
    assert out["text"].tolist() == ["'=1+1", "'+44 20", "'-fast", "'@me", "fine", "'\tx"]
    assert out["n"].tolist() == [-1, 2, 3, 4, 5, 6]
    assert frame["text"].iloc[0] == "=1+1"


def test_write_csv_round_trips_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "sub" / "out.csv"
    write_csv(pd.DataFrame({"comment": ["=cmd|' /C calc'!A0", "ok, fine"]}), path)
    assert pd.read_csv(path)["comment"].tolist() == ["'=cmd|' /C calc'!A0", "ok, fine"]
    assert [p.name for p in path.parent.iterdir()] == ["out.csv"]
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


def test_line_breaks_cannot_start_an_unneutralised_row(tmp_path):
    import csv

    from passives_lib.core._csv_out import neutralise_text

    cells = ["ok\r=cmd|'/c calc'!A1", "x\r\n@SUM(1+1)*cmd|", "a\n+b", "plain\nlines", "-2"]
    path = write_csv(pd.DataFrame({"c": cells, "=head\rer": range(5)}), tmp_path / "o.csv")
    raw = path.read_bytes().decode("utf-8")
    assert "\r" not in raw
    for line in raw.replace("\r", "\n").split("\n"):
        if line.split(",", 1)[0] == "-2":  # a plain number is no formula (issue 25)
            continue
        assert not line.lstrip('"').startswith(("=", "+", "-", "@", "\t")), line
    with path.open(newline="", encoding="utf-8") as stream:
        rows = list(csv.reader(stream))
    assert rows[5][0] == "-2"
    assert rows[1][0] == "ok\n'=cmd|'/c calc'!A1" and rows[0][1] == "'=head\ner"
    assert rows[4][0] == "plain\nlines"
    assert neutralise_text("fine") == "fine" and neutralise_text("\tx") == "'\tx"
