"""``passives wins list | set``: quick wins someone owns (owner, due week, status) in the ledger."""

from __future__ import annotations

import argparse
from pathlib import Path

from passives_lib.cli._arguments import (
    iso_date_argument,
    iso_week_argument,
    ledger_arguments,
    ledger_location,
)

STATUSES = ("open", "in_progress", "fixed", "dropped")


def add_wins_command(commands: argparse._SubParsersAction) -> None:
    """Add ``wins`` with its actions ``list`` and ``set``."""
    wins = commands.add_parser(
        "wins",
        help="quick wins someone owns: owner, due week and status, kept in the ledger",
    )
    actions = wins.add_subparsers(dest="action", required=True, metavar="ACTION")
    listed = actions.add_parser("list", help="every quick win raised, with owner and status")
    listed.add_argument("--out", type=Path, help="also write them to this CSV file")
    ledger_arguments(listed)
    listed.set_defaults(run=_run_list)
    changed = actions.add_parser(
        "set",
        help="raise a quick win or change its owner, due week or status",
        description="THEME is the stable theme id (quick_wins.csv theme_id) or the theme's "
        "exact name. Status fixed also marks the theme fixed on --date (default: the Monday "
        "of --week), so incentives, briefs and the report follow the fix.",
    )
    changed.add_argument("theme", help="stable theme id or exact theme name")
    changed.add_argument("--week", type=iso_week_argument, required=True, help="week raised")
    changed.add_argument("--owner", help="who owns it")
    changed.add_argument("--due", type=iso_week_argument, help="due week YYYY-Www")
    changed.add_argument("--status", choices=STATUSES, help="open, in_progress, fixed, dropped")
    changed.add_argument("--date", type=iso_date_argument, help="when it was fixed")
    changed.add_argument("--note", help="what was decided or done")
    ledger_arguments(changed)
    changed.set_defaults(run=_run_set)


def _run_list(args: argparse.Namespace) -> int:
    from passives_lib.core import write_csv
    from passives_lib.store import ContactLedger

    with ContactLedger(ledger_location(args)) as ledger:
        wins = ledger.quick_wins()
    if args.out:
        write_csv(wins, args.out)
    print("no quick win raised yet" if wins.empty else wins.to_string(index=False))
    return 0


def _run_set(args: argparse.Namespace) -> int:
    from passives_lib.pipeline import resolve_theme
    from passives_lib.store import ContactLedger

    location = ledger_location(args)
    stable_id, name = resolve_theme(location, args.theme)
    with ContactLedger(location) as ledger:
        win = ledger.set_quick_win(
            str(stable_id),
            args.week,
            theme_label=name,
            owner=args.owner,
            due_week=args.due,
            status=args.status,
            fixed_on=args.date,
            note=args.note,
        )
    label = f" {win['theme_label']!r}" if win["theme_label"] else ""
    owner = win["owner"] or "no owner yet"
    due = f", due {win['due_week']}" if win["due_week"] else ""
    fixed = f", fixed on {win['fixed_at']:%Y-%m-%d}" if win["fixed_at"] is not None else ""
    print(f"quick win: theme {win['theme']}{label}: {win['status']}, {owner}{due}{fixed}")
    return 0
