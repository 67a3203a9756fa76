"""``slides.html``: the round-table deck as one offline reveal.js file, 16:9 (1280x720).

The slides (:mod:`passives_lib.report._deck`) are placed in a page with reveal.js (the copy
vendored in ``passives_lib/report/vendor/revealjs``, MIT), its style sheet and white theme
inlined: one file that makes no network request (its Content-Security-Policy allows nothing
but what it carries) and weighs a few hundred kilobytes, since its chart is an inline SVG,
not plotly.js. The type is large (titles 44 px, messages 30 px, body 24 px at 1280x720),
numbers never wrap, and every slide fits 1280x720 without scrolling (the browser tests check).
"""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path
from typing import Any

from passives_lib.core import ReportError
from passives_lib.report._build import SUMMARY_FILE
from passives_lib.report._deck import Slide, deck_slides
from passives_lib.report._digest import DIGEST_FILE
from passives_lib.report._html import escape

REVEAL_VERSION = "5.2.1"
WIDTH, HEIGHT = 1280, 720
_CSS_IMPORT = re.compile(r"@import\s+url\([^)]*\)\s*;?")
POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:"
)
DECK_CSS = """
:root { --r-main-font: "Helvetica Neue", Helvetica, Arial, sans-serif;
  --r-heading-font: var(--r-main-font); --r-main-font-size: 24px; --r-main-color: #222;
  --r-heading-color: #1a3552; --r-heading-text-transform: none; }
.reveal .slides { text-align: left; }
.reveal .slides section.deck-slide { box-sizing: border-box; width: 1280px; height: 720px;
  padding: 36px 56px 28px; overflow: hidden; }
.reveal .deck-slide * { overflow-wrap: anywhere; }
.reveal h2 { font-size: 44px; line-height: 1.15; margin: 0 0 12px; }
.reveal h3 { font-size: 26px; margin: 22px 0 6px; color: #1a3552; }
.reveal p.message { font-size: 30px; line-height: 1.3; margin: 0 0 22px; color: #222;
  font-weight: 600; }
.reveal h2, .reveal p.message, .reveal p.note, .reveal p.effect, .reveal .clamp {
  display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; overflow: hidden; }
.reveal blockquote .clamp { -webkit-line-clamp: 3; }
.reveal .body { font-size: 24px; line-height: 1.35; }
.reveal .num { white-space: nowrap; font-variant-numeric: tabular-nums; }
.reveal .tiles { display: flex; gap: 20px; margin: 8px 0 12px; }
.reveal .tile { flex: 1 1 0; min-width: 0; background: #f3f6fa; border-radius: 10px;
  padding: 12px 16px; }
.reveal .tile .figure { font-size: 50px; font-weight: 700; line-height: 1.1; color: #1a3552;
  white-space: nowrap; }
.reveal .tile .caption { font-size: 22px; color: #555; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; }
.reveal .title .tile .figure { font-size: 80px; }
.reveal ul.points { margin: 0 0 0 1em; } .reveal ul.points li { margin: 6px 0; }
.reveal blockquote { width: auto; margin: 0 0 14px; padding: 8px 18px; font-size: 24px;
  line-height: 1.3; font-style: italic; border-left: 6px solid #e67e22; background: #fff8ee;
  box-shadow: none; }
.reveal table.deck-table { width: 100%; border-collapse: collapse; table-layout: fixed;
  font-size: 22px; margin: 8px 0; }
.reveal table.deck-table th, .reveal table.deck-table td { padding: 8px 10px; text-align: left;
  vertical-align: top; border-bottom: 1px solid #ccd; }
.reveal table.deck-table th { font-size: 20px; color: #555; border-bottom: 2px solid #889; }
.reveal table.deck-table td.num { white-space: nowrap; }
.reveal .small { font-size: 19px; color: #444; }
.reveal .missing { color: #8a8f98; font-style: italic; font-size: 19px; }
.reveal p.note { font-size: 20px; color: #555; margin: 10px 0 0; }
.reveal p.effect { font-size: 24px; margin: 0 0 8px; }
.reveal svg.theme-chart { display: block; max-height: 470px; }
.reveal .slide-number { font-size: 16px; }
"""


def reveal_assets() -> dict[str, str]:
    """The vendored reveal.js, its style sheet and white theme, as text to inline.

    The theme's ``@import`` of a web font is dropped, so nothing is fetched.

    Returns
    -------
    dict of str to str
        ``js``, ``css``, ``theme`` and ``version``.
    """
    folder = files("passives_lib.report") / "vendor" / "revealjs"
    theme = _CSS_IMPORT.sub("", (folder / "theme-white.css").read_text(encoding="utf-8"))
    return {
        "js": (folder / "reveal.js").read_text(encoding="utf-8"),
        "css": (folder / "reveal.css").read_text(encoding="utf-8"),
        "theme": theme,
        "version": REVEAL_VERSION,
    }


def _script(text: str) -> str:
    return text.replace("</script", "<\\/script")


def deck_html(slides: list[Slide], title: str) -> str:
    """The deck page: the slides in a reveal.js frame of 1280x720, everything inlined.

    Parameters
    ----------
    slides : list of Slide
        From :func:`passives_lib.report._deck.deck_slides`.
    title : str
        The page title.

    Returns
    -------
    str
        A complete HTML document.
    """
    assets = reveal_assets()
    settings = {
        "width": WIDTH,
        "height": HEIGHT,
        "margin": 0,
        "center": False,
        "hash": True,
        "controls": True,
        "progress": True,
        "slideNumber": "c/t",
        "transition": "none",
    }
    sections = "\n".join(slide.html() for slide in slides)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>{assets['css']}</style>\n<style>{assets['theme']}</style>\n"
        f"<style>{DECK_CSS}</style>\n</head>\n<body>\n"
        f'<div class="reveal"><div class="slides">\n{sections}\n</div></div>\n'
        f"<script>{_script(assets['js'])}</script>\n"
        f"<script>Reveal.initialize({json.dumps(settings)});</script>\n</body>\n</html>\n"
    )


def _read(folder: Path, name: str, required: bool) -> dict[str, Any] | None:
    path = folder / name
    if not path.is_file():
        if required:
            raise ReportError(f"expected {name} in the report folder {folder}, found none")
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def write_deck(folder: Path, destination: Path | None = None) -> Path:
    """Write the deck of a report folder from its ``digest.json`` and ``report.json``.

    Parameters
    ----------
    folder : Path
        The report folder (``digest.json`` is needed; ``report.json`` is read if there).
    destination : Path, optional
        The file to write; ``folder / "slides.html"`` when omitted.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ReportError
        If the folder has no ``digest.json``.
    """
    facts = _read(folder, DIGEST_FILE, required=True)
    summary = _read(folder, SUMMARY_FILE, required=False)
    destination = destination or folder / "slides.html"
    title = f"NPS and passives: {facts['week']} (round-table deck)"
    destination.write_text(deck_html(deck_slides(facts, summary), title), encoding="utf-8")
    return destination
