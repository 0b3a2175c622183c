"""Where an event happened: the places a clause names, minus those it did not strike (where weapons
came from or headed for, whose nationality, who speaks), with the fallbacks wire copy needs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.clauses import AGENTS, Mention, possessive
from kg.extract.entities import PLACE_RANK, Entities
from kg.extract.lexicon import fold
from kg.extract.spread import listed

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token


def not_struck(ents: Entities, sentence: SpacySpan) -> set[int]:
    """Places a sentence names that weapons came from or headed for, or that lie across, not where
    they struck: "lancés depuis la région de Briansk", "en direction des régions de Kherson et
    Poltava", "la région de Soumy, en face de celle de Koursk"."""
    key = ("not struck", sentence.start)
    if key not in ents.memo:
        ents.memo[key] = frozenset(_not_struck(ents, sentence))
    return set(ents.memo[key])  # type: ignore[arg-type]


def _not_struck(ents: Entities, sentence: SpacySpan) -> set[int]:
    words = ents.tokens[sentence.start:sentence.end]  # (a Span makes a new Token per word it yields)
    # ("venant de l'Ukraine", "en provenance du territoire ukrainien": whence, too)
    found: set[int] = set()
    for origin in (a.head for a in words if a.dep_ == "case" and fold(a.text) == "depuis"):
        found |= {t.i for t in origin.subtree}
        # ("depuis les régions d'Orel, de Koursk et de Primorsko-Akhtarsk": the list's parse is loose)
        first = next((t for t in origin.subtree if ents.place(t)), None)
        found |= {t.i for t in (listed(first, ents) if first is not None else [])}
    found |= {t.i for a in words if fold(a.lemma_) in {"venir", "provenance"} for t in a.subtree if t.i > a.i}
    for word in words:  # the parser hangs a list of destinations anywhere: read it off the surface
        # "en face de celle de Koursk", "face à Belgorod": what lies across, not what was struck
        if fold(word.text) in {"vers", "face"} or fold(word.text) == "direction" and fold(word.nbor(-1).text) == "en":
            first = next((t for t in ents.doc[word.i + 1:min(word.i + 6, sentence.end)]
                          if ents.place(t)), None)
            found |= {t.i for t in ([first, *listed(first, ents)] if first is not None else [])}
    return found

def bracketed(ents: Entities, sentence: SpacySpan) -> frozenset[int]:
    """The tokens of a sentence that stand between brackets, read once per sentence."""
    key = ("bracketed", sentence.start)
    if key not in ents.memo:
        inside, found = False, set()
        words = ents.tokens[sentence.start:sentence.end]
        closed = {t.i for t in words if t.text == ")"}
        for token in words:
            if token.text == "(":
                inside = any(i > token.i for i in closed)
            elif token.text == ")":
                inside = False
            elif inside:
                found.add(token.i)
        ents.memo[key] = frozenset(found)
    return ents.memo[key]  # type: ignore[return-value]


def rubric(ents: Entities, sentence: SpacySpan) -> set[int]:
    """A country a headline opens on as its topic, "Ukraine : un missile frappe une aire de jeux",
    "Guerre en Ukraine : …": what the story is about, not where it struck (a city there,
    "Kharkiv : trois morts", is the place)."""
    key = ("rubric", sentence.start)
    if key not in ents.memo:
        colon = next((t for t in sentence[:6] if t.text == ":"), None)
        headline = sentence.start_char == 0 or ents.text[sentence.start_char - 1] == "\n"
        ents.memo[key] = frozenset() if colon is None or not headline else frozenset(
            t.i for t in sentence[:colon.i - sentence.start] if (local := ents.place(t)) and ents.get(local).kind == "Country")
    return set(ents.memo[key])  # type: ignore[arg-type]


