"""Query parameters: the ``.rq`` header that declares them, and binding values without injection.

A value never reaches the query as pasted text: it becomes an RDF term (pyoxigraph validates
IRIs and escapes literals in their N-Triples form) and is joined to the outermost WHERE group as
``VALUES ?name { term }``, and to each sub-SELECT that uses ``?name`` (a sub-SELECT sees no
variable from outside it). That is plain SPARQL 1.1, so it works the same on the embedded store
and on any remote SPARQL server, which have no binding protocol of their own.

>>> bind("SELECT ?e WHERE { ?e nkg:place ?p }", {"p": to_term("<https://w3id.org/newskg/id/city/kharkiv>")})
'SELECT ?e WHERE { VALUES ?p { <https://w3id.org/newskg/id/city/kharkiv> } ?e nkg:place ?p }'
>>> str(to_term('x" } ; DROP ALL ; #'))
'"x\\\\" } ; DROP ALL ; #"'
>>> str(to_term("2024-11-01"))
'"2024-11-01"^^<http://www.w3.org/2001/XMLSchema#date>'

Two names are pages, not values: a query that declares ``limit`` or ``offset`` (integers) writes its
default page as one ``LIMIT n`` or ``OFFSET n`` clause, and a given value replaces that number (SPARQL
has no variable LIMIT), so the file still runs as written anywhere:

>>> page("SELECT ?s WHERE { ?s ?p ?o } LIMIT 100 OFFSET 0", {"offset": to_term(200)})
'SELECT ?s WHERE { ?s ?p ?o } LIMIT 100 OFFSET 200'

A query whose text also names ``?limit`` or ``?offset`` as variables gets them bound as values too
(the page's numbers, given or default), so it can bound what it sorts by the page's end; run as
written elsewhere, those variables are unbound, and such a query must then still answer rightly.

A ``class`` parameter is an IRI, or the local name of an nkg: class, bound as an IRI so that a
query can match ``?e a ?type`` directly (a class computed in the query with BIND makes Oxigraph
read every ``rdf:type`` quad instead of the class's):

>>> str(to_term("DroneStrike", "class"))
'<https://w3id.org/newskg/ontology#DroneStrike>'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal

from pyoxigraph import Literal, NamedNode

from kg.errors import QueryError
from kg.rdf.vocab import PREFIXES, XSD

Term = NamedNode | Literal

#: Parameter types a header or a ``name:type=value`` override may name.
TYPES = ("iri", "class", "string", "integer", "decimal", "date", "dateTime", "boolean", "term")

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_LANG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*\Z")
_INTEGER = re.compile(r"[+-]?\d+\Z")
_DECIMAL = re.compile(r"[+-]?\d*\.\d+\Z")
_CLASS_NAME = re.compile(r"[A-Za-z_][\w-]*\Z")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?\Z")
_CURIE = re.compile(r"(?P<prefix>[A-Za-z][\w-]*):(?P<local>\w[\w./-]*)\Z")
_PARAM_LINE = re.compile(  # indented by two spaces or more; prose lines are not
    r'#\s{2,}\??(?P<name>\w+)\s*:\s*(?P<type>\w+)(?:\s*=\s*(?P<default>"[^"]*"|\S+))?\s*(?:[-—–:]+\s*)?(?P<doc>.*)'
)


@dataclass(frozen=True)
class Parameter:
    """One declared parameter: ``#   since: date = 2024-01-01 — first day of the window``."""

    name: str
    type: str = "term"
    default: str | None = None
    doc: str = ""


@dataclass(frozen=True)
class Header:
    """What a ``.rq`` file's opening comments say: its question and its parameters."""

    question: str | None = None
    parameters: tuple[Parameter, ...] = ()
    declared: bool = False  # a "# Parameters:" line was present (then undeclared names are refused)

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)


