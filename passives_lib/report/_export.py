"""Exporting the executed report notebook as ``report.html``, offline.

``report.html`` is nbconvert's JupyterLab template with the code hidden and everything the
page needs inlined (CSS, images, and the plotly.js copy the notebook embeds once), so it opens
offline and can be sent by e-mail. The template's own CDN scripts (require.js, MathJax,
mermaid, the widget manager) are left out: the report uses none of them. Its print style sheet
keeps tables within the page (long cells wrap) and starts each numbered section on a new page.

The round-table deck ``slides.html`` is not cut from the notebook: it is written from the
report's data (:mod:`passives_lib.report._deck_page`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
from jinja2 import DictLoader
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor

OFFLINE_TEMPLATE = "passives_offline_report.html.j2"
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
