"""The ``passives`` command line.

Every user error is printed as one ``error: ...`` line naming the file, row and column, with
exit status 2 and no traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from passives_lib.cli._arguments import (
    iso_date_argument,
    iso_week_argument,
    positive_int_argument,
)
from passives_lib.cli._explore import add_explore_command
from passives_lib.cli._ledger import add_ledger_command
from passives_lib.cli._report import add_report_command
from passives_lib.core._config import Config, load_config, with_settings
from passives_lib.core._csv_out import write_csv
from passives_lib.core._errors import InputError, LedgerError, PassivesError
from passives_lib.survey._loading import LoadedSurvey, load_survey
from passives_lib.survey._summary import load_summary

if TYPE_CHECKING:
    from passives_lib.pipeline._plan_run import PlanRun

EXIT_USER_ERROR = 2
EXIT_INTERRUPTED = 130


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``passives`` command line.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name; ``sys.argv[1:]`` when omitted.

    Returns
    -------
    int
        0 on success, 2 on a user error (bad input, bad config, unwritable output).
    """
    parser = _parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["themes"] and argv[1:2] in (["mark-fixed"], ["rename"], ["merge"]):
        # `themes INPUT` models themes; `themes mark-fixed|rename|merge ...` act on the ledger.
        argv = [f"themes-{argv[1]}", *argv[2:]]
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except PassivesError as exc:
        print(f"error: {exc}", file=sys.stderr)
    except OSError as exc:
        print(f"error: {exc.strerror or exc} ({exc.filename})", file=sys.stderr)
    except KeyboardInterrupt:
        print("error: interrupted (Ctrl-C); files already written are complete", file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_USER_ERROR


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="passives",
        description="Find NPS passives, prioritise them, and learn from their comments.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="load and validate a survey export; print NPS and what was rejected",
        description="Load a survey export, write the rejected rows, and print a summary: "
        "rows read/accepted/rejected, counts per category, NPS with its 95%% margin, "
        "by segment and ISO week.",
    )
    validate.add_argument("input", type=Path, help="CSV, XLSX or Parquet export")
    validate.add_argument("--config", type=Path, help="YAML config (column mapping, dates)")
    validate.add_argument(
        "--out",
        type=Path,
        help="where to write the rejected rows: a .csv file or a folder "
        "(default: next to the input, as NAME.rejected.csv)",
    )
    validate.add_argument("--json", action="store_true", help="print one JSON object")
    validate.set_defaults(run=_run_validate)

    themes = commands.add_parser(
        "themes",
        help="find the common themes in the comments; write themes.csv and assignments.csv",
        description="Fit the theme model on the comments of a survey export (through the same "
        "column mapping as validate) or of any table with --text-column.",
    )
    themes.add_argument("input", type=Path, help="CSV, XLSX or Parquet file")
    themes.add_argument("--out", type=Path, required=True, help="output folder")
    themes.add_argument("--config", type=Path, help="YAML config (mapping, theme settings)")
    themes.add_argument("--text-column", help="read any table and use this column's text")
    themes.add_argument("--n-themes", type=int, help="a fixed number of themes")
    themes.set_defaults(run=_run_themes)

    fixed = commands.add_parser(
        "themes-mark-fixed",
        help="(as: passives themes mark-fixed THEME) record that a theme's issue was fixed",
        description="Record in the contact ledger that a theme was fixed. Passives who raised "
        "it and answered a contact before this date become due an incentive. THEME is the "
        "stable theme id (findings.csv theme_id) or the theme's exact name in the registry.",
    )
    fixed.add_argument("theme", help="stable theme id or exact theme name")
    fixed.add_argument("--date", type=iso_date_argument, help="when it was fixed (default: today)")
    fixed.add_argument("--note", help="what was done")
    _ledger_arguments(fixed)
    fixed.set_defaults(run=_run_mark_fixed)

    rename = commands.add_parser(
        "themes-rename",
        help="(as: passives themes rename ID NAME) name a theme for good",
        description="Give a stable theme a name that every later report uses.",
    )
    rename.add_argument("theme_id", type=int, help="stable theme id (findings.csv theme_id)")
    rename.add_argument("name", help="the new name")
    _ledger_arguments(rename)
    rename.set_defaults(run=_run_rename)
    merge = commands.add_parser(
        "themes-merge",
        help="(as: passives themes merge KEEP_ID ABSORB_ID) merge two themes",
        description="From now on the second theme counts as the first, in every later run.",
    )
    merge.add_argument("keep_id", type=int, help="the theme that stays")
    merge.add_argument("absorb_id", type=int, help="the theme merged into it")
    _ledger_arguments(merge)
    merge.set_defaults(run=_run_merge)

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
        "--no-themes",
        action="store_true",
        help="skip theme modelling (the easy-fix strategy is left out)",
    )
    plan.set_defaults(run=_run_plan)

    findings = commands.add_parser(
        "findings",
        help="round-table findings per theme and the top three quick wins",
        description="Per theme over the window (13 weeks up to the report week): who raised "
        "it, lift against promoters, NPS impact with a 95%% interval, sentiment, trend, "
        "quotes; and the top three quick wins. Writes findings.csv and quick_wins.csv.",
    )
    findings.add_argument("input", type=Path, help="survey export")
    findings.add_argument("--out", type=Path, required=True, help="output folder")
    findings.add_argument("--config", type=Path, help="YAML config")
    findings.add_argument(
        "--week", type=iso_week_argument, help="report week (default: the latest)"
    )
    findings.add_argument(
        "--lookback-weeks",
        type=positive_int_argument,
        default=13,
        help="weeks in the window, the report week included (default 13)",
    )
    findings.add_argument(
        "--ledger",
        help="theme registry (the contact ledger's database): "
        "SQLite path or SQLAlchemy URL (default: plan.ledger)",
    )
    findings.set_defaults(run=_run_findings)

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
    _ledger_arguments(imported)
    imported.set_defaults(run=_run_contacts_import)
    listed = actions.add_parser("list", help="show each respondent's contact state")
    listed.add_argument("--awaiting", action="store_true", help="only those awaiting response")
    listed.add_argument("--out", type=Path, help="also write the state to this CSV file")
    _ledger_arguments(listed)
    listed.set_defaults(run=_run_contacts_list)

    sample = commands.add_parser("sample", help="write the seeded demo survey and its truth files")
    sample.add_argument("--out", type=Path, default=Path("data/sample"), help="folder")
    sample.add_argument("--rows", type=int, default=3600, help="number of responses")
    sample.add_argument("--weeks", type=int, default=20, help="number of ISO weeks")
    sample.add_argument("--seed", type=int, default=20261122, help="random seed")
    sample.set_defaults(run=_run_sample)
    add_report_command(commands)
    add_ledger_command(commands)
    add_explore_command(commands)
    return parser


