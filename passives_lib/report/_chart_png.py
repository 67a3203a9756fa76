"""The top-themes chart as a PNG, for the e-mailed digest (mail clients show no SVG or script).

The same rows as the deck's SVG (:func:`passives_lib.report._chart.layout`) in larger type,
drawn with Pillow and its bundled font, so it needs no browser, no plotly export engine (kaleido
needs a Chrome of its own) and no network.
The PNG is 1,200 pixels wide, shown 600 wide in the message (sharp on high-density screens,
and it fits a mail client's column), and saved with a small palette, so it weighs a few tens of
kilobytes. Same themes, same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from passives_lib.report._chart import GROUPS, IMPACT_TITLE, layout

# The PNG's own geometry: larger type than the SVG, as the image is shown half size.
WIDTH, TOP, ROW = 1200, 64, 72
BAR_X, BAR_WIDTH, LABEL_CHARS = 470, 470, 26
SHOWN_WIDTH = 600  # pixels in the message
SIZES = {"legend": 28, "label": 34, "count": 30, "impact": 38}


def _font(role: str) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=SIZES[role])


def theme_chart_png(themes: Sequence[Mapping[str, Any]]) -> bytes:
    """The chart of the top themes as PNG bytes (1,200 pixels wide).

    Parameters
    ----------
    themes : sequence of mapping
        As for :func:`passives_lib.report._chart.theme_chart_svg`.

    Returns
    -------
    bytes
        A PNG image.
    """
    height = TOP + ROW * max(len(themes), 1) + 8
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    x = BAR_X
    for _, name, colour in GROUPS:
        draw.rectangle([x, 14, x + 24, 38], fill=colour)
        draw.text((x + 32, 38), name, fill="#222", font=_font("legend"), anchor="ls")
        x += 32 + draw.textlength(name, font=_font("legend")) + 36
    draw.text((WIDTH - 4, 38), IMPACT_TITLE, fill="#222", font=_font("legend"), anchor="rs")
    for bar in layout(themes, BAR_X, BAR_WIDTH, ROW, TOP, LABEL_CHARS):
        baseline = bar.y + ROW / 2 + 12
        draw.text((0, baseline), bar.label, fill="#222", font=_font("label"), anchor="ls")
        for x0, width, colour in bar.segments:
            draw.rectangle([x0, bar.y + 14, x0 + width, bar.y + ROW - 14], fill=colour)
        end = max((x0 + w for x0, w, _ in bar.segments), default=BAR_X)
        draw.text(
            (end + 10, baseline), str(bar.total), fill="#222", font=_font("count"), anchor="ls"
        )
        colour = "#c0392b" if bar.negative else "#222"
        draw.text((WIDTH - 4, baseline), bar.impact, fill=colour, font=_font("impact"), anchor="rs")
    buffer = io.BytesIO()
    image.quantize(colors=32, dither=Image.Dither.NONE).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
