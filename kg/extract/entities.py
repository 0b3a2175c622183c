"""Entities of one article: places, actors and weapons, one per distinct thing, with all their mentions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.extract.lexicon import Lexicon, fold
from kg.extract.outlets import channels, outlet_named
from kg.extract.people import after_role, named_person
from kg.extract.towns import announced, is_town, missed_towns, town_slot
from kg.model import Entity, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Dependency labels of a noun's modifiers that are not part of its name.
CLAUSAL_MODIFIERS = frozenset({"acl", "acl:relcl", "appos", "punct", "dep", "parataxis", "conj", "cc"})
# Prepositions that make a capital a location rather than the state acting through it.
LOCATIVE_CASES = frozenset({"à", "dans", "vers", "près", "sur", "en", "au", "aux", "autour", "depuis"})
# Dependency labels under which a capital acts or owns ("Moscou a lancé", "l'attaque de Kyiv").
ACTING_DEPS = frozenset({"nsubj", "nsubj:pass", "obl:agent", "nmod", "ROOT", "conj", "obj"})
PLACE_RANK = {"City": 0, "Place": 1, "Region": 2, "Sea": 3, "Country": 4}



@dataclass
class _Draft:
    id: str
    kind: str
    name: str
    mentions: list[Span] = field(default_factory=list)
    role: str | None = None
    affiliation: str | None = None
    jurisdiction: str | None = None
    shared: bool = True


def phrase_bounds(head: Token) -> tuple[int, int]:
    """Token bounds of the noun phrase headed by ``head``, without clauses, appositions or determiners."""
    keep = [head]
    stack = [c for c in head.children if c.dep_ not in CLAUSAL_MODIFIERS]
    while stack:
        token = stack.pop()
        keep.append(token)
        stack.extend(c for c in token.children if c.dep_ not in {"acl", "acl:relcl", "parataxis"})
    indices = sorted(t.i for t in keep)
    # the phrase is the contiguous run around the head
    start = end = head.i
    members = set(indices)
    while start - 1 in members:
        start -= 1
    while end + 1 in members:
        end += 1
    doc = head.doc
    while start < head.i and (doc[start].pos_ in {"DET", "PUNCT"} or doc[start].dep_ in {"case", "fixed"}):
        start += 1
    while end > head.i and doc[end].pos_ == "PUNCT":
        end -= 1
    return start, end + 1


#: Words after which a speaker's noun phrase says where or when it spoke, not who it is:
#: "le ministère sur Telegram", "les autorités russes tôt lundi", "toujours selon le ministère".
NAME_STOPS = frozenset({"sur", "via", "tot", "tard", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
                        "samedi", "dimanche", "hier", "toujours", "dans",
                        # "l'armée israélienne au-dessus de Jérusalem": where, not who
                        "au dessus", "a", "au", "aux", "pres", "depuis", "pendant", "lors", "contre"})


def phrase_text(head: Token) -> str:
    start, end = phrase_bounds(head)
    while start < head.i and fold(head.doc[start].text) in NAME_STOPS:
        start += 1
    end = next((t.i for t in head.doc[head.i + 1:end] if fold(t.text) in NAME_STOPS), end)
    return fold(head.doc[start:end].text).replace(" ,", ",")


class Entities:
    """The growing set of an article's entities; ``records()`` freezes them."""

    def __init__(self, doc: Doc, lex: Lexicon, text: str | None = None) -> None:
        self.doc = doc
        # made once: doc[i] and iterating the Doc build a new Token object on every access
        self.tokens: list[Token] = list(doc)
        self.lex = lex
        self.text = doc.text if text is None else text  # Doc.text is rebuilt on every access
        self._drafts: list[_Draft] = []
        self._by_id: dict[str, _Draft] = {}
        self._weapons: dict[int, tuple[str, str] | None] = {}  # token index → weapon() result
        self._by_key: dict[tuple, _Draft] = {}
        self.token_entity: dict[int, str] = {}  # token index → entity id, for names and places
        self.memo: dict[object, object] = {}  # per-sentence readings asked for again (kg.extract.placing)

    # -- registry -------------------------------------------------------------------------
    def add(self, kind: str, name: str, mention: Span | None, key: tuple | None = None, **slots: object) -> str:
        """The id of the entity ``key`` (default: kind and folded name), created if new."""
        group = "place" if kind in {"Country", "Region", "City", "Place"} else kind
        key = key or (group, fold(name))
        draft = self._by_key.get(key)
        shared = slots.pop("shared", True)
        if draft is None:
            draft = _Draft(f"ent{len(self._drafts) + 1}", kind, name, shared=bool(shared))
            self._drafts.append(draft)
            self._by_key[key] = draft
            self._by_id[draft.id] = draft
        for slot, value in slots.items():
            if value is not None and getattr(draft, slot) is None:
                setattr(draft, slot, value)
        if mention is not None and mention not in draft.mentions:
            draft.mentions.append(mention)
        return draft.id

    def span(self, start: int, end: int) -> Span:
        """The character span of tokens ``start``..``end`` (exclusive)."""
        begin = self.tokens[start].idx
        last = self.tokens[end - 1]
        stop = last.idx + len(last.text)
        # the article text sliced, not doc[start:end].text: the same characters without building a
        # Span and joining its tokens (2.2 s of 35 s profiled extraction)
        return Span(begin, stop, self.text[begin:stop])

    def people(self, kind: str = "Person") -> list[_Draft]:
        return [d for d in self._drafts if d.kind == kind]

    def get(self, local_id: str | None) -> _Draft | None:
        return self._by_id.get(local_id) if local_id is not None else None

    def find(self, kind: str, head_lemma: str) -> _Draft | None:
        """The latest entity of ``kind`` whose name starts with ``head_lemma`` (for "la source")."""
        for draft in reversed(self._drafts):
            if draft.kind == kind and fold(draft.name).startswith(head_lemma):
                return draft
        return None

    def latest(self, kind: str, before: int, capital: bool = False) -> str | None:
        """The entity of ``kind`` mentioned last before character offset ``before`` (a capital
        only, for "la capitale")."""
        best: tuple[int, str] | None = None
        for draft in self._drafts:
            if draft.kind == kind and (not capital or fold(draft.name) in self.lex.metonyms):
                for m in draft.mentions:
                    if m.begin < before and (best is None or m.begin > best[0]):
                        best = (m.begin, draft.id)
        return best[1] if best else None

    def side(self, local_id: str | None) -> str | None:
        """The country an actor fights for: itself if a country, else its affiliation's side."""
        seen: set[str] = set()
        while local_id and local_id not in seen:
            seen.add(local_id)
            draft = self.get(local_id)
            if draft is None:
                return None
            if draft.kind == "Country":
                return draft.id
            local_id = draft.affiliation
        return None

    def country(self, name: str, token: Token | None) -> str:
        mention = self.span(token.i, token.i + 1) if token is not None else None
        return self.add("Country", name, mention)

    def records(self) -> tuple[Entity, ...]:
        return tuple(
            Entity(
                id=d.id, kind=d.kind, name=d.name,  # type: ignore[arg-type]
                mentions=tuple(sorted(d.mentions, key=lambda s: s.begin)),
                role=d.role, affiliation=d.affiliation, jurisdiction=d.jurisdiction,
                shared=d.shared,
            )
            for d in self._drafts
        )

    # -- reading names ----------------------------------------------------------------------
    def nationality(self, head: Token) -> str | None:
        """The country named by an adjective or a country name inside the phrase of ``head``."""
        start, end = phrase_bounds(head)
        # an adjective the parser hung as a clause ("drones russes" read as acl) still qualifies the noun
        loose = [c for t in self.doc[start:end] for c in t.children if c.dep_ == "acl" and c.pos_ == "ADJ"
                 and c.i == end]
        for token in [*self.doc[start:end], *loose]:
            country = self.lex.adjectives.get(fold(token.text)) or self.lex.adjectives.get(fold(token.lemma_))
            if country and token.pos_ in {"ADJ", "NOUN", "PROPN", "VERB"}:
                return self.country(country, token)
            if token.i in self.token_entity and token.i != head.i:
                local = self.token_entity[token.i]  # a side, else an armed group ("des drones des FSR")
                found = self.side(local) or (local if self.get(local).kind == "Organization" else None)
                if found:
                    return found
        return None

    def metonymic(self, token: Token) -> bool:
        """Whether a capital or seat of power stands for its state here ("Moscou a lancé")."""
        if fold(token.text) not in self.lex.metonyms:
            return False
        if fold(token.head.lemma_) in self.lex.place_nouns and token.head.i != token.i:
            return False
        cases = {fold(c.text) for c in token.children if c.dep_ in {"case", "fixed"}}
        if cases & {"selon", "d apres", "apres"} or "par" in cases and any(c.dep_ == "aux:pass" for c in token.head.children):
            return True  # "selon Kiev": the state that speaks; "menée par Kiev": that acts
        if token.dep_ == "nmod" and fold(token.head.lemma_) in self.lex.actors:
            return False  # "l'administration militaire de Kiev", "le maire de Kiev": where it serves
        hit = [token.head] if token.dep_ in {"obj", "nsubj:pass"} else [c for c in token.children if c.dep_ == "acl"]
        if any(t.role == "attack" for h in hit for t in self.lex.triggers.get((fold(h.lemma_), "VERB"), ())):
            return False  # "des drones ont frappé Kiev", "Kiev a été visée", "Kiev visée par": the city that was hit
        return not (cases & LOCATIVE_CASES) and token.dep_ in ACTING_DEPS

    def place_kind(self, token: Token, default: str) -> str:
        """The kind a place name gets from the noun it completes ("la région de Kaluga")."""
        head = token.head
        noun = self.lex.place_nouns.get(fold(head.lemma_))
        if noun and head.i != token.i:
            return noun
        if fold(head.lemma_) == "gouverneur":
            return "Region"
        return default

    def within_city(self, root: Token, text: str) -> bool:
        """Whether a name completes a noun of a part of a city or a way ("le quartier de Saltivka", "la route de Lgov").

        A city the lexicon lists keeps its place under a part noun: "un quartier résidentiel de Zaporijjia".
        """
        head = root.head
        noun = self.lex.sub_places.get(fold(head.lemma_))
        if head.i == root.i or noun is None or root.dep_ not in {"nmod", "appos", "flat:name", "amod", "obl"}:
            return False
        return noun == "way" or text not in self.lex.places

    def register_names(self) -> None:
        """Enter every named place, country, organisation, person and weapon the NER found."""
        for ent in self.doc.ents:
            text = fold(ent.text)
            mention = self.span(ent.start, ent.end)
            root = ent.root
            local: str | None = None
            if text in channels():
                continue  # "a indiqué sur Telegram": how it was said, not where nor by whom
            if ent.label_ in {"LOC", "GPE"} and 0 < ent.start and ent.end < len(self.doc) \
                    and self.doc[ent.start - 1].text == "(" and self.doc[ent.end].text == ")":
                continue  # "Kherson (Sud)": a gloss on the place before
            if ent.label_ in {"LOC", "GPE"} and self.within_city(root, text):
                continue  # a district, street or road: the place is the city the text gives
            if ent.label_ in {"LOC", "GPE"} and (text.removeprefix("du ").removeprefix("le ") in self.lex.compass
                                                 or text in self.lex.adjectives):
                continue  # "une localité du Nord israélien", "les Libanais": a direction, a people
            label = "PER" if ent.label_ in {"LOC", "GPE", "ORG"} and after_role(self, ent) else ent.label_
            if text in self.lex.metonyms and self.metonymic(root):
                local = self.add("Country", self.lex.metonyms[text], mention)
            elif text in self.lex.countries:
                local = self.add("Country", self.lex.countries[text], mention)
            # "le ministère russe de la Défense" tagged as a place: a common noun heads it (a name the
            # tagger read as a verb, "à Horlivka", is still a name)
            elif label in {"LOC", "GPE"} and text not in self.lex.places and (
                    root.pos_ not in {"PROPN", "VERB"} or fold(root.lemma_) in self.lex.actors):
                continue
            elif text in self.lex.places or label in {"LOC", "GPE"}:
                place = self.lex.places.get(text)
                kind = self.place_kind(root, place.kind if place else "City")
                name = place.name if place else ent.text
                local = self.add(kind, name, mention)
            elif text in self.lex.weapons:
                weapon = self.lex.weapons[text]
                local = self.add("Weapon", weapon.name, mention)
            elif ent.label_ in {"ORG", "MISC", "PER"} and town_slot(self.tokens[ent.start], self.lex.place_nouns) \
                    and is_town(ent.text, announced(self.tokens[ent.start], self.lex.place_nouns)):
                # "à Tchassiv Iar", "à Khan Younès", "le village de Velyka Pysarivka" tagged as an organisation, a person
                local = self.add("City", ent.text, mention)
            elif label == "ORG":
                kind = "NewsAgency" if text in self.lex.agencies else "Organization"
                local = self.add(kind, ent.text, mention)
            elif label == "PER":
                # "M. Kozytskiï", "Sinegoubov": the person named in full before
                surname = fold(ent.text.removeprefix("M. ").removeprefix("Mme "))
                known = next((d for d in reversed(self._drafts) if d.kind == "Person" and " " not in surname
                              and fold(d.name).split()[-1] == surname), None)
                name = known.name if known else ent.text
                local = self.add("Person", name, mention, key=("Person", fold(name)))
            if local:
                for token in ent:
                    self.token_entity[token.i] = local
        # towns the NER missed or mislabelled, where French names a town ("l'usine de Novochakhtinski"),
        # and capitals named by their country ("la capitale ukrainienne")
        for start, end, name in missed_towns(self.tokens, self.token_entity, self.lex):
            local = self.add("City", name or self.span(start, end).text, self.span(start, end))
            self.token_entity.update({i: local for i in range(start, end)})

    def place(self, token: Token) -> str | None:
        """The place entity a token names, if any."""
        local = self.token_entity.get(token.i)
        draft = self.get(local)
        if draft and draft.kind in PLACE_RANK:
            return local
        return None

    def named_system(self, local: str | None) -> bool:
        """Whether a weapon entity is a named system ("Shahed", "Iskander"), not a generic noun:
        its French name is capitalised (the weapons table's rule)."""
        draft = self.get(local)
        return draft is not None and draft.name[:1].isupper()

    def weapon(self, token: Token) -> tuple[str, str] | None:
        """(entity id, weapon class) for a weapon word; a named system beats the generic noun."""
        if token.i not in self._weapons:
            self._weapons[token.i] = self._weapon(token)
        return self._weapons[token.i]

    def _weapon(self, token: Token) -> tuple[str, str] | None:
        # only the next token, hung under this one, can name the system ("drones Shahed"): looked up
        # directly rather than by walking every child (weapon() runs on half of all tokens)
        following = self.tokens[token.i + 1] if token.i + 1 < len(self.tokens) else None
        named = following is not None and following.head.i == token.i \
            and following.dep_ in {"appos", "flat:name", "nmod", "xcomp", "amod"}
        for candidate in [following, token] if named else [token]:
            weapon = self.lex.weapons.get(fold(candidate.text)) or self.lex.weapons.get(fold(candidate.lemma_))
            if weapon and (weapon.named or candidate is token):
                mention = self.span(candidate.i, candidate.i + 1)
                local = self.add("Weapon", weapon.name, mention)
                self.token_entity.setdefault(candidate.i, local)
                return local, weapon.weapon_class
        return None

    def actor(self, head: Token, jurisdiction: str | None = None) -> str | None:
        """The actor a noun phrase names: person, source, authority, organisation or country."""
        doc, lex = self.doc, self.lex
        local = self.token_entity.get(head.i)
        lemma = fold(head.lemma_)
        if local and self.get(local).kind in {"Person", "Organization", "NewsAgency", "Country"}:
            return local
        if fold(head.text) in lex.metonyms:
            return self.country(lex.metonyms[fold(head.text)], head)
        if lemma in lex.adjectives and head.pos_ == "NOUN":  # "les Russes"
            return self.country(lex.adjectives[lemma], head)
        if lemma not in lex.actors:
            return None
        kind, role = lex.actors[lemma]
        start, end = phrase_bounds(head)
        mention = self.span(start, end)
        name = phrase_text(head)
        # "le chef d'État": the phrase, not its head noun, gives the title
        role = next((r for phrase, r in lex.role_phrases if fold(name).startswith(phrase)), role)
        definite = any(c.dep_ == "det" and fold(c.lemma_) in {"le", "ce"} for c in head.children)
        bare = end - start == 1
        place = next((self.place(t) for t in doc[start:end] if self.place(t)), None)
        affiliation = self.nationality(head)
        if kind == "Person":
            if (person := named_person(self, head, (start, end), role=role, affiliation=affiliation,
                                       jurisdiction=place or jurisdiction)):
                return person
            jurisdiction = place or jurisdiction
            if affiliation is None and jurisdiction:
                affiliation = self._country_of_place(jurisdiction)
            where = self.get(jurisdiction).name if jurisdiction else None
            label = f"{role} de {where}" if where else role
            if bare and definite and (previous := self.find("Person", role)):
                return self.add("Person", previous.name, mention,
                                key=("Person", fold(previous.name), previous.affiliation))
            # two unnamed officials are one person only with the same post and side
            return self.add("Person", label, mention, key=("Person", fold(label), affiliation), role=role,
                            affiliation=affiliation, jurisdiction=jurisdiction)
        if kind == "AnonymousSource":
            # "un responsable de la présidence ukrainienne Kyrylo Timochenko": named, no longer anonymous
            if (person := named_person(self, head, (start, end), role=role, affiliation=affiliation,
                                       jurisdiction=place or jurisdiction)):
                return person
            # "a déclaré la source": a bare definite noun refers back to the source introduced
            if bare and definite and (previous := self.find(kind, lemma)):
                return self.add(kind, previous.name, mention, key=(kind, fold(previous.name)))
            return self.add(kind, name, mention, affiliation=affiliation, shared=False)
        if kind == "Authority":
            jurisdiction = place or jurisdiction
            if affiliation is None and jurisdiction:
                affiliation = self._country_of_place(jurisdiction)
            # "les autorités locales" and "les autorités" are two speakers; "les autorités" may be the
            # ones just named
            qualified = any(c.dep_ == "amod" for c in head.children)
            key = (kind, name if qualified else lemma, jurisdiction or affiliation)
            if jurisdiction is None and definite and not qualified and (previous := self.find(kind, lemma[:-1])):
                if mention not in previous.mentions:
                    previous.mentions.append(mention)
                return previous.id
            return self.add(kind, name, mention, key=key, affiliation=affiliation, jurisdiction=jurisdiction)
        # "l'agence de presse russe TASS", "la chaîne Telegram russe Baza": the outlet the phrase names
        if (outlet := outlet_named(self, head, end, kind)) is not None:
            return self.add(outlet[0], outlet[1], mention, key=(outlet[0], fold(outlet[1])))
        # organisation: "l'armée de l'air" refers back to "l'armée de l'air ukrainienne"
        for draft in reversed(self._drafts):
            if draft.kind == kind and fold(draft.name).startswith(name):
                return self.add(kind, draft.name, mention, key=(kind, fold(draft.name)))
        return self.add(kind, name, mention, affiliation=affiliation)

    def _country_of_place(self, local: str) -> str | None:
        draft = self.get(local)
        if draft is None:
            return None
        if draft.kind == "Country":
            return draft.id
        country = self.lex.country_of(draft.name)
        return self.add("Country", country, None) if country else None
