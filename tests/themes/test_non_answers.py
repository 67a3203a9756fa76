import numpy as np
import pytest

from passives_lib.themes._non_answers import is_non_answer, normalise_comment


@pytest.mark.parametrize(
    "comment",
    [
        "",
        "   ",
        "n/a",
        "N/A",
        "na",
        "Nothing",
        "nothing.",
        "No comment",
        "no comments!",
        "-",
        "...",
        "?",
        "👍",
        "👍👍🙂",
        "10/10",
        "x",
        "ok",
        "OK!",
        "none",
        "Nope",
        "RAS",
        "rien",
        "Not applicable",
        "idk",
        "Don't know",
        "Did not answer",  # survey tools' filler for a skipped question (NHS FFT export)
        "didn't answer",
        "No response",
        "Skipped",
        "Rien à signaler !",
        "NOTHING TO ADD!!!",
        "Nothing to say..............................",  # long, but few letters
        "_ok_",
        "n/a 👍",
        # a pointer to another answer, or a reason that is no reason (NHS FFT)
        "See previous",
        "See previous entry.",
        "As said previously",
        "Because it's true.",
        "Because it is true.",
        "Voir ci-dessus",
        "Idem",
        # "no comment" in French (the garden centre's survey)
        "Pas de remarque",
        "Aucune remarque particulière.",
        "aucunes remarque",
        "R.A.S",
        "Non",
        "Pas de suggestion",
        # a transcriber's note alone (paper forms, NHS FFT)
        "[unreadable]",
        "[word unreadable]",
        "[Illegible]",
        "Not relevant",
        "Not really.",
        # "nothing" said otherwise, in answer to "what could we do better?" (NHS FFT)
        "Not a lot.",
        "Absolutely nothing!",
        "Nothing I can think of",
        "Can’t think of anything.",
        "I can think of nothing",
        "Hard to think of anything",
        "Nothing as far as I'm concerned",
        "Don't think so.",
        "Nothing extra needed",
        "NOTHING, and I mean nothing",
        # "nothing" with words that add nothing to it
        "Nothing comes to mind.",
        "Nothing in particular",
        "At the moment, nothing",
        "Nothing so far.",
        "n/a Nothing.",
        "Nothing in all fairness",
        "I can honestly say nothing",
        "Honestly, nothing at this moment in time",
        "Rien pour l'instant",
        "Franchement rien",
        # and its mirror, which names no subject (and no tone) either
        "Everything!",
        "All of it.",
        # "no remark" with its qualifiers (garden centre)
        "Pas de remarques spéciales.",
        "Pas de remarques à formuler à ce jour.",
        "Aucune suggestion pour l'instant",
        "PAS DE SUGGESTION A PROPOSER",
        None,
        np.nan,
    ],
)
def test_non_answers_are_recognised(comment):
    assert is_non_answer([comment]).tolist() == [True]


@pytest.mark.parametrize(
    "comment",
    [
        "The app is slow",
        "no tracking email",
        "Nothing works since the update",
        "good",
        "Invoice PDF missing",
        "Prix trop élevé",
        "ok but slow delivery",
        "Nope, support never calls",
        "Did not answer the phone when I called",
        "nothing to add about the delivery",
        "Rien à signaler sauf le parking",
        "As said previously, calls to be answered quicker",
        "Because it was very good",
        "See previous answer about the parking",
        "Rien à redire",  # nothing to criticise: praise
        "Pas de remarque sur le personnel mais les prix",
        "Non, les prix sont trop élevés",
        "Not a lot of staff on the ward",
        "Nothing needed changing except the parking",
        "I don't think so many staff are needed",
        "Everything was great",
        "Pas de remarques à formuler sur l'accueil, parfait",
        "Nothing in particular stood out, the ward was dirty",
        "Nothing comes to mind that was wrong with the nurses",
        "Nothing specific about the parking so far",
        "Really nothing good to say",
        "Rien pour l'instant sur la livraison",
    ],
)
def test_real_comments_are_kept(comment):
    assert is_non_answer([comment]).tolist() == [False]


def test_normalise_folds_case_accents_and_punctuation():
    assert normalise_comment("  Très-BIEN!!  ") == "tres bien"
    assert normalise_comment("N/A") == "n a"
