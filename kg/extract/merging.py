"""Incidents: event mentions that tell of the same strike or shoot-down merged into one event.

Rules, in order:
- mentions of different families (attack / interception) never merge;
- two specific types that differ (DroneStrike, MissileStrike) never merge; plain Attack merges with any;
- different actors, disjoint places, times that do not overlap, or two different named weapons never merge;
- two different tallies of weapons launched or downed are two incidents ("71 drones abattus, 71 autres …");
  the same tally told again (the lead after the headline, "les 14 drones abattus") is one;
- an anaphoric mention ("l'attaque", "23 personnes ont été blessées") joins the compatible event
  that shares most slots, the most recently mentioned one on a tie; with none it starts an event only
  if it names an actor, a place or a weapon;
- a mention that fills no slot at all ("a été frappé") starts no event;
- a placeless follow-up ("des drones Shahed ont touché un immeuble", with no place of its own nor
  in its sentence, or only a country and no figure) joins the most recently told compatible event of its family: no slot of its own
  (actor, type, named weapon, time, tally) may conflict with it; with none it starts an event;
- the attack behind a partitive tally ("40 des 50 drones") joins an earlier attack that reported the
  same launched figure, instead of repeating it;
- any other mention joins a compatible event only if both name the same place and lie in different
  sentences; otherwise it starts an event;
- places a nationwide wave reached, pointed back to and nothing more ("les régions de Soumy et Donetsk
  avaient été attaquées lors de ces frappes"), are its reach, not incidents;
- a mention placed below a country never joins a nationwide wave (weapons launched or downed over
  a country): "la Russie a lancé 160 drones sur l'Ukraine … À Odessa, les frappes ont déclenché des
  incendies" tells two incidents, the wave and the strike on Odessa.

Then incidents of one family at the very same place merge unless their actors, specific types,
times or tallies differ (one strike on a city told in the lead, the toll, the damage and a quote);
and an attack that nothing anchors is dropped: no figure, no actor, no named weapon, no place
below a country, and no weapon that hit a target ("chaque attaque contre la vie quotidienne…", "les frappes sur l'infrastructure
énergétique russe visaient à…"): such mentions speak of attacks in general, not of an incident.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.clauses import Mention, triggers_of
from kg.extract.entities import PLACE_RANK, Entities
from kg.extract.lexicon import fold
from kg.extract.numbers import Count

FAMILY = {"consequence": "attack", "attack": "attack", "interception": "interception"}
TALLIES = frozenset({"launched", "downed"})


@dataclass
class Incident:
    """Mentions gathered into one event, in text order."""

    mentions: list[Mention] = field(default_factory=list)

    @property
    def family(self) -> str:
        return FAMILY[self.mentions[0].role]

    def slot(self, name: str) -> set[str]:
        return {getattr(m, name) for m in self.mentions if getattr(m, name)}

    @property
    def type(self) -> str:
        specific = [m.type for m in self.mentions if m.type not in {"Attack"}]
        return specific[0] if specific else self.mentions[0].type

    def before(self, offset: int) -> int | None:
        """Where the last of its mentions that starts before ``offset`` starts, if any."""
        starts = [m.span.begin for m in self.mentions if m.span.begin < offset]
        return max(starts) if starts else None


def _contains(outer: str, inner: str, ents: Entities) -> bool:
    a, b = ents.get(outer), ents.get(inner)
    if a is None or b is None:
        return False
    if fold(a.name) == fold(b.name):
        return True
    return a.kind == "Country" and ents.lex.country_of(b.name) == a.name


def place_relation(a: str | None, b: str | None, ents: Entities) -> str:
    """'same', 'nested', 'unknown' (a slot missing or a region beside a city), or 'disjoint'."""
    if a is None or b is None:
        return "unknown"
    if a == b:
        return "same"
    if _contains(a, b, ents) or _contains(b, a, ents):
        return "nested"
    kinds = {ents.get(a).kind, ents.get(b).kind}
    countries = {ents.lex.country_of(ents.get(a).name), ents.lex.country_of(ents.get(b).name)}
    if "Country" in kinds and None in countries:
        return "unknown"  # a country and a place the rules do not place: linking will tell
    if kinds == {"Region", "City"} and len(countries) == 1:
        return "unknown"
    return "disjoint"


def score(incident: Incident, mention: Mention, ents: Entities) -> int | None:
    """How well ``mention`` fits ``incident``: None if incompatible, else the number of shared slots."""
    if incident.family != FAMILY[mention.role]:
        return None
    if mention.type != "Attack" and incident.type not in {"Attack", mention.type}:
        return None
    points = 0
    actors = incident.slot("actor")
    if mention.actor and actors:
        if mention.actor not in actors:
            return None
        points += 1
    places = incident.slot("place")
    if incident.family == "attack" and _own_ground(actors | {mention.actor} - {None}, places | {mention.place} - {None}, ents):
        return None  # "Kiev a frappé des raffineries russes … Une femme a été tuée à Zaporijjia": no side strikes its own land
    relations = [place_relation(p, mention.place, ents) for p in places] or ["unknown"]
    if "disjoint" in relations and not {"same", "nested"} & set(relations):
        return None
    if "same" not in relations and mention.place and _wave(incident, ents) \
            and ents.get(mention.place).kind != "Country":
        return None  # a strike on a city during a nationwide wave is an incident of its own
    if "same" not in relations and mention.place and mention.role == "consequence" and _more(mention, ents):
        return None  # "deux autres personnes ont péri dans la région de X": victims elsewhere, another strike
    points += 3 * ("same" in relations) + ("nested" in relations)
    # the place of the surrounding sentence is a hint, worth less than the mention's own place
    if mention.place is None and mention.context_place:
        points += 2 * ("same" in [place_relation(p, mention.context_place, ents) for p in places])
    for other in (m.time for m in incident.mentions if m.time):
        if mention.time and other.begin and mention.time.begin and other.end and mention.time.end:
            if other.end < mention.time.begin or mention.time.end < other.begin:
                return None
            points += (other.begin, other.end) == (mention.time.begin, mention.time.end)
    weapons = {ents.get(w).name for w in incident.slot("weapon")}
    if mention.weapon:
        mine = ents.get(mention.weapon).name
        named = {ents.get(w).name for w in incident.slot("weapon") if ents.named_system(w)}
        if ents.named_system(mention.weapon) and named and mine not in named:
            return None
        points += mine in weapons
    tallies = {(q, c.value) for m in incident.mentions for q, c, _s in m.figures if q in TALLIES and stated(q, c)}
    mine = {(q, c.value) for q, c, _s in mention.figures if q in TALLIES and stated(q, c)}
    if {q for q, _v in tallies} & {q for q, _v in mine} and not (mine <= tallies and _retold(incident, mention, ents)):
        return None  # ("les 14 drones abattus", or the lead after the headline, retells the tally of 14)
    return points


def _more(mention: Mention, ents: Entities) -> bool:
    """Whether a mention counts more of something told before: "deux autres personnes", "71 autres"."""
    at = ents.tokens
    return any(c.end < len(at) and fold(at[c.end].lemma_) == "autre" for _q, c, _s in mention.figures)


def _retold(incident: Incident, mention: Mention, ents: Entities) -> bool:
    """Whether a mention with the same tally as an incident tells it again rather than a second one:
    not "71 autres", and not another weapon."""
    if _more(mention, ents):
        return False
    weapons = {ents.get(w).name for w in incident.slot("weapon")}
    return mention.anaphoric or not (mention.weapon and weapons and ents.get(mention.weapon).name not in weapons)


def gather(mentions: list[Mention], ents: Entities) -> list[Incident]:
    """Merge mentions into incidents: attacks and interceptions in text order, then the consequences.

    A consequence ("moins de 5 personnes avaient été blessées par la frappe") may open its sentence
    before the attack it points back to, so it is placed once every attack is known.
    """
    incidents: list[Incident] = []
    ordered = [m for m in mentions if m.role != "consequence"] + [m for m in mentions if m.role == "consequence"]
    for mention in ordered:
        if not mention.anaphoric and mention.place is None and mention.context_place \
                and not (mention.role != "interception" and mention.context_place == mention.actor):
            # (no side strikes its own land: "la Russie lance une attaque contre l'Ukraine alors que Kiev
            # frappe des raffineries" does not place Kiev's strikes in Ukraine)
            mention.place, mention.context_place = mention.context_place, None
        if mention.derived and (same := _same_launch(incidents, mention)) is not None:
            same.mentions.append(mention)
            continue
        if _within_wave(mention, incidents, ents):
            continue
        scored = [(score(i, mention, ents), i) for i in incidents]
        fits = [(s, i) for s, i in scored if s is not None]
        if _another(mention, ents):
            fits = []  # "une autre frappe a touché Kharkiv dans la soirée": another strike, not the one told
        if not mention.anaphoric and _placeless(mention, ents):
            # a placeless follow-up: the compatible event told last, whatever its score; a count of
            # weapons launched ("la Russie a utilisé au total 476 drones et 48 missiles") goes to the
            # nationwide attack rather than to a city's strike told since
            fits = [(0, i) for _s, i in fits]
            nationwide = [f for f in fits if f[1].slot("place") and all(
                ents.get(p).kind == "Country" for p in f[1].slot("place"))]
            if nationwide and any(q == "launched" for q, _c, _s in mention.figures):
                fits = nationwide
        elif not mention.anaphoric:
            fits = [(s, i) for s, i in fits
                    if mention.place and mention.place in i.slot("place")
                    and mention.sentence not in {m.sentence for m in i.mentions}]
        # only incidents already told when the mention ends; on a tie, the one told last before it
        reach = mention.span.end
        told = [(s, i) for s, i in fits if i.before(reach) is not None]
        # "42 personnes ont été blessées lors de l'attaque" before the article tells the attack: the one
        # attack it tells, if it tells one
        fits = told or ([f for f in fits if f[1].family == "attack"] if mention.role == "consequence" and mention.anaphoric
                        and len([i for i in incidents if i.family == "attack"]) == 1 else [])
        if fits:
            best = max(fits, key=lambda f: (f[0], f[1].before(reach)))[1]
            best.mentions.append(mention)
            continue
        # an article may open on a toll that points back to a strike it names only by a definite
        # noun ("le bilan de la frappe sur Zaporijjia s'est alourdi à un mort"): with no incident
        # told yet and an attack noun in the text, a placed toll starts the event
        opening = not incidents and any(q in {"killed", "injured"} for q, _c, _s in mention.figures) and any(
            m.role == "attack" for m in mentions) and (mention.place is not None or _sentence_place(mention, ents))
        # "À Odessa, les frappes ont déclenché des incendies" after a nationwide wave: the city's strike
        opening = opening or mention.place is not None and ents.get(mention.place).kind != "Country" \
            and any(_wave(i, ents) and i.family == FAMILY[mention.role] for i in incidents)
        # a roundup: "deux civils ont péri dans une localité de la région de Kharkiv" after a strike on
        # Soumy, victims counted at a place no incident told yet shares
        opening = opening or mention.role == "consequence" and mention.place is not None and incidents \
            and ents.get(mention.place).kind != "Country" \
            and any(q in {"killed", "injured"} for q, _c, _s in mention.figures) \
            and all(place_relation(mention.place, p, ents) in ({"disjoint", "unknown"} if _more(mention, ents) else {"disjoint"})
                    for i in incidents for p in i.slot("place"))
        # "les débris d'un drone abattu ont tué trois personnes": the strike whose weapon fell, told
        # by its victims alone
        opening = opening or mention.role == "consequence" and mention.place is not None and mention.weapon is not None \
            and any(q in {"killed", "injured"} for q, _c, _s in mention.figures) and any(
                fold(ents.tokens[i].lemma_) in ents.lex.numbers["debris_nouns"] for i in mention.domain)
        if mention.anaphoric and not opening and (mention.role == "consequence" or not (
                mention.actor or mention.place or mention.weapon)):
            continue
        if not (mention.actor or mention.place or mention.weapon or mention.target
                or mention.target_entity or mention.figures):
            continue  # "a été frappé" alone says nothing that could be checked
        incidents.append(Incident([mention]))
    for incident in incidents:
        incident.mentions.sort(key=lambda m: m.span.begin)
    merged = _same_place(sorted(incidents, key=lambda i: i.mentions[0].span.begin), ents)
    return [i for i in merged if _anchored(i, ents)]


def _same_place(incidents: list[Incident], ents: Entities) -> list[Incident]:
    """Incidents of one family at the same place are one, unless their actors, specific types,
    times or tallies differ: an article tells one strike on a city in several sentences (the lead,
    the toll, the damage, a quote), while strikes on the same city on two nights differ in time."""
    kept: list[Incident] = []
    for incident in incidents:
        same = next((k for k in kept if _one_happening(k, incident, ents)), None)
        if same is None:
            kept.append(incident)
        else:
            same.mentions = sorted(same.mentions + incident.mentions, key=lambda m: m.span.begin)
    return kept


def _another(mention: Mention, ents: Entities) -> bool:
    """Whether a mention tells another strike than those told before: "une autre frappe"."""
    trigger = ents.tokens[mention.trigger]
    nouns = [trigger, *(c for c in trigger.children if c.dep_ in {"nsubj", "nsubj:pass"} and c.pos_ == "NOUN"
                        and (ents.weapon(c) or triggers_of(c, ents.lex)))]
    # ("deux autres drones ont été détruits au-dessus de Briansk" may be those the lead told there)
    return any({fold(c.lemma_) for c in n.children if c.dep_ in {"amod", "det"}} >= {"un", "autre"} for n in nouns)


def _within_wave(mention: Mention, incidents: list[Incident], ents: Entities) -> bool:
    """Places a nationwide wave told before reached, pointed back to and nothing more: "les régions
    de Soumy, Donetsk et Dnipropetrovsk avaient été attaquées lors de ces frappes russes" (no figure,
    no target: the wave's reach, not an incident of its own)."""
    if mention.role != "attack" or mention.figures or mention.target or mention.place is None \
            or ents.get(mention.place).kind == "Country" \
            or mention.target_entity and ents.get(mention.target_entity).kind not in PLACE_RANK:
        return False
    trigger = ents.tokens[mention.trigger]
    pointed = any(t.i != trigger.i and t.pos_ == "NOUN" and triggers_of(t, ents.lex)
                  and any(c.dep_ == "det" and fold(c.lemma_) == "ce" for c in t.children) for t in trigger.subtree)
    return pointed and any(_wave(i, ents) and i.family == "attack" for i in incidents)


