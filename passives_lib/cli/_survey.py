"""The ``validate`` and ``sample`` commands: a survey export in, a summary out."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from passives_lib.cli._terminal import shown, shown_lines

if TYPE_CHECKING:
    from passives_lib.survey import LoadedSurvey


def add_survey_commands(commands: argparse._SubParsersAction) -> None:
    """Add ``validate`` and ``sample``."""
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

    sample = commands.add_parser("sample", help="write the seeded demo survey and its truth files")
    sample.add_argument("--out", type=Path, default=Path("data/sample"), help="folder")
    sample.add_argument("--rows", type=int, default=3600, help="number of responses")
    sample.add_argument("--weeks", type=int, default=20, help="number of ISO weeks")
    sample.add_argument("--seed", type=int, default=20261122, help="random seed")
    sample.set_defaults(run=_run_sample)


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
    from passives_lib.core import write_csv

    written = {"rejected": write_csv(loaded.rejected, rejected_path)}
    if len(loaded.warnings):
        warnings_path = rejected_path.with_name(
            rejected_path.name.replace(".rejected.csv", "") + ".warnings.csv"
        )
        written["warnings"] = write_csv(loaded.warnings, warnings_path)
    return written


def _run_validate(args: argparse.Namespace) -> int:
    from passives_lib.config import load_config

    config = load_config(args.config)
    from passives_lib.survey import load_summary, load_survey

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
            lines.append(_group_line(shown(row["segment"]), row))
    if summary["by_week"]:
        lines.append("By ISO week:")
        for row in summary["by_week"]:
            change = ""
            if row["change"] is not None:
                verdict = "significant" if row["significant"] else "not significant"
                p_value = "n/a" if row["p_value"] is None else f"{row['p_value']:.2f}"
                change = f"  change {_signed(row['change'])} (p={p_value}, {verdict})"
            lines.append(_group_line(row["iso_week"], row) + change)
    return "\n".join(shown_lines(line) for line in lines)


def _group_line(name: str, row: dict) -> str:
    margin = row["nps_margin_95"]
    text = f"  {str(name):<20} n={row['n']:<6} NPS {_signed(row['nps']):>6}"
    text += f" +/-{margin:.1f}" if margin is not None else ""
    return text + (f"  [{row['warning']}]" if row["warning"] else "")


def _run_sample(args: argparse.Namespace) -> int:
    from passives_lib.sample import write_sample

    paths = write_sample(args.out, n_responses=args.rows, n_weeks=args.weeks, seed=args.seed)
    for name, path in paths.items():
        print(shown_lines(f"wrote {name}: {path}"))
    return 0