def _rejected_path(input_path: Path, out: Path | None) -> Path:
    name = f"{input_path.stem}.rejected.csv"
    if out is None:
        return input_path.with_name(name)
    if out.suffix.lower() == ".csv":
        return out
    return out / name


def write_load_report(loaded: LoadedSurvey, rejected_path: Path) -> dict[str, Path]:
    """Write the rejected rows (always) and the warnings (when there are any).

    Parameters
    ----------
    loaded : LoadedSurvey
        The load to report on.
    rejected_path : Path
        Where the rejected rows go; warnings go beside it as ``*.warnings.csv``.

    Returns
    -------
    dict of str to Path
        ``rejected`` and, where written, ``warnings``.
    """
    written = {"rejected": write_csv(loaded.rejected, rejected_path)}
    if len(loaded.warnings):
        warnings_path = rejected_path.with_name(
            rejected_path.name.replace(".rejected.csv", "") + ".warnings.csv"
        )
        written["warnings"] = write_csv(loaded.warnings, warnings_path)
    return written


def _run_validate(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    loaded = load_survey(args.input, config)
    written = write_load_report(loaded, _rejected_path(args.input, args.out))
    summary = load_summary(loaded, config.nps)
    summary["rejected_file"] = str(written["rejected"])
    summary["warnings_file"] = str(written["warnings"]) if "warnings" in written else None
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        print(_format_summary(summary))
    return 0


def _signed(value: float | None) -> str:
    return "n/a" if value is None else f"{value:+.1f}"


def _format_summary(summary: dict) -> str:
    lines = [
        f"Read {summary['file']} ({summary['format']}"
        + (
            f", {summary['encoding']}, delimiter {summary['delimiter']!r}"
            if summary["encoding"]
            else ""
        )
        + (f", dates {summary['date_order']}" if summary["date_order"] else "")
        + ")",
        *(f"  {note}" for note in summary["notes"]),
        f"Rows read: {summary['rows_read']}, accepted: {summary['rows_accepted']}, "
        f"rejected: {summary['rows_rejected']} (written to {summary['rejected_file']})",
    ]
    for reason, count in summary["rejection_reasons"].items():
        lines.append(f"  {count:>6} row(s): {reason}")
    if summary["warnings_file"]:
        lines.append(
            f"Accepted with a change: {summary['rows_with_warnings']} row(s) "
            f"(see {summary['warnings_file']})"
        )
    total = max(summary["rows_accepted"], 1)
    counts = summary["counts"]
    lines.append(
        "Detractors: {d} ({dp:.1%})  Passives: {p} ({pp:.1%})  Promoters: {r} ({rp:.1%})".format(
            d=counts["detractor"],
            dp=counts["detractor"] / total,
            p=counts["passive"],
            pp=counts["passive"] / total,
            r=counts["promoter"],
            rp=counts["promoter"] / total,
        )
    )
    margin = summary["nps_margin_95"]
    lines.append(
        f"NPS: {_signed(summary['nps'])} (95% margin +/-{margin:.1f} points)"
        if margin is not None
        else "NPS: n/a"
    )
    if summary["nps_warning"]:
        lines.append(f"  warning: {summary['nps_warning']}")
    if summary["by_segment"]:
        lines.append("By segment:")
        for row in summary["by_segment"]:
            lines.append(_group_line(row["segment"], row))
    if summary["by_week"]:
        lines.append("By ISO week:")
        for row in summary["by_week"]:
            change = ""
            if row["change"] is not None:
                verdict = "significant" if row["significant"] else "not significant"
                change = f"  change {_signed(row['change'])} (p={row['p_value']:.2f}, {verdict})"
            lines.append(_group_line(row["iso_week"], row) + change)
    return "\n".join(lines)


def _group_line(name: str, row: dict) -> str:
    margin = row["nps_margin_95"]
    text = f"  {str(name):<20} n={row['n']:<6} NPS {_signed(row['nps']):>6}"
    text += f" +/-{margin:.1f}" if margin is not None else ""
    return text + (f"  [{row['warning']}]" if row["warning"] else "")


def _run_themes(args: argparse.Namespace) -> int:
    from passives_lib.pipeline._theme_run import model_from_config, run_themes, write_theme_outputs

    config = load_config(args.config)
    overrides = {} if args.n_themes is None else {"n_themes": args.n_themes}
    model = model_from_config(config, show_progress=None, **overrides)
    run = run_themes(args.input, config, args.text_column, model)
    written = write_theme_outputs(run, args.out)
    if run.loaded is not None:
        written |= write_load_report(run.loaded, args.out / f"{args.input.stem}.rejected.csv")
    for note in run.notes:
        print(note)
    for _, theme in run.themes.iterrows():
        print(f"  {theme['theme_id']:>3}  {theme['share']:6.1%}  {theme['label']}")
    for name, path in written.items():
        print(f"wrote {name}: {path}")
    return 0


def _ledger_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, help="YAML config (plan.ledger)")
    parser.add_argument(
        "--ledger",
        help="contact ledger: SQLite path or SQLAlchemy URL "
        "(default: plan.ledger from the config, else reports/ledger.sqlite)",
    )