def fleet_seas(ents: Entities, tokens: frozenset[int]) -> set[int]:
    """The words of a sea that names a force, "la flotte de la mer Noire": the fleet's name, not where
    it shot (a sea named again, "au-dessus de la mer Noire", still is)."""
    at, found = ents.tokens, set()
    for i in tokens:
        local = ents.place(at[i])
        if local and ents.get(local).kind == "Sea" and at[i].dep_ == "nmod" \
                and ents.lex.actors.get(fold(at[i].head.lemma_), ("",))[0] == "Organization":
            start, end = i, i + 1
            while start > 0 and ents.place(at[start - 1]) == local:
                start -= 1
            while end < len(at) and ents.place(at[end]) == local:
                end += 1
            found.update(range(start, end))
    return found


def one_of_several(ents: Entities, token: Token) -> bool:
    """Whether a place name is joined to a plural place noun that stands for further places:
    "Koursk et d'autres régions", "la région de Belgorod et plusieurs autres régions"."""
    place = ents.place(token)
    if not place:
        return False
    others = ents.lex.numbers["other_places"]
    # the list hangs on the name or on its place noun ("la région de Belgorod et …")
    holders = [token, *(t for t in (token.head, *token.children) if t.i != token.i and ents.place(t) == place)]
    return any(c.dep_ == "conj" and fold(c.lemma_) in ents.lex.place_nouns and c.morph.get("Number") == ["Plur"]
               and any(fold(d.lemma_) in others for d in c.children)
               for holder in holders for c in holder.children)


