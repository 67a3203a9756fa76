"""The tone rules of an opinion: negated problems, requests and failures, in English and French."""

import numpy as np
import pytest

from passives_lib.themes._tone import french_words, polarities, with_comment_tone


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a problem said to be absent is praise, not a complaint
        ("no setup needed at all", "praise"),
        ("No manual required", "praise"),
        ("never had a single glitch", "praise"),
        ("it has never crashed on me", "praise"),
        ("not too bad", "praise"),
        # ... but a missing thing or an unsolved problem stays a complaint
        ("no manual was provided", "complaint"),
        ("the fault was never resolved", "complaint"),
        # a request is a suggestion, typos in "please" included
        ("pls sort the search page", "suggestion"),
        ("plese fix the export", "suggestion"),
        ("could you add a dark theme", "suggestion"),
        ("bring back the old menu", "suggestion"),
        ("please keep doing what you do", "praise"),  # not a request for change
        # a failure is a complaint even in neutral words
        ("the scanner freezes every morning", "complaint"),
        ("checkout fails on my phone", "complaint"),
        ("the page won't load", "complaint"),
        ("I wanted to love this jacket", "complaint"),  # a disappointment
        ("nothing in particular", "neutral"),
        ("not a thing", "neutral"),
        ("can't wait to wear it", "praise"),
        ("Nothing, everything was fine", "praise"),
        ("Could have done nothing better", "praise"),
        ("Nothing better", "praise"),  # the answer to "what could we do better?"
        ("No better than before", "complaint"),
        ("Nothing all excellent", "praise"),  # VADER alone negates the praise
        ("nothing good to say", "complaint"),
        ("nothing could have been done better", "praise"),
        # a negated "better", "more" or "enough" is the best there is (NHS FFT): praise
        ("They could not help me enough", "praise"),
        ("The staff could not have done any better", "praise"),
        ("You could not do anything better", "praise"),
        ("You can't ask for anything more", "praise"),
        ("Couldn't be more attentive", "praise"),
        ("Could not get any better", "praise"),  # FFT's complaint theme quoted it
        ("It couldn't be any better", "praise"),
        ("can't get much better than this", "praise"),
        ("It could be better", "suggestion"),
        ("Cannot better this", "praise"),  # FFT quoted it for the complaint "not good overall"
        ("I don't think it could be bettered", "praise"),
        ("I don't think this could be improved", "praise"),
        ("In my view everything is just right", "praise"),
        ("It could be bettered", "suggestion"),
        ("Nothing was too much trouble", "praise"),
        ("I don't think anything needs to improve", "praise"),
        ("I don't think it could be better", "praise"),
        ("They could not help me", "complaint"),
        ("Couldn't be more rude", "complaint"),
        # "like" that compares is no liking; a problem said to be absent is praise
        ("It looks like a sack", "neutral"),
        ("i ordered a 0 and it looked like a maternity top on me", "neutral"),
        ("It looks just like the picture", "praise"),
        ("fits like a glove", "praise"),
        ("I like the colour", "praise"),
        ("it is not too tight", "praise"),
        ("i love how it isn't too short", "praise"),
        ("not too happy with it", "complaint"),
        ("fully lined, not see-through at all", "praise"),
        ("it's not much of an issue with these", "praise"),
        ("not long enough for me", "complaint"),
        ("Problem resolved", "praise"),
        ("My query was quickly dealt with", "praise"),
        ("Problem not resolved", "complaint"),
        ("The problem was never resolved", "complaint"),
        # "nothing to improve" said in other words (NHS FFT: "what could we do better?")
        ("I don't think anything could have been done any better", "praise"),
        ("There isn't anything that I can think of that could be done better", "praise"),
        ("I don't think there is any need for improvement", "praise"),
        ("I cannot see any way you could do better", "praise"),
        ("There's no need", "praise"),
        ("I don't think the service will improve", "suggestion"),  # no praise
        ("All work very hard", "praise"),
        ("Hard working staff", "praise"),
        ("Everything was on point", "praise"),
        ("First class", "praise"),
        ("Very helpful and didn't rush me at all", "praise"),
        ("I never felt rushed", "praise"),
        ("Everything that was done, I could ask for no better", "praise"),
        ("Keep doing what you're doing", "praise"),
        ("Keep up the good work", "praise"),
        ("Not relevant", "neutral"),
        ("I felt rushed out of the door", "complaint"),
        ("Don't rush treatment", "complaint"),  # a request, not praise
        # a condition that names a service is no complaint; how a patient feels still is
        ("I am lucky to have had access to the specialist depression service", "praise"),
        ("The dispatcher sent an emergency ambulance", "neutral"),
        ("I felt so depressed and nobody called", "complaint"),
        ("I was in a lot of pain", "complaint"),
        ("I don't think you could do any better", "praise"),
        ("Not really", "neutral"),
        ("The driver was very helpful on the return journey", "praise"),
        ("I returned it the next day", "complaint"),
        ("They couldn't do anything for me", "complaint"),
        # a good quality fading is a complaint; a problem no longer there is praise
        ("every release makes the app less stable", "complaint"),
        ("it is no longer reliable", "complaint"),
        ("no longer a problem", "praise"),
        ("less hassle than before", "neutral"),
        # the subject of a remark carries no tone; a hedge is no praise
        ("Support is impossible to reach", "neutral"),  # was praise: "support" +1.7
        ("To be honest the service was poor", "complaint"),
        ("Sort it out please", "suggestion"),
        # plain-word waits and failures, plain-word praise
        ("It took five days to get a reply", "complaint"),
        ("Long queues every time I call", "complaint"),
        ("the stitching came apart after one wash", "complaint"),
        ("The app closes itself randomly", "complaint"),
        ("Took a long time to get through to speak to someone", "complaint"),  # NHS FFT
        ("It took ages to get an answer", "complaint"),
        ("They were over 1 hour late", "complaint"),
        ("It was a long time before anyone came", "complaint"),
        ("It just works, every time", "praise"),
        ("Simple and intuitive", "praise"),  # plain words VADER does not know
        ("Reasonably priced and reliable", "praise"),
        ("it is not simple", "complaint"),
        ("Onboarding could be a lot simpler", "suggestion"),
        # a wish in the conditional is a suggestion, not praise
        ("Would love a native Slack integration", "suggestion"),
        ("If it synced with HubSpot it would be perfect", "suggestion"),
        ("Bulk download of invoices would save me a lot of time", "suggestion"),
        ("We really need it to connect to Outlook", "suggestion"),
        ("this dress would be perfect for a summer wedding", "praise"),
        # gratitude, care and solved problems said with a negation (NHS FFT), and their
        # negated or hypothetical look-alikes
        ("I cannot thank you enough", "praise"),
        ("Can't thank the crew enough for everything", "praise"),
        ("I couldn't have managed without you", "praise"),
        ("if it was not for this service, I would not be coping with life", "praise"),
        ("Without this wonderful service I could not attend my appointment", "praise"),
        ("Without the app I could not track my order", "complaint"),
        ("And without transport I could not get to hospital", "praise"),
        ("Nobody could have done more", "praise"),
        ("Nobody called me back", "complaint"),
        ("I've never had such good care", "praise"),
        ("Ive never had a unhelp person on a ambulance", "praise"),
        ("every time they do not let us down", "praise"),
        ("Concerns were taken seriously from the outset", "praise"),
        ("They took my concerns seriously", "praise"),
        ("My concerns were not taken seriously", "complaint"),
        ("Don't feel like my calls are taken seriously as no one rings back", "complaint"),
        ("They came in the night and fixed the catheter problem", "praise"),
        ("They never fixed the problem", "complaint"),
        ("i doubt that would've fixed the problem of the cuffs", "complaint"),
        ("i couldn’t find fault at anything", "praise"),
        ("you couldn’t of done any better", "praise"),
        ("They could not find the fault", "complaint"),
        ("Because they could not help me any more than they did", "praise"),
        ("They said they could not help me any more", "complaint"),
        ("the elastic means it does not look like a maternity shirt", "praise"),
        ("so worth the sale price", "praise"),
        ("not worth the price", "complaint"),
        ("the mock turtleneck is not too high", "praise"),
        ("Nothing! Outstanding!", "praise"),  # an answer, then its praise
        ("nothing special", "neutral"),  # the quality it lacks: no praise
        ("unlike other reviewers, i didn't find it too short for me at all", "praise"),
        # expectations met or beaten, and not
        ("Everything is where I expect it to be", "praise"),
        ("This is exactly what i was expecting", "praise"),
        ("this dress is not what i expected", "complaint"),
        ("it wasn't what i was expecting", "complaint"),
        ("Bought this on a whim and it exceeded my expectations", "praise"),
        ("it did not meet my expectations", "complaint"),
        ("went above & beyond what was expected", "praise"),
        ("this blouse fit better than i expected", "praise"),
        ("it comes in handy when the temperature drops quicker than anticipated", "neutral"),
        # a natural waist is a place on the body, not praise
        ("the waist hit much higher than my natural waist", "neutral"),
        ("i expected it to sit at the natural waist and it does not", "complaint"),
        ("the natural fabric is lovely", "praise"),
        # satisfaction said with a negation, and praise VADER does not know
        ("Not complaining", "praise"),
        ("I'm not complaining, but", "complaint"),
        ("Couldn't make any complaints", "praise"),
        ("Keep the same", "praise"),
        ("Everything was champion, nothing in my opinion needs to change", "praise"),
        ("could have nothing better, very satisfied", "praise"),
        ("Nothing needs to be changed", "praise"),
        ("Nothing could be improve", "praise"),
        ("I cannot praise her enough", "praise"),
        ("Can't see what could be done better", "praise"),
        ("I can't think how they could have done better", "praise"),
        ("Couldn't have done anything more for me", "praise"),
        ("couldn't see what was wrong with me so it got worse", "complaint"),
        ("Exceptional", "praise"),
        ("Very attentive and thorough", "praise"),
        ("More punctual", "neutral"),  # a wish, not praise
        ("this may prompt you to wear something underneath", "neutral"),
    ],
)
def test_english_tone(text: str, expected: str) -> None:
    assert polarities([text], "en") == [expected]


