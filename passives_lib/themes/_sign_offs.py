"""Sign-offs: the closing words of a comment that say nothing about a subject.

"Thanks", "Keep it up", "That's my only feedback", "Other than that, all good", "So far so
good", "10/10", "Cordialement" close a comment; "Nothing" or "Not a lot" answer "what could
we do better?"; "I never write reviews" or "I really wanted to love this top" open a review;
and "Please fix this" or "Where do I start" point at what the comment says elsewhere. They
carry a tone but no subject or no reason, so as opinions of their own they would gather into
a theme of filler ("keep it up", quoted as a quick win; "not a lot", quoting "Nothing"). In a
comment that says something else, :func:`without_sign_offs` drops them (a "Thanks" glued to
the end of the last sentence too); a comment that is only a sign-off keeps it, so it still
counts as general praise.

The list is closed and plain so that an analyst can predict it, in English and French.
"""

from __future__ import annotations

import re

from passives_lib.themes._feelings import says_only_feeling
from passives_lib.themes._non_answers import says_nothing

_THANKS = (
    r"(?:many |big |a big )?(?:thanks|thank you|thankyou|thx|cheers|merci|"
    r"mille mercis)(?: (?:again|so much|very much|a lot|a million|for (?:everything|"
    r"listening|asking|your time)|beaucoup|encore|d'avance|pour tout))?"
)
# "Nothing (to improve)" said in a comment that says more ("Nothing. Excellent service"): the
# answer to "what could we do better?", no subject of its own (alone it is a non-answer), and
# "Everything", its mirror.
_NOTHING_TO_IMPROVE = (
    r"(?:(?:absolutely|honestly|really|on this occasion|for me|in my case)[\s,-]+)?(?:nothing|"
    r"none|nope|no|not a (?:lot|thing)|not (?:very |too )?much|very little|rien|aucune?)"
    r"(?:,? (?:really|at all|whatsoever|much|i can think of|that i can think of|for me|in my "
    r"case|on this occasion|obvious|to be honest|as far as i'm concerned|pour moi|"
    r"(?:à|a) signaler))?|not that i can think of|(?:i )?(?:can't|cannot|can not) think of "
    r"anything|there's nothing|i have nothing|"
    # its mirror: "Everything" (all good, or all to change?) names no subject either
    r"(?:(?:absolutely|for me|really)[\s,-]+)?(?:everything|all of it)(?: really)?|everything and "
    r"anything|anything and everything"
)
# A reviewer's preface ("I never write reviews", "I really wanted to love this dress"): what
# went wrong is in the sentences after it.
_PREFACE = (
    r"i (?:never|rarely|seldom|don't usually|do not usually|usually don't|don't normally|don't "
    r"often) (?:write|leave|post|do) (?:a |any |many )?reviews?(?:,? but)?|"
    r"(?:i )?(?:really |so |truly )*wanted (?:to|it to) (?:love|like) (?:this|these|it|the|that)"
    r"(?: \w+){0,3}(?:,? (?:i really did|so much|so badly))?"
)
_SIGN_OFF = re.compile(
    r"^(?:(?:oh |and |also |so |anyway,? )?(?:"
    + _THANKS
    + "|"
    + _NOTHING_TO_IMPROVE
    + "|"
    + _PREFACE
    + r"|(?:kind |best |warm )?regards|cordialement|bien à vous|bonne (?:journée|soirée|"
    r"continuation)|keep (?:it|them) (?:up|coming)|(?:that's|that is|thats|c'est) (?:all|it|"
    r"about it|tout)(?: (?:for now|from me|i have to say|pour moi))?|(?:that's|that is|thats|"
    r"this is) my only (?:feedback|comment|remark|complaint|gripe|point)|"
    r"(?:other than|apart from|aside from|besides|except for|otherwise|that|sinon)?,? ?"
    r"(?:that|this)?,? ?(?:all (?:good|fine|great|ok|okay)|everything (?:else )?(?:is|was) "
    r"(?:fine|good|great|ok|okay)|tout (?:va|est|était) (?:bien|parfait)|rien à (?:dire|"
    r"ajouter|signaler))|nothing (?:else|more) to (?:add|say)|so far,? so good|"
    r"(?:jusqu'ici|jusque-là|pour l'instant|pour le moment),? tout va bien|"
    r"\d{1,2} ?(?:/|out of|sur) ?(?:5|10)(?: stars?| étoiles?)?|(?:five|5|cinq) (?:stars|"
    r"étoiles)|where (?:do|to|shall) i (?:start|begin)|(?:please |pls |plz )?(?:fix|sort) "
    r"(?:it|this|that|them|these)(?: out)?(?:,? (?:please|asap|now|soon))?(?:,? and (?:it's|it "
    r"is|it'd be|it would be|you'd get|you get) (?:a |an )?(?:\d{1,2}|ten|five stars))?|"
    r"(?:please |pls |plz )?sort (?:it|this|that) out(?:,? please)?)[\s!.,:;)(*]*)$",
    re.IGNORECASE,
)
_BARE_ANSWER = re.compile(
    r"^(?:" + _NOTHING_TO_IMPROVE + r")[\s!.,:;)(*]*$",
    re.IGNORECASE,
)
_TRAILING_THANKS = re.compile(
    r"^(?P<body>.*[^\W_].*?)[\s,;:!.-]+(?P<thanks>" + _THANKS + r")[\s!.]*$",
    re.IGNORECASE | re.DOTALL,
)
# Every form of thanks holds one of these. An ASCII piece without any cannot end on thanks, and
# is not given to _TRAILING_THANKS, whose search is quadratic in the piece's length (speed
# only; outside ASCII, ignoring case matches more, "ı" for "i", so the regex decides).
_THANKS_WORD = re.compile(r"thank|thx|cheers|merci")


