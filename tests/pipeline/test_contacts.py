"""Contact details mapped in `columns:`: read apart from the responses, shown only to callers."""

import stat

import pandas as pd
import pytest

from passives_lib.cli import main
from passives_lib.config import config_from_dict
from passives_lib.core import ConfigError, write_csv
from passives_lib.core._csv_out import write_text
from passives_lib.survey._loading import load_survey

EXPORT = """\
Customer ID,Rating,Feedback,Date,Segment,Full Name,Tel,Mail,Owner,Channel
C1,7,"Slow, otherwise fine",2026-11-10,SMB,Jo Bloggs,+44 20 7946 0001,jo@example.com,Sam,phone
C2,8,Good but pricey,2026-11-10,Enterprise,Al Smith,+44 20 7946 0002,al@example.com,Kim,email
C3,8,The app crashes,2026-11-11,SMB,<b>Mo</b> Lee,=1+1,mo@example.com,Sam,phone
C4,10,Great,2026-11-11,SMB,Pat Doe,+44 20 7946 0004,pat@example.com,Kim,phone
"""
COLUMNS = {
    "respondent_id": "Customer ID",
    "score": "Rating",
    "comment": "Feedback",
    "responded_at": "Date",
    "segment": "Segment",
    "name": "Full Name",
    "phone": "Tel",
    "email": "Mail",
    "account_owner": "Owner",
    "channel": "Channel",
}


def test_contact_columns_are_read_beside_the_responses_never_into_them(write_export):
    path = write_export(EXPORT)
    loaded = load_survey(path, config_from_dict({"columns": COLUMNS}))
    assert not {"name", "phone", "email", "account_owner", "channel"} & set(loaded.responses)
    contacts = loaded.contacts
    assert list(contacts.columns) == ["respondent_id", "name", "phone", "email",
                                      "account_owner", "channel"]  # fmt: skip
    assert contacts.set_index("respondent_id").at["C2", "email"] == "al@example.com"
    assert len(contacts) == loaded.rows_accepted
    plain = {k: v for k, v in COLUMNS.items() if k not in ("name", "phone", "email")}
    assert load_survey(path, config_from_dict({"columns": plain})).contacts.columns.tolist() == [
        "respondent_id", "account_owner", "channel"
    ]  # fmt: skip
    no_contacts = {k: COLUMNS[k] for k in ("respondent_id", "score", "comment", "responded_at")}
    assert load_survey(path, config_from_dict({"columns": no_contacts})).contacts is None


def test_unknown_columns_and_missing_headers_are_refused(write_export):
    with pytest.raises(ConfigError, match=r"contact details \['name', 'phone', 'email'"):
        config_from_dict({"columns": {"telephone": "Tel"}})
    path = write_export(EXPORT)
    bad = config_from_dict({"columns": COLUMNS | {"phone": "Mobile"}})
    with pytest.raises(Exception, match="maps phone to header 'Mobile'"):
        load_survey(path, bad)


def test_private_files_are_0600_from_the_start_and_others_are_not(tmp_path):
    frame = pd.DataFrame({"a": ["=1+1"]})
    assert stat.S_IMODE(write_csv(frame, tmp_path / "p.csv", private=True).stat().st_mode) == 0o600
    assert stat.S_IMODE(write_csv(frame, tmp_path / "s.csv").stat().st_mode) != 0o600
    assert stat.S_IMODE(write_text("x", tmp_path / "p.html", private=True).stat().st_mode) == 0o600
    assert (tmp_path / "p.csv").read_text() == "a\n'=1+1\n"


def test_plan_puts_contacts_on_the_callers_own_files_only(write_export, tmp_path, capsys):
    path = write_export(EXPORT)
    ledger = tmp_path / "ledger.sqlite"
    config = tmp_path / "config.yml"
    config.write_text(
        "columns:\n"
        + "".join(f"  {k}: {v}\n" for k, v in COLUMNS.items())
        + f"plan:\n  ledger: {ledger}\n  management_share: 0\n  callers:\n"
        "    - {name: Dana Lee, capacity: 1, segments: [Enterprise]}\n"
        "    - {name: Eli Moss, capacity: 2}\n"
    )
    out = tmp_path / "plan"
    argv = ["plan", str(path), "--config", str(config), "--out", str(out), "--no-themes"]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "callers: Dana Lee 1 of 1, Eli Moss 2 of 2" in printed
    assert "wrote list Dana Lee: " in printed and "(private, 0600: contact details)" in printed
    calls = pd.read_csv(out / "call_list.csv")
    assert calls.set_index("respondent_id")["assignee"].to_dict() == {
        "C2": "Dana Lee", "C1": "Eli Moss", "C3": "Eli Moss"
    }  # fmt: skip
    dana = pd.read_csv(out / "callers" / "dana-lee.csv", dtype=str)
    assert dana[["respondent_id", "name", "phone", "email", "account_owner"]].values.tolist() == [
        ["C2", "Al Smith", "'+44 20 7946 0002", "al@example.com", "Kim"]
    ]  # a phone starting with + is neutralised like any formula
    eli = (out / "briefs" / "eli-moss.html").read_text()
    assert "Jo Bloggs" in eli and "&lt;b&gt;Mo&lt;/b&gt; Lee" not in eli and "Mo Lee" in eli
    assert "Al Smith" not in eli  # Dana's customer
    for private in [*(out / "callers").iterdir(), *(out / "briefs").iterdir()]:
        assert stat.S_IMODE(private.stat().st_mode) == 0o600
    for shared in out.glob("*.csv"):
        text = shared.read_text()
        assert "example.com" not in text and "Bloggs" not in text and "7946" not in text, shared
