"""Exporting the executed report notebook: ``report.html`` (offline) and ``slides.html``.

``report.html`` is nbconvert's JupyterLab template with the code hidden and everything the
page needs inlined (CSS, images, and the plotly.js copy the notebook embeds once), so it opens
offline and can be sent by e-mail. The template's own CDN scripts (require.js, MathJax,
mermaid, the widget manager) are left out: the report uses none of them.

``slides.html`` is nbconvert's reveal.js deck, code hidden, one slide per headline, finding and
quick win (the cells' ``slideshow`` metadata). reveal.js itself (with require.js and jQuery)
loads from a CDN unless ``reveal_url_prefix`` points at a local copy of reveal.js 4: the
figures and text are inline, but the slide show needs those scripts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
from jinja2 import DictLoader
from nbconvert import HTMLExporter, SlidesExporter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor

OFFLINE_TEMPLATE = "passives_offline_report.html.j2"
REPORT_CSS = """
<style type="text/css">
  .jp-RenderedHTMLCommon table.passives-table { border-collapse: collapse; margin: 0.5em 0 1em;
    font-size: 0.92em; }
  .jp-RenderedHTMLCommon table.passives-table th,
  .jp-RenderedHTMLCommon table.passives-table td { padding: 0.25em 0.6em; text-align: left;
    vertical-align: top; max-width: 30em; white-space: normal; }
  .jp-RenderedHTMLCommon blockquote { border-left: 4px solid #ffb347; margin: 0.4em 0;
    padding: 0.2em 0.8em; color: #333; background: #fff8ee; }
  .passives-note { color: #555; font-size: 0.9em; }
</style>
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
}
HIDDEN_TAGS = {"parameters", "injected-parameters"}


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


def export_slides(notebook: Path, destination: Path, reveal_url_prefix: str | None = None) -> Path:
    """Write the executed notebook as a reveal.js slide deck, code hidden.

    Parameters
    ----------
    notebook : Path
        The executed notebook.
    destination : Path
        The ``.html`` file to write.
    reveal_url_prefix : str, optional
        Where reveal.js 4 is (a URL or a path relative to the deck); nbconvert's CDN default
        when omitted.

    Returns
    -------
    Path
        ``destination``.
    """
    options: dict[str, Any] = {
        "exclude_input": True,
        "exclude_input_prompt": True,
        "exclude_output_prompt": True,
    }
    if reveal_url_prefix:
        options["reveal_url_prefix"] = reveal_url_prefix
    return _export(SlidesExporter(**options), notebook, destination)


def _export(exporter: HTMLExporter, notebook: Path, destination: Path) -> Path:
    for preprocessor in _preprocessors():
        exporter.register_preprocessor(preprocessor)
    content = nbformat.read(notebook, as_version=4)
    body, _ = exporter.from_notebook_node(content, resources={"metadata": {"name": "report"}})
    destination.write_text(body, encoding="utf-8")
    return destination