def parse_header(sparql: str) -> Header:
    """Read the leading comment block: ``# Question: …``, then ``# Parameters: none`` or one
    ``#   name: type [= default] — description`` line per parameter, indented by two spaces or
    more (less indented comment lines are prose)."""
    question: list[str] = []
    parameters: list[Parameter] = []
    declared = False
    section = None
    for line in sparql.lstrip("\ufeff").splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        body = stripped[1:].strip()
        if body.lower().startswith("question:"):
            section = "question"
            question.append(body[len("question:"):].strip())
        elif body.lower().startswith("parameters:"):
            section, declared = "parameters", True
        elif section == "parameters" and (match := _PARAM_LINE.fullmatch(stripped)):
            kind = match["type"]
            if kind not in TYPES:
                raise QueryError(f"parameter {match['name']!r} has unknown type {kind!r}; "
                                 f"use one of {', '.join(TYPES)}")
            default = match["default"]
            if default is not None and default.startswith('"'):
                default = default[1:-1]
            parameters.append(Parameter(match["name"], kind, default, match["doc"].strip()))
        elif section == "question":
            question.append(body)
    return Header(" ".join(q for q in question if q) or None, tuple(parameters), declared)


def parse_assignment(text: str) -> tuple[str, str | None, str]:
    """Split ``name=value``, ``name:type=value`` or ``name@lang=value`` (as given to ``--param``)."""
    key, sep, value = text.partition("=")
    if not sep:
        raise QueryError(f"--param {text!r} has no '='; write NAME=VALUE, e.g. place=Kharkiv")
    if "@" in key:
        name, _, lang = key.partition("@")
        kind: str | None = "@" + lang.strip()
    elif ":" in key:
        name, _, kind = key.partition(":")
    else:
        name, kind = key, None
    return check_name(name.strip()), (kind.strip() if kind else None) or None, value


def check_name(name: str) -> str:
    """A parameter name must be a plain SPARQL variable name (letters, digits, underscore)."""
    if not _NAME.match(name):
        raise QueryError(f"invalid parameter name {name!r}: use letters, digits and _ "
                         "(the variable ?name in the query)")
    return name


def to_term(value: object, kind: str | None = None) -> Term:
    """Turn a value into an RDF term, by ``kind`` if given, else inferred.

    Inference on strings: ``<iri>`` or a predeclared prefixed name (``nkg:DroneStrike``) → IRI;
    ``YYYY-MM-DD`` → xsd:date; an ISO date-time → xsd:dateTime; digits → xsd:integer;
    ``1.5`` → xsd:decimal; anything else → a plain string literal.
    """
    if isinstance(value, NamedNode | Literal):
        return value
    if kind is None or kind == "term":
        kind = _infer(value)
    try:
        return _typed(value, kind)
    except ValueError as error:
        raise QueryError(f"{value!r} is not a valid {kind}: {error}") from None


def _infer(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float | Decimal):
        return "decimal"
    if isinstance(value, dt.datetime):
        return "dateTime"
    if isinstance(value, dt.date):
        return "date"
    text = str(value)
    if text.startswith("<") and text.endswith(">"):
        return "iri"
    if (m := _CURIE.match(text)) and m["prefix"] in PREFIXES:
        return "iri"
    for kind, pattern in (("date", _DATE), ("dateTime", _DATETIME), ("integer", _INTEGER),
                          ("decimal", _DECIMAL)):
        if pattern.match(text):
            return kind
    return "string"


def _typed(value: object, kind: str) -> Term:
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    if kind.startswith("@"):
        if not _LANG.match(kind[1:]):
            raise ValueError(f"bad language tag {kind[1:]!r}")
        return Literal(text, language=kind[1:])
    if kind == "iri":
        if text.startswith("<") and text.endswith(">"):
            return NamedNode(text[1:-1])
        if (m := _CURIE.match(text)) and m["prefix"] in PREFIXES:
            return NamedNode(PREFIXES[m["prefix"]] + m["local"])
        return NamedNode(text)
    if kind == "class":  # an IRI as above, or a bare local name of the nkg: ontology (DroneStrike)
        if _infer(text) == "iri":
            return _typed(text, "iri")
        if not _CLASS_NAME.match(text):
            raise ValueError("expected an IRI, a prefixed name or a class name such as DroneStrike")
        return NamedNode(PREFIXES["nkg"] + text)
    if kind == "string":
        return Literal(text)
    if kind == "boolean":
        if text.lower() not in ("true", "false"):
            raise ValueError("use true or false")
        return Literal(text.lower(), datatype=XSD.boolean)
    checks = {"integer": (_INTEGER, XSD.integer), "date": (_DATE, XSD.date),
              "dateTime": (_DATETIME, XSD.dateTime),
              "decimal": (_DECIMAL, NamedNode(XSD.base + "decimal"))}
    if kind not in checks:
        raise ValueError(f"unknown type; use one of {', '.join(TYPES)} or @LANG")
    pattern, datatype = checks[kind]
    if kind == "decimal" and _INTEGER.match(text):
        text += ".0"
    if not pattern.match(text):
        raise ValueError(f"expected {kind} syntax")
    if kind == "date":
        dt.date.fromisoformat(text)
    return Literal(text, datatype=datatype)


