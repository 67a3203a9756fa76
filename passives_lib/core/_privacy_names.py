"""People's names in a comment, found by the words around them (EN and FR).

A name is one to three capitalised words (accents, hyphens and apostrophes inside a word,
``de``/``van``-style particles between words, a leading initial) found

- after a self-introduction: "my name is", "my name's", "I'm", "I am", "this is" (at the start
  of a sentence), "je m'appelle", "mon nom est", "moi c'est";
- before "here" at the start of a sentence ("Jane here, ...", "Jane from Leeds here");
- after a title, with or without its full stop and space ("Mr.Thomas"): Mr, Mrs, Ms, Miss,
  Mx, Dr, Prof, Sir, Dame, Mme, Mlle, Monsieur, Madame, Mademoiselle, and the French "M.";
- after a sign-off: "Regards", "Kind regards", "Sincerely", "Yours ...", "Best wishes",
  "Cordialement", "Salutations", "Bien à vous" anywhere (a comma, colon, dash or full stop
  between); "Thanks", "Thank you", "Cheers", "Best", "Merci" only when the name ends the
  comment.

Words that follow those cues without being names ("I am Very happy", "Thanks, Great service")
are in :data:`NOT_NAMES`; a run of words stops at the first of them.
"""

from __future__ import annotations

import re

_UPPER = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isupper())
_LETTER = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isalpha())
_U = f"[{re.escape(_UPPER)}]"
_A = f"[{re.escape(_LETTER)}]"
_WORD = rf"(?:{_U}\.|{_U}{_A}*(?:['\u2019\-]{_A}+)*)"
_PARTICLES = ("de", "du", "des", "la", "le", "van", "von", "der", "den", "da", "di", "del")
_PARTICLE = "(?:" + "|".join(_PARTICLES) + ")"
# One to three capitalised words, particles between them, on one line.
NAME_RUN = re.compile(rf"{_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_WORD}){{0,2}}")
_APOS = "['\u2019]"
_GREETING = re.compile(r"(?i:hi|hello|hey|dear|bonjour|salut)\W{1,3}$")
_OPENING_GREETING = re.compile(r"(?i:hi|hello|hey|dear|bonjour|salut)\b\W{1,3}")

# Cues, found with str.find (much faster than a regex scan over every comment): the lower-case
# ones in the lower-cased comment (same length, same positions), titles in the comment itself.
INTRODUCTIONS = (
    *("my name is", "my name's", "my name\u2019s", "i'm", "i\u2019m", "i am", "this is"),
    *("je m'appelle", "je m\u2019appelle", "je m' appelle", "mon nom est", "moi c'est"),
    "moi c\u2019est",
)
TITLES = (
    *("Mrs", "Mr", "Ms", "Miss", "Mx", "Dr", "Prof", "Sir", "Dame", "Mme", "Mlle", "Monsieur"),
    *("Madame", "Mademoiselle", "MRS", "MR", "MS", "DR", "mrs", "mr", "ms", "M."),
)
STRONG_SIGN_OFFS = (
    *("regards", "sincerely", "yours faithfully", "yours truly", "best wishes"),
    *("cordialement", "salutations", "bien \u00e0 vous", "bien a vous"),
)
WEAK_SIGN_OFFS = ("thanks", "thank you", "cheers", "best", "merci", "merci beaucoup")
_AFTER = {
    "introduction": re.compile(r"[ \t]*:?[ \t]+"),
    "title": re.compile(rf"\.?[ \t]+|\.(?={_U})"),  # "Mr Smith", "Mr. Smith", "Mr.Smith"
    "initial": re.compile(r"[ \t]*"),
    "strong": re.compile(r"[ \t]*[,.!:\u2013\u2014-]?\s*"),
    "weak": re.compile(r"[ \t]*(?:[,:\u2013\u2014-]\s*|\n\s*)"),
}
HERE = re.compile(r"here(?=[ \t]*(?:[,.!:;\u2013\u2014-]|$|again\b))")
_BEFORE_HERE = re.compile(
    rf"[ \t]*({NAME_RUN.pattern})(?:[ \t]+from[ \t]+{NAME_RUN.pattern})?[ \t]+"
)
_AT_END = re.compile(r"[\s.!]*$")


