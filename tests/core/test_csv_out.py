import os

import pandas as pd

from passives_lib import neutralise_formulas, write_csv


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