def trailing_thanks(piece: str) -> re.Match[str] | None:
    """The match of a piece that ends on thanks ("... no nasty surprises Thanks"), or None.

    Examples
    --------
    >>> trailing_thanks("Fair pricing, no nasty surprises Thanks").group("body")
    'Fair pricing, no nasty surprises'
    >>> trailing_thanks("Thanks to the driver") is None
    True
    """
    if piece.isascii() and not _THANKS_WORD.search(piece.lower()):
        return None
    return _TRAILING_THANKS.match(piece)


def _plain(piece: str) -> str:
    """A piece as the sign-off patterns read it (curly apostrophes, quotes and brackets off)."""
    return piece.strip().replace("\u2019", "'").strip(" \t\"'()[]*-")


def is_sign_off(piece: str) -> bool:
    """Whether an opinion is only a sign-off ("Thanks", "Keep it up", "10/10", "Merci").

    Examples
    --------
    >>> [is_sign_off(p) for p in ["Keep it up", "That's my only feedback", "10/10",
    ...  "Other than that, all good", "Merci beaucoup", "Thanks for the quick delivery",
    ...  "So far so good"]]
    [True, True, True, True, True, False, True]
    """
    return bool(_SIGN_OFF.match(_plain(piece)))


def without_sign_offs(pieces: list[str]) -> list[str]:
    """A comment's opinions without its sign-offs, unless it says nothing else.

    A "Thanks" that ends an opinion without a full stop is cut off it first. A piece that
    would be a non-answer on its own ("n/a", "21/09/2021", "None") goes too, and so does one
    that only says a feeling ("Really disappointed": :mod:`passives_lib.themes._feelings`)
    beside one that names a subject.

    Parameters
    ----------
    pieces : list of str
        The comment's opinions, in order.

    Returns
    -------
    list of str
        The opinions that are not sign-offs; all of them when every one is.

    Examples
    --------
    >>> without_sign_offs(["Tracking never updated", "Keep it up"])
    ['Tracking never updated']
    >>> without_sign_offs(["Fair pricing, no nasty surprises Thanks"])
    ['Fair pricing, no nasty surprises']
    >>> without_sign_offs(["Thank you", "Keep it up"])
    ['Thank you', 'Keep it up']
    >>> without_sign_offs(["Really disappointed", "The app crashes", "Thanks"])
    ['The app crashes']
    >>> without_sign_offs(["Really disappointed", "Thanks"])
    ['Really disappointed']
    """
    cut = []
    for piece in pieces:
        glued = trailing_thanks(piece)
        if glued and not is_sign_off(glued.group("body")):
            cut.append(glued.group("body").strip())
        else:
            cut.append(piece)
    said = [p for p in cut if not is_sign_off(p) and not says_nothing(p)]
    named = [p for p in said if not says_only_feeling(p)]  # "Really disappointed" beside more
    if named:
        return named
    if said:
        return said
    # only sign-offs: a bare answer goes before the words that say how it went ("No" before
    # "everything is OK")
    kept = [p for p in pieces if not _BARE_ANSWER.match(_plain(p))]
    return kept if kept else pieces
