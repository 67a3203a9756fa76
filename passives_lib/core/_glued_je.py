"""French "je" glued to the word after it ("jesuis", "jen'ai", "jetrouve"), split again.

The shared French garden-centre export lost the space after "je" almost everywhere: 1,081
glued forms in 697 of its 3,839 comments, against 10 written apart. Such a form is no word to
the tone rules, the keyword and label builders, or the embedding model, and it shows in a
theme's keywords ("jetrouve") and in quotes.

:func:`repair_glued_je` splits a lower-case "je" (or a capitalised "Je" that does not make a
first name, as "Jeanne" does) from the word glued to it when

- the comment reads as French: more French function words ("le", "de", "est", "pas",
  "vous"...; a glued "jesuis", "jetrouve" counts) than English ones ("the", "and", "is"...),
  so that English "jealous" or "jewels" is never touched;
- the glued form is not a French word of its own (:data:`JE_WORDS`: "jeune", "jeux",
  "jetons", "jetais", "jeans"...);
- what follows "je" is an elided pronoun and a word ("jen'ai", "jel'ai", "jem'étais"), an
  unstressed pronoun ("jene", "jeme", "jeles", "jevous", "jen'en") or a word of two letters or
  more ending as a verb after "je" ends: "-e", "-s", "-x", "-ai", and "-d" for the common
  "jeprend" ("jetrouve", "jesuis", "jeveux", "jeai", "jevoulais", "jesouhaiterai").

Other glued forms ("jeregret", "jevient", "jetrouver", "jen") are left as they are. Text without a
glued form is returned unchanged.
"""

from __future__ import annotations

import re

from passives_lib.core._privacy_staff import is_first_name

_LOWER = "a-zàâäçéèêëîïôöûùüÿœæ"
# "je"/"Je" starting a word (not "déjà", not "projet"), then the rest of the word.
_GLUED = re.compile(
    rf"(?<![\w'\u2019-])([jJ]e)([{_LOWER}]+(?:['\u2019][{_LOWER}]+)?)(?![\w'\u2019])"
)
_ELIDED = re.compile(rf"[nmlts]['\u2019][{_LOWER}]+")
_PRONOUNS = frozenset(("ne", "me", "te", "le", "la", "les", "lui", "leur", "vous", "y", "en"))
_VERB_END = re.compile(rf"[{_LOWER}]*(?:e|s|x|ai|d)")
_VOWEL = re.compile("[aeiouyàâäéèêëîïôöûùüÿœæ]")

_JE_WORD_TEXT = """
    jeu jeux jeune jeunes jeunesse jeunesses jeunot jeunots jeudi jeudis jeûne jeûnes jeûner
    jet jets jeter jette jettes jettent jeté jetée jetés jetées jetai jetais jetait jetas
    jetions jetiez jetèrent jetterai jetterais jetteras jettera jetons jeton jetable jetables
    jean jeans jersey jerseys jeep jeeps jeannette jeannettes jerricane jerricanes jerrican
    jerricans jésus jésuite jésuites jetlag jetlags jetset jeremiade jeremiades jetant
"""
JE_WORDS = frozenset(_JE_WORD_TEXT.split())

_FRENCH_WORD = re.compile(
    r"(?i)(?<![\w'\u2019])(le|la|les|des|du|de|et|est|pas|une|un|pour|que|qui|très|mais"
    r"|avec|dans|sur|vous|nous|il|elle|au|aux|ce|cette|plus|sont|ne|à|magasin|merci)(?!\w)"
)
_ENGLISH_WORD = re.compile(
    r"(?i)(?<![\w'\u2019])(the|and|is|was|of|to|it|my|for|with|this|that|i|you|are|in)(?!\w)"
)
# Verb forms common after a glued "je" that show French by themselves ("jesuis fan").
_FRENCH_VERBS = frozenset(
    ("suis", "trouve", "ai", "n'ai", "regrette", "viens", "pense", "vais", "veux", "peux")
)


def reads_as_french(text: str) -> bool:
    """Whether ``text`` holds more French function words than English ones, and one at least.

    A common verb form glued to "je" ("jesuis", "jetrouve") counts as a French word.

    Examples
    --------
    >>> reads_as_french("jetrouve les prix élevés"), reads_as_french("jesuis fan")
    (True, True)
    >>> reads_as_french("I was jealous of them, de la part"), reads_as_french("jeans")
    (False, False)
    """
    french = {word.lower() for word in _FRENCH_WORD.findall(text)}
    french |= {m.group(2) for m in _GLUED.finditer(text) if m.group(2) in _FRENCH_VERBS}
    english = {word.lower() for word in _ENGLISH_WORD.findall(text)}
    return len(french) > len(english)


def _split(match: re.Match[str]) -> str:
    je, rest = match.group(1), match.group(2)
    glued = match.group(0)
    if glued.lower() in JE_WORDS or (je == "Je" and is_first_name(glued)):
        return glued
    if _ELIDED.fullmatch(rest) or rest in _PRONOUNS:
        return f"{je} {rest}"
    if len(rest) >= 2 and _VERB_END.fullmatch(rest) and _VOWEL.search(rest):
        return f"{je} {rest}"
    return glued


def repair_glued_je(text: str) -> str:
    """The text with French "je" split from the word glued to it (rules in the module doc).

    Parameters
    ----------
    text : str
        A comment.

    Returns
    -------
    str
        The repaired comment; the comment itself when it holds no glued "je" to split.

    Examples
    --------
    >>> repair_glued_je("jesuis déçue, jen'ai pas trouvé ce que jecherchais")
    "je suis déçue, je n'ai pas trouvé ce que je cherchais"
    >>> repair_glued_je("Jetrouve les jeunes vendeurs et les jeux très bien")
    'Je trouve les jeunes vendeurs et les jeux très bien'
    >>> repair_glued_je("Jeanne est très aimable, merci")
    'Jeanne est très aimable, merci'
    >>> repair_glued_je("I was jealous of the jewels")
    'I was jealous of the jewels'
    """
    if "je" not in text.lower() or not _GLUED.search(text) or not reads_as_french(text):
        return text
    return _GLUED.sub(_split, text)
