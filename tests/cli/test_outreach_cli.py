"""`contacts import` through the config, and a plan from an export without respondent ids."""

from pathlib import Path

import pandas as pd
import pytest

from passives_lib.cli import main
from passives_lib.store.ledger._ledger import ContactLedger

CONFIG = """\
columns:
  respondent_id: Customer ID
  score: Rating
  comment: Feedback
  responded_at: Date
  contact_status: Contact Status
dates: dayfirst
contact_statuses:
  "rang, no reply": no_answer
  "happy now": converted
plan:
  ledger: {ledger}
"""


def setup(tmp_path: Path) -> tuple[str, str]:
    ledger = str(tmp_path / "ledger.sqlite")
    config = tmp_path / "config.yml"
    config.write_text(CONFIG.format(ledger=ledger))
    with ContactLedger(ledger) as store:
        rows = pd.DataFrame({"respondent_id": ["C1", "C2", "C3"], "list": ["call_list"] * 3})
        store.record_assignments("2026-W27", rows)
    return ledger, str(config)


def test_import_reads_the_config_mapping_dates_and_statuses(tmp_path, capsys):
    ledger, config = setup(tmp_path)
    export = tmp_path / "crm.csv"
    export.write_text(
        "Customer ID;Contact Status;Date;Note\n"
        "C1;Responded;03/07/2026;liked the call\n"
        "C1;Incentive sent;13/07/2026;\n"
        "C2;Rang, no reply;02/07/2026;\n"
        "C3;happy now;04/07/2026;\n"
    )
    assert main(["contacts", "import", str(export), "--config", config]) == 0
    assert "4 new status update(s)" in capsys.readouterr().out
    with ContactLedger(ledger) as store:
        events = store.events()
    assert events["status"].tolist() == ["no_answer", "responded", "converted", "incentive_sent"]
    assert events["at"].dt.strftime("%Y-%m-%d").tolist()[:2] == ["2026-07-02", "2026-07-03"]


def test_import_rejects_unknown_ids_with_their_row(tmp_path, capsys):
    ledger, config = setup(tmp_path)
    export = tmp_path / "crm.csv"
    export.write_text(
        "Customer ID,Contact Status,Date\nC1,responded,2026-07-03\nC9,declined,2026-07-03\n"
    )
    assert main(["contacts", "import", str(export), "--config", config]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "row 3" in err and "unknown respondent id 'C9'" in err
    survey = tmp_path / "survey.csv"
    survey.write_text("Customer ID,Rating,Feedback,Date,Contact Status\nC9,7,ok,13/07/2026,\n")
    argv = ["contacts", "import", str(export), "--config", config, "--survey", str(survey)]
    assert main(argv) == 0  # the survey knows C9


def test_import_refuses_an_incentive_before_an_answer(tmp_path, capsys):
    _, config = setup(tmp_path)
    export = tmp_path / "crm.csv"
    export.write_text("Customer ID,Contact Status,Date\nC2,incentive_sent,2026-07-03\n")
    assert main(["contacts", "import", str(export), "--config", config]) == 2
    assert "C2 has no 'responded' answer" in capsys.readouterr().err


def test_plan_with_generated_ids_records_nothing_and_says_why(tmp_path, capsys):
    survey = tmp_path / "survey.csv"
    survey.write_text(
        "score,comment,responded_at,segment\n"
        + "".join(f"{7 + i % 2},fine but slow,2026-07-0{1 + i % 5},SMB\n" for i in range(12))
    )
    ledger = str(tmp_path / "ledger.sqlite")
    argv = ["plan", str(survey), "--out", str(tmp_path / "plan"), "--ledger", ledger]
    assert main([*argv, "--no-themes"]) == 0
    out = capsys.readouterr().out
    assert "nothing recorded in the ledger: the export has no respondent id column" in out
    assert (tmp_path / "plan" / "call_list.csv").exists()
    with ContactLedger(ledger) as store:
        assert store.assignments().empty


@pytest.mark.integration
def test_mark_fixed_needs_an_id_or_an_exact_registry_name(tmp_path, capsys):
    from passives_lib import load_config
    from passives_lib.pipeline._findings_run import run_findings
    from passives_lib.store.registry._registry import ThemeRegistry
    from passives_lib.themes._model import ThemeModel
    from tests.conftest import SAMPLE
    from tests.tiny_embedding import TinyEncoder

    ledger = str(tmp_path / "ledger.sqlite")
    argv = ["themes", "mark-fixed", "tracking emial", "--ledger", ledger, "--date", "2026-11-04"]
    assert main(argv) == 2  # no registry yet: a name cannot be checked
    assert "expected a theme id" in capsys.readouterr().err
    config = load_config(SAMPLE / "config.yml")
    model = ThemeModel(embedding_model=TinyEncoder())
    first = run_findings(SAMPLE / "survey.csv", config, "2026-W44", model=model, registry=ledger)
    win = first.quick_wins.iloc[0]
    with ThemeRegistry(ledger) as registry:
        registry.rename(int(win["theme_id"]), "Tracking emails")
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "names no theme" in err and "'Tracking emails'" in err  # the closest name
    argv[2] = "tracking EMAILS"
    assert main(argv) == 0
    size = int(first.themes.set_index("theme_id").at[win["theme_id"], "size"])
    assert size > 0
    assert (
        f"theme {win['theme_id']} 'Tracking emails' (the main theme of {size} respondent(s)' "
        "comments in the themes of 2026-W44) fixed on 2026-11-04" in capsys.readouterr().out
    )
    model = ThemeModel(embedding_model=TinyEncoder())
    again = run_findings(SAMPLE / "survey.csv", config, "2026-W44", model=model, registry=ledger)
    assert win["theme_id"] not in set(again.quick_wins["theme_id"])
    note = "'Tracking emails' (theme {}) fixed on 2026-11-04: watch whether mentions fall"
    assert any(note.format(win["theme_id"]) in n for n in again.notes)
