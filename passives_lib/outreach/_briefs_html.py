"""A printable page of call briefs per caller (``briefs/<caller>.html``).

Every value on the page goes through :func:`html.escape` after customers' words were masked
for personal data and cleaned of markup (:func:`passives_lib.outreach._customer_facts.clean_words`
when the brief was built, masked again here), so a comment such as
``<img src=x onerror=alert(1)>`` shows as text and runs nothing. The page needs no script and
no network; each person starts on a new printed page.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from passives_lib.core import mask_personal_data, write_text
from passives_lib.outreach._briefs import CallBrief

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-bottom: .3em; }
section { border-top: 1px solid #ccc; padding-top: .6em; margin-top: 1em; }
dl { display: grid; grid-template-columns: 10em 1fr; gap: .2em .8em; margin: 0; }
dt { font-weight: 600; } dd { margin: 0; }
blockquote { margin: .3em 0; font-style: italic; }
.aim { background: #f3f3f3; padding: .4em .6em; }
@media print {
  section { page-break-inside: avoid; }
  section + section { page-break-before: always; }
}
"""


def _text(value: object, mask: bool = False) -> str:
    """Escaped; customers' words (``mask=True``) masked for personal data again first."""
    text = "" if value is None else str(value)
    return html.escape(mask_personal_data(text) if mask else text, quote=True)


CONTACT_LABELS = {
    "name": "Name",
    "phone": "Phone",
    "email": "E-mail",
    "account_owner": "Account owner",
    "channel": "Channel",
}
PRIVATE_NOTE = (
    "Private: this page holds customers' contact details. It is readable by its owner only "
    "(0600); do not forward it or leave it printed."
)


def brief_section(brief: CallBrief) -> str:
    """One person's brief as an HTML ``<section>``, every value escaped.

    Parameters
    ----------
    brief : CallBrief
        The brief.

    Returns
    -------
    str
        HTML.
    """
    lean = f" ({brief.lean})" if brief.lean else ""
    facts = [(CONTACT_LABELS[name], value) for name, value in brief.contact]
    facts += [("Score", f"{brief.score}{lean}"), ("List", brief.list_name.replace("_", " "))]
    if brief.theme:
        fixed = f", {brief.fixed_note()}" if brief.fixed_on else ", not marked fixed"
        facts.append(("Theme", mask_personal_data(brief.theme) + fixed))
    if brief.unused_features:
        facts.append(("Unused features", mask_personal_data(brief.unused_features)))
    if brief.usage_change:
        facts.append(("Usage", brief.usage_change))
    facts.append(("Next step", brief.next_step))
    rows = "".join(f"<dt>{_text(k)}</dt><dd>{_text(v)}</dd>" for k, v in facts)
    wrote = (
        f"<blockquote>{_text(brief.wrote, mask=True)}</blockquote>"
        if brief.wrote
        else "<p>No comment.</p>"
    )
    questions = "".join(f"<li>{_text(q)}</li>" for q in brief.questions)
    return (
        f"<section><h2>{_text(brief.respondent_id)}</h2>"
        f'<p class="aim">Aim: {_text(brief.aim)}</p>'
        f"<dl>{rows}</dl><h3>What they wrote</h3>{wrote}"
        f"<h3>Ask</h3><ol>{questions}</ol></section>"
    )


def briefs_page(briefs: list[CallBrief], caller: str, week: str | None = None) -> str:
    """A complete, printable HTML page of one caller's briefs.

    Parameters
    ----------
    briefs : list of CallBrief
        The caller's people, in call order.
    caller : str
        The caller's name (the briefs' ``assignee``).
    week : str, optional
        The ISO week, for the title.

    Returns
    -------
    str
        The page.

    Examples
    --------
    >>> "&lt;Ana&gt;" in briefs_page([], "<Ana>")
    True
    """
    title = f"Call briefs for {caller}" + (f", {week}" if week else "")
    body = "".join(brief_section(b) for b in briefs) or "<p>Nobody to call.</p>"
    private = f'<p class="aim">{_text(PRIVATE_NOTE)}</p>' if has_contacts(briefs) else ""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{_text(title)}</title><style>{_STYLE}</style></head>"
        f"<body><h1>{_text(title)}</h1>{private}<p>{len(briefs)} "
        f"{'person' if len(briefs) == 1 else 'people'} to call.</p>{body}</body></html>"
    )


def has_contacts(briefs: list[CallBrief]) -> bool:
    """Whether any of the briefs shows contact details (its page is then written 0600)."""
    return any(b.contact for b in briefs)


def caller_file_stems(callers: list[str]) -> dict[str, str]:
    """Each caller's file name without extension; two that clash get ``-2``, ``-3`` ...

    Examples
    --------
    >>> caller_file_stems(["Ana Ruiz", "ana ruiz!", "Ben"])
    {'Ana Ruiz': 'ana-ruiz', 'ana ruiz!': 'ana-ruiz-2', 'Ben': 'ben'}
    """
    stems: dict[str, str] = {}
    for caller in callers:
        stem = base = caller_file_name(caller).removesuffix(".html")
        n = 2
        while stem in stems.values():
            stem, n = f"{base}-{n}", n + 1
        stems[caller] = stem
    return stems


def caller_file_name(caller: str) -> str:
    """A file name for a caller's page: lower case, words joined by hyphens.

    Examples
    --------
    >>> caller_file_name("Ben Okafor (VP Customer Experience)")
    'ben-okafor-vp-customer-experience.html'
    """
    slug = "-".join(re.findall(r"[a-z0-9]+", caller.lower())) or "caller"
    return f"{slug}.html"


def write_brief_pages(
    briefs: list[CallBrief], out_dir: str | Path, week: str | None = None
) -> dict[str, Path]:
    """Write one page per caller, ``<out_dir>/briefs/<caller>.html``.

    Parameters
    ----------
    briefs : list of CallBrief
        Every brief of the week (call list and management sample), grouped here by
        ``assignee`` in order of first appearance.
    out_dir : str or Path
        The week's output folder; ``briefs/`` is created in it.
    week : str, optional
        The ISO week, for the titles.

    Returns
    -------
    dict of str to Path
        Caller to the page written. Two callers whose names give the same file name get
        ``-2``, ``-3`` ... suffixes. A page with contact details is written private (0600).
    """
    folder = Path(out_dir) / "briefs"
    folder.mkdir(parents=True, exist_ok=True)
    by_caller: dict[str, list[CallBrief]] = {}
    for brief in briefs:
        by_caller.setdefault(brief.assignee, []).append(brief)
    stems = caller_file_stems(list(by_caller))
    written: dict[str, Path] = {}
    for caller, people in by_caller.items():
        page = briefs_page(people, caller, week)
        path = write_text(page, folder / f"{stems[caller]}.html", private=has_contacts(people))
        written[caller] = path
    return written
