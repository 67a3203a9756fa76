r"""Text from the data shown safely in a terminal.

A segment name or a comment may hold ANSI escape sequences (``\x1b[2J`` clears the screen), a
bare carriage return (which overwrites the start of the line) or bidirectional overrides
(which reverse what follows). Printed as they are, they change what the user sees; here each
such character is written as its escape (``\x1b``, ``\r``, ``\u202e``).
"""

from __future__ import annotations

import re

# C0 and C1 control characters (but tab and newline) and the invisible bidi controls.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def shown(text: object) -> str:
    r"""One value as a single safe line: control characters and line breaks escaped.

    Examples
    --------
    >>> shown("Ent\x1b[31mRED\rX\n")
    'Ent\\x1b[31mRED\\rX\\n'
    """
    return _escape(str(text).replace("\n", "\\n"))


def shown_lines(text: object) -> str:
    r"""Several lines (a report, an error) with control characters escaped, line breaks kept.

    Examples
    --------
    >>> print(shown_lines("one\ntwo\x1b[2J"))
    one
    two\x1b[2J
    """
    return _escape(str(text))


def _escape(text: str) -> str:
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)
