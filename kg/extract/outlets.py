"""Outlets as speakers: the platform an official speaks through ("sur Telegram") is no one, and a
medium's noun with a name after it is that outlet ("l'agence de presse russe TASS", "la chaîne
Telegram russe Baza")."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from kg.extract.lexicon import fold, rows

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.entities import Entities


@functools.cache
def channels() -> frozenset[str]:
    """Platforms officials speak through ("sur Telegram"), folded (rules/channels.tsv)."""
    return frozenset(fold(row[0]) for row in rows("channels.tsv"))


def outlet_named(ents: Entities, head: Token, end: int, kind: str) -> tuple[str, str] | None:
    """The kind and proper name that close an organisation's phrase (ending at token ``end``) after
    its head noun, or follow it at once, when they name an outlet: a news agency the lexicon knows,
    or any name after a media noun (the parser hangs such a name anywhere)."""
    def named(token: Token) -> bool:
        return token.text[:1].isupper() and token.text.isalpha() and not ents.place(token) \
            and fold(token.text) not in channels() and fold(token.text) not in ents.lex.countries
    at = ents.tokens
    first = end
    while first > head.i + 1 and named(at[first - 1]):
        first -= 1
    last = end
    if first == end:
        while last < min(end + 3, len(at)) and named(at[last]):
            last += 1
    if first == last:
        return None
    name = ents.span(first, last).text
    if fold(name) in ents.lex.agencies or kind == "NewsAgency":
        return "NewsAgency", name
    return None