def test_a_defect_said_present_is_no_praise():
    assert polarities(["it looks like a maternity shirt"], "en") != ["praise"]
    assert polarities(["Nothing is where I expect it to be"], "en") != ["praise"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pas besoin de rendez-vous", "praise"),
        ("Rien à contredire", "praise"),  # nothing to criticise
        ("sans la moindre attente", "praise"),
        ("merci de réparer la porte", "suggestion"),
        ("merci de votre patience", "praise"),  # thanks, not a request
        ("pourriez-vous ouvrir le dimanche", "suggestion"),
        ("ajoutez des bancs", "suggestion"),
        ("le terminal de paiement ne marche pas", "complaint"),
        ("le site bugue souvent", "complaint"),
        ("merci de bien vouloir ouvrir plus tôt", "suggestion"),
        ("baisser les prix", "suggestion"),
        ("l'accueil laisse à désirer", "complaint"),
        ("rien a redire", "praise"),
        ("rien de particulier", "neutral"),  # nothing said is no complaint
        ("pas de remarque", "neutral"),
        ("aucune remarque", "neutral"),
        ("pas de remarque particulière", "neutral"),
        ("aucunes remarque", "neutral"),
        ("belles plantes en rayon", "praise"),  # "plante" is a plant here, not a crash
        ("manque de choix de plants", "complaint"),  # what is lacking is not praised
        ("manque de conseils en rayon", "complaint"),
        ("magasin bien cher", "complaint"),  # "bien" says "very" here
        ("bien rangé et bien éclairé", "praise"),
        ("accueil toujours gentil", "praise"),
        ("personnel pas gentil", "complaint"),
        ("En plus, de bons conseils", "praise"),  # "en plus": moreover, no negation
        ("il n'y a plus de bons conseils", "complaint"),
        ("l'accueil des vendeurs est toujours remarquable", "praise"),
        ("Service impeccable", "praise"),
        ("personnel competent qui repond a mes attentes", "praise"),
        ("le vendeur ne répond pas à mes attentes", "complaint"),
        # an elided article or pronoun is no part of the word
        ("j'aime beaucoup ce magasin", "praise"),
        ("j'ai beaucoup aimé le rayon bio", "praise"),
        ("je n'ai pas aimé l'accueil", "complaint"),
        ("l'amabilité du personnel", "praise"),
        ("je n'aime pas la vente d'animaux", "complaint"),  # "ne" before, "pas" after
        # a word typed without its accents is still read; one typed with them as it is
        ("Personnel tres agreable", "praise"),
        ("probleme de carte fidelite", "complaint"),
        ("les prix pratiqués sont prohibitifs", "complaint"),  # no "pratique"
        ("Personnel tres agreable meme a la fermeture", "praise"),  # no "fermé"
        # "personne" after a determiner is someone, else nobody
        ("Très bons renseignements donnés par la personne du rayon", "praise"),
        ("personne pour nous renseigner", "complaint"),
        # "peu": what there is little of; "un peu": how much of a problem
        ("personnel peu aimable", "complaint"),
        ("Peu de personnel disponible", "complaint"),
        ("très peu d'attente", "praise"),
        ("peu cher", "praise"),
        ("Magasin un peu fouillis", "complaint"),
        ("un peu cher", "complaint"),
        ("Sinon tarifs bien plus cher qu'ailleurs", "complaint"),
        # what is lacking or needed is not praised; a voucher is no praise
        ("Absence de sourire des hôtesses", "complaint"),
        ("Besoin de véritables compétences", "complaint"),
        ("j'ai reçu un bon d'achat", "neutral"),
        # general French praise and complaint words
        ("Rayon mobilier de jardin superbe", "praise"),
        ("Votre magasin nous plaît beaucoup", "praise"),
        ("Personnel charmant et toujours à l'écoute", "praise"),
        ("Les tarifs sont assez excessifs", "complaint"),
        ("Paiement en caisse très compliqué", "complaint"),
        ("le seul défaut c'est la caisse", "complaint"),
        ("nous apprécions particulièrement vos fruits", "praise"),
        ("ne changez pas", "praise"),
        # advice is a subject, not praise: what is said of it decides
        ("Peu de personnel pour avoir des conseils", "complaint"),
        ("difficile de trouver un vendeur pour un conseil", "complaint"),
        ("Conseils avisés", "praise"),
        # wishes: a conditional, an infinitive or imperative opener, "à revoir"
        ("j'aurais aimé trouver des fraisiers grimpants", "suggestion"),
        ("L'idéal serait un espace pour s'asseoir", "suggestion"),
        ("Il serait utile de remplacer le coupe papier", "suggestion"),
        ("Développer le rayon bio", "suggestion"),
        ("l'ergonomie des caisses est à revoir", "suggestion"),
        ("Vous pourriez offrir vos sacs", "suggestion"),
    ],
)
def test_french_tone(text: str, expected: str) -> None:
    assert polarities([text], "fr") == [expected]


