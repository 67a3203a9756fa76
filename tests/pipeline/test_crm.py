"""CRM-ready files: `plan --crm FORMAT` task layouts, and activity exports imported back."""

import stat
from datetime import date

import pandas as pd
import pytest

from passives_lib.cli import main
from passives_lib.config import config_from_dict
from passives_lib.pipeline._crm import ACTIVITY_LAYOUTS, activity_cells, due_date
from passives_lib.store import ContactLedger
from tests.pipeline.test_contacts import COLUMNS, EXPORT

# The documented import layouts (Salesforce Task fields for Data Loader; HubSpot task
# properties by internal name), plus the external key each uses.
TASK_COLUMNS = {
    "generic": ["external_id", "owner", "due_date", "subject", "description", "priority",
                "list", "name", "phone", "email", "account_owner", "channel"],
    "salesforce": ["Subject", "ActivityDate", "OwnerId", "Status", "Priority", "Type",
                   "TaskSubtype", "Description", "Passives_Respondent_Id__c"],
    "hubspot": ["hs_task_subject", "hs_timestamp", "hubspot_owner_id", "hs_task_body",
                "hs_task_status", "hs_task_priority", "hs_task_type", "passives_respondent_id",
                "Email"],
}  # fmt: skip


def planned(write_export, tmp_path, capsys, *formats: str) -> tuple:
    path = write_export(EXPORT)
    ledger = tmp_path / "ledger.sqlite"
    config = tmp_path / "config.yml"
    config.write_text(
        "columns:\n"
        + "".join(f"  {k}: {v}\n" for k, v in COLUMNS.items())
        + f"plan:\n  ledger: {ledger}\n  management_share: 0\n  callers:\n"
        "    - {name: Dana Lee, capacity: 1, segments: [Enterprise], crm_user: 0051x0DANA}\n"
        "    - {name: Eli Moss, capacity: 2}\n"
    )
    out = tmp_path / "plan"
    argv = ["plan", str(path), "--config", str(config), "--out", str(out), "--no-themes"]
    for fmt in formats:
        argv += ["--crm", fmt]
    assert main(argv) == 0
    return out, config, ledger, capsys.readouterr().out


def test_each_crm_layout_has_its_documented_columns(write_export, tmp_path, capsys):
    out, _, _, printed = planned(write_export, tmp_path, capsys, *TASK_COLUMNS)
    calls = pd.read_csv(out / "call_list.csv", dtype=str)
    for fmt, columns in TASK_COLUMNS.items():
        tasks = pd.read_csv(out / "crm" / f"{fmt}_tasks.csv", dtype=str)
        assert list(tasks.columns) == columns, fmt
        assert len(tasks) == len(calls) == 3
        assert f"wrote crm {fmt} (3 tasks due 2026-11-20)" in printed
    sf = pd.read_csv(out / "crm" / "salesforce_tasks.csv", dtype=str)
    dana = sf.set_index("Passives_Respondent_Id__c").loc["C2"]
    assert dana["OwnerId"] == "0051x0DANA"  # the caller's crm_user
    assert dana["ActivityDate"] == "2026-11-20"
    assert (dana["Status"], dana["Type"], dana["Priority"]) == ("Not Started", "Call", "Normal")
    assert dana["Description"].startswith("C2 (Dana Lee): scored 8")
    assert "Ask: " in dana["Description"] and "Al Smith" not in dana["Description"]
    hub = pd.read_csv(out / "crm" / "hubspot_tasks.csv", dtype=str).set_index(
        "passives_respondent_id"
    )
    assert hub.loc["C1", "hubspot_owner_id"] == "Eli Moss"  # no crm_user: the name
    assert hub.loc["C1", "Email"] == "jo@example.com"
    assert set(hub["hs_task_type"]) == {"CALL"} and set(hub["hs_task_status"]) == {"NOT_STARTED"}
    mode = {fmt: stat.S_IMODE((out / "crm" / f"{fmt}_tasks.csv").stat().st_mode) for fmt in
            TASK_COLUMNS}  # fmt: skip
    assert mode["generic"] == mode["hubspot"] == 0o600  # they hold contact details
    assert mode["salesforce"] != 0o600
    assert due_date("2026-W46") == date(2026, 11, 20)


