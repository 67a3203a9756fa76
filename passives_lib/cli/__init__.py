"""The ``passives`` command line: :func:`main` is the ``passives`` program."""

from passives_lib.cli._main import EXIT_USER_ERROR, main, write_load_report

__all__ = ["EXIT_USER_ERROR", "main", "write_load_report"]
