"""The theme commands: ``themes``, and ``themes mark-fixed | rename | merge``."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from passives_lib.cli._arguments import iso_date_argument, ledger_arguments, ledger_location
from passives_lib.cli._survey import write_load_report
from passives_lib.cli._terminal import shown, shown_lines


def add_theme_commands(commands: argparse._SubParsersAction) -> None:
    """Add ``themes`` and its ledger actions (called as ``themes mark-fixed`` ...)."""
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
    fixed.add_argument(
        "--again",
        action="store_true",
        help="record a new fix of a theme already marked fixed (its issue came back)",
    )
    ledger_arguments(fixed)
    fixed.set_defaults(run=_run_mark_fixed)

    rename = commands.add_parser(
        "themes-rename",
        help="(as: passives themes rename ID NAME) name a theme for good",
        description="Give a stable theme a name that every later report uses.",
    )
    rename.add_argument("theme_id", type=int, help="stable theme id (findings.csv theme_id)")
    rename.add_argument("name", help="the new name")
    ledger_arguments(rename)
    rename.set_defaults(run=_run_rename)
    merge = commands.add_parser(
        "themes-merge",
        help="(as: passives themes merge KEEP_ID ABSORB_ID) merge two themes",
        description="From now on the second theme counts as the first, in every later run.",
    )
    merge.add_argument("keep_id", type=int, help="the theme that stays")
    merge.add_argument("absorb_id", type=int, help="the theme merged into it")
    ledger_arguments(merge)
    merge.set_defaults(run=_run_merge)


def _run_themes(args: argparse.Namespace) -> int:
    from passives_lib.config import load_config
    from passives_lib.pipeline import model_from_config, run_themes, write_theme_outputs

    config = load_config(args.config)
    overrides = {} if args.n_themes is None else {"n_themes": args.n_themes}
    model = model_from_config(config, show_progress=None, **overrides)
    run = run_themes(args.input, config, args.text_column, model)
    written = write_theme_outputs(run, args.out)
    if run.loaded is not None:
        written |= write_load_report(run.loaded, args.out / f"{args.input.stem}.rejected.csv")
    for note in run.notes:
        print(shown_lines(note))
    for _, theme in run.themes.iterrows():
        print(f"  {theme['theme_id']:>3}  {theme['share']:6.1%}  {shown(theme['label'])}")
    for name, path in written.items():
        print(shown_lines(f"wrote {name}: {path}"))
    return 0


def _run_mark_fixed(args: argparse.Namespace) -> int:
    from passives_lib.pipeline import mark_fixed

    when = args.date or date.today()
    print(mark_fixed(ledger_location(args), args.theme, when, args.note, again=args.again))
    return 0


def _run_rename(args: argparse.Namespace) -> int:
    from passives_lib.store import ThemeRegistry

    with ThemeRegistry(ledger_location(args)) as registry:
        registry.rename(args.theme_id, args.name)
    print(f"theme {args.theme_id} is now called {args.name!r}")
    return 0


def _run_merge(args: argparse.Namespace) -> int:
    from passives_lib.store import ThemeRegistry

    with ThemeRegistry(ledger_location(args)) as registry:
        registry.merge(args.keep_id, args.absorb_id)
    print(f"theme {args.absorb_id} is merged into theme {args.keep_id}")
    return 0
