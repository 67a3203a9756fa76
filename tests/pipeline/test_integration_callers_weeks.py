"""Three weeks of the sample through the CLI with two callers and a Salesforce round trip.

Each week: `plan --crm salesforce` (two callers of capacity 6 and 9), the CRM's activity
export of those tasks a week later (some connected, some voicemail, some not done), and
`contacts import --crm salesforce`. The ledger's memory must hold: nobody awaiting an answer
or converted is planned again, every week's call list splits 6/9 and is recorded with its
assignee, and the owner who called is recorded with each outcome.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import yaml

from passives_lib.cli import main
from passives_lib.store import ContactLedger
from tests.conftest import SAMPLE

WEEKS = ("2026-W44", "2026-W45", "2026-W46")
OUTCOMES = ("Connected", "Left Voicemail", "")  # "" with Status "Not Started": not done


def called_on(week: str) -> str:
    """The Tuesday after the planned week, 10:00 UTC, as Salesforce exports a date-time."""
    monday = pd.Timestamp.fromisocalendar(int(week[:4]), int(week[6:]), 1)
    return f"{monday + pd.Timedelta(days=8):%Y-%m-%dT10:00:00.000Z}"


def test_three_weeks_of_callers_and_crm_round_trips(tmp_path, capsys):
    config = yaml.safe_load((SAMPLE / "config.yml").read_text(encoding="utf-8"))
    ledger = tmp_path / "ledger.sqlite"
    config["plan"] |= {
        "ledger": str(ledger),
        "callers": [
            {"name": "Dana Lee", "capacity": 6, "crm_user": "0055e00000DANA"},
            {"name": "Eli Moss", "capacity": 9, "crm_user": "0055e00000ELI1"},
        ],
    }
    path = tmp_path / "config.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    survey = str(SAMPLE / "survey.csv")
    rng = np.random.default_rng(26)
    answered: set[str] = set()
    waiting: set[str] = set()
    for week in WEEKS:
        out = tmp_path / week
        argv = ["plan", survey, "--config", str(path), "--out", str(out), "--week", week]
        assert main([*argv, "--no-themes", "--crm", "salesforce"]) == 0
        printed = capsys.readouterr().out
        assert "callers: Dana Lee 6 of 6, Eli Moss 9 of 9" in printed
        calls = pd.read_csv(out / "call_list.csv", dtype=str)
        assert calls["assignee"].value_counts().to_dict() == {"Eli Moss": 9, "Dana Lee": 6}
        assert not set(calls["respondent_id"]) & (answered | waiting), week
        tasks = pd.read_csv(out / "crm" / "salesforce_tasks.csv", dtype=str)
        assert len(tasks) == len(calls) + len(pd.read_csv(out / "management_sample.csv"))
        done = rng.choice(len(OUTCOMES), size=len(tasks))
        disposition = [OUTCOMES[i] for i in done]
        export = tasks.assign(
            Status=["Not Started" if d == "" else "Completed" for d in disposition],
            CallDisposition=disposition,
            CompletedDateTime=["" if d == "" else called_on(week) for d in disposition],
        )
        export_path = tmp_path / f"{week}-activities.csv"
        export.to_csv(export_path, index=False)
        argv = ["contacts", "import", str(export_path), "--crm", "salesforce"]
        assert main([*argv, "--config", str(path)]) == 0
        added = int(capsys.readouterr().out.split(": ")[1].split()[0])
        assert added == sum(d != "" for d in disposition)
        ids = export["Passives_Respondent_Id__c"]
        answered |= {i for i, d in zip(ids, disposition, strict=True) if d == "Connected"}
        waiting |= {i for i, d in zip(ids, disposition, strict=True) if d != "Connected"}
    with ContactLedger(str(ledger)) as store:
        assignments = store.assignments()
        events = store.events()
    calls = assignments[assignments["list"] == "call_list"]
    assert calls.groupby("week")["assignee"].value_counts().unstack().to_dict() == {
        "Dana Lee": dict.fromkeys(WEEKS, 6),
        "Eli Moss": dict.fromkeys(WEEKS, 9),
    }
    assert set(events["author"]) <= {"0055e00000DANA", "0055e00000ELI1", "Ana Ruiz (COO)",
                                     "Ben Okafor (VP Customer Experience)"}  # fmt: skip
    owner_of = dict(zip(assignments["respondent_id"], assignments["assignee"], strict=True))
    called_by = {"0055e00000DANA": "Dana Lee", "0055e00000ELI1": "Eli Moss"}
    for respondent, caller in zip(events["respondent_id"], events["author"], strict=True):
        assert called_by.get(caller, caller) == owner_of[respondent]