def _ledger_location(args: argparse.Namespace) -> str:
    return args.ledger or load_config(args.config).plan.ledger


def _run_mark_fixed(args: argparse.Namespace) -> int:
    from passives_lib.pipeline._theme_fixes import mark_fixed

    print(mark_fixed(_ledger_location(args), args.theme, args.date or date.today(), args.note))
    return 0


def _run_rename(args: argparse.Namespace) -> int:
    from passives_lib.store._registry import ThemeRegistry

    with ThemeRegistry(_ledger_location(args)) as registry:
        registry.rename(args.theme_id, args.name)
    print(f"theme {args.theme_id} is now called {args.name!r}")
    return 0


def _run_merge(args: argparse.Namespace) -> int:
    from passives_lib.store._registry import ThemeRegistry

    with ThemeRegistry(_ledger_location(args)) as registry:
        registry.merge(args.keep_id, args.absorb_id)
    print(f"theme {args.absorb_id} is merged into theme {args.keep_id}")
    return 0


def _run_contacts_import(args: argparse.Namespace) -> int:
    from passives_lib.pipeline._outcomes import import_outcomes_file

    config = load_config(args.config)
    survey_ids = None
    if args.survey:
        survey_ids = set(load_survey(args.survey, config).responses["respondent_id"])
    added = import_outcomes_file(
        args.outcomes, config, args.ledger or config.plan.ledger, survey_ids
    )
    print(f"imported {args.outcomes}: {added} new status update(s)")
    return 0


