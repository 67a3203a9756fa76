"""Two callers and contact details through a full `passives report` run of the sample.

Done when (issue 26): with two callers of capacity 6 and 9 the sample's call list splits 6/9
by priority, each caller gets their own brief page and list with the contact details the
export maps (written 0600), the panel invitations to e-mail have their own private file, the
ledger records who was assigned, and no contact detail appears in report.html, slides.html,
the digest, themes.csv or any other output.
"""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import pandas as pd
import pytest
import yaml

from passives_lib.store import ContactLedger
from tests.conftest import SAMPLE
from tests.report.report_processes import passives_command, report_env, warm_embedding_cache

WEEK = "2026-W46"
CONTACT_HEADERS = {
    "name": "Customer Name",
    "phone": "Phone",
    "email": "E-mail",
    "account_owner": "Account Owner",
    "channel": "Preferred Channel",
}
CALLERS = [{"name": "Dana Lee", "capacity": 6}, {"name": "Eli Moss", "capacity": 9}]


def export_with_contacts(folder: Path, smtp_port: int) -> tuple[Path, Path, Path]:
    """The sample export with five contact columns, and its config (callers, e-mail)."""
    survey = pd.read_csv(SAMPLE / "survey.csv", dtype=str, keep_default_na=False)
    n = range(len(survey))
    survey[CONTACT_HEADERS["name"]] = [f"Quinn Zephyrine{i:04d}" for i in n]
    survey[CONTACT_HEADERS["phone"]] = [f"+44 20 7946 {i:04d}" for i in n]
    survey[CONTACT_HEADERS["email"]] = [f"quinn.zephyrine{i:04d}@example.net" for i in n]
    survey[CONTACT_HEADERS["account_owner"]] = [f"Owner Xanthe{i % 7}" for i in n]
    survey[CONTACT_HEADERS["channel"]] = ["phone" if i % 2 else "email" for i in n]
    path = folder / "survey.csv"
    survey.to_csv(path, index=False)
    config = yaml.safe_load((SAMPLE / "config.yml").read_text(encoding="utf-8"))
    config["columns"] |= CONTACT_HEADERS
    ledger = folder / "ledger.sqlite"
    config["plan"] |= {"callers": CALLERS, "ledger": str(ledger)}
    config["email"] = {
        "host": "127.0.0.1",
        "port": smtp_port,
        "starttls": False,
        "sender": "cx@example.org",
        "recipients": ["callers-team@example.org"],  # apart from the sample report's digest
    }
    config_path = folder / "config.yml"
    config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path, config_path, ledger


def contact_words(survey: Path, listed: list[str]) -> list[str]:
    """What only a contact column holds: the made-up names, owners and e-mail domain, and
    the phone numbers of the people listed this week."""
    frame = pd.read_csv(survey, dtype=str).set_index("respondent_id")
    phones = frame.loc[listed, CONTACT_HEADERS["phone"]].tolist()
    return ["Zephyrine", "Xanthe", "example.net", *phones]


@pytest.mark.slow
def test_two_callers_get_their_own_lists_and_no_contact_detail_leaks(
    tmp_path, tmp_path_factory, sample_inbox
):
    cache = tmp_path_factory.getbasetemp() / "xdg-cache"
    warm_embedding_cache(cache)
    survey, config, ledger = export_with_contacts(tmp_path, sample_inbox[0])
    before = len(sample_inbox[1].messages)
    out = tmp_path / "reports"
    argv = ["report", survey, "--config", config, "--week", WEEK, "--out", out, "--email"]
    done = subprocess.run(
        passives_command(*argv), env=report_env(cache), capture_output=True, text=True,
        timeout=1500, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    folder = out / WEEK

    calls = pd.read_csv(folder / "call_list.csv")
    assert calls["assignee"].value_counts().to_dict() == {"Eli Moss": 9, "Dana Lee": 6}
    assert calls["priority"].is_monotonic_decreasing
    with ContactLedger(str(ledger)) as store:
        recorded = store.assignments()
    on_call_list = recorded[(recorded["week"] == WEEK) & (recorded["list"] == "call_list")]
    assert on_call_list.set_index("respondent_id")["assignee"].to_dict() == dict(
        zip(calls["respondent_id"], calls["assignee"], strict=True)
    )

    private = {
        folder / "briefs" / "dana-lee.html",
        folder / "briefs" / "eli-moss.html",
        folder / "callers" / "dana-lee.csv",
        folder / "callers" / "eli-moss.csv",
    }
    private |= set((folder / "briefs").glob("*.html")) | set((folder / "callers").glob("*.csv"))
    # panel invitations go out by e-mail: their own private file, not a caller's list
    invited = pd.read_csv(folder / "panel_invites.csv", dtype=str)
    managed = pd.read_csv(folder / "management_sample.csv", dtype=str)
    own_lists = [pd.read_csv(path, dtype=str) for path in (folder / "callers").glob("*.csv")]
    assert len(own_lists) == 2 + managed["assignee"].nunique()  # the callers and the managers
    called = set(calls["respondent_id"].astype(str)) | set(managed["respondent_id"])
    for own in own_lists:
        assert set(own["list"]) <= {"call_list", "management_sample"}
        assert set(own["respondent_id"]) <= called
    assert len(invited), "the sample's week invites some passives to the panel"
    panel = pd.read_csv(folder / "panel" / "invitations.csv", dtype=str)
    assert panel["respondent_id"].tolist() == invited["respondent_id"].tolist()
    emails = pd.read_csv(survey, dtype=str).set_index("respondent_id")[CONTACT_HEADERS["email"]]
    assert panel["email"].tolist() == emails[panel["respondent_id"]].tolist()
    private.add(folder / "panel" / "invitations.csv")
    for path in private:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    survey_rows = pd.read_csv(survey, dtype=str).set_index("respondent_id")
    for caller, stem in (("Dana Lee", "dana-lee"), ("Eli Moss", "eli-moss")):
        own = pd.read_csv(folder / "callers" / f"{stem}.csv", dtype=str)
        theirs = calls.loc[calls["assignee"] == caller, "respondent_id"].tolist()
        assert own.loc[own["list"] == "call_list", "respondent_id"].tolist() == theirs
        page = (folder / "briefs" / f"{stem}.html").read_text(encoding="utf-8")
        for respondent in theirs:
            row = survey_rows.loc[respondent]
            assert row["Customer Name"] in page and row["E-mail"] in page
            assert row["Phone"] in page
            assert own.set_index("respondent_id").at[respondent, "email"] == row["E-mail"]
        assert "0600" in page

    words = contact_words(survey, calls["respondent_id"].tolist())
    shared = [p for p in folder.rglob("*") if p.is_file() and p not in private]
    assert {"report.html", "slides.html", "themes.csv", "call_list.csv"} <= {p.name for p in shared}
    for path in shared:
        text = path.read_text(encoding="utf-8", errors="replace")
        found = [w for w in words if w in text]
        assert not found, (path.name, found[:3])
    digest = sample_inbox[1].messages[before:]
    assert len(digest) == 1
    body = "".join(
        part.get_content() for part in digest[0].walk() if part.get_content_maintype() == "text"
    )
    assert not [w for w in words if w in body]
