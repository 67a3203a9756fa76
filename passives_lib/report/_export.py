"""Exporting the executed report notebook: ``report.html`` and ``slides.html``, both offline.

``report.html`` is nbconvert's JupyterLab template with the code hidden and everything the
page needs inlined (CSS, images, and the plotly.js copy the notebook embeds once), so it opens
offline and can be sent by e-mail. The template's own CDN scripts (require.js, MathJax,
mermaid, the widget manager) are left out: the report uses none of them. Its print style sheet
keeps tables within the page (long cells wrap) and starts each numbered section on a new page.

``slides.html`` is a reveal.js deck, code hidden, one slide per headline, finding and quick win
(the cells' ``slideshow`` metadata). reveal.js itself (the copy vendored in
``passives_lib/report/vendor/revealjs``, MIT) and its theme are inlined, so the deck is one
file that makes no network request: no require.js, jQuery or CDN.
"""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path
from typing import Any

import nbformat
from jinja2 import DictLoader
from nbconvert import HTMLExporter, SlidesExporter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor

REVEAL_VERSION = "5.2.1"
OFFLINE_TEMPLATE = "passives_offline_report.html.j2"
OFFLINE_SLIDES = "passives_offline_slides.html.j2"
REPORT_CSS = """
<style type="text/css">
  .jp-RenderedHTMLCommon table.passives-table { border-collapse: collapse; margin: 0.5em 0 1em;
    font-size: 0.92em; }
  .jp-RenderedHTMLCommon table.passives-table th,
  .jp-RenderedHTMLCommon table.passives-table td { padding: 0.25em 0.6em; text-align: left;
    vertical-align: top; max-width: 30em; white-space: normal; overflow-wrap: anywhere; }
  .jp-RenderedHTMLCommon blockquote { border-left: 4px solid #ffb347; margin: 0.4em 0;
    padding: 0.2em 0.8em; color: #333; background: #fff8ee; }
  .passives-note { color: #555; font-size: 0.9em; }
  @media print {
    @page { margin: 14mm; }
    body, .jp-Notebook { padding: 0 !important; margin: 0 !important; }
    .jp-Cell, .jp-OutputArea-output { overflow: visible !important; }
    .jp-MarkdownCell:has(h2) { break-before: page; page-break-before: always; }
    .jp-MarkdownCell:first-of-type { break-before: avoid; page-break-before: avoid; }
    h2, h3 { break-after: avoid; page-break-after: avoid; }
    .jp-RenderedHTMLCommon table.passives-table { width: 100%; table-layout: auto;
      font-size: 7.5pt; }
    .jp-RenderedHTMLCommon table.passives-table th,
    .jp-RenderedHTMLCommon table.passives-table td { max-width: none; padding: 0.15em 0.3em;
      overflow-wrap: break-word; hyphens: auto; }
    .modebar-container { display: none !important; }
    tr, blockquote, .plotly-graph-div { break-inside: avoid; page-break-inside: avoid; }
    .plotly-graph-div { max-width: 100% !important; }
  }
</style>
"""
SLIDES_CSS = """
.reveal { font-size: 26px; }
a.anchor-link { display: none; }
.reveal .slides { text-align: left; }
.reveal .slides section { height: 100%; overflow-y: auto; overflow-x: hidden;
  box-sizing: border-box; padding: 0 0.4em; }
.reveal .slides section > section { height: 100%; }
.reveal h1 { font-size: 1.7em; } .reveal h2 { font-size: 1.3em; } .reveal h3 { font-size: 1.1em; }
.reveal table.passives-table { display: block; max-width: 100%; overflow-x: auto;
  font-size: 13px; border-collapse: collapse; margin: 0.3em 0; }
.reveal table.passives-table th, .reveal table.passives-table td { padding: 0.15em 0.4em;
  text-align: left; vertical-align: top; max-width: 22em; white-space: normal;
  overflow-wrap: anywhere; border-bottom: 1px solid #ddd; }
.reveal blockquote { width: auto; font-size: 0.8em; margin: 0.3em 0; padding: 0.2em 0.6em;
  border-left: 4px solid #ffb347; background: #fff8ee; box-shadow: none; font-style: normal; }
.reveal .jp-RenderedHTMLCommon p, .reveal .jp-RenderedHTMLCommon li { font-size: 20px; }
.reveal .plotly-graph-div { max-width: 100%; }
.jp-OutputArea-output, .jp-RenderedHTMLCommon { max-width: 100%; overflow-x: hidden; }
:root { --r-main-font: "Source Sans Pro", "Helvetica Neue", Helvetica, Arial, sans-serif;
  --r-heading-font: var(--r-main-font); --r-main-font-size: 26px; }
"""
_SLIDES_HEADER = """{%- block header -%}
<!DOCTYPE html>
<html lang="{{ resources.language_code }}">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>{{ nb.metadata.get('title', resources.metadata.name) | escape_html_keep_quotes }} slides
</title>
<style type="text/css">{{ resources.passives_reveal.css }}</style>
<style type="text/css" id="theme">{{ resources.passives_reveal.theme }}</style>
{% for css in resources.inlining.css -%}<style type="text/css">{{ css }}</style>{% endfor %}
{{ resources.include_css("static/index.css") }}
{{ resources.include_css("static/theme-light.css") }}
{{ resources.include_css("static/custom_reveal.css") }}
<style type="text/css">{{ resources.passives_reveal.extra_css }}</style>
</head>
{%- endblock header -%}
"""
_SLIDES_FOOTER_JS = """{% block footer_js %}
<script>{{ resources.passives_reveal.js }}</script>
<script>
Reveal.initialize({controls: true, progress: true, hash: true, center: false,
  transition: "slide", width: 1280, height: 800, margin: 0.04});
Reveal.on('slidechanged', function () { window.dispatchEvent(new Event('resize')); });
</script>
{% endblock footer_js %}
"""
_TEMPLATES = {
    OFFLINE_TEMPLATE: (
        "{%- extends 'lab/index.html.j2' -%}\n"
        "{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}\n"
        "{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}\n"
        "{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}\n"
        "{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}\n"
        "{%- block extra_css -%}" + REPORT_CSS + "{%- endblock extra_css -%}\n"
    ),
    OFFLINE_SLIDES: (
        "{%- extends 'reveal/index.html.j2' -%}\n" + _SLIDES_HEADER + _SLIDES_FOOTER_JS
    ),
}
HIDDEN_TAGS = {"parameters", "injected-parameters"}
_CSS_IMPORT = re.compile(r"@import\s+url\([^)]*\)\s*;?")


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


