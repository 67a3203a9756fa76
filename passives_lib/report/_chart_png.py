"""The top-themes chart as a PNG, for the e-mailed digest (mail clients show no SVG or script).

The same layout as the deck's SVG (:func:`passives_lib.report._chart.layout`), drawn with
Pillow and its bundled font, so it needs no browser, no plotly export engine and no network.
The PNG is 1,200 pixels wide, shown 600 wide in the message (sharp on high-density screens,
and it fits a mail client's column), and saved with a small palette, so it weighs a few tens of
kilobytes. Same themes, same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from passives_lib.report._chart import (
    BAR_X,
    GROUPS,
    IMPACT_TITLE,
    IMPACT_X,
    ROW,
    WIDTH,
    chart_height,
    layout,
    legend_step,
)

SCALE = 1.0
SHOWN_WIDTH = 600  # pixels in the message


def _font(size: float) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=round(size * SCALE))


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

    def at(value: float) -> float:
        return value * SCALE

    size = (round(at(WIDTH + 20)), round(at(chart_height(len(themes)))))
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    x = BAR_X
    for _, name, colour in GROUPS:
        draw.rectangle([at(x), at(12), at(x + 18), at(30)], fill=colour)
        draw.text((at(x + 24), at(29)), name, fill="#222", font=_font(20), anchor="ls")
        x += legend_step(name)
    draw.text((at(IMPACT_X), at(29)), IMPACT_TITLE, fill="#222", font=_font(20), anchor="rs")
    for bar in layout(themes):
        middle = bar.y + ROW / 2
        draw.text((0, at(middle + 8)), bar.label, fill="#222", font=_font(24), anchor="ls")
        for x0, width, colour in bar.segments:
            box = [at(x0), at(bar.y + 12), at(x0 + width), at(bar.y + ROW - 12)]
            draw.rectangle(box, fill=colour)
        end = max((x0 + w for x0, w, _ in bar.segments), default=BAR_X)
        draw.text(
            (at(end + 8), at(middle + 8)), str(bar.total), fill="#222", font=_font(22), anchor="ls"
        )
        draw.text(
            (at(IMPACT_X), at(middle + 9)),
            bar.impact,
            fill="#c0392b" if bar.negative else "#222",
            font=_font(28),
            anchor="rs",
        )
    buffer = io.BytesIO()
    image.quantize(colors=32, dither=Image.Dither.NONE).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
