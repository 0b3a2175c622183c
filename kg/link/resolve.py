"""Choosing the gazetteer entry an entity names, from its kind, its mentions and the article's context."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.link.gazetteer import Entry, Gazetteer
from kg.link.names import fold, hint_before, phrase_before, skeleton, strip_context
from kg.link.rules import context_rules
from kg.text import fold_words

# The countries this news is about: their places win ties against homonyms elsewhere.
HOME_COUNTRIES = frozenset({"UA", "RU", "BY"})
# Nationality words in French (folded) and the country they point to.
NATIONALITIES = {
    "ukrainien": "UA", "ukrainienne": "UA", "ukrainiens": "UA", "ukrainiennes": "UA",
    "russe": "RU", "russes": "RU", "bielorusse": "BY", "bielorusses": "BY",
    # the home countries' own names count as much as their adjectives
    "ukraine": "UA", "russie": "RU", "bielorussie": "BY", "belarus": "BY",
}
PLACE_KINDS = {
    "Country": ("Country",), "Region": ("Region",), "City": ("City",),
    "Place": ("City", "Region", "Country", "Sea"), "Sea": ("Sea",),
}
ACTOR_KINDS = {
    "Organization": ("Organization", "NewsAgency"), "NewsAgency": ("NewsAgency", "Organization"),
    "Authority": ("Organization",), "Person": ("Person",), "Weapon": ("Weapon",),
}
# Below this population a town elsewhere than the home countries needs context to be linked.
SMALL_TOWN = 15_000
MIN_LOOSE_LENGTH = 5
WINDOW_BEFORE = 200  # characters before a mention read for the place noun that announces it


@dataclass
class Context:
    """What the rest of the article says about where the story happens."""

    countries: set[str] = field(default_factory=set)  # ISO codes of countries it names
    places: set[str] = field(default_factory=set)  # keys of places already linked, with enclosing ones
    text: str = ""

    def add_place(self, entry: Entry) -> None:
        # regions and towns only: a country named counts once, through ``countries``
        self.places.update(k for k in (entry.key, *entry.located_in) if not k.startswith("country/"))
        if entry.country:
            self.countries.add(entry.country)


def nationalities(text: str, attackers: bool = True) -> set[str]:
    """ISO codes of the nationalities a French text mentions ("russe", "ukrainienne"); without
    ``attackers``, not those that qualify an attack or a force ("une frappe russe", "des drones russes"),
    which say who attacked rather than where a place is."""
    words = fold_words(text).split()
    skip = frozenset() if attackers else context_rules().attacker_words
    return {NATIONALITIES[w] for i, w in enumerate(words)
            if w in NATIONALITIES and (i == 0 or words[i - 1] not in skip)}


def _hint(name: str, hint: str | None, text: str, begins: list[int]) -> str | None:
    if hint:
        return hint
    for begin in begins:
        found = hint_before(text[max(0, begin - WINDOW_BEFORE):begin])
        if found:
            return found
    return None


def _own_name(entry: Entry, core: str) -> bool:
    """Whether ``core`` is the town's own name, not one of its former or foreign names."""
    return skeleton(core) in {skeleton(entry.name_en), skeleton(entry.name_fr)}


def _own_names_first(found: list[Entry], core: str) -> list[Entry]:
    """When ``core`` is a home town's own name, the towns that only had it as another name drop out."""
    if not context_rules().own_name_first or not any(
            e.kind == "City" and e.country in HOME_COUNTRIES and _own_name(e, core) for e in found):
        return found
    return [e for e in found if e.kind != "City" or _own_name(e, core)]


def _score(entry: Entry, context: Context, local: set[str], wanted: tuple[str, ...],
           exact: bool, core: str = "") -> float:
    rules = context_rules()
    score = entry.prominence
    if entry.kind == "City" and core and not _own_name(entry, core):
        score -= rules.alternate_penalty  # a former or foreign name: no homonym of the place meant
    elif entry.key in rules.conflict_area or rules.conflict_area.intersection(entry.located_in):
        score += rules.conflict_bonus  # war news: the place at or next to the front
    if entry.country in local:
        score += 3.0  # a nationality word next to the mention: "la région russe de …"
    if entry.country in context.countries:
        score += 2.0
    if entry.country in HOME_COUNTRIES:
        score += 1.5
    if context.places & set(entry.located_in):
        score += 3.0
    score += 0.5 * (len(wanted) - wanted.index(entry.kind))  # the preferred kind first
    return score + (0.0 if exact else -1.0)


def _supported(entry: Entry, context: Context, local: set[str]) -> bool:
    return (entry.country in context.countries or entry.country in local
            or bool(context.places & set(entry.located_in)))


