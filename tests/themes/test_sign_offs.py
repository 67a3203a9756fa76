"""Sign-offs ("Thanks", "Keep it up", "10/10") are no opinions of a comment that says more."""

import pytest

from passives_lib.themes._opinions import opinion_units, split_opinions
from passives_lib.themes._sign_offs import is_sign_off, without_sign_offs


@pytest.mark.parametrize(
    "piece",
    [
        "Thanks!",
        "thank you very much",
        "Many thanks",
        "Keep it up",
        "That's my only feedback",
        "that's about it",
        "Other than that, all good",
        "otherwise everything is fine",
        "10/10",
        "9 out of 10",
        "Please fix this",
        "Sort it out please",
        "Fix that and it's a 10",
        "Where do I start",
        "Kind regards",
        "Merci beaucoup",
        "Cordialement",
        "Sinon tout va bien",
        "Bonne journée",
        # "nothing (to improve)", the answer to "what could we do better?"
        "Nothing",
        "Absolutely nothing.",
        "Not a lot",
        "not very much",
        "Nothing I can think of",
        "On this occasion - nothing",
        "None",
        "Rien à signaler",
        "I never write reviews",
        "I don't usually write reviews, but",
        "I really wanted to love this dress",
        "I wanted to love this top, I really did",
        "So far so good",
        "Jusqu'ici tout va bien",
    ],
)
def test_closing_words_are_sign_offs(piece: str) -> None:
    assert is_sign_off(piece)


@pytest.mark.parametrize(
    "piece",
    [
        "Thanks for the quick delivery",
        "Thanks to Marco for being so patient",
        "Please fix the login page",
        "Fix the search",
        "Keep the old menu",
        "All good except the wait",
        "10 minutes late",
        "Merci pour les conseils du vendeur",
        "Nothing was explained",
        "Not a lot of staff about",
        "Nothing excellent service",
        "Wanted to love this sweater for its beautiful colors",
    ],
)
def test_opinions_with_a_subject_are_not(piece: str) -> None:
    assert not is_sign_off(piece)


def test_a_comment_that_says_something_else_loses_its_sign_offs():
    assert split_opinions("No tracking email. Keep it up!") == ["No tracking email"]
    assert split_opinions("Slow app - that's my only feedback") == ["Slow app"]
    assert split_opinions("Fair pricing, no nasty surprises Thanks") == [
        "Fair pricing, no nasty surprises"
    ]
    assert split_opinions("Invoice is blank. Please fix this. Otherwise all good") == [
        "Invoice is blank"
    ]


def test_a_comment_that_is_only_a_sign_off_keeps_it():
    assert split_opinions("Thanks!") == ["Thanks"]
    assert without_sign_offs(["10/10", "Keep it up"]) == ["10/10", "Keep it up"]


@pytest.mark.parametrize(
    ("comment", "opinions"),
    [
        # a bare feeling beside a subject: the subject is what went wrong
        ("Really disappointed. The app crashes every time", ["The app crashes every time"]),
        ("Ugh. Support never called back", ["Support never called back"]),
        ("Love it! Fits true to size", ["Fits true to size"]),
        ("Très déçue. Rupture de stock sur les graines", ["Rupture de stock sur les graines"]),
        # alone, it is the comment's opinion; said of a subject, it names one
        ("Really disappointed.", ["Really disappointed"]),
        (
            "Very happy with the service. Delivery was late",
            ["Very happy with the service", "Delivery was late"],
        ),
        ("Very helpful. Arrived on time", ["Very helpful", "Arrived on time"]),
    ],
)
def test_a_bare_feeling_leaves_a_comment_that_names_a_subject(comment, opinions):
    assert split_opinions(comment) == opinions


def test_sign_offs_never_become_opinion_units_beside_a_real_opinion():
    units = opinion_units(["Great staff. Keep it up", "Keep it up", "Rude driver. Keep it up"])
    assert units.texts == ["Great staff", "Keep it up", "Rude driver"]
    assert units.owner.tolist() == [0, 1, 2]  # one opinion each


def test_trailing_thanks_finds_what_the_full_pattern_finds():
    from passives_lib.themes._sign_offs import _TRAILING_THANKS, trailing_thanks

    pieces = [
        "Fair pricing, no nasty surprises Thanks",
        "Great service THANK YOU!!",
        "Quick delivery, cheers.",
        "Lovely staff - merci beaucoup",
        "Good, mille mercis",
        "ok thx",
        "Thanks",
        "Thanks to the driver",
        "The thank-you card was nice",
        "Great service, many thanks again",
        "Service rapide mercı",  # a dotless i: only the full pattern (case ignored) decides
        "Great Than\u212a you",  # the Kelvin sign lowers to "k"
        "Nothing to thank them for, slow",
        "",
        "no thanks word here at all, just a long comment " * 20,
    ]
    for piece in pieces:
        fast, full = trailing_thanks(piece), _TRAILING_THANKS.match(piece)
        assert (fast is None) == (full is None), piece
        assert fast is None or fast.group("body") == full.group("body")
    assert trailing_thanks("Great Than\u212a you") is not None


@pytest.mark.parametrize(
    ("comment", "opinions"),
    [
        # "nothing (to improve)" leaves a comment that says more
        ("Nothing. Excellent experience.", ["Excellent experience"]),
        ("Absolutely nothing! The crew were lovely", ["The crew were lovely"]),
        ("Not a lot. Nothing was explained to me", ["Nothing was explained to me"]),
        ("Everything. Very caring", ["Very caring"]),  # "everything", its mirror
        # so does a piece that would be a non-answer on its own
        ("Crew were great. 21/09/2021. N/A", ["Crew were great"]),
        ("N/A", ["N/A"]),
        # and a reviewer's preface, before what went wrong
        ("I really wanted to love this top. It runs small.", ["It runs small"]),
        ("I really wanted to love this top.", ["I really wanted to love this top"]),
        # an answer word is cut off the praise after it
        ("Nothing everything was perfect", ["everything was perfect"]),
        ("Nothing they were fantastic", ["they were fantastic"]),
        ("No everything is OK.", ["everything is OK"]),  # both sign-offs
        ("Nothing was explained", ["Nothing was explained"]),
        ("No staff have a clue", ["No staff have a clue"]),
        ("nothing special", ["nothing special"]),  # mediocre
        # ... but not off what nothing could improve: one statement, read whole
        (
            "Nothing the service could have done better.",
            ["Nothing the service could have done better"],
        ),
        ("Nothing you could do better", ["Nothing you could do better"]),
        ("Nothing, you were all lovely", ["you were all lovely"]),
        # "no" before a noun is its determiner, never an answer cut off the praise
        (
            "no weird tight spots and the lace has a perfect amount of stretch",
            ["no weird tight spots and the lace has a perfect amount of stretch"],
        ),
    ],
)
def test_what_says_nothing_leaves_a_comment_that_says_more(comment, opinions):
    assert split_opinions(comment) == opinions
