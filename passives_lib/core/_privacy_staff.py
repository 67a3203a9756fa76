"""Staff (and family) first names in a comment, found by the words around them (EN and FR).

A customer who praises or blames someone names them: "Thanks to Sarah for sorting it",
"Marco from support was great", "the nurse, Jenny, was lovely", "ask for Dave at reception",
"merci à Arnaud de Botanic", "le vendeur Damien". A candidate is a capitalised word (accents,
hyphens: "Anne-Claire"), with the capitalised word after it when that is a first name too
("Pierre Alexandre"), and any surname after a strong cue ("spoke to Jenny Smith"). It is
masked after or before one of these cues:

any capitalised word (not an ordinary word, a brand or an acronym)
    after "spoke/talked/chatted to|with", "ask(ed) for", "someone/a lady/a nurse called|named",
    "helped/served/assisted/looked after by", "conseillé/servi/aidé par", "prénommé", "nommé",
    "s'appelle"; before "from support", "in billing", "at reception", "on the till", "du
    rayon", "de l'accueil", "responsable" (a sentence's first word only if a first name);
a first name (:func:`first_names`), with any surname after it
    after a role ("nurse", "receptionist", "agent", "manager", "driver", "carer"...;
    "vendeur", "conseillère", "caissière", "jardiniers", "pépiniériste"...) or a relative ("my
    husband", "mon mari"), and after a first name masked just before it ("Frankie et Sandrine");
a first name, a surname only when the name ends there ("thanks to Jenny Smith for ...")
    after "thanks to" (and typos: "thnaks to"), "thank you to", "grateful to", "with",
    "especially", "merci (à)", "grâce à", "remercie", "féliciter", "bravo à", "surtout",
    "notamment"; before "was", "is", "has been", "took", "helped", "listened", "explained",
    "sorted", "and his/her", ", who", "a été", "est", "était", "nous a", "m'a", "qui", "que",
    "et son/sa" (not after "de", "à", "in", "at", "from"...: "botanic de Nancy est ...").

Never masked: ordinary words (:data:`passives_lib.core._privacy_names.NOT_NAMES`), acronyms
("NHS", "GP") unless a first name in capitals ("THANKS TO LAURA"), "I'm"-like words, the brands
and products of :data:`BRANDS`, a word after "Saint"/"St"/"Ste" ("Ste Maxime"), a word before
a place or building word ("Kingsley ward", "Bev Centre"), and a first name followed by a
capitalised word that is no first name and does not end the name ("James Cook Hospital").
A first name that ends the comment after a thanks and a full stop is a signature ("Merci.
Denise Palomo"). A lower-case word is a name only when it is a listed first name after a
naming cue, a role or a relative, before a strong cue ("laura from support"), or between a
thanks and what the person did or the comment's end ("thanks to laura who ...", "thanks to
laura for ...", "... thanks to laura"). Names no cue points at ("on a vu Poony"), first names
missing from the list after a weak cue ("merci à Poony") and lower-case names after a weak
cue alone ("thanks to laura and the team") are not found.

:func:`first_names` reads ``first_names.txt`` beside this module: the 1990 US Census first
names (public domain), less ordinary English and French words, places, brands and plants, plus
common French first names added by hand (the file's header says so).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from passives_lib.core._folding import fold_accents
from passives_lib.core._privacy_names import _AT_END, NOT_NAMES

_UPPER = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isupper())
_LETTER = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isalpha())
_U = f"[{re.escape(_UPPER)}]"
_A = f"[{re.escape(_LETTER)}]"
# A capitalised word, possibly hyphenated ("Anne-Claire"); "Sarah's" gives "Sarah".
# (The look-behind after the capital, not before it, is three times faster: same matches.)
CAPITALISED = re.compile(rf"{_U}(?<![\w'\u2019-]{_U}){_A}+(?:-{_U}{_A}+)*(?![\w-])")
_POSSESSIVE = re.compile(r"['\u2019]s$")

_ROLES = (
    r"nurses?|midwi(?:fe|ves)|receptionists?|paramedics?|physio(?:therapist)?s?|therapists?"
    r"|consultants?|surgeons?|carers?|porters?|technicians?|engineers?|agents?|advis[oe]rs?"
    r"|representatives?|reps?|managers?|colleagues?|assistants?|cashiers?|drivers?|matron"
    r"|health visitor|(?:support|key) workers?|coordinator|psychiatrists?|psychologists?"
    r"|pharmacists?|practitioners?|specialists?|trainers?|operators?|staff member"
    r"|vendeu(?:r|se)s?|conseill(?:er|ère|ere)s?|caissi(?:er|ère|ere)s?|jardini(?:er|ère|ere)s?"
    r"|pépiniéristes?|p[ée]pini[ée]riste|hôtesses?|infirmi(?:er|ère|ere)s?|employée?s?"
)
_RELATIVES = (
    r"(?:my|our|mon|ma|notre) (?:husband|wife|son|daughter|mum|mom|dad|mother|father|partner"
    r"|friend|sister|brother|grandson|granddaughter|mari|femme|fils|fille|mère|père|ami|amie"
    r"|copain|copine|sœur|soeur|frère|compagnon|compagne)"
)
# Cues after which any capitalised word is taken for a name ("spoke to Chen").
_NAMING_BEFORE = re.compile(
    r"(?i:\b(?:spok(?:e|en)|speak(?:ing)?|talk(?:ed|ing)?|chatt?(?:ed|ing)?) (?:to|with)"
    r"|\bask(?:ed|ing)? for|\b(?:helped|served|assisted|looked after|advised) by"
    r"|\b(?:conseill|servi|aid|accueilli|re[çc]u|renseign|orient)[ée]?e?s? par"
    r"|\b(?:someone|somebody|lady|man|woman|guy|gentleman|gent|girl|chap|lad|bloke|person"
    r"|nurse|doctor|agent|advis[oe]r) (?:called|named)"
    r"|\bpr[ée]nomm[ée]e?|\bnomm[ée]e?|s['\u2019]appell?e(?:nt)?)[ \t]*,?[ \t]*$"
)
# Words one of the cues that take any word needs (checked before the regexes: speed only).
_ANY_WORD_HINTS = (
    *("spok", "speak", "talk", "chat", "ask", " by", " par", "called", "named", "nomm"),
    *("appel", "support", "desk", "service", "care", "billing", "accounts", "sales"),
    *("reception", "till", "checkout", "onboarding", "switchboard", "rayon", "accueil"),
    *("caisse", "animalerie", "équipe", "responsable"),
)
# Cues after which a first name is a name, with any surname after it ("nurse Jenny Smith").
_ROLE_BEFORE = re.compile(rf"(?i:\b(?:{_ROLES})|\b{_RELATIVES})[ \t]*,?[ \t]*$")
_STRONG_AFTER = re.compile(
    r"(?i:[ \t]+(?:from|frmo|form|fomr|rfom|frm|fro|in|at|on) (?:the |your |our )?"
    r"(?:customer |tech(?:nical)? )?"
    r"(?:support|service desk|customer service|customer care|billing|accounts|sales"
    r"|help ?desk|reception|front desk|till|checkout|onboarding|switchboard|desk)\b"
    r"|[ \t]*,?[ \t]*(?:du rayon|de l['\u2019]accueil|à l['\u2019]accueil|de la caisse"
    r"|à la caisse|de l['\u2019]animalerie|à l['\u2019]animalerie|du service client"
    r"|de l['\u2019]équipe|responsable)\b)"
)
_WEAK_BEFORE = re.compile(
    r"(?i:\b(?:t[hank]{3,5}s|thank ?you|thx|thanx|grateful|credit|kudos|shout ?out) to"
    r"|\bwith|\bmerci(?: beaucoup| encore)?(?: (?:à|a))?|\bgrâce (?:à|a)|\bgrace (?:à|a)"
    r"|remercie[rz]?|\bféliciter|\bfélicitations? (?:à|a)|\bbravo (?:à|a)"
    r"|\b(?:especially|particularly|surtout|notamment))[ \t]*,?[ \t]*$"
)
_WEAK_AFTER = re.compile(
    r"(?i:[ \t]+(?:was|is|has been|had been|took|helped|listened|explained|went|made|sorted"
    r"|answered|understood|dealt|gave|showed|arranged|always|really|and (?:his|her)"
    r"|a été|est|était|etait|nous a|m['\u2019]a|a su|a pris|et (?:son|sa|ses))\b"
    r"|[ \t]*,[ \t]*(?:who|qui|que|qu['\u2019])\b|[ \t]+(?:qui|que)\b)"
)
# "Merci. Denise Palomo": a first name that ends the comment after a thanks and a full stop.
_SIGNED_BEFORE = re.compile(
    r"(?i:\b(?:thanks|thank you|thx|cheers|merci(?: beaucoup| encore)?|cordialement|regards"
    r"|best wishes|kind regards|see you soon|[àa] bient[ôo]t)[.!]+\s*)$"
)
_THANKED_AFTER = re.compile(r"[ \t]*(?:,[ \t]*)?(?:for|pour|who|qui)\b|[\s.!]*$")
# A lower-case word ("laura from support"): a first name only, and only after a clear cue.
_LOWER_RUN = re.compile(r"[a-zà-ÿ]+")
_LOWER_WORD = re.compile(r"(?<![\w'\u2019-])[a-zà-ÿ]+(?:-[a-zà-ÿ]+)*(?![\w-])")
_JOINED = re.compile(r"[ \t]*(?:,|and|et|&)[ \t]*$", re.IGNORECASE)
# "botanic de Nancy est ...", "the shop in Florence was ...": a place, unless a strong cue says.
_PLACE_BEFORE = re.compile(r"(?i:\b(?:de|du|à|a|en|in|at|of|near|from|to)[ \t]+)$")
_SAINT = re.compile(r"(?i:\b(?:saint|sainte|st|ste)\.?[ \t-]*)$")
_PLACE_AFTER = re.compile(
    r"(?i:[ \t]+(?:hospital|ward|unit|centre|center|close|road|street|lane|house|lodge|court"
    r"|park|hall|avenue|way|drive|view|surgery|clinic|practice|health|medical|store|shop"
    r"|branch|app|integration|course|programme|program|magasin|rue|jardinerie)\b)"
)
_RUN_ENDS = re.compile(r"[ \t]*(?:[,.!;:)]|$|(?i:for|pour|who|qui)\b)")
_NEXT_WORD = re.compile(r"[ \t]+(" + CAPITALISED.pattern + ")")
_ACRONYM = re.compile(r"[A-Z\d&]{2,}")

# Brands and products a customer may thank or "speak to" (the sample's integrations included).
_BRAND_WORDS = """
    salesforce hubspot slack teams microsoft xero quickbooks shopify zapier google sheets sap
    jira outlook excel samsung android iphone apple amazon paypal stripe zoom whatsapp facebook
    instagram linkedin twitter tiktok youtube netflix spotify uber deliveroo ebay botanic
    truffaut castorama ikea leclerc carrefour auchan jardiland gamm nhs tesco asda sainsbury
    sainsburys boots argos
