"""The ``passives report`` command, added to the parser by :func:`add_report_command`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from passives_lib.cli._arguments import iso_week_argument
from passives_lib.cli._terminal import shown_lines

if TYPE_CHECKING:
    from passives_lib.config import EmailSettings


def add_report_command(commands: argparse._SubParsersAction) -> None:
    """Add ``report`` to the ``passives`` sub-commands.

    Parameters
    ----------
    commands : argparse._SubParsersAction
        The sub-parsers of the ``passives`` parser.
    """
    report = commands.add_parser(
        "report",
        help="the weekly report: run the notebook, write report.html and the deck slides.html, "
        "write every CSV into OUT/<week>/",
        description="Execute notebooks/weekly_theme_report.ipynb on a survey export (headline "
        "NPS, passives, round-table findings, top three quick wins, the week's plan, data "
        "quality), then export report.html (offline, code hidden) and write slides.html (the "
        "round-table deck, 16:9, reveal.js) "
        "into OUT/<week>/ (OUT/undated/ for a survey without dates) with the CSV outputs. The "
        "new report replaces the old one only when complete; a failed run keeps "
        "OUT/<week>.failed.ipynb and exits with status 2. Both pages open offline (reveal.js "
        "is inlined). For a weekly schedule (cron, systemd, jupyter-scheduler) use --week "
        "last-complete, and --email to send the digest.",
    )
    report.add_argument("input", type=Path, help="survey export (CSV, XLSX or Parquet)")
    report.add_argument("--config", type=Path, help="YAML config (mapping, plan settings)")
    report.add_argument(
        "--week",
        type=_week_argument,
        help="report week YYYY-Www, or last-complete: the last full ISO week before today "
        "(for scheduled runs; a Monday-morning run reports the week that just ended); "
        "default: the latest week in the data",
    )
    report.add_argument(
        "--out", type=Path, default=Path("reports"), help="reports folder (default: reports/)"
    )
    report.add_argument(
        "--dry-run",
        action="store_true",
        help="plan without recording anything in the contact ledger",
    )
    report.add_argument(
        "--email",
        action="store_true",
        help="send the digest (headline NPS, what changed, a chart of the top themes, quick "
        "wins, outreach, next steps; slides.html attached, report.html linked; at most 2 MB) "
        "to the config's email: recipients; a failed send exits with status 2 and keeps the "
        "report",
    )
    report.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="another notebook parameter, e.g. lookback_weeks=8 or "
        "capacity=20 (repeatable; unknown names are refused)",
    )
    report.set_defaults(run=_run_report)


def _week_argument(text: str) -> str:
    from passives_lib.report import LAST_COMPLETE

    return text if text == LAST_COMPLETE else iso_week_argument(text)


def _run_report(args: argparse.Namespace) -> int:
    from passives_lib.report import RunStopped, parse_parameter, run_report

    params = dict(parse_parameter(text) for text in args.param)
    email = _email_settings(args.config) if args.email else None
    try:
        result = run_report(
            args.input,
            args.out,
            config_path=args.config,
            week=args.week,
            dry_run=args.dry_run,
            params=params,
            progress=lambda line: print(shown_lines(line), flush=True),
        )
    except RunStopped as stopped:  # SIGTERM or SIGHUP: cleaned up; exit as the shell would
        print(f"error: {stopped}; no report was replaced", file=sys.stderr, flush=True)
        return 128 + stopped.signal_number
    inside = "; ".join(
        f"{stage} {seconds:.1f} s" for stage, seconds in result.notebook_timings.items()
    )
    for stage, seconds in result.timings.items():
        detail = f" ({inside})" if stage == "execute notebook" and inside else ""
        print(f"  {stage}: {seconds:.1f} s{detail}")
    print(f"report for {result.week}: {result.folder / 'report.html'}")
    print(f"slides: {result.folder / 'slides.html'}")
    print(f"{len(result.files)} files in {result.folder}/")
    if email is not None:
        from passives_lib.report import send_digest

        if email.plaintext_warning:
            print(email.plaintext_warning, file=sys.stderr, flush=True)
        send_digest(result.folder, email)
        print(f"digest sent to {', '.join(email.recipients)} through {email.host}:{email.port}")
    return 0


def _email_settings(config_path: Path | None) -> EmailSettings:
    """The config's ``email:`` section, checked before the report runs."""
    from passives_lib.config import load_config
    from passives_lib.core import ReportError

    settings = load_config(config_path).email if config_path is not None else None
    if settings is None:
        raise ReportError(
            f"--email expects an 'email:' section (host, port, sender, recipients) in the "
            f"config, found none in {str(config_path) if config_path else 'no --config'}"
        )
    return settings