def fill_place(ents: Entities, mention: Mention, tokens: frozenset[int], trigger: Token,
               trigger_heads: set[int]) -> None:
    """The place of the event a clause tells: the most specific place its own words name, else
    the speaker's land ("son territoire"), a bare place noun ("la ville"), or the reporting frame's
    place ("à Odessa, les autorités ont déclaré …"), which merging uses only as a hint."""
    at = ents.tokens
    actor_country = mention.actor if ents.get(mention.actor) and ents.get(mention.actor).kind == "Country" else None
    places = []
    # "drones lancés par la Russie": the launcher's country is not where they were shot down
    # ("… que la Russie a lancés": the subject of a relative clause on the weapons, likewise)
    launchers = {t.i for i in tokens if at[i].dep_ in AGENTS | {"nsubj"}
                 and at[i].head.dep_ in {"acl", "acl:relcl"} for t in at[i].subtree}
    # ", dont dix-neuf au-dessus de Koursk": a subset set aside, not where the whole happened
    aside = {t.i for i in tokens if fold(at[i].text) == "dont" and i > 0 and at[i - 1].text == ","
             for t in at[i:at[i].sent.end] if not any(p.is_punct for p in at[i:t.i + 1])}
    sentence = trigger.sent  # (a Span made anew on every access)
    origins = mention.elsewhere = frozenset(not_struck(ents, sentence))
    # "(ndlr: frontalières de l'Ukraine)": a gloss in brackets says where a place lies, not another
    glosses = bracketed(ents, sentence) | rubric(ents, sentence)
    # "au moment où se tenait en Alaska la rencontre …": the place of the happening that dates it
    moments = ents.lex.time["moment_nouns"]
    glosses |= {t.i for i in tokens if at[i].dep_ == "acl:relcl" and fold(at[i].head.lemma_) in moments
                for t in at[i].subtree}
    # "la flotte de la mer Noire": a place that names a force, not where it acted
    glosses |= fleet_seas(ents, tokens)
    # "au-dessus de Koursk et d'autres régions": one place of several, not where the whole happened
    glosses |= {i for i in tokens if one_of_several(ents, at[i])}
    # "des frappes de missiles russes sur Tcherniguiv": a place the actor's phrase aims at is struck
    # and so is where the actor's weapons struck: "blessées par une vingtaine de drones russes à Kharkiv"
    aimed = {i for i in mention.actor_tokens if any(
        fold(c.text) in {"sur", "contre", "à", "dans"} for c in at[i].children if c.dep_ == "case")}
    # and air defence is where it stands: "les forces de la défense aérienne du district de Lioubertsy
    # ont détruit un drone" (one place: the systems "en service au-dessus des régions de Belgorod,
    # Briansk et Koursk" say where they serve, not where this tally fell)
    if mention.role == "interception" and len({ents.place(at[i]) for i in mention.actor_tokens} - {None}) == 1:
        aimed |= mention.actor_tokens
    for i in sorted(tokens - (mention.actor_tokens - aimed) - launchers - aside - origins - glosses):
        local = ents.place(at[i]) if at[i].pos_ != "ADJ" else None  # "frappes israéliennes": whose
        if local and not (local == actor_country and ents.metonymic(at[i])):
            places.append(local)
    if actor_country and mention.role != "interception":
        # no side strikes its own land: "Kiev frappe des raffineries russes" is not in Ukraine
        places = [p for p in places if p != actor_country]
    if places:
        mention.place = min(places, key=lambda p: PLACE_RANK[ents.get(p).kind])
        return
    # "au-dessus de son territoire": the speaker's country, resolved with the speaker
    if any(possessive(at[i]) and ents.lex.possessives.get(fold(at[i].lemma_)) == "place"
           for i in tokens if at[i].pos_ == "NOUN"):
        mention.own.add("place")
        return
    # "de la région", "la ville": a bare place noun names the place mentioned last
    for i in sorted(tokens):
        token = at[i]
        kind = ents.lex.place_nouns.get(fold(token.lemma_))
        if kind and token.pos_ == "NOUN" and not [c for c in token.children if c.dep_ == "nmod"]:
            latest = ents.latest(kind, at[i].idx, capital=fold(token.lemma_) == "capitale")
            if latest:
                mention.place = latest
                return
    # the reporting frame's place: "à Odessa, les autorités ont déclaré qu'une attaque…"
    words = ents.tokens[sentence.start:sentence.end]
    agents = {t.i for a in words if a.dep_ in AGENTS or (
        a.dep_ == "nsubj" and a.head.dep_ in {"acl", "acl:relcl"}) for t in a.subtree}
    # (a nationality, "l'armée israélienne", says whose, not where; "Israël a soutenu avoir …",
    # who speaks)
    agents |= not_struck(ents, sentence) | rubric(ents, sentence)
    # nor from another event's clause: "quatre ont été détruits et deux ont frappé l'aérodrome près de X"
    # (a relative clause on a noun, "les drones que la Russie a lancés sur Kiev", stays in view)
    agents |= {t.i for h in trigger_heads if h != trigger.i and sentence.start <= h < sentence.end
               and h not in tokens and at[h].dep_ in {"conj", "parataxis", "ccomp", "advcl"}
               for t in at[h].subtree}
    outside = [t for t in words if t.i not in tokens and t.i not in agents | mention.actor_tokens
               and ents.place(t) and not ents.metonymic(t) and t.pos_ != "ADJ" and t.dep_ != "nsubj"]
    if outside:
        nearest = min(outside, key=lambda t: abs(t.i - trigger.i))
        mention.context_place = ents.place(nearest)
    elif mention.role == "attack":
        mention.place = struck_land(ents, mention, tokens, trigger)


def struck_land(ents: Entities, mention: Mention, tokens: frozenset[int], trigger: Token) -> str | None:
    """The country whose adjective qualifies what an attack struck, the object of its verb, when no
    place is named: "a frappé l'infrastructure gazière ukrainienne", "une raffinerie russe a été
    touchée" (not the weapons': "89 drones de conception iranienne"; nor the actor's)."""
    actor = ents.get(mention.actor)
    for i in sorted(tokens - mention.actor_tokens):
        token, head = ents.tokens[i], ents.tokens[i].head
        country = ents.lex.adjectives.get(fold(token.text))
        struck = next((h for h in (head, head.head) if h.dep_ in {"obj", "nsubj:pass"} and h.head.pos_ == "VERB"), None)
        if country and token.pos_ == "ADJ" and token.dep_ == "amod" and struck is not None and head.i != trigger.i \
                and not any(ents.weapon(a) for a in (head, head.head)) and not (actor and actor.name == country) \
                and not any(r.role == "attack" for r in ents.lex.triggers.get((fold(struck.lemma_), "NOUN"), ())):
            return ents.country(country, token)
    return None
