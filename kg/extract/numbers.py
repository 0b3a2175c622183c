"""Counts in the text: digits and number words, their qualifiers ("plus de dix"), and vague counts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from text_to_num import text2num

from kg.extract.lexicon import Lexicon, fold

if TYPE_CHECKING:
    from spacy.tokens import Token

_DIGITS = re.compile(r"^\d{1,3}(?:[ \u00a0\u202f.]\d{3})*$|^\d+$")


@dataclass(frozen=True)
class Count:
    """A number read from the text, with its qualifier and the token bounds it covers."""

    value: int
    qualifier: str
    start: int
    end: int
    by_article: bool = False  # one, told by the indefinite article ("un missile", "une personne")


def number_value(tokens: list[Token]) -> int | None:
    """The integer a run of number tokens spells, in digits or in words ("vingt-trois")."""
    text = " ".join(t.text for t in tokens).strip()
    if not _DIGITS.match(text.replace(" ", "")):
        text = "-".join(t.text for t in tokens)  # "quarante-deux", as text2num reads it
    if _DIGITS.match(text.replace(" ", "")) or _DIGITS.match(text):
        return int(re.sub(r"\D", "", text))
    try:
        return int(text2num(fold(text), "fr"))
    except (ValueError, TypeError, IndexError, KeyError, AssertionError):
        return None


def is_number(token: Token) -> bool:
    """A cardinal, whatever tag the parser gave it ("passé à trois" is tagged as a pronoun)."""
    pos = token.pos_  # (read once: every read looks the tag up in the vocabulary's strings)
    if pos == "NUM" or token.like_num and "Card" in token.morph.get("NumType"):
        return True
    # "17 des 22 drones ont été détruits", "Vingt-cinq des drones…": a number heading a partitive,
    # tagged as a pronoun ("l'un des missiles" is one of them, no count of them)
    if pos == "PRON" and token.lower_ not in {"un", "une"} and (
            token.like_num or "-" in token.text and number_value([token]) is not None):
        return True
    # "neuf au-dessus de celle de Belgorod": nine, tagged as the adjective "new", which follows its noun
    if pos == "ADJ" and token.lower_ == "neuf":
        return token.i == 0 or token.doc[token.i - 1].pos_ not in {"NOUN", "PROPN"}
    # "Dix-huit ont été abattus": a number word heading its phrase, tagged as a noun
    return pos == "NOUN" and token.like_num and not any(c.dep_ == "det" for c in token.children)


def _number_run(token: Token) -> list[Token]:
    """The contiguous number tokens around ``token`` ("1 200", "cent quarante-cinq", "quarante - deux")."""
    doc = token.doc

    def numeric(i: int) -> bool:
        return 0 <= i < len(doc) and doc[i].like_num and (doc[i].pos_ == "NUM" or i == token.i)

    def hyphen(i: int) -> bool:  # the tokenizer splits number words it does not know: "quarante - deux"
        return 0 <= i < len(doc) and doc[i].text == "-" and not doc[i].whitespace_ and not doc[i - 1].whitespace_

    def joined(i: int) -> bool:  # "vingt et un", "soixante et onze": "et" inside the number
        return 0 < i < len(doc) - 1 and doc[i].lower_ == "et" and doc[i - 1].lower_ in _TENS \
            and doc[i + 1].lower_ in {"un", "une", "onze"}

    start = end = token.i
    while numeric(start - 1) or (hyphen(start - 1) or joined(start - 1)) and numeric(start - 2):
        start -= 1 if numeric(start - 1) else 2
    while numeric(end + 1) or (hyphen(end + 1) or joined(end + 1)) and (numeric(end + 2) or joined(end + 1)):
        end += 1 if numeric(end + 1) else 2
    return [t for t in doc[start:end + 1] if t.text != "-"]


_TENS = frozenset({"vingt", "trente", "quarante", "cinquante", "soixante"})


def qualifier_before(token: Token, lex: Lexicon) -> tuple[str, int]:
    """The qualifier written just before the token at ``token`` and where it starts."""
    doc = token.doc
    for width in (3, 2, 1):
        start = token.i - width
        if start < 0:
            continue
        words = fold(" ".join(t.text for t in doc[start:token.i])).replace("' ", "'")
        for phrase, qualifier in lex.numbers["qualifiers"].items():
            if words == phrase or words.endswith(" " + phrase) and width == len(phrase.split()):
                return qualifier, start
    return "exact", token.i


def count_of(noun: Token, lex: Lexicon) -> Count | None:
    """The number counting the noun phrase headed by ``noun`` ("plus de dix personnes")."""
    # ("neuf autres blessées": "neuf" tagged as the adjective "new", still hung as a number)
    numeral = next((c for c in noun.children if c.dep_ == "nummod" and (c.pos_ == "NUM" or c.like_num)), None)
    if numeral is None and "Plur" in noun.morph.get("Number"):
        # "neuf drones": the number word that is also an adjective ("neuf", new) is tagged as one
        numeral = next((c for c in noun.children if c.dep_ == "amod" and c.i < noun.i and c.like_num), None)
    if numeral is None and is_number(noun):
        numeral = noun  # "71 des 145 drones": the number heads the phrase
    if numeral is None and noun.i > 0 and noun.doc[noun.i - 1].pos_ == "NUM" and noun.doc[noun.i - 1].like_num:
        numeral = noun.doc[noun.i - 1]  # the parser hung the number elsewhere ("71 autres ont été abattus")
    if numeral is None and noun.i > 2 and noun.doc[noun.i - 1].lower_ in {"un", "une"} \
            and noun.doc[noun.i - 2].lower_ == "et" and noun.doc[noun.i - 3].lower_ in _TENS:
        numeral = noun.doc[noun.i - 1]  # "vingt et un drones": the "un" is read as an article
    if numeral is None:
        # "une quarantaine de personnes", "une dizaine de drones"
        approx = noun if fold(noun.lemma_) in lex.numbers["approximate_nouns"] else next(
            (c for c in noun.children if fold(c.lemma_) in lex.numbers["approximate_nouns"]), None)
        if approx is None and fold(noun.head.lemma_) in lex.numbers["approximate_nouns"]:
            approx = noun.head
        if approx is not None and "Plur" not in approx.morph.get("Number"):
            return Count(lex.numbers["approximate_nouns"][fold(approx.lemma_)], "approximately",
                         approx.i, approx.i + 1)
        if approx is not None:
            return None  # "des dizaines de drones": vague, no number (ANNOTATION.md)
        # "tuant un homme": the indefinite article of a singular noun counts one
        article = next((c for c in noun.children if c.dep_ == "det" and fold(c.lemma_) == "un"
                        and "Ind" in c.morph.get("Definite") and "Sing" in noun.morph.get("Number")), None)
        if article is not None:
            return Count(1, "exact", article.i, noun.i + 1, by_article=True)
        return None
    run = _number_run(numeral)
    value = number_value(run)
    if value is None:
        return None
    qualifier, start = qualifier_before(run[0], lex)
    # ("un" tagged as a number word: still the article's one)
    return Count(value, qualifier, start, run[-1].i + 1, by_article=value == 1 and fold(noun.doc[start].lemma_) == "un")


def partitive(numeral: Token, lex: Lexicon) -> tuple[Count, Token] | None:
    """For "X des Y drones" or "X drones sur Y", the launched count Y and the weapon noun; None otherwise."""
    if not is_number(numeral):
        # "79 drones sur 138": the total hangs under the counted noun
        for child in numeral.children:
            if is_number(child) and child.dep_ in {"nmod", "obl", "obl:mod", "nummod"} and any(
                    fold(c.text) == "sur" for c in child.children if c.dep_ == "case"):
                total = count_of(child, lex)
                return (total, numeral) if total is not None else None
        # the parser hung the total elsewhere ("11 drones russes sur 14"): read it off the surface
        doc, at = numeral.doc, numeral.i + 1
        while at < len(doc) and doc[at].pos_ == "ADJ":
            at += 1
        # ("23 drones russes sur les 31 lancés": the total may take the article)
        skip = 1 if at + 2 < len(doc) and fold(doc[at + 1].text) == "les" else 0
        if at + 1 + skip < len(doc) and fold(doc[at].text) == "sur" and is_number(doc[at + 1 + skip]):
            total = count_of(doc[at + 1 + skip], lex)
            return (total, numeral) if total is not None else None
        return None
    for child in numeral.children:
        if child.dep_ in {"nmod", "obl", "obl:mod"} and any(
            fold(c.text) in {"des", "de", "sur"} for c in child.children if c.dep_ in {"case", "det"}
        ):
            total = count_of(child, lex)
            if total is not None:
                return total, child
    return None


def is_vague(noun: Token, lex: Lexicon) -> bool:
    """Whether the phrase is counted only vaguely ("plusieurs blessés", "des dizaines de civils")."""
    return any(fold(c.lemma_) in lex.numbers["vague"] or fold(c.text) in lex.numbers["vague"]
               for c in noun.children)