class DropStderrPreprocessor(Preprocessor):
    """Remove ``stderr`` stream outputs (library warnings) from the exported pages.

    The executed notebook keeps them for whoever inspects a run; readers of the report do not
    need them.
    """

    def preprocess_cell(self, cell: Any, resources: dict, index: int) -> tuple[Any, dict]:
        """Keep every output of the cell but its ``stderr`` streams."""
        if cell.get("cell_type") == "code":
            cell.outputs = [
                o
                for o in cell.outputs
                if not (o.get("output_type") == "stream" and o.get("name") == "stderr")
            ]
        return cell, resources


def _preprocessors() -> list[Preprocessor]:
    return [
        TagRemovePreprocessor(remove_cell_tags=HIDDEN_TAGS, enabled=True),
        DropStderrPreprocessor(enabled=True),
    ]


def export_html(notebook: Path, destination: Path) -> Path:
    """Write the executed notebook as a self-contained HTML report, code hidden.

    Parameters
    ----------
    notebook : Path
        The executed notebook.
    destination : Path
        The ``.html`` file to write.

    Returns
    -------
    Path
        ``destination``.
    """
    exporter = HTMLExporter(
        template_name="lab",
        template_file=OFFLINE_TEMPLATE,
        extra_loaders=[DictLoader(_TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    return _export(exporter, notebook, destination)


def export_slides(notebook: Path, destination: Path) -> Path:
    """Write the executed notebook as a one-file reveal.js slide deck, code hidden, offline.

    Parameters
    ----------
    notebook : Path
        The executed notebook.
    destination : Path
        The ``.html`` file to write.

    Returns
    -------
    Path
        ``destination``: reveal.js, its theme and every figure inlined; no ``src`` or ``href``
        points outside the file.
    """
    exporter = SlidesExporter(
        template_file=OFFLINE_SLIDES,
        extra_loaders=[DictLoader(_TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    assets = reveal_assets() | {"extra_css": SLIDES_CSS}
    return _export(exporter, notebook, destination, {"passives_reveal": assets})


def _export(
    exporter: HTMLExporter,
    notebook: Path,
    destination: Path,
    extra: dict[str, Any] | None = None,
) -> Path:
    for preprocessor in _preprocessors():
        exporter.register_preprocessor(preprocessor)
    content = nbformat.read(notebook, as_version=4)
    resources = {"metadata": {"name": "report"}, **(extra or {})}
    body, _ = exporter.from_notebook_node(content, resources=resources)
    destination.write_text(body, encoding="utf-8")
    return destination