def _one_happening(a: Incident, b: Incident, ents: Entities) -> bool:
    if a.family != b.family or _another(b.mentions[0], ents):
        return False
    # the very same place: the most specific each tells ("sur la ville de Poltava" beside a mention
    # placed only in Ukraine is still Poltava)
    here, there = most_specific_place(a, ents), most_specific_place(b, ents)
    if here is None or there is None or fold(ents.get(here).name) != fold(ents.get(there).name):
        return False
    if a.type != b.type and "Attack" not in {a.type, b.type}:
        return False
    if a.slot("actor") and b.slot("actor") and not a.slot("actor") & b.slot("actor"):
        return False
    tallies = [{c.value for m in i.mentions for q, c, _s in m.figures if q in TALLIES} for i in (a, b)]
    if tallies[0] and tallies[1] and tallies[0] != tallies[1]:
        return False
    for x in (m.time for m in a.mentions if m.time and m.time.begin and m.time.end):
        for y in (m.time for m in b.mentions if m.time and m.time.begin and m.time.end):
            if x.end < y.begin or y.end < x.begin:
                return False
    return True


def _sentence_place(mention: Mention, ents: Entities) -> bool:
    """Give a placeless toll the most specific place its sentence names outside the clause ("le bilan de la
    frappe lancée par les forces russes sur la ville de Zaporijjia s'est alourdi à un mort"); whether any."""
    sentence = ents.tokens[mention.sentence].sent
    places = [p for t in sentence if (p := ents.place(t)) and t.i not in mention.actor_tokens
              and ents.get(p).kind != "Country"]
    if places:
        mention.place = min(places, key=lambda p: PLACE_RANK[ents.get(p).kind])
    return bool(places)