def test_a_salesforce_activity_export_imports_back_into_the_ledger(write_export, tmp_path, capsys):
    out, config, ledger, _ = planned(write_export, tmp_path, capsys, "salesforce")
    tasks = pd.read_csv(out / "crm" / "salesforce_tasks.csv", dtype=str)
    # What a Data Loader export of those tasks looks like a week later: one call connected,
    # one voicemail, one not done yet.
    export = tasks.assign(
        Id=["00T1", "00T2", "00T3"],
        Status=["Completed", "Completed", "Not Started"],
        CallDisposition=["Connected", "Left Voicemail", ""],
        CompletedDateTime=["2026-11-17T10:30:00.000Z", "2026-11-18T09:00:00.000Z", ""],
    )
    path = tmp_path / "sf_export.csv"
    export.to_csv(path, index=False)
    argv = ["contacts", "import", str(path), "--crm", "salesforce", "--config", str(config)]
    assert main(argv) == 0
    assert "2 new status update(s)" in capsys.readouterr().out
    with ContactLedger(str(ledger)) as store:
        events = store.events()
    got = dict(zip(events["respondent_id"], events["status"], strict=True))
    first, second = export["Passives_Respondent_Id__c"][:2]
    assert got == {first: "responded", second: "no_answer"}
    assert str(events.set_index("respondent_id").at[first, "at"]) == "2026-11-17 10:30:00"
    owners = dict(zip(export["Passives_Respondent_Id__c"], export["OwnerId"], strict=True))
    assert dict(zip(events["respondent_id"], events["author"], strict=True)) == {
        first: owners[first],
        second: owners[second],
    }  # the activity's owner is recorded as the event's author
    assert "0051x0DANA" in owners.values()
    assert main(argv) == 0  # importing the same export again adds nothing
    assert "0 new status update(s)" in capsys.readouterr().out


def test_a_hubspot_export_and_the_configs_mapping_win(write_export, tmp_path, capsys):
    out, config, ledger, _ = planned(write_export, tmp_path, capsys, "hubspot")
    tasks = pd.read_csv(out / "crm" / "hubspot_tasks.csv", dtype=str)
    export = tasks.assign(
        hs_task_status=["COMPLETED", "COMPLETED", "COMPLETED"],
        hs_call_disposition=["Connected", "Wrong number", "Call back later"],
        hs_task_completion_date=["2026-11-17 10:30", "2026-11-17 11:00", "2026-11-18 12:00"],
    )
    path = tmp_path / "hubspot.csv"
    export.to_csv(path, index=False)
    argv = ["contacts", "import", str(path), "--crm", "hubspot", "--config", str(config)]
    assert main(argv) == 2  # "Call back later" is no status the layout or the config knows
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "'Call back later'" in err and "row 4" in err
    text = config.read_text() + "contact_statuses:\n  call back later: contacted\n"
    config.write_text(text)
    assert main(argv) == 0
    with ContactLedger(str(ledger)) as store:
        statuses = store.events().set_index("respondent_id")["status"].to_dict()
    ids = export["passives_respondent_id"].tolist()
    assert statuses == {ids[0]: "responded", ids[1]: "no_answer", ids[2]: "contacted"}


def test_an_activity_export_without_the_layouts_columns_is_refused(tmp_path):
    cells = pd.DataFrame({"Subject": ["x"], "Status": ["Completed"]}, index=[2])
    with pytest.raises(Exception, match="expected a salesforce activity export with a respondent"):
        activity_cells(cells, "salesforce", tmp_path / "x.csv")
    generic = pd.DataFrame(
        {
            "External_ID": ["C1", "C2"],
            "STATUS": ["done", "open"],
            "Completed At": ["2026-11-17", ""],
        },
        index=[2, 3],
    )
    frame, still_open = activity_cells(generic, "generic", tmp_path / "x.csv")
    assert frame.to_dict(orient="list") == {
        "respondent_id": ["C1"], "status": ["done"], "date": ["2026-11-17"], "note": [""],
        "author": [""],
    }  # fmt: skip
    assert still_open == 1
    assert set(ACTIVITY_LAYOUTS) == {"generic", "salesforce", "hubspot"}
    assert config_from_dict({}).contact_statuses == {}