def test_french_words_drop_elided_articles_and_keep_ne():
    assert french_words("J'aime l'accueil, il n'est pas pressé") == [
        "aime",
        "accueil",
        "il",
        "ne",
        "est",
        "pas",
        "pressé",
    ]


def test_a_neutral_opinion_takes_its_comments_tone_only_when_that_tone_is_not_mixed():
    # comment 0: neutral + praise, positive overall -> the neutral one is praise too;
    # comment 1: neutral + praise + complaint, positive overall -> the neutral one stays;
    # comment 2: neutral alone, negative -> complaint.
    polarity = ["neutral", "praise", "neutral", "complaint", "neutral"]
    owner = np.array([0, 0, 1, 1, 1, 2])
    unit = np.array([0, 1, 2, 1, 3, 4])
    toned = with_comment_tone(polarity, owner, unit, np.array([0.7, 0.4, -0.3]))
    assert toned == ["praise", "praise", "neutral", "complaint", "complaint"]


def test_a_shared_neutral_opinion_takes_the_tone_of_its_first_comment():
    owner, unit = np.array([0, 1, 1]), np.array([0, 0, 1])
    assert with_comment_tone(["neutral", "complaint"], owner, unit, np.array([0.5, -0.5])) == [
        "praise",
        "complaint",
    ]


