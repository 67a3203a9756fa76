"""Panel invitations go out by e-mail: their own private file, never a caller's call list."""

import stat

import pandas as pd

from passives_lib.pipeline._caller_files import (
    caller_lists,
    panel_invitations,
    write_caller_lists,
    write_panel_invitations,
)


def lists() -> dict[str, pd.DataFrame]:
    """A week's lists: one call, one management call, two panel invitations."""

    def rows(ids, assignee, **extra):
        return pd.DataFrame(
            {
                "respondent_id": ids,
                "assignee": assignee,
                "score": 8,
                "lean": "promoter-leaning",
                "comment": [f"mail me at {i}@example.com please" for i in ids],
                "reason": "engaged",
                "next_step": "invite",
                **extra,
            }
        )

    return {
        "call_list": rows(["C1"], "Dana Lee"),
        "management_sample": rows(["M1"], "Head of CX"),
        "panel_invites": rows(["P1", "P2"], "customer panel team"),
        "incentives_due": rows([], "front-line team"),
    }


CONTACTS = pd.DataFrame(
    {
        "respondent_id": ["C1", "M1", "P1", "P2"],
        "name": ["Jo Bloggs", "Al Smith", "Pat Doe", "=cmd|x"],
        "email": ["jo@x.org", "al@x.org", "pat@x.org", "mo@x.org"],
    }
)


def test_a_callers_list_holds_the_people_they_call_not_the_panel_invitations():
    per_caller = caller_lists(lists(), {}, CONTACTS)
    assert set(per_caller) == {"Dana Lee", "Head of CX"}
    assert per_caller["Dana Lee"]["respondent_id"].tolist() == ["C1"]


def test_panel_invitations_carry_the_contact_details_masked_comments_and_no_brief():
    invited = panel_invitations(lists(), CONTACTS)
    assert invited["respondent_id"].tolist() == ["P1", "P2"]
    assert invited["email"].tolist() == ["pat@x.org", "mo@x.org"]
    assert "call_brief" not in invited and "assignee" not in invited
    assert not invited["comment"].str.contains("example.com").any()  # masked


def test_the_panel_file_is_private_and_written_only_with_contact_details(tmp_path):
    written = write_panel_invitations(lists(), CONTACTS, tmp_path)
    path = written["panel invitations"]
    assert path == tmp_path / "panel" / "invitations.csv"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text()
    assert "pat@x.org" in text and "'=cmd|x" in text  # a formula is neutralised
    assert write_panel_invitations(lists(), None, tmp_path / "none") == {}
    empty = lists() | {"panel_invites": lists()["panel_invites"].iloc[:0]}
    assert write_panel_invitations(empty, CONTACTS, tmp_path / "nobody") == {}
    callers = write_caller_lists(lists(), {}, CONTACTS, tmp_path)
    assert sorted(p.name for p in callers.values()) == ["dana-lee.csv", "head-of-cx.csv"]