def _anchored(incident: Incident, ents: Entities) -> bool:
    """Whether an incident is told as one happening: an interception always is (it is a tally or
    a report of air defence at work); an attack needs a figure, an actor, a named weapon, a place
    below a country, or a weapon and a target ("des bombes planantes ont touché une usine")."""
    if incident.family != "attack":
        return True
    if any(m.figures for m in incident.mentions) or incident.slot("actor"):
        return True
    if incident.slot("weapon") and (incident.slot("target") or incident.slot("target_entity")):
        return True
    if any(ents.named_system(w) for w in incident.slot("weapon")):
        return True
    # a place alone: only with a weapon, a target or a second telling ("une frappe à Montpellier"
    # in a match report is a shot, not a strike)
    # (or a kind of strike: "une frappe aérienne près de Kidal")
    placed = any(ents.get(p).kind != "Country" for p in incident.slot("place"))
    return placed and bool(incident.slot("weapon") or incident.slot("target") or incident.slot("target_entity")
                           or len(incident.mentions) > 1 or any(m.type != "Attack" for m in incident.mentions))


def _own_ground(actors: set[str], places: set[str], ents: Entities) -> bool:
    """Whether a country among ``actors`` would strike a place in its own land."""
    sides = {ents.get(a).name for a in actors if ents.get(a).kind == "Country"}
    return any(ents.get(p).kind != "Country" and ents.lex.country_of(ents.get(p).name) in sides for p in places)