def test_ascii_text_is_read_without_ignoring_case_and_nothing_changes(monkeypatch) -> None:
    """The case-sensitive patterns on ASCII text give the polarities of ``re.IGNORECASE``."""
    import re

    from passives_lib.themes import _tone

    for table in _tone._CUES:  # lower-case letters only (escapes such as \W aside)
        assert not [p for p in table.values() if re.search(r"(?<!\\)[A-Z]", p)]
    english = [
        "You SHOULD open earlier",
        "you ſhould open earlier",  # "ſ" matches "s" only when case is ignored
        "Can't Fault Them",
        "NO COMPLAINTS",
        "It Crashes Every Time",
        "Fits Perfectly",
        "Wıll you add pockets",
        "The KIND staff",
        "The \u212aind staff",  # the Kelvin sign lowers to "k"
        "Nothing In Particular",
        "",
        "Runs small, très petite",
        "Waited 3 HOURS",
        "Not Bad At All",
        "PLEASE FIX THE APP",
    ]
    french = [
        "Rien À Redire",
        "PAS DE REMARQUE",
        "Très Bon Accueil",
        "Il Faudrait Plus",
        "Le Site Bugue",
        "Attente Trop Longue",
        "ÉLEVÉ",
        "élevé",
        "Prix Élevés",
    ]
    score = [0.0, 0.6, -0.6, 0.2, -0.04]
    fast = {}
    for language, texts in (("en", english), ("fr", french)):
        for value in score:
            fast[language, value] = _tone.polarities(texts, language, [value] * len(texts))
    ignoring_case = _tone.cue_patterns.__wrapped__
    monkeypatch.setattr(_tone, "cue_patterns", lambda language, _: ignoring_case(language, False))
    for language, texts in (("en", english), ("fr", french)):
        for value in score:
            expected = _tone.polarities(texts, language, [value] * len(texts))
            assert fast[language, value] == expected
    assert fast["en", 0.0][:2] == ["suggestion", "suggestion"]
