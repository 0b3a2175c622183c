"""People named in the text: names that go with an official's title ("le gouverneur régional, Oleh
Hryhorov"; "Serguiï Lyssak, le gouverneur de …") and names the NER lost or took for places."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg.extract.lexicon import fold

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from kg.extract.entities import Entities


def named_person(ents: Entities, head: Token, bounds: tuple[int, int], **slots: Any) -> str | None:
    """The person an official's title names, when a name goes with it: apposed ("le président russe
    Vladimir Poutine"), further down the phrase, right after it or just before it; ``slots`` are the
    role, affiliation and jurisdiction read from the title."""
    doc = ents.doc
    start, end = bounds
    # apposed name: "le président russe Vladimir Poutine"
    named = next((c for c in head.children if c.dep_ in {"appos", "flat:name"}
                  and ents.token_entity.get(c.i)), None)
    # or further down the phrase: "le chef de l'administration militaire Serguiï Popko"
    named = named or next((t for t in doc[head.i + 1:end] if t.pos_ == "PROPN"
                           and (e := ents.token_entity.get(t.i))
                           and ents.get(e).kind == "Person"), None)
    # or right after the title and its adjectives, whatever the parse made of them: "le gouverneur
    # Roman Boussarguine" (the first name read as a noun), "le gouverneur régional Oleh Synegoubov"
    after_title = next((t for t in doc[head.i + 1:min(head.i + 4, len(doc))] if t.pos_ != "ADJ"), None)
    named = named or (after_title if after_title is not None and (e := ents.token_entity.get(after_title.i))
                      and ents.get(e).kind == "Person" else None)
    after = end + 1 if end < len(doc) and doc[end].text == "," else end  # "le chef …, Rouslan Kravtchenko"
    if named is None and (person := person_at(ents, after, start, **slots)):
        return person  # a name the parser and NER lost right after the role: "… militaire Serguiï Popko"
    if named is None and (person := person_before(ents, start, **slots)):
        return person  # the name before the title: "a déclaré Serguiï Lyssak, le gouverneur de …"
    if named is not None:
        person = ents.token_entity[named.i]
        draft = ents.get(person)
        if draft.kind == "Person":
            draft.role = draft.role or slots["role"]
            draft.affiliation = draft.affiliation or slots["affiliation"]
            return person
    return None


def person_at(ents: Entities, at: int, start: int | None = None, **slots: object) -> str | None:
    """The person whose name the tokens from ``at`` spell, when the parser and NER lost it
    ("a informé Valentyn Reznichenko, gouverneur …"); the mention runs from ``start``."""
    found = _name_after(ents, at)
    if found is None:
        return None
    name = ents.span(*found).text
    return ents.add("Person", name, ents.span(at if start is None else start, found[1]),
                    key=("Person", fold(name)), **slots)


def person_before(ents: Entities, start: int, **slots: object) -> str | None:
    """The person named just before ", " and a title starting at ``start`` ("Serguiï Lyssak, le
    gouverneur"): a Person the NER found, or two or three capitalised words."""
    while start > 0 and ents.tokens[start - 1].pos_ == "DET":
        start -= 1
    if start < 3 or ents.tokens[start - 1].text != ",":
        return None
    last = start - 2
    known = ents.get(ents.token_entity.get(last))
    if known is not None:
        return known.id if known.kind == "Person" else None
    for width in (3, 2):
        first = last - width + 1
        if first >= 0 and _name_after(ents, first) == (first, last + 1) \
                and not ents.tokens[first - 1].text[:1].isupper():
            return person_at(ents, first, **slots)
    return None


def _name_after(ents: Entities, at: int) -> tuple[int, int] | None:
    """Tokens ``at``.. that look like a person's first and last name (two or three capitalised
    words, none a known place, country, organisation or weapon), as (start, end)."""
    end = at
    while end < len(ents.tokens) and end - at < 3:
        token = ents.tokens[end]
        if not (token.text[:1].isupper() and token.text.replace("-", "").replace("ï", "i").isalpha()):
            break
        known = ents.token_entity.get(token.i)
        if (known and ents.get(known).kind != "Person") or fold(token.text) in ents.lex.countries:
            return None
        end += 1
    return (at, end) if end - at >= 2 else None


def after_role(ents: Entities, ent: SpacySpan) -> bool:
    """Whether a name the NER took for a place or an organisation follows an official's title: "le chef de
    l'administration militaire de Kiev, Serguiï Popko", "le gouverneur (régional) Viatcheslav Tchaous"."""
    if len(ent) < 2 or fold(ent.text) in ents.lex.places or ent.start == 0:
        return False
    before = ents.doc[max(0, ent.start - 8):ent.start]
    last = len(before) - 1
    while last > 0 and before[last].pos_ == "ADJ":  # "le gouverneur régional Oleh Kiper"
        last -= 1
    if before[last].text not in {","} and fold(before[last].lemma_) not in ents.lex.actors:
        return False
    return any(ents.lex.actors.get(fold(t.lemma_), ("",))[0] == "Person" for t in before)


def one_speaker(ents: Entities, speaker: str | None) -> str | None:
    """The named person (or authority with a side) an article's other mention of a speaker stands
    for, if exactly one: a surname alone ("Sinegoubov avait annoncé" after "Oleg Sinegoubov"), or
    an unnamed official whose title a named one holds ("a annoncé le gouverneur régional" beside
    "le gouverneur, Oleg Sinegoubov"; "le chef d'État" and "le président Volodymyr Zelensky"), or
    a bare "les autorités" beside "les autorités ukrainiennes"."""
    draft = ents.get(speaker)
    if draft is not None and draft.kind == "Authority":
        return _one_authority(ents, draft)
    if draft is None or draft.kind not in {"Person", "Organization"}:
        return speaker
    named = [d for d in ents.people() if len(d.name.split()) >= 2 and d.name[:1].isupper() and d.id != draft.id]
    if len(draft.name.split()) == 1 and draft.name[:1].isupper():  # (the NER may take it for an organisation)
        same = [d for d in named if fold(d.name).split()[-1] == fold(draft.name)]
    elif draft.kind == "Person" and draft.role and fold(draft.name).startswith(fold(draft.role)):
        same = [d for d in named if d.role == draft.role
                and (draft.jurisdiction is None or d.jurisdiction in {None, draft.jurisdiction})]
    else:
        return speaker
    return same[0].id if len(same) == 1 else speaker


def _one_authority(ents: Entities, draft: Any) -> str:
    """ "ont annoncé les autorités" in an article that also says "selon les autorités ukrainiennes":
    the one authority of that name the article gives a side, if exactly one."""
    if draft.affiliation or draft.jurisdiction or " " in draft.name.strip():
        return draft.id
    same = [d for d in ents.people("Authority") if d.id != draft.id and d.affiliation and not d.jurisdiction
            and fold(d.name).split()[0] == fold(draft.name)]
    return same[0].id if len(same) == 1 else draft.id
