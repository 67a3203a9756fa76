"""The planted theme catalogue of the synthetic survey (:mod:`passives_lib.sample._generate`).

Each :class:`_Theme` is one comment theme the generator plants: its description and effort,
whether it is a quick win, where it is concentrated, its weight in each score group, and the
many phrasings (plain sentences, plus templates filled from ``slots``) that comments are
composed from. The order of :data:`_THEMES` is part of the seeded output: changing it, or any
phrasing, changes the generated sample.
"""

from __future__ import annotations

from passives_lib.sample._emerging import EMERGING, EMERGING_THEME
from passives_lib.sample._planted import _Theme

_TOOLS = (
    "Salesforce",
    "HubSpot",
    "Slack",
    "Microsoft Teams",
    "Xero",
    "QuickBooks",
    "Shopify",
    "Zapier",
    "Google Sheets",
    "SAP",
    "Jira",
    "Outlook",
)
_AGENTS = ("Sarah", "Tom", "Priya", "Marco", "Aisha", "James", "Chen", "Laura")
_PROPER_NOUNS = frozenset(_TOOLS + _AGENTS + ("I", "I'm", "I've", "I'd", "I'll"))

_THEMES: tuple[_Theme, ...] = (
    _Theme(
        "price_too_high",
        "Price is too high or keeps rising at renewal",
        "high",
        False,
        "detractors",
        False,
        (0.24, 0.19, 0.06, 0.015),
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
            (
                "The per-user licence model makes it far too expensive to roll out to the rest of "
                "the company, so only half of our people have access."
            ),
            "I'd recommend it if it wasn't so expensive.",
            "We're looking at cheaper options because of the price.",
            "Expensive. Very expensive.",
            "Your prices have doubled in two years, that's not acceptable.",
            "Delivery charges on top of the price make it hard to justify.",
        ),
    ),
    _Theme(
        "product_quality_defects",
        "Products arrive faulty, break early or feel cheap",
        "high",
        False,
        "detractors",
        False,
        (0.20, 0.15, 0.045, 0.01),
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
            (
                "The device overheats and shuts itself down, which is a real problem when you are "
                "in the middle of a job with a customer watching."
            ),
            "Stitching came apart after one wash.",
        ),
    ),
    _Theme(
        "support_wait_times",
        "Long waits to reach support or get a ticket answered",
        "high",
        False,
        "detractors",
        False,
        (0.17, 0.15, 0.05, 0.01),
        (
            "Support is impossible to reach.",
            "Nobody answers the phone, the wait times are ridiculous.",
            "I opened a ticket last month and still have no answer.",
            (
                "The chat says an agent will be with you shortly and then nothing happens for an "
                "hour."
            ),
            "Response times from support are way too slow.",
            "Had to chase support three times before anyone responded.",
            "The callback I was promised never came.",
            "Long queues every time I call.",
            "Slow support, really slow.",
            "Emails to support go into a black hole.",
            (
                "When something breaks we wait days for help, and every day without a fix costs "
                "us money and makes my team look bad in front of our own clients."
            ),
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
        "app_crashes",
        "The app or desktop client crashes, freezes or loses work",
        "high",
        False,
        "detractors",
        False,
        (0.15, 0.13, 0.04, 0.01),
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
            (
                "Too many bugs, the app crashes at least once a day and I have to start again "
                "from scratch, which is not what I expect from a paid product."
            ),
        ),
    ),
    _Theme(
        "delivery_tracking_updates",
        "No tracking e-mail or shipping notification; order status not updated",
        "low",
        True,
        "passives",
        False,
        (0.006, 0.035, 0.17, 0.006),
        (
            "I never got a tracking email for my order.",
            "The order status wasn't updated, it still said processing after it arrived.",
            "No tracking number was sent, so I had no idea when it would arrive.",
            "Would be nice to get an email when the order ships.",
            "The tracking link didn't work.",
            "The delivery itself was fine but the tracking page never updated.",
            (
                "I had to call to find out where my parcel was because there was no shipping "
                "notification."
            ),
            "Order status was stuck on preparing for days although it had already shipped.",
            "Please send a dispatch confirmation with tracking.",
            "No updates about the delivery until it turned up at my door.",
            "The tracking info is always a day behind.",
            "Didn't receive any shipping confirmation email.",
            "Just let me know when my order is on its way, a tracking email would do.",
            "The tracking number in the email was wrong.",
            "The website says my order hasn't shipped but it arrived yesterday.",
            (
                "Delivery updates would be nice, I never know when to expect the package so I "
                "end up working from home all day waiting for it."
            ),
            "No tracking email again.",
        ),
    ),
    _Theme(
        "invoice_download",
        "Invoices cannot be downloaded as PDF or are hard to find",
        "low",
        True,
        "passives",
        False,
        (0.005, 0.03, 0.15, 0.005),
        (
            "I can't download the invoice as a PDF.",
            "Invoices are really hard to find in the portal.",
            "The download invoice button does nothing.",
            (
                "Our finance team needs PDF invoices and I have to ask support for them every "
                "month, which is a waste of everyone's time."
            ),
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
        "onboarding_confusing",
        "Setup and onboarding are confusing or slow",
        "medium",
        False,
        "mixed",
        False,
        (0.07, 0.10, 0.10, 0.03),
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
            (
                "Importing our data at the start was confusing and we ended up doing half of it "
                "by hand because the template didn't match our spreadsheet."
            ),
            "Onboarding could be a lot simpler.",
        ),
    ),
    _Theme(
        "missing_integration",
        "Wants an integration with another tool",
        "medium",
        False,
        "mixed",
        False,
        (0.05, 0.08, 0.12, 0.05),
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
            (
                "Our team lives in {x}, so an integration would make a huge difference to how "
                "much we actually use your product day to day."
            ),
            "Can you integrate with {x}? We'd use it every day.",
            "Exporting to {x} manually wastes hours every week.",
            "An integration with {x} is the one thing I'm missing.",
            "Any plans for {x} support?",
        ),
        slots=_TOOLS,
        example="Please add an integration with Salesforce.",
    ),
    _Theme(
        "friendly_support_staff",
        "Support staff are friendly and helpful",
        "medium",
        False,
        "promoters",
        True,
        (0.015, 0.03, 0.08, 0.27),
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
            (
                "I had a problem and the support person sorted it out quickly and with a smile, "
                "and even called back the next day to check everything was still working."
            ),
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
        "easy_to_use",
        "The product is easy and intuitive to use",
        "medium",
        False,
        "promoters",
        True,
        (0.015, 0.03, 0.09, 0.32),
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
            (
                "I'm not a tech person at all and I had everything running on my own in one "
                "afternoon without reading a manual."
            ),
        ),
    ),
    _Theme(
        "good_value",
        "Good value for money",
        "medium",
        False,
        "promoters",
        True,
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
            (
                "We compared four suppliers last year and you were the cheapest by far while "
                "still doing everything we need."
            ),
        ),
    ),
    EMERGING,
)

THEME_KEYS: tuple[str, ...] = tuple(t.key for t in _THEMES)
QUICK_WIN_THEMES: tuple[str, ...] = tuple(t.key for t in _THEMES if t.quick_win)
_EMERGING_INDEX = THEME_KEYS.index(EMERGING_THEME)
