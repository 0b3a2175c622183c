"""One article as read: its text with every extracted span highlighted, and the table of facts with offsets."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import NamedNode
from rich.console import Group
from rich.table import Table
from rich.text import Text

from kg.errors import KgError, StoreError
from kg.store.queries import select

CATEGORIES = ("Event", "Statement", "Figure", "Entity")
#: Terminal styles; nested spans layer (an entity inside an event is bold and underlined).
STYLES = {"Event": "underline dark_orange", "Statement": "italic on grey23",
          "Figure": "bold black on yellow", "Entity": "bold cyan"}
CSS = """
body { font: 15px/1.6 Georgia, serif; max-width: 60em; margin: 2em auto; padding: 0 1em; color: #202124; }
h1 { font-size: 1.4em; } .meta { color: #5f6368; font: 13px system-ui, sans-serif; }
.text { white-space: pre-wrap; border: 1px solid #dadce0; padding: 1em; border-radius: 6px; }
.c-Event { text-decoration: underline 2px #e8710a; text-underline-offset: 3px; }
.c-Statement { background: #e8f0fe; }
.c-Figure { background: #fde293; font-weight: bold; }
.c-Entity { font-weight: bold; color: #0b57d0; }
.text span.on { outline: 2px solid #d93025; }
table { border-collapse: collapse; font: 13px system-ui, sans-serif; margin-top: 1.5em; width: 100%; }
th, td { border-bottom: 1px solid #e0e0e0; padding: 3px 6px; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.legend span { padding: 0 4px; margin-right: 8px; }
"""
SCRIPT = """
document.querySelectorAll("tr[data-fact]").forEach(function (row) {
  var id = row.getAttribute("data-fact");
  var spans = document.querySelectorAll('.text span[data-facts~="' + id + '"]');
  row.addEventListener("mouseenter", function () { spans.forEach(function (s) { s.classList.add("on"); }); });
  row.addEventListener("mouseleave", function () { spans.forEach(function (s) { s.classList.remove("on"); }); });
});
"""


@dataclass(frozen=True)
class Fact:
    """One extracted resource and one span of the article it was read from."""

    resource: str
    category: str  # Event, Statement, Figure or Entity
    kind: str
    label: str
    detail: str
    begin: int
    end: int
    anchor: str


@dataclass(frozen=True)
class ArticleView:
    """An article's text and metadata, and every fact read from it, in text order."""

    iri: str
    text: str
    headline: str
    url: str
    date: str
    publisher: str
    facts: tuple[Fact, ...]


def read_article(store: object, article: NamedNode) -> ArticleView:
    """The article and its facts, from queries/article-text.rq and article-facts.rq."""
    found = select(store, "article-text.rq", article=f"<{article.value}>")
    if not found:
        raise StoreError(f"{article.value} is not in store {getattr(store, 'location', '')}; "
                         "see `kg stats`, or build it first with `kg build`")
    row = {k: v.value for k, v in found[0].items()}
    facts = []
    for fact in select(store, "article-facts.rq", article=f"<{article.value}>"):
        f = {k: v.value for k, v in fact.items()}
        facts.append(Fact(
            resource=f["resource"], category=f["category"], kind=f.get("kind", ""),
            label=f.get("label", ""), detail=f.get("detail", "").rstrip("; "),
            begin=int(f["begin"]), end=int(f["end"]), anchor=f["anchor"]))
    return ArticleView(iri=article.value, text=row.get("text", ""), headline=row.get("headline", ""),
                       url=row.get("url", ""), date=row.get("date", ""),
                       publisher=row.get("publisher", ""), facts=tuple(facts))


def _short(iri: str) -> str:
    return iri.removeprefix("https://w3id.org/newskg/id/")


def terminal(view: ArticleView) -> Group:
    """The article for a terminal: headline, highlighted text, legend, and the table of facts."""
    text = Text(view.text)
    # longest first, so that shorter spans inside them layer their style on top
    for fact in sorted(view.facts, key=lambda f: f.begin - f.end):
        text.stylize(STYLES.get(fact.category, ""), fact.begin, fact.end)
    legend = Text("  ").join(Text(c, style=STYLES[c]) for c in CATEGORIES)
    table = Table(title="Facts read from the article", show_lines=False)
    table.add_column("#", justify="right")
    table.add_column("kind", no_wrap=True)
    table.add_column("what", ratio=2)
    table.add_column("offsets", justify="right", no_wrap=True)
    table.add_column("text", ratio=3)
    for number, fact in enumerate(view.facts, 1):
        what = "; ".join(filter(None, (fact.label, fact.detail if fact.detail != fact.label else "")))
        table.add_row(str(number), Text(fact.kind or fact.category, style=STYLES.get(fact.category, "")),
                      what, f"{fact.begin}–{fact.end}", fact.anchor)
    meta = " · ".join(filter(None, (view.date, view.publisher, view.url or view.iri)))
    return Group(Text(view.headline or _short(view.iri), style="bold"), Text(meta, style="dim"),
                 Text(""), text, Text(""), legend, Text(""), table)


def segments(view: ArticleView) -> list[tuple[int, int, tuple[int, ...]]]:
    """The text cut at every span boundary: (begin, end, indexes of the facts covering it)."""
    cuts = sorted({0, len(view.text), *(f.begin for f in view.facts), *(f.end for f in view.facts)})
    pieces = []
    for begin, end in zip(cuts, cuts[1:]):
        covering = tuple(i for i, f in enumerate(view.facts) if f.begin <= begin and end <= f.end)
        pieces.append((begin, end, covering))
    return pieces


def page(view: ArticleView) -> str:
    """The same view as one self-contained HTML page (no external files, no network)."""
    esc = html.escape
    body = []
    for begin, end, covering in segments(view):
        chunk = esc(view.text[begin:end])
        if not covering:
            body.append(chunk)
            continue
        classes = " ".join(sorted({f"c-{view.facts[i].category}" for i in covering}))
        titles = esc("\n".join(f"{view.facts[i].category} {view.facts[i].kind}: "
                               f"{view.facts[i].label or view.facts[i].detail}" for i in covering))
        ids = " ".join(str(i) for i in covering)
        body.append(f'<span class="{classes}" data-b="{begin}" data-e="{end}" data-facts="{ids}" '
                    f'title="{titles}">{chunk}</span>')
    rows = "".join(
        f'<tr data-fact="{i}" data-begin="{f.begin}" data-end="{f.end}"><td class="num">{i + 1}</td>'
        f"<td>{esc(f.category)}</td><td>{esc(f.kind)}</td><td>{esc(f.label)}</td>"
        f'<td>{esc(f.detail)}</td><td class="num">{f.begin}</td><td class="num">{f.end}</td>'
        f'<td class="anchor">{esc(f.anchor)}</td><td><code>{esc(_short(f.resource))}</code></td></tr>'
        for i, f in enumerate(view.facts))
    source = view.url or view.iri
    meta = " · ".join(esc(x) for x in (view.date, view.publisher) if x)
    legend = "".join(f'<span class="c-{c}">{c}</span>' for c in CATEGORIES)
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><meta name="generator" content="newskg kg show">
<title>{esc(view.headline or _short(view.iri))}</title><style>{CSS}</style></head>
<body><h1>{esc(view.headline or _short(view.iri))}</h1>
<p class="meta">{meta} · <a href="{esc(source)}">{esc(source)}</a> · graph <code>{esc(view.iri)}</code></p>
<p class="meta legend">{legend} — offsets are NIF character offsets into the article text</p>
<div class="text" id="text">{"".join(body)}</div>
<table id="facts"><thead><tr><th>#</th><th>category</th><th>kind</th><th>label</th><th>detail</th>
<th>begin</th><th>end</th><th>text</th><th>resource</th></tr></thead><tbody>{rows}</tbody></table>
<script>{SCRIPT}</script></body></html>
"""


def write_page(view: ArticleView, output: str | Path) -> None:
    """Write :func:`page` to ``output``."""
    try:
        Path(output).write_text(page(view), encoding="utf-8")
    except OSError as error:
        raise KgError(f"cannot write the article page to {output}: {error.strerror or error}") from None
