"""What a promoter's comment says that makes the promoter soft: the cues, English and French.

A comment is read for six kinds of cue (:data:`CUE_KINDS`); each one found is named with the
words that showed it:

- **faint praise**: "ok", "fine", "not bad", "average", "correct", "pas mal", with no clear
  praise beside it ("fine, excellent staff" is not faint);
- **hedging**: praise qualified as not always true: "mostly good", "usually quick", "I
  suppose", "not always", "dans l'ensemble", "en général", "plutôt";
- **condition or wish**: "would be better if", "could be quicker", "as long as", "I wish
  they", "il faudrait", "ce serait mieux", "j'aimerais", "il manque";
- **complaint**: a complaint inside the praise or instead of it: "but the app crashes",
  "unfortunately", "the only problem", "too expensive", "dommage", "trop cher", "pas assez",
  "il n'y a pas de caisse"; in English also a clause after "but", "although" or "except" that
  VADER scores negative;
- **tentative**: "so far", "for now", "pour l'instant", unless the comment also holds clear
  praise or says there is nothing to fault ("Couldn't fault the service so far" is a plain
  promoter; "ok so far" is not);
- **competitor favoured**: "cheaper elsewhere", "other shops are better", "plus cher que",
  "ailleurs", "la concurrence".

Sayings that there is nothing to complain about ("no complaints", "couldn't fault", "never had
any problem", "rien à redire", "pas de remarques", "RAS") are never read as complaints, and a
comment's length plays no part. The cues were written from how customers hedge and complain;
``bench/soft_promoters.py`` measures them on hand-labelled promoter comments.
"""

from __future__ import annotations

import re
import unicodedata

from passives_lib.themes import sentiment

CUE_KINDS = (
    "faint praise",
    "hedging",
    "condition or wish",
    "complaint",
    "tentative",
    "competitor favoured",
)
NEGATIVE_CLAUSE = -0.05  # the clause after "but", "although", "except" scored below this


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'])(?:" + "|".join(alternatives) + r")(?![\w])")