# Lower-case words that may follow a cue but are not names (checked in lower case).
_NOT_NAMES_WORDS = """
    a an the this that these those it its i we you they he she me us them my our your their
    not no so very really just also still only too quite rather pretty truly extremely
    here there now then today again and but or if as at in on to of for from with by about
    is am are was were be been being have has had do does did will would can could should
    happy glad sorry sure pleased satisfied disappointed delighted thrilled impressed
    unhappy upset annoyed frustrated angry confused afraid grateful thankful new old
    a-ok ok okay fine good great bad poor awful terrible excellent amazing fantastic lovely
    nice perfect wonderful brilliant superb outstanding average decent
    yes yeah well all everyone everything nothing someone something anyone anything one
    customer client member user staff team service support delivery order product company
    again also always never sometimes usually often monday tuesday wednesday thursday friday
    saturday sunday january february march april may june july august september october
    november december please hope regards thanks thank cheers best sincerely
    le la les un une des du de ce cet cette ces il elle on nous vous ils elles je tu mon ma
    mes ton ta tes son sa ses très trop pas plus bien mal tout tous toute toutes
    content contente contents ravi ravie déçu déçue déçus satisfait satisfaite mécontent
    client cliente merci bonjour salut cordialement madame monsieur mademoiselle
    mr mrs ms miss mx dr prof sir dame mme mlle m
    """
NOT_NAMES = frozenset(_NOT_NAMES_WORDS.split())


def mask_names(text: str) -> str:
    """Replace the names found after (or before) the cues of the module doc with ``[name]``."""
    lowered = _lowered(text)
    spans: list[tuple[int, int]] = []
    for start, end in _cues(lowered, INTRODUCTIONS):
        if lowered.startswith("this", start) and not _sentence_starts(text, start):
            continue
        spans += _name_after(text, end, "introduction", strict=True)
    for start, end in _cues(text, TITLES):
        if text[:start].rstrip()[-1:].isdigit():  # "10 M. Dommage": metres, not Monsieur
            continue
        spans += _name_after(text, end, "initial" if text[end - 1] == "." else "title")
    for _, end in _cues(lowered, STRONG_SIGN_OFFS):
        spans += _name_after(text, end, "strong")
    for _, end in _cues(lowered, WEAK_SIGN_OFFS):
        spans += _name_after(text, end, "weak", at_end=True)
    for start, _ in _cues(lowered, ("here",)):
        if HERE.match(lowered, start):
            spans += _name_before_here(text, start)
    return _replace(text, spans)


def _cues(text: str, cues: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where each cue starts a word in ``text``: (start, end) pairs."""
    found = []
    for cue in cues:
        start = text.find(cue)
        while start >= 0:
            if start == 0 or not text[start - 1].isalnum():
                found.append((start, start + len(cue)))
            start = text.find(cue, start + 1)
    return found


def _lowered(text: str) -> str:
    """``text`` in lower case, one character for one (so positions match)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(ch.lower()[0] for ch in text)
    return lowered.replace("\u0131", "i")  # dotless i: "\u0131 am Jo"


def _sentence_starts(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t")
    return not before or before[-1] in ".!?\n" or bool(_GREETING.search(before))


def _name_after(
    text: str, end: int, cue: str, at_end: bool = False, strict: bool = False
) -> list[tuple[int, int]]:
    """The name right after a cue ending at ``end`` (and its separator), if there is one."""
    separator = _AFTER[cue].match(text, end)
    if separator is None:
        return []
    start = separator.end()
    run = NAME_RUN.match(text, start)
    if run is None:
        return []
    name = _name_part(run.group(0), strict)
    if not name:
        return []
    if at_end and not _AT_END.match(text, start + len(name)):
        return []
    return [(start, start + len(name))]


def _name_before_here(text: str, here: int) -> list[tuple[int, int]]:
    """The name in "Jane here" or "Hi, Jane Smith from Leeds here" (the sentence before)."""
    start = max(text.rfind(mark, 0, here) for mark in ".!?\n") + 1
    while start < here and text[start] in " \t":
        start += 1
    greeting = _OPENING_GREETING.match(text, start, here)
    if greeting is not None:
        start = greeting.end()
    found = _BEFORE_HERE.fullmatch(text, start, here)
    if found is None or _name_part(found.group(1), strict=True) != found.group(1):
        return []
    return [(found.start(1), found.end(1))]


def _replace(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    pieces, last = [], 0
    for start, end in sorted(set(spans)):
        if start < last:
            continue
        pieces += [text[last:start], "[name]"]
        last = end
    return "".join(pieces) + text[last:]


def _name_part(run: str, strict: bool = False) -> str:
    """The name a run of capitalised words starts with (up to the first word of NOT_NAMES).

    ``strict`` (after "I am", "this is", before "here"): a first word in capitals ("NHS") or
    ending in "ing" ("Landing here") is taken for an acronym or a verb, not a name.
    """
    end = 0
    for word in re.finditer(r"\S+", run):
        token = word.group(0)
        lowered = token.lower()
        if lowered in _PARTICLES:
            continue
        if lowered in NOT_NAMES or lowered.rstrip(".") in NOT_NAMES:
            break
        if strict and not end and (_ACRONYM.fullmatch(token) or lowered.endswith("ing")):
            break
        end = word.end()
    return run[:end]


_ACRONYM = re.compile(r"[A-Z]{2,}")