def resolve(header: Header, given: Mapping[str, object], kinds: Mapping[str, str | None] | None = None,
            source: str = "the query") -> dict[str, Term]:
    """Terms for every given parameter (typed as declared) plus declared defaults.

    Undeclared names are refused when the header has a ``# Parameters:`` line.
    """
    kinds = kinds or {}
    terms: dict[str, Term] = {}
    for name, value in given.items():
        check_name(name)
        declared = header.parameter(name)
        if header.declared and declared is None:
            known = ", ".join(p.name for p in header.parameters) or "none"
            raise QueryError(f"{source} has no parameter {name!r}; its parameters: {known}")
        terms[name] = to_term(value, kinds.get(name) or (declared.type if declared else None))
    for parameter in header.parameters:
        if parameter.name not in terms and parameter.default is not None:
            terms[parameter.name] = to_term(parameter.default, parameter.type)
    return terms


# -- injection point ------------------------------------------------------------------------------

_TOKEN = re.compile(
    r'''(?P<ws>\s+)
      | (?P<comment>\#[^\n\r]*)
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
                  |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
      | (?P<var>[?$]\w+)
      | (?P<word>[A-Za-z_][\w-]*(?::[\w.-]*)?|:[\w.-]*)
      | (?P<punct>.)''',
    re.VERBOSE | re.DOTALL,
)
_UPDATES = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE",
                      "COPY", "WITH"})


def tokens(sparql: str) -> Iterator[tuple[str, str, int]]:
    """Significant tokens (kind, text, offset): whitespace and comments skipped; IRIs and
    strings kept whole, so braces or '#' inside them are never mistaken for syntax."""
    for match in _TOKEN.finditer(sparql):
        if match.lastgroup not in ("ws", "comment"):
            yield match.lastgroup or "punct", match.group(), match.start()


def _where_group(sparql: str) -> tuple[int, int, bool]:
    """Offsets of the outermost WHERE group's braces, and whether it is just a sub-SELECT."""
    toks = list(tokens(sparql))
    i = 0
    while i < len(toks) and toks[i][1].upper() in ("PREFIX", "BASE"):
        i += 3 if toks[i][1].upper() == "PREFIX" else 2
    form = toks[i][1].upper() if i < len(toks) else ""
    if form in _UPDATES:
        raise QueryError("parameters can only be bound in queries, not in SPARQL UPDATE")
    if form == "CONSTRUCT":
        i += 1
        if i < len(toks) and toks[i][1].upper() == "WHERE":
            raise QueryError("parameters need the long form CONSTRUCT { … } WHERE { … }")
        if i < len(toks) and toks[i][1] == "{":
            i = _close(toks, i) + 1
    parens = 0
    for j in range(i, len(toks)):
        text = toks[j][1]
        parens += (text == "(") - (text == ")")
        if text == "{" and parens == 0:
            close = _close(toks, j)
            sub = j + 1 < len(toks) and toks[j + 1][1].upper() == "SELECT"
            return toks[j][2], toks[close][2], sub
    raise QueryError("the query has no WHERE { … } group to bind parameters in")


def _close(toks: list[tuple[str, str, int]], opening: int) -> int:
    depth = 0
    for j in range(opening, len(toks)):
        depth += (toks[j][1] == "{") - (toks[j][1] == "}")
        if depth == 0:
            return j
    raise QueryError("the query has an unbalanced '{'; check its braces")