CLEAR_PRAISE = _words(
    r"excellent",
    r"brilliant",
    r"fantastic",
    r"amazing",
    r"outstanding",
    r"superb",
    r"perfect(?:ly)?",
    r"love(?:d|ly)?",
    r"great",
    r"best",
    r"wonderful",
    r"first class",
    r"(?:highly |would |already (?:have )?)recommend(?:ed)?",
    r"top notch",
    r"spot on",
    r"parfait(?:e|s)?",
    r"super(?:be)?",
    r"g[ée]nial",
    r"formidable",
    r"impeccable",
    r"irr[ée]prochable",
    r"magnifique",
    r"merveilleu\w*",
    r"bravo",
    r"f[ée]licitations",
    r"au top",
    r"tr[èe]s bien",
)
NOTHING_WRONG = _words(
    r"(?:no|any) (?:complaints?|problems?|issues?|faults?)",
    r"nothing to (?:complain|fault|improve)",
    r"(?:couldn't|could not|can't|cannot|can not) (?:fault|complain)",
    r"never (?:had )?(?:a |any )?(?:reason to fault|problems?|issues?|complaints?)",
    r"(?:no|zero) (?:delay|wait(?:ing)?|queue)",
    r"not (?:disappointed|expensive)",
    r"rien [àa] (?:redire|signaler|dire|ajouter|reprocher)",
    r"ras",
    r"pas de (?:remarques?|suggestions?|probl[èe]mes?|soucis?|reproches?|critiques?|commentaires?)",
    r"aucun(?:e|es|s)? (?:remarques?|suggestions?|probl[èe]mes?|soucis?|reproches?|critiques?)",
    r"pas (?:tr[èe]s )?grave",
    r"jamais d[ée][çc]u(?:e|s|es)?",
)
FAINT_PRAISE = _words(
    r"ok",
    r"okay",
    r"fine",
    r"alright",
    r"all right",
    r"not (?:too )?bad",
    r"average",
    r"decent",
    r"adequate",
    r"acceptable",
    r"satisfactory",
    r"so-so",
    r"could be worse",
    r"mediocre",
    r"meh",
    r"correcte?s?",
    r"pas mal",
    r"moyen(?:ne)?s?",
    r"bof",
    r"[çc]a va",
    r"passable",
    r"convenable",
    r"sans plus",
    r"assez bien",
)
HEDGING = _words(
    r"i suppose",
    r"i guess",
    r"(?:mostly|usually|generally|normally|on the whole|for the most part|more or less)"
    r" (?:\w+ )?(?:good|great|fine|ok|okay|helpful|quick|fast|reliable|friendly|happy"
    r"|satisfied|pleased|positive|excellent|efficient)",
    r"not always",
    r"hit (?:and|or) miss",
    r"inconsistent",
    r"en g[ée]n[ée]ral",
    r"g[ée]n[ée]ralement",
    r"dans l'ensemble",
    r"globalement",
    r"plut[ôo]t",
    r"la plupart du temps",
    r"parfois",
    r"pas toujours",
)
CONDITION = _words(
    r"if only",
    r"would (?:be|give(?: it)?|have given(?: it)?) (?:a )?(?:10|ten|full marks|5 stars|five stars)",
    r"would (?:be|have been) (?:even )?(?:better|nicer|nice|good|great|perfect|improved|helpful)",
    r"it'd be (?:better|nice|good|great)",
    r"could (?:be|have been) (?:better|improved|quicker|faster|cheaper|easier|more|less)",
    r"could do with",
    r"could improve",
    r"should (?:be|have|offer|make|give|provide|improve)",
    r"needs? (?:to|more|better)",
    r"as long as",
    r"provided (?:that|they|it|you)",
    r"on condition that",
    r"(?:i |i do )?wish (?:they|you|there|the|it) ",
    r"please (?:add|make|bring|improve|keep|don't|could|can)",
    r"would (?:like to see|prefer)",
    r"si seulement",
    r"(?:ce |il )?serait (?:bien|mieux|plus|appr[ée]ciable|souhaitable|pratique|super|sympa)",
    r"pourri(?:ez|ait|ons|aient)",
    r"j'?aimerai(?:s)?",
    r"souhait\w*",
    r"[àa] condition",
    r"(?:il )?faudrait",
    r"devrai(?:en)?t",
    r"^(?:pouvoir|donner|noter|mettre|avoir|proposer|faire|ajouter|augmenter|baisser|ouvrir"
    r"|am[ée]liorer|pr[ée]voir|installer|embaucher|r[ée]duire|offrir|[ée]viter)",
    r"merci de (?:remplacer|mettre|pr[ée]voir|penser|faire|ajouter|baisser|revoir|ouvrir)",
    r"(?:il )?manque\w*",
    r"un peu plus",
    r"davantage",
    r"plus (?:de|d')(?: \w+)?(?= |$)",
)
COMPLAINT = _words(
    r"unfortunately",
    r"sadly",
    r"(?:a |what a )?(?:shame|pity)",
    r"disappoint\w*",
    r"(?:the )?only (?:thing|problem|issue|complaint|downside|negative|niggle|gripe|criticism)",
    r"downside",
    r"let ?down",
    r"bummer",
    r"annoying",
    r"frustrat\w*",
    r"too (?:expensive|slow|long|pricey|much|many|few|small|big|busy|noisy|late|complicated)",
    r"overpriced",
    r"pricey",
    r"(?<!looks )(?<!look )(?<!reads )(?<!feels )(?<!more )expensive",
    r"delays?",
    r"long wait",
    r"queues?",
    r"rude",
    r"faulty",
    r"crash\w*",
    r"freez\w*",
    r"glitch\w*",
    r"bugg\w*",
    r"outages?",
    r"keeps? (?:dropping|crashing|freezing|failing|cutting)",
    r"sold out",
    r"out of stock",
    r"not fit for purpose",
    r"dommage",
    r"malheureusement",
    r"h[ée]las",
    r"b[ée]mol",
    r"regret\w*",
    r"d[ée][çc]u\w*",
    r"d[ée]cevant\w*",
    r"moins positif",
    r"trop",
    r"cher|ch[èe]re|chers|ch[èe]res",
    r"attente",
    r"attendre",
    r"difficile\w*",
    r"difficult[ée]s?",
    r"probl[èe]mes?",
    r"soucis?",
    r"erreurs?",
    r"lent(?:e|s|es)?",
    r"impossible",
    r"introuvable",
    r"rupture",
    r"d[ée]sagr[ée]able",
    r"fastidieu\w*",
    r"pas (?:assez|facile|toujours|tr[èe]s|de|d'|du|des)",
    r"(?:il )?n'?y a (?:pas|plus)",
    r"(?:je ?)?n'?(?:ai|avons|est|[ée]tait|[ée]taient|a|ont|sont|peut|trouve) (?:pas|plus|jamais)",
    r"(?:je ?)?ne \w+ (?:pas|plus|jamais)",
)
TENTATIVE = _words(
    r"so far",
    r"for now",
    r"up to now",
    r"until now",
    r"(?<!up )to date",
    r"as yet",
    r"pour l'instant",
    r"pour le moment",
    r"pour l'heure",
    r"jusqu'(?:[àa] pr[ée]sent|ici|[àa] maintenant)",
)
COMPETITOR = _words(
    r"cheaper (?:elsewhere|at|on|from|than (?:you|here|this))",
    r"(?:elsewhere|other (?:shops|stores|sites|providers|companies|retailers|suppliers)"
    r"|competitors?) (?:is|are|was|were|offer|have|do) (?:cheaper|better|faster|more)",
    r"better (?:price|deal|offer|value)s? (?:elsewhere|at|from)",
    r"thinking (?:of|about) (?:leaving|switching|moving|cancelling)",
    r"not as (?:good|cheap|quick|fast) as",
    r"plus ch[èe]re?s? (?:que|qu')",
    r"moins (?:bien|de choix|int[ée]ressant\w*) (?:que|qu')",
    r"(?<!moins cher )(?<!moins ch[èe]re )(?<!moins chers )(?<!moins ch[èe]res )(?:qu')?ailleurs",
    r"concurren\w*",
)
CONTRAST = re.compile(r"(?<![\w'])(?:but|however|though|although|except|apart from)(?![\w])")
SENTENCE_END = re.compile(r"[.!?;]+|\s-\s|\n")
FRENCH_WORDS = _words(
    r"le", r"la", r"les", r"de", r"des", r"du", r"et", r"est", r"tr[èe]s", r"pour", r"je",
    r"pas", r"un", r"une", r"magasin", r"personnel", r"merci", r"avec", r"sont", r"au",
)  # fmt: skip
ENGLISH_WORDS = _words(
    r"the", r"and", r"is", r"was", r"it", r"to", r"of", r"very", r"for", r"i", r"they",
    r"were", r"my", r"this", r"you", r"with", r"a", r"in", r"are", r"staff",
)  # fmt: skip