"""
BRANDS = frozenset(_BRAND_WORDS.split())
_MORE_NOT_NAMES = """
    god lord jesus christ covid corona everybody somebody nobody anybody ok okay hello bonjour
    merci bravo super top staff support team nurse doctor doc docs gp ward reception
"""
_WORDS_NOT_NAMES = NOT_NAMES | frozenset(_MORE_NOT_NAMES.split())


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """The bundled first names (lower case, accents kept and stripped), read once."""
    text = (Path(__file__).with_name("first_names.txt")).read_text(encoding="utf-8")
    names = {line.strip() for line in text.splitlines() if line and not line.startswith("#")}
    return frozenset(names | {fold_accents(name) for name in names})


def _key(word: str) -> str:
    return _POSSESSIVE.sub("", word).lower()


@lru_cache(maxsize=8192)
def is_first_name(word: str) -> bool:
    """Whether a word (any case, possessive allowed: "Sarah's") is a bundled first name.

    Examples
    --------
    >>> is_first_name("Sarah"), is_first_name("ANGÈLE"), is_first_name("Zapier")
    (True, True, False)
    """
    key = _key(word)
    return key in first_names() or fold_accents(key) in first_names()


def _may_be_name(word: str, text: str, start: int) -> bool:
    key = _key(word)
    if key in _WORDS_NOT_NAMES or fold_accents(key) in BRANDS or key.startswith(("i'", "i\u2019")):
        return False
    if _ACRONYM.fullmatch(word) and not is_first_name(word):
        return False
    return not _SAINT.search(text, max(0, start - 8), start)


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'\u201c\u2018")
    return not before or before[-1] in ".!?\n:;\u2026"


def _listed_pair_end(text: str, word: re.Match[str]) -> int:
    """The end of "Pierre Alexandre" (two first names) from its first word; else the word's."""
    after = _NEXT_WORD.match(text, word.end())
    if after is not None and is_first_name(after.group(1)):
        return after.end(1)
    return word.end()


