"""The weekly outreach commands: ``findings``, ``plan`` and ``contacts import | list``."""

from __future__ import annotations

import argparse
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from passives_lib.cli._arguments import (
    iso_date_argument,
    iso_week_argument,
    ledger_arguments,
    ledger_location,
    weeks_argument,
)
from passives_lib.cli._terminal import shown, shown_lines
from passives_lib.core import CRM_FORMATS, InputError, LedgerError

if TYPE_CHECKING:
    from passives_lib.config import Config
    from passives_lib.pipeline import PlanRun


def add_outreach_commands(commands: argparse._SubParsersAction) -> None:
    """Add ``plan``, ``findings`` and ``contacts``."""
    _add_plan(commands)
    _add_findings(commands)
    _add_contacts(commands)


def _add_plan(commands: argparse._SubParsersAction) -> None:
    plan = commands.add_parser(
        "plan",
        help="prioritise the week's passives; write the call list, management sample, panel "
        "invitations and incentives due; record them in the ledger",
    )
    plan.add_argument("input", type=Path, help="survey export")
    plan.add_argument("--out", type=Path, required=True, help="output folder")
    plan.add_argument("--config", type=Path, help="YAML config (mapping, plan settings)")
    plan.add_argument(
        "--week", type=iso_week_argument, help="ISO week YYYY-Www (default: the latest)"
    )
    plan.add_argument("--capacity", type=int, help="calls the front-line team can make")
    plan.add_argument("--profile", help="balanced, value, quick_fix, advocacy or retention")
    plan.add_argument("--ledger", help="contact ledger: SQLite path or SQLAlchemy URL")
    plan.add_argument("--dry-run", action="store_true", help="record nothing in the ledger")
    plan.add_argument(
        "--replan",
        action="store_true",
        help="plan a week already recorded again: keep the assignments worked since its Monday, "
        "replace the untouched ones (caps hold); without it a recorded week shows its "
        "recorded lists and records nothing new",
    )
    plan.add_argument(
        "--no-themes",
        action="store_true",
        help="skip theme modelling (the easy-fix strategy is left out)",
    )
    plan.add_argument(
        "--crm",
        action="append",
        choices=CRM_FORMATS,
        metavar="FORMAT",
        help="also write the calls as tasks a CRM imports, crm/FORMAT_tasks.csv: generic, "
        "salesforce (Data Loader, Task) or hubspot (task import); may be repeated",
    )
    plan.add_argument(
        "--due",
        type=iso_date_argument,
        help="the tasks' due date, YYYY-MM-DD (default: the Friday after the planned week)",
    )
    plan.set_defaults(run=_run_plan)


def _add_findings(commands: argparse._SubParsersAction) -> None:
    findings = commands.add_parser(
        "findings",
        help="round-table findings per theme and the top three quick wins",
        description="Per theme over the window (13 weeks up to the report week): who raised "
        "it, lift against promoters, NPS impact with a 95%% interval, sentiment, trend, "
        "quotes; and the top three quick wins. Writes findings.csv and quick_wins.csv, with "
        "themes.csv and assignments.csv of the same fit (each comment's themes).",
    )
    findings.add_argument("input", type=Path, help="survey export")
    findings.add_argument("--out", type=Path, required=True, help="output folder")
    findings.add_argument("--config", type=Path, help="YAML config")
    findings.add_argument(
        "--week", type=iso_week_argument, help="report week (default: the latest)"
    )
    findings.add_argument(
        "--lookback-weeks",
        type=weeks_argument,
        default=13,
        help="weeks in the window, the report week included (default 13)",
    )
    findings.add_argument(
        "--ledger",
        help="theme registry (the contact ledger's database): "
        "SQLite path or SQLAlchemy URL (default: plan.ledger)",
    )
    findings.set_defaults(run=_run_findings)


def _add_contacts(commands: argparse._SubParsersAction) -> None:
    contacts = commands.add_parser("contacts", help="the contact ledger: import outcomes, list")
    actions = contacts.add_subparsers(dest="action", required=True, metavar="ACTION")
    imported = actions.add_parser("import", help="import status updates exported from the CRM")
    imported.add_argument(
        "outcomes",
        type=Path,
        help="CSV/XLSX with a respondent id, a status and a date per row (optional note); "
        "headers, date order and status values as the config maps them",
    )
    imported.add_argument(
        "--survey",
        type=Path,
        help="survey export whose respondent ids outcomes may name (besides the ledger's)",
    )
    imported.add_argument(
        "--crm",
        choices=CRM_FORMATS,
        metavar="FORMAT",
        help="the file is a CRM's activity export in its own layout: generic, salesforce or "
        "hubspot (the layouts `plan --crm` writes, with outcomes filled in)",
    )
    ledger_arguments(imported)
    imported.set_defaults(run=_run_contacts_import)
    listed = actions.add_parser("list", help="show each respondent's contact state")
    listed.add_argument("--awaiting", action="store_true", help="only those awaiting response")
    listed.add_argument("--out", type=Path, help="also write the state to this CSV file")
    ledger_arguments(listed)
    listed.set_defaults(run=_run_contacts_list)