def _candidates(gazetteer: Gazetteer, name: str, core: str,
                kinds: tuple[str, ...]) -> tuple[list[Entry], bool]:
    # the whole name first ("ville de Moscou" is a federal city), then its core ("Moscou")
    for form in (name, core):
        found = [e for e in gazetteer.lookup(form) if e.kind in kinds]
        if found:
            return found, True
    if len(core.replace(" ", "")) < MIN_LOOSE_LENGTH:
        return [], False
    return [e for e in gazetteer.lookup(core, loose=True) if e.kind in kinds], False


def resolve_place(gazetteer: Gazetteer, name: str, kind: str, context: Context,
                  begins: list[int] = (), local: set[str] | None = None,
                  hint: str | None = None) -> Entry | None:
    """The place entry ``name`` most likely denotes here, or None when no link is safe.

    ``hint`` ("Region", "City"): what an official's title says the place is (a governor's region);
    a French noun in the name or right before a mention ("la région de") says it too, and either
    beats the kind the extractor guessed.
    """
    core, named = strip_context(name)
    hint = _hint(name, named or hint, context.text, list(begins))
    local = local or set()
    wanted = PLACE_KINDS[kind]
    if kind != "Country" and hint:
        wanted = (hint, *(k for k in ("Region", "City") if k != hint))
    if not core or core in gazetteer.stopnames:
        return None
    # a division named in full with its noun ("ville de Moscou", "oblast autonome juif") first,
    # or with the noun the text puts before it ("la république de l'Altaï", not the kraï)
    found = [e for e in gazetteer.lookup(name) if e.kind in wanted + PLACE_KINDS[kind]] \
        if fold(name) != core else []
    for begin in begins if not found else ():
        phrase = phrase_before(context.text[max(0, begin - WINDOW_BEFORE):begin])
        found = [e for e in gazetteer.lookup(f"{phrase} {core}") if e.kind in wanted] if phrase else []
        if found:
            break
    exact = True
    if not found:
        found, exact = _candidates(gazetteer, name, core, wanted[:1] if hint else wanted)
    if not found and hint:  # "la région de Marioupol": the area of a town that is no division
        found, exact = _candidates(gazetteer, name, core, wanted)
    if not found and kind == "City":  # a name the parse took for a town, no town has: "en Volhynie"
        wanted = (*wanted, "Region") if "Region" not in wanted else wanted
        found, exact = _candidates(gazetteer, name, core, ("Region",))
    if not found and kind == "Country":
        # metonymy: "Moscou" or "Kyiv" named as an acting country
        city = resolve_place(gazetteer, name, "City", context, begins, local)
        country = gazetteer.country_of(city) if city else None
        return country if city and city.population >= 500_000 else None
    if not found:
        return None
    found = _own_names_first(found, core)
    scored = sorted(((_score(e, context, local, wanted, exact, core), e) for e in found),
                    key=lambda pair: (-pair[0], pair[1].key))
    best_score, best = scored[0]
    supported = _supported(best, context, local)
    if not exact and not (supported or best.country in HOME_COUNTRIES):
        return None
    if best.kind == "City" and best.population < SMALL_TOWN and not supported \
            and (best.country not in HOME_COUNTRIES or not _own_name(best, core)):
        return None  # a small town far away, or one known here only by another of its names
    for score, other in scored[1:]:
        if other.key in best.located_in or best.key in other.located_in:
            # a city and its own region share a name: the kind asked for first wins
            if wanted.index(other.kind) < wanted.index(best.kind):
                best = other
            continue
        if best_score - score < context_rules().margin:
            return None
        break
    return best


def resolve_actor(gazetteer: Gazetteer, name: str, kind: str, countries: list[str]) -> Entry | None:
    """The curated actor or weapon ``name`` denotes; ``countries``: ISO codes, most telling first."""
    wanted = ACTOR_KINDS.get(kind)
    if not wanted:
        return None
    core = strip_context(name)[0]
    found = [e for e in gazetteer.lookup(name) if e.kind in wanted]
    found = found or [e for e in gazetteer.lookup(core) if e.kind in wanted]
    if not found and len(core) >= 8:
        found = [e for e in gazetteer.lookup(core, loose=True) if e.kind in wanted]
    if not found and kind == "Person" and " " in core:
        # a first name misspelt ("Volodymr Zelensky"): the surname, if the first names' initials agree
        first, last = core.split()[0], core.split()[-1]
        found = [e for e in gazetteer.lookup(last) if e.kind == "Person"
                 and fold(e.name_en)[:1] == first[:1] == fold(e.name_fr)[:1]]
    if len(found) <= 1:
        return found[0] if found else None
    for country in countries:
        matching = [e for e in found if e.country == country]
        if len(matching) == 1:
            return matching[0]
    generic = [e for e in found if not e.country]
    return generic[0] if len(generic) == 1 else None