def _wave(incident: Incident, ents: Entities) -> bool:
    """A nationwide wave: weapons launched or downed over a whole country ("la Russie a lancé 160
    drones sur l'Ukraine"), whose strikes on one city are each an incident of their own."""
    places = incident.slot("place")  # (no place at all: "la Russie a lancé 14 drones" over the whole land)
    return all(ents.get(p).kind == "Country" for p in places) and any(
        q in TALLIES and stated(q, c) for m in incident.mentions for q, c, _s in m.figures)


def _placeless(mention: Mention, ents: Entities) -> bool:
    """No place of its own, or only a country and no figure: "l'Ukraine a repoussé l'attaque"
    follows up on the incident just told rather than starting a nationwide one."""
    if mention.place is None:
        return True
    named = ents.named_system(mention.weapon)
    # a time or a named weapon of its own ("la Russie a lancé la semaine dernière le missile
    # Oreshnik en Ukraine") makes it a telling of its own
    figures = [c for q, c, _s in mention.figures if stated(q, c)]
    return ents.get(mention.place).kind == "Country" and not (figures or mention.time or named)


def stated(quantity: str, count: Count) -> bool:
    """Whether a count is written as a number: "une bombe a touché" counts one weapon launched, but
    the article does not say it was the only one, so it neither tells a strike apart nor anchors a
    wave ("a détruit un missile et 20 drones" does count what was shot down)."""
    return not (quantity == "launched" and count.by_article)


def _same_launch(incidents: list[Incident], mention: Mention) -> Incident | None:
    """The earlier attack whose launched figure is the total a partitive tally refers to."""
    totals = {c.value for q, c, _s in mention.figures if q == "launched"}
    for incident in reversed(incidents):
        if incident.family == "attack" and incident.before(mention.span.end) is not None and any(
                q == "launched" and c.value in totals for m in incident.mentions for q, c, _s in m.figures):
            return incident
    return None


def most_specific_place(incident: Incident, ents: Entities) -> str | None:
    places = [m.place for m in incident.mentions if m.place]
    if not places:
        return None
    return min(places, key=lambda p: (PLACE_RANK[ents.get(p).kind], places.index(p)))
