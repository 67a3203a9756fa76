"""A seeded generator of a realistic synthetic NPS survey export.

The sample is the project's demo data and the ground truth for its tests. It plants a known
set of comment themes, each with many phrasings and a score tendency, so that theme mining can
be checked against :attr:`SampleSurvey.truth_assignments`:

* detractor-heavy, hard-to-fix themes (price, product quality, support wait times, crashes);
* two small, easily fixed issues concentrated among passives (scores 7-8): the planted
  "quick wins" ``delivery_tracking_updates`` and ``invoice_download``;
* medium themes (onboarding, missing integrations);
* promoter-heavy praise (friendly support staff, ease of use, good value);
* one emerging theme, ``login_after_update``, present only in the last three weeks and rising.

Everything is drawn from ``numpy.random.default_rng(seed)`` in a fixed order, so the same
arguments always give byte-identical CSVs. Run it as a script to (re)write the committed
sample::

    python -m passives_lib._sample --out data/sample
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "EMERGING_THEME",
    "QUICK_WIN_THEMES",
    "THEME_KEYS",
    "SampleSurvey",
    "generate_survey",
    "main",
    "write_sample",
]

# ---------------------------------------------------------------------------------------------
# Respondent attributes
# ---------------------------------------------------------------------------------------------

SEGMENTS = ("Enterprise", "Mid-market", "Small business", "Consumer", "Public sector")
_SEGMENT_SHARE = np.array([0.12, 0.22, 0.28, 0.30, 0.08])
# Share of detractors / passives / promoters within each segment.
_SEGMENT_GROUPS = np.array([
    [0.22, 0.40, 0.38],  # Enterprise: fewer detractors, many passives
    [0.26, 0.34, 0.40],  # Mid-market
    [0.24, 0.30, 0.46],  # Small business: the happiest
    [0.32, 0.27, 0.41],  # Consumer: polarised
    [0.30, 0.42, 0.28],  # Public sector: lukewarm
])
_DETRACTOR_SHAPE = np.array([0.07, 0.04, 0.055, 0.075, 0.09, 0.22, 0.45])
_CONSUMER_DETRACTOR_SHAPE = np.array([0.14, 0.06, 0.07, 0.08, 0.09, 0.20, 0.36])
_PASSIVE_SHAPE = np.array([0.46, 0.54])
_PROMOTER_SHAPE = np.array([0.52, 0.48])
_CONSUMER_PROMOTER_SHAPE = np.array([0.45, 0.55])
# Lifetime value: lognormal median and sigma by segment.
_LTV_MEDIAN = np.array([24000.0, 6000.0, 1200.0, 250.0, 9000.0])
_LTV_SIGMA = np.array([1.0, 0.9, 0.9, 1.1, 0.8])
# Monthly active sessions in the previous period: lognormal median by segment.
_USAGE_MEDIAN = np.array([400.0, 150.0, 60.0, 20.0, 120.0])
_FEATURES_LAMBDA = np.array([8.0, 5.0, 3.0, 1.5, 5.0])

CONTACT_STATUSES = ("not_contacted", "contacted", "responded", "converted", "declined",
                    "no_answer")
_CONTACT_SHARE = np.array([0.70, 0.09, 0.07, 0.04, 0.04, 0.06])

_WEEKDAY_WEIGHT = np.array([1.0, 1.1, 1.05, 1.0, 0.9, 0.45, 0.4])

# Score groups used for comment tendencies: 0-4, 5-6, 7-8, 9-10.
_SCORE_GROUP = np.array([0, 0, 0, 0, 0, 1, 1, 2, 2, 3, 3])
_EMPTY_SHARE = np.array([0.10, 0.14, 0.17, 0.17])
_NON_ANSWER_SHARE = np.array([0.04, 0.05, 0.06, 0.05])

# ---------------------------------------------------------------------------------------------
# Themes
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Theme:
    key: str
    description: str
    effort: str
    quick_win: bool
    concentrated_in: str
    positive: bool
    weights: tuple[float, float, float, float]  # score groups 0-4, 5-6, 7-8, 9-10
    sentences: tuple[str, ...]
    templates: tuple[str, ...] = ()
    slots: tuple[str, ...] = ()
    example: str = ""


_TOOLS = ("Salesforce", "HubSpot", "Slack", "Microsoft Teams", "Xero", "QuickBooks", "Shopify",
          "Zapier", "Google Sheets", "SAP", "Jira", "Outlook")
_AGENTS = ("Sarah", "Tom", "Priya", "Marco", "Aisha", "James", "Chen", "Laura")
_PROPER_NOUNS = frozenset(_TOOLS + _AGENTS + ("I", "I'm", "I've", "I'd", "I'll"))

_THEMES: tuple[_Theme, ...] = (
    _Theme(
        "price_too_high", "Price is too high or keeps rising at renewal", "high", False,
        "detractors", False, (0.24, 0.19, 0.06, 0.015),
        (
            "Too expensive for what you get.",
            "The price went up again this year and nobody told us why.",
            "Way overpriced compared to the competition.",
            "I can't justify the cost to my manager anymore.",
            "Subscription price keeps rising at every renewal.",
            "We are paying for features we never use, the pricing is ridiculous.",
            "Cheaper alternatives do the same job.",
            "The price increase at our last renewal was a real shock.",
            "Way too pricey.",
            "I feel like I'm being ripped off with the monthly fee.",
            "Costs far too much for a small team like ours.",
            "Pricing is not transparent, there are hidden fees everywhere.",
            ("The per-user licence model makes it far too expensive to roll out to the rest of "
             "the company, so only half of our people have access."),
            "I'd recommend it if it wasn't so expensive.",
            "We're looking at cheaper options because of the price.",
            "Expensive. Very expensive.",
            "Your prices have doubled in two years, that's not acceptable.",
            "Delivery charges on top of the price make it hard to justify.",
        ),
    ),
    _Theme(
        "product_quality_defects", "Products arrive faulty, break early or feel cheap", "high",
        False, "detractors", False, (0.20, 0.15, 0.045, 0.01),
        (
            "The product broke after two weeks.",
            "Arrived damaged and the replacement was faulty too.",
            "Quality has gone downhill, the last batch was full of defects.",
            "Parts keep failing and I have to send them back.",
            "The hinge snapped within a month of normal use.",
            "Poor build quality, it feels cheap.",
            "Half of the units we ordered were defective.",
            "The screen stopped working after the first week.",
            "Items don't match the description and feel flimsy.",
            "Third faulty unit this year, I've lost patience.",
            "The battery dies way too fast and now it won't charge at all.",
            "Product quality is inconsistent from one order to the next.",
            "It leaks. Every single one we bought leaks.",
            "Returned it twice because of defects.",
            "The materials are cheap and it shows.",
            ("The device overheats and shuts itself down, which is a real problem when you are "
             "in the middle of a job with a customer watching."),
            "Stitching came apart after one wash.",
        ),
    ),
    _Theme(
        "support_wait_times", "Long waits to reach support or get a ticket answered", "high",
        False, "detractors", False, (0.17, 0.15, 0.05, 0.01),
        (
            "Support is impossible to reach.",
            "Nobody answers the phone, the wait times are ridiculous.",
            "I opened a ticket last month and still have no answer.",
            ("The chat says an agent will be with you shortly and then nothing happens for an "
             "hour."),
            "Response times from support are way too slow.",
            "Had to chase support three times before anyone responded.",
            "The callback I was promised never came.",
            "Long queues every time I call.",
            "Slow support, really slow.",
            "Emails to support go into a black hole.",
            ("When something breaks we wait days for help, and every day without a fix costs "
             "us money and makes my team look bad in front of our own clients."),
            "Support used to be quick, now it takes forever.",
            "I spent my whole lunch break in the phone queue.",
            "Waited 45 minutes on hold before anyone picked up.",
            "Waited over an hour on hold before anyone picked up.",
            "I was on hold for two hours before anyone answered.",
            "It took five days to get a reply to a simple question.",
            "It took over a week to get a reply to a simple question.",
            "Three days to answer a simple question is too long.",
        ),
    ),
    _Theme(
        "app_crashes", "The app or desktop client crashes, freezes or loses work", "high", False,
        "detractors", False, (0.15, 0.13, 0.04, 0.01),
        (
            "The app crashes every time I open the reports page.",
            "App keeps crashing on my iPhone.",
            "Crashes constantly on Android since last month.",
            "It freezes and then closes when I try to upload a photo.",
            "The mobile app is unusable, it crashes several times a day.",
            "Lost my work twice because the app crashed halfway through saving.",
            "Crashes whenever I switch between accounts.",
            "The desktop app hangs and I have to force quit it.",
            "Buggy app, it crashes all the time.",
            "Every release makes the app less stable.",
            "It crashes whenever I try to export to Excel.",
            "The app closes itself randomly.",
            "The app froze during checkout and I got charged twice.",
            "Constant crashes on my Samsung tablet.",
            ("Too many bugs, the app crashes at least once a day and I have to start again "
             "from scratch, which is not what I expect from a paid product."),
        ),
    ),
    _Theme(
        "delivery_tracking_updates",
        "No tracking e-mail or shipping notification; order status not updated", "low", True,
        "passives", False, (0.006, 0.035, 0.17, 0.006),
        (
            "I never got a tracking email for my order.",
            "The order status wasn't updated, it still said processing after it arrived.",
            "No tracking number was sent, so I had no idea when it would arrive.",
            "Would be nice to get an email when the order ships.",
            "The tracking link didn't work.",
            "The delivery itself was fine but the tracking page never updated.",
            ("I had to call to find out where my parcel was because there was no shipping "
             "notification."),
            "Order status was stuck on preparing for days although it had already shipped.",
            "Please send a dispatch confirmation with tracking.",
            "No updates about the delivery until it turned up at my door.",
            "The tracking info is always a day behind.",
            "Didn't receive any shipping confirmation email.",
            "Just let me know when my order is on its way, a tracking email would do.",
            "The tracking number in the email was wrong.",
            "The website says my order hasn't shipped but it arrived yesterday.",
            ("Delivery updates would be nice, I never know when to expect the package so I "
             "end up working from home all day waiting for it."),
            "No tracking email again.",
        ),
    ),
    _Theme(
        "invoice_download", "Invoices cannot be downloaded as PDF or are hard to find", "low",
        True, "passives", False, (0.005, 0.03, 0.15, 0.005),
        (
            "I can't download the invoice as a PDF.",
            "Invoices are really hard to find in the portal.",
            "The download invoice button does nothing.",
            ("Our finance team needs PDF invoices and I have to ask support for them every "
             "month, which is a waste of everyone's time."),
            "Where are the invoices? Took me ages to find them.",
            "Invoice PDF download gives an error.",
            "Please make invoices easier to download.",
            "I need VAT invoices and can only see a summary on screen.",
            "It would help if invoices were emailed automatically.",
            "Downloading old invoices is a pain, you can only see the last three months.",
            "The invoice page is buried under account settings.",
            "Every month I have to screenshot the invoice because the PDF won't download.",
            "Can't get a proper invoice for my expenses.",
            "The invoice PDF is blank when I open it.",
            "The billing section is confusing, I just want to download my invoices.",
            "Invoice download is broken.",
            "Bulk download of invoices would save me a lot of time at month end.",
        ),
    ),
    _Theme(
        "onboarding_confusing", "Setup and onboarding are confusing or slow", "medium", False,
        "mixed", False, (0.07, 0.10, 0.10, 0.03),
        (
            "The setup process was confusing.",
            "Onboarding took much longer than expected.",
            "Getting started was hard, the instructions don't match the screens.",
            "Nobody explained how to set up our team accounts.",
            "The welcome guide skips important steps.",
            "It took us weeks to get everything configured.",
            "The initial setup was a headache.",
            "I needed a call with support just to finish the setup wizard.",
            "The onboarding emails were generic and not very helpful.",
            "Too many steps to get started.",
            "The documentation for new users is out of date.",
            "The first week was frustrating, I couldn't figure out where anything was.",
            "Better onboarding videos would help our new staff.",
            "The setup wizard asked for things I didn't have yet.",
            ("Importing our data at the start was confusing and we ended up doing half of it "
             "by hand because the template didn't match our spreadsheet."),
            "Onboarding could be a lot simpler.",
        ),
    ),
    _Theme(
        "missing_integration", "Wants an integration with another tool", "medium", False,
        "mixed", False, (0.05, 0.08, 0.12, 0.05),
        (
            "We waste hours moving data between systems.",
            "Everything has to be exported and imported by hand.",
            "An open API would also help.",
            "It doesn't talk to any of the other tools we use.",
        ),
        templates=(
            "Please add an integration with {x}.",
            "We really need it to connect to {x}.",
            "No {x} integration is a deal breaker for us.",
            "Would love a native {x} integration.",
            "I have to copy everything into {x} by hand.",
            "If it synced with {x} it would be perfect.",
            "Missing an integration with {x}.",
            "The {x} connector you promised still isn't there.",
            ("Our team lives in {x}, so an integration would make a huge difference to how "
             "much we actually use your product day to day."),
            "Can you integrate with {x}? We'd use it every day.",
            "Exporting to {x} manually wastes hours every week.",
            "An integration with {x} is the one thing I'm missing.",
            "Any plans for {x} support?",
        ),
        slots=_TOOLS,
        example="Please add an integration with Salesforce.",
    ),
    _Theme(
        "friendly_support_staff", "Support staff are friendly and helpful", "medium", False,
        "promoters", True, (0.015, 0.03, 0.08, 0.27),
        (
            "The support staff are always friendly and helpful.",
            "Lovely people on the phone, they really care.",
            "Your customer service team is brilliant.",
            "Support went above and beyond to fix my issue.",
            "Every time I call, the staff are patient and kind.",
            "Great support team, very polite.",
            "The agent I spoke to was so helpful, thank you!",
            "Friendly staff who actually listen.",
            "Customer support is the best part of the service.",
            "Really appreciate how helpful the support team is.",
            ("I had a problem and the support person sorted it out quickly and with a smile, "
             "and even called back the next day to check everything was still working."),
            "Staff are knowledgeable and friendly.",
            "The support team is amazing.",
        ),
        templates=(
            "{x} from support was fantastic.",
            "Thanks to {x} for being so patient with me on the phone.",
        ),
        slots=_AGENTS,
    ),
    _Theme(
        "easy_to_use", "The product is easy and intuitive to use", "medium", False, "promoters",
        True, (0.015, 0.03, 0.09, 0.32),
        (
            "Very easy to use.",
            "Simple and intuitive, I figured it out in minutes.",
            "I love how easy it is.",
            "The interface is clean and straightforward.",
            "Even my least technical colleagues can use it.",
            "Easy to use and does exactly what I need.",
            "Super user friendly.",
            "Everything is where I expect it to be.",
            "It just works, every time.",
            "Intuitive design, no training needed.",
            "So much easier than the tool we used before.",
            "It makes my daily work a lot simpler.",
            "Really easy to set up reports.",
            "Straightforward and quick to learn.",
            "The app is easy to navigate.",
            ("I'm not a tech person at all and I had everything running on my own in one "
             "afternoon without reading a manual."),
        ),
    ),
    _Theme(
        "good_value", "Good value for money", "medium", False, "promoters", True,
        (0.008, 0.02, 0.07, 0.24),
        (
            "Great value for money.",
            "Good price for what you get.",
            "Worth every penny.",
            "Cheaper than the alternatives and better.",
            "Excellent value, we save a lot compared to our old supplier.",
            "Reasonably priced and reliable.",
            "You get a lot for the price.",
            "Fair pricing, no nasty surprises.",
            "The best value on the market in my opinion.",
            "The subscription pays for itself.",
            "Affordable and good quality.",
            "Good value for a small business like mine.",
            "For the price it's unbeatable.",
            "Quality products at a fair price.",
            "Really good deal.",
            ("We compared four suppliers last year and you were the cheapest by far while "
             "still doing everything we need."),
        ),
    ),
    _Theme(
        "login_after_update",
        "Cannot log in since the latest app update; two-factor codes never arrive", "medium",
        False, "detractors", False, (0.0, 0.0, 0.0, 0.0),
        (
            "I can't log in since the last app update.",
            "Since the update the login page just spins.",
            "The two-factor code never arrives.",
            "The 2FA text message never comes through, so I'm locked out.",
            "After updating the app it keeps saying my password is wrong.",
            "Locked out of my account since yesterday's update.",
            "Login is broken after the latest update.",
            "The verification code email never shows up.",
            "I updated the app and now I can't sign in at all.",
            "Every time I log in it asks for a code that never arrives.",
            "The new version logged me out and won't let me back in.",
            "Can't access my account after the update, please fix asap.",
            "Two-factor authentication has been broken since the update.",
            "Sign-in fails on the new app version.",
            ("Since the update I have to reset my password every single day and the reset "
             "email takes twenty minutes to arrive."),
            "Stuck in a login loop after the update.",
        ),
    ),
)

THEME_KEYS: tuple[str, ...] = tuple(t.key for t in _THEMES)
QUICK_WIN_THEMES: tuple[str, ...] = tuple(t.key for t in _THEMES if t.quick_win)
EMERGING_THEME = "login_after_update"
_EMERGING_INDEX = THEME_KEYS.index(EMERGING_THEME)
# Emerging theme: extra weight by score group, scaled by week (third-last, second-last, last).
_EMERGING_GROUP = np.array([1.0, 0.8, 0.6, 0.08])
_EMERGING_LEVEL = np.array([0.0, 0.05, 0.14, 0.32])

NON_ANSWERS = ("n/a", "N/A", "nothing", "no comment", "-", "...", "ok", "none", "nope",
               "\N{THUMBS UP SIGN}", "?", "na")

# Openers: (text, whether the sentence after it starts lower case).
_OPENERS: tuple[tuple[tuple[str, bool], ...], ...] = (
    (  # complaint from a detractor
        ("Honestly, ", True), ("Frankly, ", True), ("Really disappointed. ", False),
        ("Not happy. ", False), ("To be honest, ", True), ("Seriously, ", True),
        ("Ugh. ", False), ("Where do I start. ", False), ("Sadly ", True),
    ),
    (  # complaint from a passive or promoter
        ("Overall ok but ", True), ("Pretty happy overall, but ", True),
        ("Good product, however ", True), ("Mostly fine, but ", True), ("Small thing: ", False),
        ("Only gripe: ", False), ("Honestly, ", True), ("Not bad. ", False),
        ("Generally good. ", False),
    ),
    (  # praise from a passive or promoter
        ("Honestly, ", True), ("Love it. ", False), ("Great experience. ", False),
        ("Very happy! ", False), ("So far so good. ", False), ("Overall, ", True),
        ("Really pleased. ", False),
    ),
    (  # praise from a detractor
        ("To be fair, ", True), ("At least ", True), ("The one good thing: ", True),
        ("In fairness, ", True),
    ),
)
_CLOSERS: tuple[tuple[str, ...], ...] = (
    (" Please fix this.", " Very frustrating.", " Not good enough.", " Considering switching.",
     " Really disappointed.", " :(", " Sort it out please."),
    (" Fix that and it's a 10.", " Otherwise pretty happy.", " Small thing but annoying.",
     " Other than that, all good.", " Please sort it out.", " Thanks."),
    (" Keep it up!", " Thanks!", " :)", " 10/10.", " Would recommend.",
     " Great job \N{THUMBS UP SIGN}"),
    (" Shame about the rest.", " But that's about it.", " Not enough though."),
)
_FILLERS = (
    " Been a customer for about three years.", " We use it across two offices.",
    " I mostly use it on my phone.", " That's my only feedback.",
    " Our team is about fifteen people.", " Ordered again last week.",
    " I use it every day for work.",
)
_FIRST_NAMES = ("jane", "john", "alex", "maria", "sam", "li", "omar", "emma", "raj", "kate")
_LAST_NAMES = ("doe", "smith", "jones", "patel", "brown", "garcia", "nguyen", "taylor")
_FORMULA_COMMENTS = (
    ("=) love it, so easy to use", "easy_to_use"),
    ("+1 for the support team, always friendly", "friendly_support_staff"),
    ("-faster delivery updates would help, never know where my order is",
     "delivery_tracking_updates"),
    ("@support please call me, I still can't download my invoice", "invoice_download"),
    ("=( price went up again", "price_too_high"),
)

# Probabilities of the compositional variations of a themed comment.
_P_OPENER = 0.28
_P_SECOND = 0.12
_P_CLOSER = 0.2
_P_FILLER = 0.05
_P_DROP_PERIOD = 0.35
_P_LOWER = 0.12
_P_UPPER = 0.015
_P_TYPO = 0.10
_P_CONTACT = 0.006

_MIN_ROWS_FOR_BAD = 20


@dataclass(frozen=True)
class SampleSurvey:
    """A synthetic survey export and the truth planted in it.

    Attributes
    ----------
    survey : pandas.DataFrame
        The export in the canonical column order. ``responded_at`` is ISO text; ``score`` is
        ``int64`` unless bad rows were planted, in which case it is text (as read from a CSV).
    truth_assignments : pandas.DataFrame
        ``respondent_id`` and ``theme`` for every survey row, in the same order.
    truth_themes : pandas.DataFrame
        One row per planted theme: ``theme``, ``description``, ``effort``, ``quick_win``,
        ``concentrated_in``, ``first_week_index``, ``example``.
    """

    survey: pd.DataFrame
    truth_assignments: pd.DataFrame
    truth_themes: pd.DataFrame


# ---------------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------------


def _lower_first(sentence: str) -> str:
    first = sentence.split(" ", 1)[0].rstrip(",.!?")
    if first in _PROPER_NOUNS or first.isupper() or not sentence[:1].isupper():
        return sentence
    return sentence[0].lower() + sentence[1:]


def _theme_pool(theme: _Theme) -> list[str]:
    return list(theme.sentences) + [t.format(x=s) for t in theme.templates for s in theme.slots]


def _typo(text: str, where: float, kind: float) -> str:
    """Swap two adjacent letters or drop one, at a position chosen by ``where`` in [0, 1)."""
    spots = [i for i in range(len(text) - 1) if text[i].isalpha() and text[i + 1].isalpha()]
    if not spots:
        return text
    i = spots[int(where * len(spots))]
    if kind < 0.5 and text[i] != text[i + 1]:
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    return text[:i] + text[i + 1:]


def _contact_suffix(kind: int, a: int, b: int, number: int) -> str:
    first, last = _FIRST_NAMES[a % len(_FIRST_NAMES)], _LAST_NAMES[b % len(_LAST_NAMES)]
    if kind == 0:
        return f" Call me on +44 20 7946 0{number % 1000:03d}."
    if kind == 1:
        return f" You can reach me at 555-01{number % 100:02d}"
    if kind == 2:
        return f" Email me at {first}.{last}@example.com if you want details."
    if kind == 3:
        return f" My email is {first}{number % 100}@example.org"
    return f" Please phone me: +44 20 7946 0{number % 1000:03d} or {first}@example.com"


def _pick(pool: Sequence[str], u: np.ndarray) -> np.ndarray:
    """Index an object array built from ``pool`` with uniforms ``u`` in [0, 1)."""
    arr = np.array(pool, dtype=object)
    return arr[np.minimum((u * len(arr)).astype(np.int64), len(arr) - 1)]


# ---------------------------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------------------------


def _draw_scores(rng: np.random.Generator, segment: np.ndarray) -> np.ndarray:
    n = segment.size
    u_score = rng.random(n)
    score = np.empty(n, dtype=np.int64)
    for s in range(len(SEGMENTS)):
        rows = np.flatnonzero(segment == s)
        consumer = SEGMENTS[s] == "Consumer"
        det = _CONSUMER_DETRACTOR_SHAPE if consumer else _DETRACTOR_SHAPE
        pro = _CONSUMER_PROMOTER_SHAPE if consumer else _PROMOTER_SHAPE
        dist = np.concatenate([
            _SEGMENT_GROUPS[s, 0] * det / det.sum(),
            _SEGMENT_GROUPS[s, 1] * _PASSIVE_SHAPE / _PASSIVE_SHAPE.sum(),
            _SEGMENT_GROUPS[s, 2] * pro / pro.sum(),
        ])
        cum = np.cumsum(dist / dist.sum())
        score[rows] = np.minimum(np.searchsorted(cum, u_score[rows], side="right"), 10)
    return score


def _draw_themes(
    rng: np.random.Generator, group: np.ndarray, late_level: np.ndarray
) -> np.ndarray:
    base = np.array([t.weights for t in _THEMES], dtype=float).T  # (4 groups, n themes)
    u = rng.random(group.size)
    theme = np.empty(group.size, dtype=np.int64)
    for g in range(4):
        for level in range(len(_EMERGING_LEVEL)):
            rows = np.flatnonzero((group == g) & (late_level == level))
            if rows.size == 0:
                continue
            w = base[g].copy()
            w[_EMERGING_INDEX] = _EMERGING_GROUP[g] * _EMERGING_LEVEL[level] * base[g].sum()
            cum = np.cumsum(w / w.sum())
            theme[rows] = np.minimum(np.searchsorted(cum, u[rows], side="right"), len(w) - 1)
    return theme


def _compose_comments(
    rng: np.random.Generator, theme: np.ndarray, group: np.ndarray
) -> np.ndarray:
    """Compose one comment per row of ``theme`` (theme indices) from the phrase pools."""
    n = theme.size
    u = rng.random((11, n))
    u_base, u_op, u_opi, u_sec, u_seci, u_clo, u_cloi, u_fill, u_filli, u_drop, u_case = u
    typo = rng.random((3, n))
    pools = [_theme_pool(t) for t in _THEMES]
    positive = np.array([t.positive for t in _THEMES])[theme]
    low = group <= 1
    style = np.where(positive, np.where(low, 3, 2), np.where(low, 0, 1))

    opener = np.full(n, "", dtype=object)
    lower_next = np.zeros(n, dtype=bool)
    has_opener = u_op < _P_OPENER
    for s, openers in enumerate(_OPENERS):
        rows = np.flatnonzero(has_opener & (style == s))
        pick = np.minimum((u_opi[rows] * len(openers)).astype(np.int64), len(openers) - 1)
        opener[rows] = np.array([o[0] for o in openers], dtype=object)[pick]
        lower_next[rows] = np.array([o[1] for o in openers])[pick]

    body = np.empty(n, dtype=object)
    second = np.full(n, "", dtype=object)
    has_second = u_sec < _P_SECOND
    for t, pool in enumerate(pools):
        rows = np.flatnonzero(theme == t)
        if rows.size == 0:
            continue
        idx = np.minimum((u_base[rows] * len(pool)).astype(np.int64), len(pool) - 1)
        cap = np.array(pool, dtype=object)
        low_first = np.array([_lower_first(p) for p in pool], dtype=object)
        body[rows] = np.where(lower_next[rows], low_first[idx], cap[idx])
        plain = _THEMES[t].sentences
        rows2 = rows[has_second[rows]]
        idx2 = np.minimum((u_seci[rows2] * len(plain)).astype(np.int64), len(plain) - 1)
        clash = idx2 == idx[has_second[rows]]
        idx2[clash] = (idx2[clash] + 1) % len(plain)
        second[rows2] = np.array([" " + p for p in plain], dtype=object)[idx2]

    closer = np.full(n, "", dtype=object)
    has_closer = u_clo < _P_CLOSER
    for s, closers in enumerate(_CLOSERS):
        rows = np.flatnonzero(has_closer & (style == s))
        closer[rows] = _pick(closers, u_cloi[rows])
    filler = np.full(n, "", dtype=object)
    rows = np.flatnonzero(u_fill < _P_FILLER)
    filler[rows] = _pick(_FILLERS, u_filli[rows])

    text = opener + body + second + closer + filler
    # Casual endings, case and typos, row by row but only where they apply.
    for i in np.flatnonzero(u_drop < _P_DROP_PERIOD):
        text[i] = text[i].removesuffix(".")
    for i in np.flatnonzero(u_case < _P_LOWER):
        text[i] = text[i].lower()
    for i in np.flatnonzero((u_case >= _P_LOWER) & (u_case < _P_LOWER + _P_UPPER)):
        text[i] = text[i].upper()
    for i in np.flatnonzero(typo[0] < _P_TYPO):
        text[i] = _typo(text[i], typo[1, i], typo[2, i])
    return text


def _monday(start: str) -> np.datetime64:
    day = dt.date.fromisoformat(start)
    if day.weekday() != 0:
        raise ValueError(f"start must be a Monday, got {start} ({day:%A})")
    return np.datetime64(day.isoformat(), "D")


def _truth_themes(n_weeks: int) -> pd.DataFrame:
    return pd.DataFrame({
        "theme": [t.key for t in _THEMES],
        "description": [t.description for t in _THEMES],
        "effort": [t.effort for t in _THEMES],
        "quick_win": [t.quick_win for t in _THEMES],
        "concentrated_in": [t.concentrated_in for t in _THEMES],
        "first_week_index": [max(n_weeks - 3, 0) if t.key == EMERGING_THEME else 0
                             for t in _THEMES],
        "example": [t.example or t.sentences[0] for t in _THEMES],
    })


def generate_survey(
    n_responses: int = 3600,
    n_weeks: int = 20,
    seed: int = 20261122,
    start: str = "2026-06-29",
    bad_rows: bool = True,
) -> SampleSurvey:
    """Generate a synthetic NPS survey export with planted comment themes.

    Parameters
    ----------
    n_responses : int, default 3600
        Number of valid responses. With ``bad_rows`` a few invalid rows are added on top.
    n_weeks : int, default 20
        Number of ISO weeks the responses are spread over.
    seed : int, default 20261122
        Seed for :func:`numpy.random.default_rng`; the same arguments give identical output.
    start : str, default "2026-06-29"
        ISO date of the Monday that starts the first week.
    bad_rows : bool, default True
        Interleave a handful of invalid rows (score ``"eight"``, ``"11"``, ``"-1"``,
        ``"7.5"``, blank; date ``"31/02/2026"``; lifetime value ``-50``) and one legitimate
        duplicate respondent (a later answer that supersedes an earlier one).

    Returns
    -------
    SampleSurvey
        The export, one truth row per export row, and the planted theme catalogue.

    Raises
    ------
    ValueError
        If ``n_responses`` or ``n_weeks`` is below 1, ``start`` is not a Monday, or
        ``bad_rows`` is requested for fewer than 20 responses.
    """
    if n_responses < 1 or n_weeks < 1:
        raise ValueError("n_responses and n_weeks must be at least 1")
    if bad_rows and n_responses < _MIN_ROWS_FOR_BAD:
        raise ValueError(f"bad_rows needs at least {_MIN_ROWS_FOR_BAD} responses")
    first_day = _monday(start)
    rng = np.random.default_rng(seed)
    n_bad = 7 if bad_rows else 0
    n = n_responses + n_bad

    # When: weekly volume varies mildly, weekends are quieter; rows are in date order.
    weeks = np.arange(n_weeks)
    week_w = np.clip(1 + 0.12 * np.sin(2 * np.pi * weeks / 5) + rng.normal(0, 0.05, n_weeks),
                     0.6, None)
    day_w = (week_w[:, None] * _WEEKDAY_WEIGHT[None, :]).ravel()
    offset = np.sort(rng.choice(day_w.size, size=n, p=day_w / day_w.sum()))
    week = offset // 7
    dates = np.datetime_as_string(first_day + np.arange(day_w.size), unit="D").astype(object)

    # Who.
    digits = max(7, len(str(2 * n)))
    space = 9 * 10 ** (digits - 1)
    ids = rng.choice(space, size=n, replace=False) + 10 ** (digits - 1)
    respondent_id = np.array([f"C{i}" for i in ids.tolist()], dtype=object)
    segment = rng.choice(len(SEGMENTS), size=n, p=_SEGMENT_SHARE / _SEGMENT_SHARE.sum())
    score = _draw_scores(rng, segment)
    group = _SCORE_GROUP[score]
    nps_group = np.select([score <= 6, score <= 8], [0, 1], 2)

    ltv = np.exp(np.log(_LTV_MEDIAN[segment]) + _LTV_SIGMA[segment] * rng.standard_normal(n))
    ltv[rng.random(n) < 0.01] = 0.0
    ltv = np.round(ltv, 2)
    contact = np.array(CONTACT_STATUSES, dtype=object)[
        rng.choice(len(CONTACT_STATUSES), size=n, p=_CONTACT_SHARE / _CONTACT_SHARE.sum())]

    # Usage falls for a share of passives and (more often) detractors.
    usage_prev = np.round(_USAGE_MEDIAN[segment] * np.exp(0.7 * rng.standard_normal(n)))
    falls = rng.random(n) < np.array([0.45, 0.30, 0.08])[nps_group]
    ratio = np.where(falls, rng.uniform(0.25, 0.85, n),
                     np.clip(rng.normal(1.03, 0.12, n), 0.5, None))
    ratio[(nps_group == 0) & (rng.random(n) < 0.03)] = 0.0
    usage_prev = usage_prev.astype(np.int64)
    usage_cur = np.round(usage_prev * ratio).astype(np.int64)
    purchased = 1 + np.minimum(rng.poisson(_FEATURES_LAMBDA[segment]), 19)
    shallow = rng.random(n) < np.array([0.30, 0.25, 0.15])[nps_group]
    depth = np.where(shallow, 0.25, np.array([0.6, 0.7, 0.8])[nps_group])
    used = rng.binomial(purchased, depth)
    used[rng.random(n) < 0.02] += 1  # a few use a feature on trial beyond what they bought

    # What they wrote.
    late_level = np.clip(week - (n_weeks - 4), 0, 3)
    kind_u = rng.random(n)
    empty = kind_u < _EMPTY_SHARE[group]
    non_answer = ~empty & (kind_u < _EMPTY_SHARE[group] + _NON_ANSWER_SHARE[group])
    themed = ~empty & ~non_answer
    theme = _draw_themes(rng, group, late_level)
    comment = np.full(n, "", dtype=object)
    na_u = rng.random(n)
    comment[non_answer] = _pick(NON_ANSWERS, na_u[non_answer])
    rows = np.flatnonzero(themed)
    comment[rows] = _compose_comments(rng, theme[rows], group[rows])
    contact_u = rng.random((5, n))
    for i in np.flatnonzero(themed & (contact_u[0] < _P_CONTACT)):
        sep = "" if comment[i][-1:] in ".!?" else "."
        comment[i] += sep + _contact_suffix(int(contact_u[1, i] * 5), int(contact_u[2, i] * 10),
                                            int(contact_u[3, i] * 8), int(contact_u[4, i] * 1000))
    for text, key in _FORMULA_COMMENTS:
        candidates = np.flatnonzero(themed & (theme == THEME_KEYS.index(key))
                                    & (contact_u[0] >= _P_CONTACT))
        if candidates.size:
            comment[candidates[int(rng.random() * candidates.size)]] = text
    truth = np.array(THEME_KEYS, dtype=object)[theme]
    truth[empty] = "none"
    truth[non_answer] = "non_answer"

    score_col: np.ndarray = score
    ltv_col = ltv
    date_col = dates[offset]
    if bad_rows:
        # Invalid cells, interleaved at random rows; each row gets exactly one problem.
        bad = np.sort(rng.choice(n, size=n_bad, replace=False))
        defects = rng.permutation(n_bad)
        score_col = np.array([str(s) for s in score.tolist()], dtype=object)
        date_col = date_col.copy()
        for row, defect in zip(bad.tolist(), defects.tolist(), strict=True):
            if defect < 5:
                score_col[row] = ("eight", "11", "-1", "7.5", "")[defect]
            elif defect == 5:
                date_col[row] = "31/02/2026"
            else:
                ltv_col[row] = -50.0
            truth[row] = "invalid"
        # A legitimate repeat: an early respondent answers again later with another score.
        ok = np.ones(n, dtype=bool)
        ok[bad] = False
        early = np.flatnonzero(ok & (np.arange(n) < n // 3))
        first = early[int(rng.random() * early.size)]
        later = np.flatnonzero(ok & (offset > offset[first]) & (score != score[first])
                               & (np.arange(n) > n // 2))
        respondent_id[later[int(rng.random() * later.size)]] = respondent_id[first]

    survey = pd.DataFrame({
        "respondent_id": respondent_id,
        "score": score_col,
        "comment": comment,
        "responded_at": date_col,
        "segment": np.array(SEGMENTS, dtype=object)[segment],
        "lifetime_value": ltv_col,
        "contact_status": contact,
        "usage_current": usage_cur,
        "usage_previous": usage_prev,
        "features_purchased": purchased.astype(np.int64),
        "features_used": used.astype(np.int64),
    })
    assignments = pd.DataFrame({"respondent_id": respondent_id, "theme": truth})
    return SampleSurvey(survey=survey, truth_assignments=assignments,
                        truth_themes=_truth_themes(n_weeks))


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8", float_format="%.2f")


def write_sample(out_dir: str | Path, **kwargs: Any) -> dict[str, Path]:
    """Generate a sample and write its three CSV files.

    The files are ``survey.csv``, ``truth_themes.csv`` and ``truth_assignments.csv`` (UTF-8,
    Unix line endings, two decimals for ``lifetime_value``).

    Parameters
    ----------
    out_dir : str or pathlib.Path
        Folder to write into; created if missing.
    **kwargs
        Passed to :func:`generate_survey`.

    Returns
    -------
    dict of str to pathlib.Path
        Keys ``"survey"``, ``"truth_themes"``, ``"truth_assignments"``.
    """
    sample = generate_survey(**kwargs)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {name: out / f"{name}.csv"
             for name in ("survey", "truth_themes", "truth_assignments")}
    _write_csv(sample.survey, paths["survey"])
    _write_csv(sample.truth_themes, paths["truth_themes"])
    _write_csv(sample.truth_assignments, paths["truth_assignments"])
    return paths


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m passives_lib._sample --out data/sample``.

    Parameters
    ----------
    argv : list of str, optional
        Arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        Exit status, 0 on success.
    """
    parser = argparse.ArgumentParser(
        prog="python -m passives_lib._sample",
        description="Write a synthetic NPS survey export and its planted truth.")
    parser.add_argument("--out", default="data/sample", help="output folder")
    parser.add_argument("--rows", type=int, default=3600, help="number of valid responses")
    parser.add_argument("--weeks", type=int, default=20, help="number of ISO weeks")
    parser.add_argument("--seed", type=int, default=20261122, help="random seed")
    parser.add_argument("--start", default="2026-06-29", help="Monday of the first week")
    parser.add_argument("--no-bad-rows", action="store_true", help="omit the invalid rows")
    args = parser.parse_args(argv)
    paths = write_sample(args.out, n_responses=args.rows, n_weeks=args.weeks, seed=args.seed,
                         start=args.start, bad_rows=not args.no_bad_rows)
    for path in paths.values():
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
