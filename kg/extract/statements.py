"""Attributed speech: reporting verbs, "selon …" and quotes, their speakers and the stretch of text they cover."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.extract.clauses import cues_in, is_cue
from kg.extract.entities import Entities, phrase_bounds
from kg.extract.lexicon import Lexicon, fold, rows
from kg.extract.people import person_at
from kg.extract.towns import facility_nouns
from kg.model import Span
from kg.text import fold as text_fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_QUOTES = re.compile(r"“[^”]{3,}”|«[^»]{3,}»|\"[^\"\n]{3,}\"")
# Dependents that carry what was said: "a déclaré que …", "a déclaré avoir abattu …"
CONTENT_DEPS = frozenset({"ccomp", "xcomp", "advcl", "parataxis", "conj"})
# Where an inverted speaker sits: "…, a déclaré la source"
INVERTED_SPEAKER_DEPS = frozenset({"obj", "nsubj", "appos", "obl:mod", "nmod", "dep"})
PRONOUNS = frozenset({"il", "elle", "ils", "elles", "celui-ci", "celle-ci", "-t-il", "-t-elle", "-il", "-elle",
                      "-ils", "-elles"})
# Stressed pronouns after a preposition: "selon lui", "d'après elle"
STRESSED = frozenset({"lui", "elle", "eux", "elles"})
# prepositions of whom a speaker speaks to ("a précisé à l'agence"), not who speaks
ADDRESSEE_CASES = frozenset({"à", "au", "aux", "auprès"})


@functools.cache
def speech_words() -> dict[str, frozenset[str]]:
    """Nouns in a speaker's place that are not one (rules/speech_words.tsv), by what they point to:
    "document" (the speaker just named), "account" (its complement speaks), "anaphor" ("ce dernier"),
    "each" (plural officials, each for a place: "les gouverneurs respectifs"), "management" (of the
    facility its sentence names: "la direction")."""
    table: dict[str, set[str]] = {kind: set() for kind in ("document", "account", "anaphor", "each", "management")}
    for word, kind, *_ in rows("speech_words.tsv"):
        table.setdefault(kind, set()).add(fold(word))
    return {kind: frozenset(words) for kind, words in table.items()}


@dataclass
class Speech:
    """One reporting act: its cue, speaker, and the character ranges of what it reports."""

    cue: str
    speaker: str | None
    mention: Span
    scopes: list[tuple[int, int]] = field(default_factory=list)
    quote: str | None = None
    speaker_token: int | None = None  # the head of the speaker's phrase, when one names it
    place: str | None = None  # the place an official among several speaks for ("les gouverneurs respectifs")
    group: list[Speech] = field(default_factory=list)  # those officials' speeches, this one included


def quotes(text: str) -> list[tuple[int, int]]:
    """Character ranges of quoted passages, quote marks included."""
    return [m.span() for m in _QUOTES.finditer(text)]


class Listener:
    """Reads speeches out of one parsed article."""

    def __init__(self, doc: Doc, entities: Entities, lex: Lexicon) -> None:
        self.doc, self.entities, self.lex = doc, entities, lex
        self.text = entities.text
        self.quotes = quotes(self.text)
        self.by_token: dict[int, Speech] = {}

    def speeches(self) -> list[Speech]:
        found: list[Speech] = []
        cues = cues_in(self.entities)
        for token in self.entities.tokens:
            if (cue := cues.get(token.i)) is not None:
                speech = self.verbal(token, cue, found)
            elif token.pos_ == "ADP" and (fold(token.lemma_) in self.lex.cues or _split_according(token)) \
                    or fold(token.text) in {"selon", "d'après"}:
                speech = self.according(token, found)
            else:
                continue
            if speech is not None:
                self.by_token[token.i] = speech
                each = self.per_place(speech)
                found += each
                self.by_token[token.i] = each[0]
                found += self.co_speakers(speech)
        return found

    def co_speakers(self, speech: Speech) -> list[Speech]:
        """The same speech by each speaker coordinated with its own: "ont indiqué la direction et
        les autorités", "selon le gouverneur et la police"."""
        if speech.speaker_token is None:
            return []
        others = []
        for conjunct in self.doc[speech.speaker_token].conjuncts:
            local = self.actor(conjunct) if conjunct.pos_ in {"NOUN", "PROPN"} else None
            if local is not None and local != speech.speaker and local not in {s.speaker for s in others}:
                start, end = phrase_bounds(conjunct)
                others.append(Speech(speech.cue, local, self.entities.span(start, end), list(speech.scopes),
                                     speech.quote, conjunct.i))
        return others

    def per_place(self, speech: Speech) -> list[Speech]:
        """One speech per place when officials of one title speak each for their own: "selon les
        gouverneurs respectifs", "ont annoncé les gouverneurs locaux" (of the places their words
        name), "les gouverneurs des régions de Koursk et de Voronej ont indiqué" (of the places
        their title names)."""
        if speech.speaker_token is None:
            return [speech]
        head = self.doc[speech.speaker_token]
        kind, role = self.lex.actors.get(fold(head.lemma_), (None, None))
        if kind != "Person" or "Plur" not in head.morph.get("Number"):
            return [speech]
        if any(fold(c.lemma_) in speech_words()["each"] for c in head.children):
            tokens = [t for t in head.sent if any(b <= t.idx < e for b, e in speech.scopes)]
        else:  # the title's words, up to the verb or the end of the phrase
            tokens = []
            for token in self.doc[head.i + 1:head.sent.end]:
                if token.pos_ in {"VERB", "AUX"} or token.text in {",", ".", ";", ":", "«", "\""}:
                    break
                tokens.append(token)
        places = list(dict.fromkeys(p for t in tokens if (p := self.entities.place(t))))
        if len(places) < 2:
            return [speech]
        group: list[Speech] = []
        for place in places:
            label = f"{role} de {self.entities.get(place).name}"
            local = self.entities.add("Person", label, speech.mention, key=("Person", fold(label), None),
                                      role=role, jurisdiction=place)
            group.append(Speech(speech.cue, local, speech.mention, list(speech.scopes), speech.quote,
                                head.i, place=place, group=group))
        return group

    def speaker_of(self, cue: Token, found: list[Speech]) -> tuple[str | None, Token | None]:
        # "a-t-il précisé", "affirme-t-elle": the inverted clitic, however the parser hangs it
        subjects = [c for c in cue.children if c.dep_ in {"nsubj", "expl:subj"} and c.pos_ != "PUNCT"
                    and fold(c.text) != "-t"]
        subject = _inverted_clitic(cue, self.entities.tokens) or next(
            (c for c in subjects if fold(c.text) in PRONOUNS), subjects[0] if subjects else None)
        # a pronoun, the statement just issued, or "ce dernier" refers to the last speaker: "il a
        # ajouté", "le communiqué précise", "Cette dernière a affirmé"
        if subject is not None and (fold(subject.text) in PRONOUNS or _this_last(subject)
                                    or fold(subject.lemma_) in speech_words()["document"]):
            return next((s.speaker for s in reversed(found) if s.speaker), None), subject
        # "le bilan communiqué par le ministère fait état de …": who gave the account speaks
        if subject is not None and fold(subject.lemma_) in speech_words()["account"] \
                and self.actor(subject) is None and (source := _account_of(subject)) is not None \
                and (local := self.actor(source)):
            return local, source
        if subject is not None:
            # "…, la plupart d'entre eux au-dessus de Koursk, a déclaré le ministère": of two subjects
            # the parser gives, the one that names an actor
            found_actor = next(((a, c) for c in subjects if (a := self.actor(c))), None)
            if found_actor:
                return found_actor
        # "tout en confirmant que …", "a déclaré avoir …": the speaker of the governing cue
        for ancestor in cue.ancestors:
            if ancestor.i in self.by_token:
                return self.by_token[ancestor.i].speaker, None
        # inverted subject after the verb: "…, a déclaré lundi une source du renseignement"
        for child in cue.children:
            if child.i > cue.i and child.dep_ in INVERTED_SPEAKER_DEPS and child.pos_ in {"NOUN", "PROPN"} \
                    and not any(fold(c.text) in ADDRESSEE_CASES for c in child.children if c.dep_ == "case"):
                local = self.actor(child) or (person_at(self.entities, child.i) if child.pos_ == "PROPN" else None)
                if local:
                    return local, child
        # "« … à l'hôpital », a informé Valentyn Reznichenko, gouverneur …": the parser took a word of
        # the quote for the subject; the speaker is the first actor after the verb
        if subject is None or subject.i < cue.i:
            addressee = False  # "a précisé à l'agence Interfax Edouard Trutnev": told to, not by
            for token in self.doc[cue.i + 1:min(cue.sent.end, cue.i + 12)]:
                if token.text in {"que", "qu'", "«", "\"", "“"} or token.is_sent_end:
                    break
                person = self.entities.get(self.entities.token_entity.get(token.i))
                if fold(token.text) in ADDRESSEE_CASES:
                    addressee = True
                elif token.text == "," or person is not None and person.kind == "Person":
                    addressee = False
                if not addressee and token.pos_ in {"NOUN", "PROPN"} and (local := self.actor(token)):
                    return local, token
                # "…, a précisé à l'agence Interfax Edouard Troutnev, chargé de …": a name the NER lost
                if token.pos_ == "PROPN" and token.i not in self.entities.token_entity \
                        and (local := person_at(self.entities, token.i)):
                    return local, token
        # "Le maire de Kharkiv, Igor Terekhov, avait dans un premier temps évoqué …": the parser hung
        # the cue elsewhere; the subject of the sentence's root speaks, if no other cue is in between
        root = cue.sent.root
        if subject is None and root.i < cue.i and not any(is_cue(t, self.lex) for t in self.doc[root.i:cue.i]):
            head = next((c for c in root.children if c.dep_ == "nsubj" and c.i < root.i), None)
            if head is not None and (local := self.actor(head)):
                return local, head
        return None, subject

    def actor(self, head: Token) -> str | None:
        jurisdiction = self.frame_place(head)
        local = self.entities.actor(head, jurisdiction=jurisdiction)
        # "Une raffinerie … a dû suspendre ses activités, ont indiqué la direction et …": the management
        # of the facility its sentence names
        if local is not None and fold(head.lemma_) in speech_words()["management"] \
                and not any(c.dep_ == "nmod" for c in head.children):
            facility = next((t for t in reversed(self.doc[head.sent.start:head.i])
                             if t.pos_ == "NOUN" and text_fold(t.lemma_) in facility_nouns()), None)
            if facility is not None:
                name = f"{head.lemma_.lower()} {_of_the(facility)}{facility.lemma_.lower()}"
                start, end = phrase_bounds(head)
                return self.entities.add("Organization", name, self.entities.span(start, end))
        return local

    def frame_place(self, head: Token) -> str | None:
        """A place set in the speaker's own clause: "à Odessa, les autorités ont déclaré"."""
        verb = head.head
        for child in verb.children:
            if child.dep_.startswith("obl") and child.i < head.i:
                stack = [child]
                while stack:
                    token = stack.pop()
                    if self.entities.place(token) and not self.entities.metonymic(token):
                        return self.entities.place(token)
                    stack.extend(token.children)
        return None

    def verbal(self, cue: Token, cue_lemma: str, found: list[Speech]) -> Speech | None:
        doc = self.doc
        speaker, speaker_head = self.speaker_of(cue, found)
        aux = [c for c in cue.children if c.dep_.startswith("aux")]
        start = min([cue.i, *(a.i for a in aux)])
        end = cue.i + 1
        if speaker_head is not None:
            s_start, s_end = phrase_bounds(speaker_head)
            start, end = min(start, s_start), max(end, s_end)
        speech = Speech(cue=self.lex.cues[cue_lemma], speaker=speaker, mention=self.entities.span(start, end),
                        speaker_token=speaker_head.i if speaker_head is not None and speaker else None)
        sentence = cue.sent
        cue_begin = doc[min([cue.i, *(a.i for a in aux)])].idx
        cue_end = cue.idx + len(cue.text)
        # quote just before the verb: "“…”, a déclaré la source"
        for q_begin, q_end in self.quotes:
            between = self.text[q_end:cue_begin]
            if q_end <= cue_begin and len(between) <= 4 and between.strip(" ,") == "":
                speech.scopes.append((q_begin, q_end))
                speech.quote = self.text[q_begin + 1:q_end - 1]
        # what follows the verb: "a déclaré que …", "a déclaré avoir abattu …", "a écrit : « … »"
        complement = [c for c in cue.children if c.dep_ in CONTENT_DEPS and c.i > cue.i]
        following = doc[cue.i + 1:min(cue.i + 4, sentence.end)]
        # an infinitive right after the verb carries it even when the parser hangs it elsewhere
        # ("a affirmé mercredi avoir abattu", parsed under "mercredi")
        if complement or any(fold(t.text) in {"que", "qu'", ":"} or "Inf" in t.morph.get("VerbForm")
                             for t in following):
            sentence_end = sentence[-1].idx + len(sentence[-1].text)
            speech.scopes.append((cue_end, sentence_end))
            for q_begin, q_end in self.quotes:
                if 0 <= q_begin - cue_end <= 6 and ":" in self.text[cue_end:q_begin + 1]:
                    speech.quote = self.text[q_begin + 1:q_end - 1]
                    speech.scopes.append((q_begin, q_end))
        # inverted: "Des drones ont frappé …, a déclaré une source": the clause before the verb
        elif start > sentence.start and doc[start - 1].text in {",", "”", "»", '"'} and not speech.quote:
            speech.scopes.append((sentence[0].idx, cue_begin))
        # "C'est ce qu'a rapporté Suspilne": what the sentence before told
        elif cue.dep_ == "acl:relcl" and fold(cue.head.lemma_) == "ce" and sentence.start > 0:
            before = doc[sentence.start - 1].sent
            speech.scopes.append((before[0].idx, before[-1].idx + len(before[-1].text)))
        # "a annoncé neuf morts à Ternopil", "a écrit sur les frappes": what it says is its object
        elif any(c.i > cue.i and c.dep_ in {"obj", "obl", "obl:arg", "obl:mod"} and c is not speaker_head
                 and c.pos_ in {"NOUN", "NUM"} for c in cue.children) and not speech.quote:
            speech.scopes.append((cue_end, sentence[-1].idx + len(sentence[-1].text)))
        if not speech.scopes:
            return None
        return speech

    def according(self, cue: Token, found: list[Speech]) -> Speech | None:
        """ "selon X, …" or "…, selon X": the whole sentence outside the attribution."""
        doc = self.doc
        head = cue.head
        # "selon lui", "selon cette source", "selon la même source": the last speaker
        back = fold(head.text) in STRESSED or _anaphoric(head)
        # "selon des déclarations du président", "selon un bilan annoncé par les autorités": the
        # words' complement or agent speaks
        if not back and fold(head.lemma_) in speech_words()["account"] and self.actor(head) is None:
            head = _account_of(head) or head
        if back:
            local = next((s.speaker for s in reversed(found) if s.speaker), None)
        else:
            local = self.actor(head)
        if local is None:
            return None
        start, end = phrase_bounds(head)
        start = min(start, cue.i)
        speech = Speech(cue="selon", speaker=local, mention=self.entities.span(start, end),
                        speaker_token=None if back else head.i)
        sentence = cue.sent
        sentence_begin, sentence_end = sentence[0].idx, sentence[-1].idx + len(sentence[-1].text)
        if sentence_begin < doc[start].idx:
            speech.scopes.append((sentence_begin, doc[start].idx))
        if doc[end - 1].idx + len(doc[end - 1].text) < sentence_end:
            speech.scopes.append((doc[end - 1].idx + len(doc[end - 1].text), sentence_end))
        return speech


