"""The one toolkit for self-contained HTML pages with charts (the lab's study report and the after-action
report): a page's style and shell, escaped tables, and matplotlib figures (Agg) inlined as SVG, so a page
opens anywhere, prints, and has nothing beside it. Deterministic: the same content gives the same bytes."""

from __future__ import annotations

import html
import io
import re
from contextlib import contextmanager

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
STYLE = """body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1150px;color:#1b2430}
h1{font-size:1.6em}h2{margin-top:1.6em;border-bottom:1px solid #ccd}table{border-collapse:collapse;
font-size:.88em}td,th{padding:.2em .6em;border-bottom:1px solid #e4e6ea;text-align:right}
th:first-child,td:first-child,.kv td{text-align:left}.note{color:#556;font-size:.9em}svg{max-width:100%;height:auto}
@media print{body{margin:0;max-width:none;font-size:10pt}h2,h3{break-after:avoid}svg,tr{break-inside:avoid}}"""


def escape(text) -> str:
    return html.escape(str(text))


def table(header: list[str], rows: list[list[str]], css: str = "") -> str:
    """An HTML table of text cells, every cell escaped."""
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{css}"><tr>{head}</tr>{body}</table>'


@contextmanager
def charts(salt: str):
    """matplotlib's settings for a page's figures: the Okabe-Ito colours, text kept as text, and SVG ids
    salted by ``salt`` so that the same figures give the same bytes."""
    with plt.rc_context(
        {"svg.hashsalt": salt, "svg.fonttype": "none", "font.size": 9, "axes.prop_cycle": plt.cycler(color=OKABE_ITO)}
    ):
        yield


def svg(fig) -> str:
    """The figure as inline SVG (no metadata, no date), and the figure closed."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    text = buffer.getvalue()
    return re.sub(r"\s*<metadata>.*?</metadata>", "", text[text.index("<svg") :], flags=re.S)


def document(title: str, body: str, style: str = "") -> str:
    """The whole page: ``body`` (HTML already escaped) under an escaped ``title``, with the shared style
    and any of the page's own."""
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{STYLE}{style}</style></head><body>\n{body}\n</body></html>\n"
    )