#: Parameters that set a solution modifier (the page of a listing) instead of binding a variable.
PAGE = {"limit": "LIMIT", "offset": "OFFSET"}
_NUMBER = re.compile(r"\s*(\d+)")


def page(sparql: str, terms: Mapping[str, Term]) -> str:
    """Write each page parameter (``limit``, ``offset``) over the number of the query's one
    ``LIMIT`` or ``OFFSET`` clause; a query whose text has none, or several, is refused."""
    for name, term in terms.items():
        keyword = PAGE[name]
        if not (isinstance(term, Literal) and _INTEGER.match(term.value) and int(term.value) >= 0):
            raise QueryError(f"{name} must be a whole number of rows, 0 or more, not {term.value!r}")
        at = [offset for kind, text, offset in tokens(sparql) if kind == "word" and text.upper() == keyword]
        numbers = [m for m in (_NUMBER.match(sparql, offset + len(keyword)) for offset in at) if m]
        if len(numbers) != 1:
            raise QueryError(f"the query declares a {name} parameter, so its text must have exactly one "
                             f"'{keyword} n' clause (it has {len(numbers)}); write the default page there")
        begin, end = numbers[0].span(1)
        sparql = sparql[:begin] + str(int(term.value)) + sparql[end:]
    return sparql


def bind(sparql: str, terms: Mapping[str, Term]) -> str:
    """Join each term to the outermost WHERE group as ``VALUES ?name { term }``, and to the WHERE
    group of each sub-SELECT that uses ``?name``: a sub-SELECT sees no variable from outside it,
    so a query can filter (or choose a page of) its items inside one by a parameter.
    """
    if not terms:
        return sparql
    outermost = _where_group(sparql)
    inserts: list[tuple[int, str]] = []  # (offset in the given text, text put there)
    for opening, closing, sub_select in {outermost, *_sub_select_groups(sparql)}:
        names = [n for n in terms if (opening, closing, sub_select) == outermost
                 or re.search(rf"[?$]{check_name(n)}\b", sparql[opening:closing])]
        if not names:
            continue
        block = " ".join(f"VALUES ?{check_name(name)} {{ {_serialise(terms[name])} }}" for name in names)
        if sub_select:  # a group that is only a sub-SELECT cannot take more patterns: wrap it
            inserts += [(opening + 1, f" {block} {{"), (closing, "}")]
        else:
            inserts.append((opening + 1, f" {block}"))
    for offset, text in sorted(inserts, reverse=True):
        sparql = sparql[:offset] + text + sparql[offset:]
    return sparql


def _sub_select_groups(sparql: str) -> list[tuple[int, int, bool]]:
    """Offsets of each sub-SELECT's WHERE group's braces, and whether that group is just a sub-SELECT."""
    toks = list(tokens(sparql))
    groups = []
    for j in range(1, len(toks)):
        if toks[j][1].upper() != "SELECT" or toks[j - 1][1] != "{":
            continue
        parens = 0
        for k in range(j + 1, len(toks)):
            parens += (toks[k][1] == "(") - (toks[k][1] == ")")
            if toks[k][1] == "{" and parens == 0:
                close = _close(toks, k)
                sub = k + 1 < len(toks) and toks[k + 1][1].upper() == "SELECT"
                groups.append((toks[k][2], toks[close][2], sub))
                break
    return groups


def _serialise(term: Term) -> str:
    if not isinstance(term, NamedNode | Literal):
        raise QueryError(f"cannot bind {term!r}: only IRIs and literals can be parameters")
    return str(term)


def prepare(sparql: str, given: Mapping[str, object] | None = None,
            kinds: Mapping[str, str | None] | None = None, source: str = "the query") -> str:
    """The query text with its given and default parameters bound (see :func:`resolve`)."""
    header = parse_header(sparql)
    if not given and not any(p.default is not None for p in header.parameters):
        return sparql
    terms = resolve(header, given or {}, kinds, source)
    pages = {name: terms.pop(name) for name in PAGE if name in terms and header.parameter(name)}
    named = {text[1:] for kind, text, _ in tokens(sparql) if kind == "var"}
    return bind(page(sparql, pages), terms | {name: term for name, term in pages.items() if name in named})
