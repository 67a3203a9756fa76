"""The ``passives`` command line.

Every user error is printed as one ``error: ...`` line naming the file, row and column, with
exit status 2 and no traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from passives_lib.cli._explore import add_explore_command
from passives_lib.cli._ledger import add_ledger_command
from passives_lib.cli._outreach import add_outreach_commands
from passives_lib.cli._report import add_report_command
from passives_lib.cli._survey import add_survey_commands, write_load_report
from passives_lib.cli._terminal import shown, shown_lines
from passives_lib.cli._themes import add_theme_commands
from passives_lib.core import PassivesError

__all__ = ["EXIT_USER_ERROR", "main", "write_load_report"]

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
        print(f"error: {shown_lines(exc)}", file=sys.stderr)
    except OSError as exc:
        print(f"error: {shown_lines(exc.strerror or exc)} ({shown(exc.filename)})", file=sys.stderr)
    except KeyboardInterrupt:
        print("error: interrupted (Ctrl-C); files already written are complete", file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_USER_ERROR


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error printed as the project's one ``error:`` line."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USER_ERROR, f"error: {self.prog}: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="passives",
        description="Find NPS passives, prioritise them, and learn from their comments.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_survey_commands(commands)
    add_theme_commands(commands)
    add_outreach_commands(commands)
    add_report_command(commands)
    add_ledger_command(commands)
    add_explore_command(commands)
    return parser


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
