"""One name per concept: the constants every layer shares (see ARCHITECTURE.md's glossary)."""

from __future__ import annotations

__all__ = [
    "CSV_NAMES",
    "CANONICAL_COLUMNS",
    "CONTACT_COLUMNS",
    "CRM_FORMATS",
    "CALL_LISTS",
    "CLOSING_STATUSES",
    "CONTACT_LISTS",
    "OUTREACH_LISTS",
    "OUTREACH_STATUSES",
    "CONTACT_STATUSES",
    "DO_NOT_CONTACT",
    "FINAL_STATUSES",
    "FOLLOW_UP_STATUSES",
    "LEDGER_STATUSES",
    "NON_ANSWER_THEME_ID",
    "NOT_CONTACTED",
    "OTHER_THEME_ID",
]

NOT_CONTACTED = "not_contacted"
# The contact statuses of a survey export's ``contact_status`` column.
CONTACT_STATUSES = (NOT_CONTACTED, "contacted", "responded", "converted", "declined", "no_answer")
# Outcomes recorded after an answer: an incentive sent, a panel invitation accepted or declined.
FOLLOW_UP_STATUSES = ("incentive_sent", "panel_joined", "panel_declined")
# A customer who asked never to be contacted again (kept apart from ``declined``, which closes
# one case): no list of any week ever proposes them again.
DO_NOT_CONTACT = "do_not_contact"
# The statuses the contact ledger records (everything but "not contacted yet").
LEDGER_STATUSES = CONTACT_STATUSES[1:] + FOLLOW_UP_STATUSES + (DO_NOT_CONTACT,)
# Statuses after which a passive is never proposed for outreach again.
FINAL_STATUSES = ("converted", "declined")

# The outreach lists of a week's plan, and which of them mean that the customer is contacted.
OUTREACH_LISTS = ("call_list", "management_sample", "panel_invites", "incentives_due")
# A panel invitation is a contact that awaits an answer like a call (the contact policy).
CONTACT_LISTS = ("call_list", "management_sample", "panel_invites")
# The lists someone calls, with a call brief.
CALL_LISTS = ("call_list", "management_sample")
# Statuses that mean the customer answered; statuses that mean we reached out, no answer yet.
CLOSING_STATUSES = ("responded", "converted", "declined")
OUTREACH_STATUSES = ("contacted", "no_answer")

# Theme ids that are not themes: a comment too far from every theme, and a non-answer.
OTHER_THEME_ID = -1
NON_ANSWER_THEME_ID = -2

# The columns of a survey export after mapping (see the README's input format).
CANONICAL_COLUMNS = (
    "respondent_id",
    "score",
    "comment",
    "responded_at",
    "segment",
    "lifetime_value",
    "contact_status",
    "usage_current",
    "usage_previous",
    "features_purchased",
    "features_used",
)

# Contact details an export may hold (mapped in ``columns:`` only, never recognised by
# themselves): read beside the responses, shown only on a caller's own list and brief pages.
CONTACT_COLUMNS = ("name", "phone", "email", "account_owner", "channel")
# The CRM layouts the week's calls are written in and activity exports are read from.
CRM_FORMATS = ("generic", "salesforce", "hubspot")

# Column names in the CSV files, where a frame in memory uses a shorter name: one name per
# concept in every file (see ARCHITECTURE.md's glossary). The 0-10 answer is ``nps_score``;
# a quick win's own score is ``win_score``; a theme's name is ``theme_label``.
CSV_NAMES = {
    "responses": {"score": "nps_score"},
    "themes": {"label": "theme_label", "keywords": "theme_keywords"},
    "findings": {
        "label": "theme_label",
        "keywords": "theme_keywords",
        "effort": "theme_effort",
        "polarity": "theme_polarity",
    },
    "quick_wins": {"score": "win_score", "effort": "theme_effort"},
}
