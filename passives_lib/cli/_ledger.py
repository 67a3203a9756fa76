"""The ``passives ledger`` commands, added to the parser by :func:`add_ledger_command`.

``passives ledger copy SOURCE_URL TARGET_URL`` moves a team's ledger (contacts, plans, fixes
and theme registry) onto another database, e.g. from a SQLite file onto the team's shared
PostgreSQL server, in one transaction.
"""

from __future__ import annotations

import argparse


def add_ledger_command(commands: argparse._SubParsersAction) -> None:
    """Add ``ledger`` (with its action ``copy``) to the ``passives`` sub-commands.

    Parameters
    ----------
    commands : argparse._SubParsersAction
        The sub-parsers of the ``passives`` parser.
    """
    ledger = commands.add_parser("ledger", help="the contact ledger's database: copy it")
    actions = ledger.add_subparsers(dest="action", required=True, metavar="ACTION")
    copy = actions.add_parser(
        "copy",
        help="copy a ledger (contacts, plans, fixes, theme registry) into an empty database",
        description="Copy every row of a ledger and its theme registry into another database "
        "in one transaction, e.g. from reports/ledger.sqlite onto a shared PostgreSQL server. "
        "The source is only read; a target that holds rows already is refused. Give the "
        "password with ?password_env=NAME (the environment variable NAME holds it), never in "
        "the URL itself.",
    )
    copy.add_argument("source", help="the ledger to copy: SQLite path or SQLAlchemy URL")
    copy.add_argument(
        "target",
        help="an empty database, e.g. postgresql://cx@db.example/cx?password_env=CX_DB_PASSWORD",
    )
    copy.set_defaults(run=run_copy)


def run_copy(args: argparse.Namespace) -> int:
    """Copy ``args.source`` into ``args.target`` and print what was copied.

    Parameters
    ----------
    args : argparse.Namespace
        ``source`` and ``target``: file paths or SQLAlchemy URLs.

    Returns
    -------
    int
        0 (a failure raises :class:`~passives_lib.core._errors.PassivesError`).
    """
    from passives_lib.store import copied_summary, copy_ledger, display_location

    copied = copy_ledger(args.source, args.target)
    print(
        f"copied {display_location(args.source)} to {display_location(args.target)}: "
        f"{copied_summary(copied)}"
    )
    return 0