def _anaphoric(head: Token) -> bool:
    """Whether a speaker's noun points back to the one just named: "cette source", "la même source",
    "ce dernier"."""
    return _this_last(head) or head.pos_ == "NOUN" and any(
        c.dep_ == "det" and fold(c.lemma_) == "ce" or c.dep_ == "amod" and fold(c.lemma_) == "même"
        for c in head.children)


def _this_last(head: Token) -> bool:
    """ "ce dernier", "cette dernière": the one just named."""
    return fold(head.lemma_) in speech_words()["anaphor"] and any(
        c.dep_ == "det" and fold(c.lemma_) == "ce" for c in head.children)


def _of_the(noun: Token) -> str:
    """ "de la ", "du ", "de l'": the definite "of" before a French noun."""
    if fold(noun.text)[:1] in set("aeiouyhéèêâîôû"):
        return "de l'"
    return "de la " if "Fem" in noun.morph.get("Gender") else "du "


def _inverted_clitic(cue: Token, tokens: list[Token]) -> Token | None:
    """The subject pronoun after the verb or its auxiliary ("a-t-elle précisé", "affirme-t-il"), which
    the parser hangs on either, as a subject or not; ``tokens`` are the Doc's."""
    near = [t for t in tokens[max(0, cue.i - 3):cue.i + 3] if t.text.startswith("-") and fold(t.text) in PRONOUNS]
    if not near:
        return None
    heads = {cue.i, *(c.i for c in cue.children if c.dep_.startswith("aux"))}
    return next((t for t in near if t.head.i in heads), None)