def _name_end(text: str, word: re.Match[str], strong: bool) -> int | None:
    """Where the name starting with ``word`` ends (a second word included), or None."""
    after = _NEXT_WORD.match(text, word.end())
    if after is None:
        return word.end()
    second = after.group(1)
    if is_first_name(second) and _may_be_name(second, text, after.start(1)):
        return after.end(1)
    if _PLACE_AFTER.match(text, word.end()) or fold_accents(_key(second)) in BRANDS:
        return None
    if strong and _key(second) not in _WORDS_NOT_NAMES and not _ACRONYM.fullmatch(second):
        return after.end(1)
    if strong or _key(second) in _WORDS_NOT_NAMES:
        return word.end()
    if not _ACRONYM.fullmatch(second) and _RUN_ENDS.match(text, after.end(1)):
        return after.end(1)  # "thanks to Jenny Smith for ...": a surname ends the run
    return None  # "James Cook Hospital": a proper noun whose second word is no first name


def staff_name_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` holding a staff or family first name (see the module doc).

    Examples
    --------
    >>> text = "Thanks to Sarah for sorting it, and Zapier works"
    >>> [text[s:e] for s, e in staff_name_spans(text)]
    ['Sarah']
    >>> text = "les jardiniers Frankie et Sandrine, à Ste Maxime"
    >>> [text[s:e] for s, e in staff_name_spans(text)]
    ['Frankie', 'Sandrine']
    """
    spans: list[tuple[int, int]] = []
    any_word = None  # whether a cue that takes any word may be there (speed only)
    for word in CAPITALISED.finditer(text):
        start = word.start()
        if spans and spans[-1][1] > start:
            continue
        if not is_first_name(word.group(0)):  # only a cue that takes any word can make it one
            if _sentence_initial(text, start):
                continue
            if any_word is None:
                lowered = text.lower()
                any_word = any(hint in lowered for hint in _ANY_WORD_HINTS)
            if not any_word:
                continue
        if not _may_be_name(word.group(0), text, start):
            continue
        joined = bool(spans) and _JOINED.fullmatch(text, spans[-1][1], start) is not None
        strength = _cue(text, word, joined)
        if strength is None or _PLACE_AFTER.match(text, word.end()):
            continue
        end = _name_end(text, word, strength == "strong")
        if end is not None:
            spans.append((start, end))
    return _with_lower_case_names(text, spans)


def _with_lower_case_names(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` and the lower-case first names a clear cue points at ("laura from support").

    Lower-case text (a phone keyboard, a whole set in lower case) has no capital to go by, so
    only a bundled first name counts, and only after a naming cue ("spoke to"), a role or a
    relative ("nurse jenny", "my husband dave"), before a strong cue ("from support", "du
    rayon"), or between a thanks and what the person did ("thanks to laura who ...").
    """
    if first_names().isdisjoint(_LOWER_RUN.findall(text)):  # most comments: nothing to look at
        return spans
    found = []
    for word in _LOWER_WORD.finditer(text):
        key = word.group(0)
        if not is_first_name(key) or key in _WORDS_NOT_NAMES or fold_accents(key) in BRANDS:
            continue
        start, end = word.span()
        if any(s < end and start < e for s, e in spans):
            continue
        before = text[max(0, start - 60) : start]
        clear = (
            _NAMING_BEFORE.search(before)
            or _ROLE_BEFORE.search(before)
            or _WEAK_BEFORE.search(before)
            and (_WEAK_AFTER.match(text, end) or _THANKED_AFTER.match(text, end))
            or _STRONG_AFTER.match(text, end)
            and not _PLACE_BEFORE.search(before)
        )
        if clear and not _PLACE_AFTER.match(text, end):
            found.append((start, end))
    return sorted(spans + found) if found else spans


def _ends_text(text: str, word: re.Match[str]) -> bool:
    """Whether the comment ends after ``word`` or after the capitalised word following it."""
    after = _NEXT_WORD.match(text, word.end())
    ends = (word.end(), after.end(1)) if after is not None else (word.end(),)
    return any(_AT_END.match(text, end) for end in ends)


def _cue(text: str, word: re.Match[str], joined: bool) -> str | None:
    """How surely the words around ``word`` make it a name: "strong", "weak" or None."""
    start = word.start()
    before = text[max(0, start - 60) : start]
    listed = is_first_name(word.group(0))
    ends = (word.end(), _listed_pair_end(text, word))
    if _NAMING_BEFORE.search(before) or listed and (joined or _ROLE_BEFORE.search(before)):
        return "strong"
    strong_after = any(_STRONG_AFTER.match(text, end) for end in ends)
    if strong_after and (listed or not _sentence_initial(text, start)):
        return "strong"
    if not listed:
        return None
    if _WEAK_BEFORE.search(before):
        return "weak"
    if _SIGNED_BEFORE.search(before) and _ends_text(text, word):
        return "weak"
    if any(_WEAK_AFTER.match(text, end) for end in ends) and not _PLACE_BEFORE.search(before):
        return "weak"
    return None


def mask_staff_names(text: str) -> str:
    """Replace the staff and family first names found in ``text`` with ``[name]``.

    Parameters
    ----------
    text : str
        A comment.

    Returns
    -------
    str
        The comment with each name found replaced by ``[name]``.

    Examples
    --------
    >>> mask_staff_names("Marco from support was great. Ask for Dave at reception")
    '[name] from support was great. Ask for [name] at reception'
    >>> mask_staff_names("Referred to James Cook Hospital, spoke to the NHS")
    'Referred to James Cook Hospital, spoke to the NHS'
    """
    pieces, last = [], 0
    for start, end in staff_name_spans(text):
        pieces += [text[last:start], "[name]"]
        last = end
    return "".join(pieces) + text[last:] if pieces else text