MOJIBAKE = str.maketrans({"\u201a": "é", "\u0152": "î", "\u2013": "û"})  # é î û read as cp850


def normalise(comment: object) -> str:
    """A comment lower-cased with one kind of apostrophe and single spaces, for the cues.

    Exports that went through a DOS code page (cp850) show "é" as "‚", "î" as "Œ" and "û" as
    "–" (the garden-centre survey does); those three are read back, so "difficult‚" is
    "difficulté".
    """
    text = unicodedata.normalize("NFC", str(comment or "")).translate(MOJIBAKE).lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    return " ".join(text.split())


def is_english(text: str) -> bool:
    """Whether a normalised comment reads as English rather than French (by common words)."""
    return len(ENGLISH_WORDS.findall(text)) >= len(FRENCH_WORDS.findall(text))


def soft_cues(comment: object) -> list[str]:
    """The cues in a promoter's comment that make the promoter soft (kinds in the module doc).

    Parameters
    ----------
    comment : object
        The comment; missing or empty gives no cue.

    Returns
    -------
    list of str
        One entry per kind of cue found, in the order of :data:`CUE_KINDS`, each naming the
        words that showed it (``'hedging: "mostly good"'``); empty for a plain promoter.

    Examples
    --------
    >>> soft_cues("Couldn't fault the service so far")
    []
    >>> soft_cues("Good so far, but the app is too slow")
    ['complaint: "too slow"', 'tentative: "so far"']
    """
    text = normalise(comment)
    if not any(ch.isalpha() for ch in text):
        return []
    nothing_wrong = NOTHING_WRONG.sub(" ", text)
    praised = bool(CLEAR_PRAISE.search(text)) or nothing_wrong != text
    found = {
        "faint praise": None if praised else _first(FAINT_PRAISE, text),
        "hedging": _first(HEDGING, text),
        "condition or wish": _first(CONDITION, text),
        "complaint": _first(COMPLAINT, nothing_wrong) or _english_complaint(text),
        "tentative": None if praised else _first(TENTATIVE, text),
        "competitor favoured": _first(COMPETITOR, text),
    }
    return [f'{kind}: "{found[kind]}"' for kind in CUE_KINDS if found[kind]]


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return match.group(0).strip() if match else None


def _english_complaint(text: str) -> str | None:
    """A clause after "but", "although", "except", ... that VADER scores negative.

    Only that clause: a negative word elsewhere in an English comment is most often about the
    customer's own situation ("my mother had fallen", "it's difficult finding jeans"), and a
    negated one after "but" most often a qualification ("but not by a lot").
    """
    if not is_english(text):
        return None
    sentences = [s.strip() for s in SENTENCE_END.split(text) if s.strip()]
    for sentence in sentences:
        for match in CONTRAST.finditer(sentence):
            clause = _contrast_clause(sentence, match)
            if sentiment([clause])[0] < NEGATIVE_CLAUSE:
                return f"{match.group(0)} {' '.join(clause.split()[:4])}"
    return None


def _contrast_clause(sentence: str, match: re.Match[str]) -> str:
    """The words a contrast marker qualifies: "although X, Y" is X; "X but Y" is Y."""
    rest = sentence[match.end() :]
    if match.group(0) in ("although", "though") and match.start() < 3:
        return rest.split(",")[0]
    return rest.split(",")[0] if match.group(0) in ("except", "apart from") else rest