def _existing_ledger(args: argparse.Namespace) -> str:
    """The ledger to read, refused when it is a file path that does not exist (never created)."""
    location = _ledger_location(args)
    path = location[len("sqlite:///") :] if location.startswith("sqlite:///") else location
    if "://" not in path and not Path(path).expanduser().is_file():
        raise LedgerError(
            "expected an existing contact ledger, found no such file "
            "(check --ledger or plan.ledger; a ledger is created by `passives plan`)",
            path=Path(path),
        )
    return location


def _run_contacts_list(args: argparse.Namespace) -> int:
    from passives_lib.store._ledger import ContactLedger

    with ContactLedger(_existing_ledger(args)) as ledger:
        state = ledger.contact_state()
    if args.awaiting:
        state = state[state["awaiting_response"]]
    if args.out:
        write_csv(state, args.out)
    if state.empty:
        print("the ledger has no contacts yet" if not args.awaiting else "nobody is awaiting")
    else:
        print(state.to_string(index=False))
    return 0


def _run_plan(args: argparse.Namespace) -> int:
    from passives_lib.pipeline._plan_run import run_plan, write_plan

    config = with_settings(
        load_config(args.config),
        "plan",
        "command line",
        capacity=args.capacity,
        profile=args.profile,
        ledger=args.ledger,
    )
    if args.no_themes:
        run = run_plan(args.input, config, args.week, args.dry_run, with_themes=False)
    else:
        run = _planned_with_themes(args, config)
    written = write_plan(run, args.out)
    for note in [*run.notes, *run.plan.notes]:
        print(note)
    for name, path in written.items():
        print(f"wrote {name}: {path}")
    return 0


def _planned_with_themes(args: argparse.Namespace, config: Config) -> PlanRun:
    """The week's run with its plan: themes from the same fit as the findings.

    The registry's stable ids and names are used where it holds themes (so fixes marked by
    theme id reach incentives); planning records no themes in it.
    """
    from passives_lib.pipeline._weekly import run_weekly
    from passives_lib.store._registry import registry_has_themes

    location = config.plan.ledger
    weekly = run_weekly(
        args.input,
        config,
        args.week,
        dry_run=args.dry_run,
        registry=location if registry_has_themes(location) else None,
        record_themes=False,
    )
    if weekly.plan is None:
        raise InputError(f"nothing to plan: {weekly.no_plan_reason}", path=args.input)
    return weekly.plan


def _run_findings(args: argparse.Namespace) -> int:
    from passives_lib.pipeline._findings_run import write_findings
    from passives_lib.pipeline._weekly import run_weekly

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
    written = write_findings(run, args.out)
    for note in run.notes:
        print(note)
    print(f"Top quick wins for {run.week}:")
    for _, win in run.quick_wins.iterrows():
        print(f"  {win['rank']}. {win['theme_label']} (score {win['score']:.2f}): {win['why']}")
    for name, path in written.items():
        print(f"wrote {name}: {path}")
    return 0


def _run_sample(args: argparse.Namespace) -> int:
    from passives_lib.sample._generate import write_sample

    paths = write_sample(args.out, n_responses=args.rows, n_weeks=args.weeks, seed=args.seed)
    for name, path in paths.items():
        print(f"wrote {name}: {path}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