def _run_plan(args: argparse.Namespace) -> int:
    from passives_lib.config import load_config, with_settings
    from passives_lib.pipeline import run_plan, write_plan

    config = with_settings(
        load_config(args.config),
        "plan",
        "command line",
        capacity=args.capacity,
        profile=args.profile,
        ledger=args.ledger,
    )
    if args.no_themes:
        run = run_plan(
            args.input, config, args.week, args.dry_run, with_themes=False, replan=args.replan
        )
    else:
        run = _planned_with_themes(args, config)
    from passives_lib.core import PRIVATE_MODE
    from passives_lib.pipeline import crm_tasks, due_date, write_crm_tasks

    written = write_plan(run, args.out)
    for fmt in dict.fromkeys(args.crm or []):
        due = args.due or due_date(run.plan.week)
        tasks = crm_tasks(run.plan.lists(), run.briefs, run.contacts, config, fmt, due)
        written[f"crm {fmt} ({len(tasks)} tasks due {due.isoformat()})"] = write_crm_tasks(
            tasks, fmt, args.out
        )
    for note in [*run.notes, *run.plan.notes]:
        print(shown_lines(note))
    for name, path in written.items():
        private = stat.S_IMODE(path.stat().st_mode) == PRIVATE_MODE  # contact details
        suffix = " (private, 0600: contact details)" if private else ""
        print(shown_lines(f"wrote {name}: {path}") + suffix)
    return 0


def _planned_with_themes(args: argparse.Namespace, config: Config) -> PlanRun:
    """The week's run with its plan: themes from the same fit as the findings.

    The registry's stable ids and names are used where it holds themes (so fixes marked by
    theme id reach incentives); planning records no themes in it.
    """
    from passives_lib.pipeline import run_weekly
    from passives_lib.store import registry_has_themes

    location = config.plan.ledger
    weekly = run_weekly(
        args.input,
        config,
        args.week,
        dry_run=args.dry_run,
        registry=location if registry_has_themes(location) else None,
        record_themes=False,
        replan=args.replan,
    )
    if weekly.plan is None:
        raise InputError(f"nothing to plan: {weekly.no_plan_reason}", path=args.input)
    return weekly.plan


def _run_findings(args: argparse.Namespace) -> int:
    from passives_lib.config import load_config
    from passives_lib.findings import NO_MORE_PREFIX
    from passives_lib.pipeline import run_weekly, write_findings, write_theme_outputs

    config = load_config(args.config)
    weekly = run_weekly(
        args.input,
        config,
        args.week,
        lookback_weeks=args.lookback_weeks,
        plan=False,
        registry=args.ledger or config.plan.ledger,
    )
    run = weekly.findings
    written = write_theme_outputs(weekly.theme_run(), args.out) | write_findings(run, args.out)
    for note in run.notes:
        print(shown_lines(note))
    print(f"Top quick wins for {run.week}:")
    if run.quick_wins.empty:
        why = [n for n in run.notes if n.startswith(NO_MORE_PREFIX)]
        print(shown_lines(f"  none: {why[0][len(NO_MORE_PREFIX) :] if why else 'none qualifies'}"))
    for _, win in run.quick_wins.iterrows():
        print(
            shown_lines(
                f"  {win['rank']}. {shown(win['theme_label'])} (score {win['score']:.2f}): "
                f"{shown(win['why'])}"
            )
        )
    for name, path in written.items():
        print(shown_lines(f"wrote {name}: {path}"))
    return 0


def _run_contacts_import(args: argparse.Namespace) -> int:
    from passives_lib.config import load_config
    from passives_lib.pipeline import import_outcomes_file

    config = load_config(args.config)
    survey_ids = None
    if args.survey:
        from passives_lib.survey import load_survey

        survey_ids = set(load_survey(args.survey, config).responses["respondent_id"])
    added = import_outcomes_file(
        args.outcomes, config, args.ledger or config.plan.ledger, survey_ids, crm=args.crm
    )
    print(f"imported {args.outcomes}: {added} new status update(s)")
    return 0


def _existing_ledger(args: argparse.Namespace) -> str:
    """The ledger to read, refused when it is a file path that does not exist (never created)."""
    location = ledger_location(args)
    path = location[len("sqlite:///") :] if location.startswith("sqlite:///") else location
    if "://" not in path and not Path(path).expanduser().is_file():
        raise LedgerError(
            "expected an existing contact ledger, found no such file "
            "(check --ledger or plan.ledger; a ledger is created by `passives plan`)",
            path=Path(path),
        )
    return location


def _run_contacts_list(args: argparse.Namespace) -> int:
    from passives_lib.config import load_config
    from passives_lib.store import ContactLedger

    policy = load_config(args.config).plan.contact_policy
    with ContactLedger(_existing_ledger(args), read_only=True) as ledger:
        state = ledger.contact_state(policy)
    if args.awaiting:
        state = state[state["awaiting_response"]]
    if args.out:
        from passives_lib.core import write_csv

        write_csv(state, args.out)
    if state.empty:
        print("the ledger has no contacts yet" if not args.awaiting else "nobody is awaiting")
    else:
        print(shown_lines(state.to_string(index=False)))
    return 0