def _split_according(token: Token) -> bool:
    """ "D'après" parsed as "D'" with "après" fixed to it."""
    return fold(token.text) in {"d'", "d"} and any(
        c.dep_ == "fixed" and fold(c.text) == "après" for c in token.children)


def _account_of(head: Token) -> Token | None:
    """Who gave an account: "des déclarations du président" (its complement), "un bilan annoncé par
    les autorités" (the agent of the participle that qualifies it)."""
    for child in head.children:
        if child.dep_ == "nmod" and child.pos_ in {"NOUN", "PROPN"} and any(
                c.dep_ == "case" and fold(c.text) in {"de", "du", "des", "d'"} for c in child.children):
            return child
        if child.dep_ in {"acl", "amod"} and child.pos_ == "VERB":
            agent = next((c for c in child.children if c.dep_ == "obl:agent"), None)
            if agent is not None:
                return agent
    return None


def for_place(speech: Speech | None, place: str | None) -> Speech | None:
    """Of officials who speak each for their own place, the one who speaks for ``place``."""
    if speech is None or not speech.group:
        return speech
    return next((s for s in speech.group if s.place == place), speech)


def innermost(speeches: list[Speech], offset: int) -> Speech | None:
    """The speech whose narrowest scope contains ``offset``."""
    best: tuple[int, Speech] | None = None
    for speech in speeches:
        for begin, end in speech.scopes:
            if begin <= offset < end and (best is None or end - begin < best[0]):
                best = (end - begin, speech)
    return best[1] if best else None
