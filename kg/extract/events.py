"""Event mentions: one per trigger clause ("des drones ont frappé", "une frappe de missile russe"), with its slots."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.clauses import (
    AGENTS,
    ANAPHORIC_DETERMINERS,
    OBJECTS,
    SUBJECTS,
    Mention,
    acting_subject,
    agentive,
    aimed_at,
    all_triggers,
    assailants,
    clause_head,
    controller,
    cues_in,
    domain,
    irrealis,
    non_combatants,
    possessive,
    stray_object,
    triggers_of,
)
from kg.extract.entities import Entities, phrase_bounds
from kg.extract.figures import fill_counts
from kg.extract.lexicon import Lexicon, Trigger, fold
from kg.extract.numbers import count_of, is_number
from kg.extract.placing import fill_place
from kg.extract.spread import by_weapon, coordinated, enumerated, wave_and_strike
from kg.extract.tallies import (
    add_up,
    all_launched,
    armed,
    elided_weapon,
    launched,
    repelled,
    weapon_phrase,
)
from kg.extract.time import time_in
from kg.extract.tolls import read_tolls

if TYPE_CHECKING:
    import datetime as dt

    from spacy.tokens import Doc, Token


class Reader:
    """Reads event mentions out of one parsed article."""

    def __init__(self, doc: Doc, entities: Entities, lex: Lexicon, today: dt.date | None) -> None:
        self.doc, self.entities, self.lex, self.today = doc, entities, lex, today
        self.text, self.tokens = entities.text, entities.tokens
        # one pass over the tokens: every later rule looks triggers up by token index
        self.triggers = all_triggers(self.tokens, lex)
        verbs = {i for i in self.triggers if self.tokens[i].pos_ in {"VERB", "AUX"}}
        self.trigger_heads = {i for i in verbs if any(r.role != "consequence" for r in self.triggers[i])}
        self.consequence_heads = {i for i in verbs if any(r.role == "consequence" for r in self.triggers[i])}
        self.cue_heads = set(cues_in(entities))

    def mentions(self) -> list[Mention]:
        found: list[Mention] = []
        covered: set[int] = set()
        # attacks and interceptions first, consequences ("a blessé") only when no attack clause holds them
        for roles in ({"attack", "interception"}, {"consequence"}):
            for index, rules in self.triggers.items():
                if index in covered:
                    continue
                token = self.tokens[index]
                for trigger in rules:
                    if trigger.role not in roles:
                        continue
                    mention = self.read(token, trigger, found)
                    if mention is not None:
                        found.append(mention)
                        spread = enumerated(mention, self.entities, self.lex) \
                            + wave_and_strike(mention, self.entities, self.lex) + by_weapon(mention, self.entities)
                        found += spread + [c for m in (mention, *spread) for c in coordinated(m, self.entities)]
                        covered |= mention.domain
                        if mention.launch is not None:
                            found.append(launched(mention, self.entities, self.lex))
                        if mention.repelled is not None:
                            attack = repelled(mention, self.entities, self.lex)
                            found += [attack, *coordinated(attack, self.entities)]
                        break
        return sorted(found, key=lambda m: m.span.begin)

    def struck_with_toll(self, noun: Token) -> bool:
        """ "huit morts à la suite des frappes de missiles russes sur Tcherniguiv": plural attack nouns
        on a named place, in a sentence that counts their victims, tell one incident."""
        # read off the surface ("frappes aériennes sur la ville de Kherson": the parser may hang the
        # place on another word), up to the next punctuation
        after = []
        for token in self.tokens[noun.i + 1:min(noun.i + 9, noun.sent.end)]:
            if token.is_punct:
                break
            after.append(token)
        aimed = next((k for k, t in enumerate(after) if fold(t.text) in {"sur", "contre"}), None)
        on_place = aimed is not None and any(self.entities.place(t) for t in after[aimed + 1:aimed + 5])
        return on_place and bool(read_tolls(noun.sent, self.lex))

    def read(self, trigger: Token, rule: Trigger, earlier: list[Mention]) -> Mention | None:
        lex, at = self.lex, self.tokens
        head = clause_head(trigger, lex)
        if trigger.pos_ == "NOUN":
            if trigger.dep_ == "nmod" and self.entities.weapon(trigger.head):
                return None  # "drones d'attaque" names a weapon, not an event
            if trigger.dep_ in {"obj", "nsubj", "nsubj:pass"} and trigger.head.i in self.trigger_heads:
                return None  # "ont lancé une attaque": the verb's clause reads it
            # ("a mené des frappes contre …": strikes that a verb in the past says were made are told)
            made = head.i != trigger.i and trigger.dep_ in {"obj", "nmod"} and "Past" in head.morph.get("Tense") \
                and not any(c.dep_ == "nummod" or fold(c.lemma_) in lex.modality["run_quantifiers"] for c in trigger.children)
            if "Plur" in trigger.morph.get("Number") and not made and not (
                    rule.role == "interception" and count_of(trigger, lex)) and not self.struck_with_toll(trigger):
                return None  # "les attaques de drones": a pattern, not an incident ("15 interceptions" is a tally)
        if irrealis(head, lex) or (head is not trigger and irrealis(trigger, lex)):
            return None
        stops = (self.trigger_heads | self.cue_heads) - {head.i, trigger.i}
        tokens = domain(head, stops)
        # "a confirmé la frappe contre la raffinerie de X": the parser hangs the noun's aim on the verb
        aim = aimed_at(trigger) if trigger.pos_ == "NOUN" and head is trigger and trigger.dep_ == "obj" else set()
        tokens |= aim
        # "a indiqué avoir abattu 52 des 74 drones", "52" hung on "indiqué": the trigger's object
        stray = stray_object(head)
        stray = stray if stray is not None and (is_number(stray) or self.entities.weapon(stray) or stray.dep_ in {"nmod", "obj"}) else None
        tokens |= {t.i for t in stray.subtree} | {stray.head.i} - {head.head.i} if stray is not None else set()
        # "une attaque de drones repoussée": a past participle on a noun is a passive whose patient it is
        participle = head.dep_ == "acl" and "Part" in head.morph.get("VerbForm") and "Past" in head.morph.get("Tense") \
            and not any(c.dep_.startswith("aux") for c in head.children) \
            and not (rule.role == "attack" and rule.requirement == "weapon")  # "50 drones lancés par …" counts them
        if participle:  # the noun and its number belong to the clause: "trois drones abattus"
            tokens |= {head.head.i, *(c.i for c in head.head.children if c.dep_ in {"nummod", "det"})}
        passive = any(c.dep_ == "aux:pass" for c in head.children) or "Pass" in head.morph.get("Voice") or participle
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        # "touchées par des drones russes": the parser may give the agent of a passive as an oblique
        agent = next((c for c in head.children if c.dep_ in AGENTS or passive and agentive(c)), None)
        # "a lancé près de 160 drones": "près de" makes the parser read the weapons as an oblique, and "a
        # neutralisé neuf drones" can come out as an oblique without a preposition or even under another
        # oblique: "a lancé dans la nuit 89 drones" ("en avoir abattu 64": a complement of the verb)
        objects = [c for c in head.children if c.dep_ == "obj" or c.dep_ == "xcomp" and c.pos_ == "NUM"] \
            or ([stray] if stray is not None else []) or [
            c for c in head.children if c.dep_ in {"obl:arg", "obl:mod", "advmod"} and self.entities.weapon(c)
            and (c.dep_ == "obl:arg" or not any(g.dep_ == "case" for g in c.children))] or [
            # "a abattu 21 des 29 drones d'attaque", the number parsed as an oblique of its own
            c for c in head.children if c.dep_ in {"obl:arg", "obl:mod"} and is_number(c)
            and not any(g.dep_ == "case" for g in c.children)
            and any(g.dep_ == "nmod" and self.entities.weapon(g) for g in c.children)] or [
            self.tokens[i] for i in sorted(tokens) if self.entities.weapon(self.tokens[i])
            and self.tokens[i].dep_ in {"nmod", "obl:mod"} and any(g.dep_ == "nummod" for g in self.tokens[i].children)
            and not any(g.dep_ == "case" for g in self.tokens[i].children)][:1]
        if trigger.pos_ == "NOUN" and rule.requirement == "weapon":
            # "la destruction de 27 drones": the weapons destroyed are the noun's complement
            objects = [c for c in trigger.children if c.dep_ == "nmod" and weapon_phrase(self.entities, c) is not None]
        # "43 des 55 drones ennemis": the adjective parsed as the object, the tally hung under it
        objects = [next((n for n in c.children if n.dep_ == "nummod" and is_number(n) and any(
            g.dep_ == "nmod" and self.entities.weapon(g) for g in n.children)), c) if c.pos_ == "ADJ" else c
            for c in objects]
        # several objects ("a lancé la semaine dernière le missile"): the weapon is the real one
        obj = next((c for c in objects if self.entities.weapon(c)), objects[0] if objects else None)
        if passive:
            # the subject of a passive is what was hit or shot down, the agent ("par …") acted
            obj, subject = next((c for c in head.children if c.dep_ in SUBJECTS), head.head if participle else None), None
        if any(fold(c.lemma_) in non_combatants() for c in (subject, agent) if c is not None):
            return None  # "attaqué par un requin"
        patient = obj if obj is not None or not aim else next(at[i] for i in sorted(aim) if at[i].head.i not in aim)
        toll = rule.requirement == "toll"
        if toll:
            # "le bilan s'est alourdi à quatre morts": the subject names a toll, not a patient
            toll_subject = next((c for c in head.children if c.dep_ in SUBJECTS), None)
            if toll_subject is None or fold(toll_subject.lemma_) not in lex.numbers["toll_nouns"]:
                return None
            patient, subject = None, None
        elif rule.requirement not in {"-", "weapon", "object"}:
            patient, subject = subject, None  # "une entreprise a pris feu": the subject is what was hit, not who
        if trigger.pos_ == "NOUN" and not (head.i != trigger.i and trigger.dep_ in {"obj", "nmod"}):
            # "l'attaque a été menée par Kiev": the agent of the verb the noun is the subject of
            # ("Kiev a mené une frappe": the subject of the verb that carries it stays the actor)
            agent = next((c for c in trigger.head.children if agentive(c)), None) if trigger.dep_ == "nsubj:pass" else None
            subject = acting_subject(trigger, self.entities)  # "l'armée a neutralisé dix terroristes lors d'une frappe"
        # requirements: "lancer des drones" needs a weapon, "prendre feu" needs its noun
        weapon = self.weapon_in(tokens, exclude=self.target_tokens(obj) if rule.role == "consequence" else set())
        elided = None
        whole = obj is not None and fold(obj.lemma_) in lex.numbers["totality"]  # "tous ont été détruits"
        if rule.role == "interception" and obj is not None and (is_number(obj) and not any(
                c.dep_ == "nmod" for c in obj.children) or fold(obj.lemma_) in lex.numbers["stand_in_nouns"]
                or whole):
            # "… et deux ont été détruits au-dessus de Belgorod", "sur les six (missiles), quatre ont été détruits"
            weapon = elided = weapon or elided_weapon(trigger, earlier)
        if rule.requirement == "weapon" and weapon_phrase(self.entities, obj) is None and not elided:
            # "a lancé une attaque de drones": the attack noun stands for the weapon
            # "un drone a largué un explosif": the weapon is the subject that delivers it
            if subject is not None and weapon_phrase(self.entities, subject) is not None and rule.role == "attack":
                pass
            elif obj is None or not any(r.role == "attack" for r in triggers_of(obj, lex)):
                return None
            patient = next((c for c in [*(obj.children if obj is not None else ()), *head.children] if c.dep_ != "case" and any(
                fold(g.text) in {"contre", "sur"} for g in c.children if g.dep_ == "case")), None)
        if rule.requirement == "object" and obj is None:
            return None
        if rule.requirement not in {"-", "weapon", "object", "toll"} and (obj is None or fold(obj.lemma_) != rule.requirement):
            return None
        if rule.role == "interception" and rule.requirement == "weapon" and not weapon:
            return None
        sentence = trigger.sent.start
        start, end = min(tokens), max(tokens) + 1
        while end - 1 > start and at[end - 1].pos_ == "PUNCT":
            end -= 1
        mention = Mention(trigger=trigger.i, role=rule.role, type=rule.type, span=self.entities.span(start, end),
                          sentence=sentence, domain=tokens)
        mention.time = time_in(self.text, at[start].idx, mention.span.end, self.today)
        # a definite noun with no count ("l'attaque présumée") or a bare consequence refers back
        # ("les 14 drones abattus", a definite noun with a participle, likewise)
        if trigger.pos_ == "NOUN" or participle:
            mention.anaphoric = any(fold(c.lemma_) in ANAPHORIC_DETERMINERS for c in (
                trigger if trigger.pos_ == "NOUN" else head.head).children if c.dep_ == "det")
        attacker = None
        if subject is not None and any(r.role == "attack" for r in triggers_of(subject, lex)) and any(
                fold(c.lemma_) in ANAPHORIC_DETERMINERS for c in subject.children if c.dep_ == "det"):
            mention.anaphoric = True  # "L'attaque, non confirmée par Kiev, a touché l'usine de …"
        if rule.role == "consequence":
            # "des frappes russes ont tué trois civils": a plural attack noun as subject is the incident
            # or as the agent of a passive: "un homme a été tué par des tirs d'artillerie russes"
            # (a singular agent is read as an event of its own, which this consequence joins)
            plural_agent = agent if agent is not None and "Plur" in agent.morph.get("Number") else None
            # or as an oblique: "une femme a été tuée lors de bombardements ukrainiens"
            obliques = [at[i] for i in sorted(tokens) if at[i].dep_.startswith("obl")
                        and at[i].pos_ == "NOUN" and "Plur" in at[i].morph.get("Number")]
            attacker = next((c for c in (subject, plural_agent, *obliques) if c is not None and any(
                r.role == "attack" for r in triggers_of(c, lex))), None)
            if attacker is agent and agent is not None:
                agent = None
            mention.anaphoric = attacker is None or any(
                fold(c.lemma_) in ANAPHORIC_DETERMINERS for c in attacker.children if c.dep_ == "det")
            if attacker is None and (assailants(subject, lex) or any(
                    weapon_phrase(self.entities, c) is not None for c in (agent, subject) if c is not None)):
                # "deux personnes ont été tuées par un drone russe", "un drone a blessé deux civils":
                # the weapon tells the attack, as armed assailants do ("des jihadistes ont tué …")
                mention.role, mention.anaphoric = "attack", False
            if attacker is not None:
                mention.role = "attack"
                subject = None
                for child in attacker.children:
                    implied = lex.type_modifiers.get(fold(child.lemma_))
                    mention.type = lex.weapon_types.get(implied, mention.type) if implied else mention.type
        if subject is None and agent is None and not passive:
            subject = controller(head, lex)  # "accuse les Russes d'avoir tiré", "affirme avoir frappé"
        self.fill_actor(mention, attacker or trigger, subject, agent, weapon)
        if weapon:
            mention.weapon = weapon[0]
            if rule.role != "interception":
                mention.type = lex.weapon_types.get(weapon[1], mention.type)
            # "120 drones et 8 missiles": weapons of several classes make a plain Attack
            classes = {w[1] for c in armed(self.entities, obj, head, rule) if (w := self.entities.weapon(c))}
            # ("une attaque de drones et de missiles": an attack noun's own weapons, likewise)
            classes |= {w[1] for i in tokens if at[i].pos_ == "NOUN" and any(r.role == "attack" for r in triggers_of(at[i], lex))
                        for c in at[i].children if c.dep_ == "nmod" for t in (c, *c.conjuncts) if (w := self.entities.weapon(t))}
            if len(classes) > 1:
                mention.type = "Attack"
        for child in trigger.children:
            implied = lex.type_modifiers.get(fold(child.lemma_))
            if implied and rule.role == "attack" and mention.type == "Attack":
                mention.type = lex.weapon_types.get(implied, mention.type)
        self.fill_target(mention, trigger, head, patient, rule)
        fill_counts(self.entities, mention, tokens, obj, rule, earlier)
        if whole and elided and (told := all_launched(trigger, earlier)):
            mention.figures.append(("downed", told, self.entities.span(obj.i, obj.i + 1)))  # all of them
        if trigger.pos_ == "NOUN" and rule.role == "interception" and (tally := count_of(trigger, lex)):
            mention.figures.append(("downed", tally, self.entities.span(tally.start, tally.end)))
        add_up(self.entities, mention, armed(self.entities, obj, head, rule))
        fill_place(self.entities, mention, tokens, trigger, self.trigger_heads)
        if rule.role == "interception" and obj is not None and any(
                r.role == "attack" for r in triggers_of(obj, lex)):
            mention.repelled = obj  # "a déjoué une attaque de drones ukrainiens": the attack too
        if rule.role == "interception":
            window = fold(mention.span.text)
            mention.means = next((label for phrase, label in lex.means if phrase in window
                                  and phrase not in {"défense aérienne"}), None)
        return mention

    # -- slots ------------------------------------------------------------------------------
    def weapon_in(self, tokens: frozenset[int], exclude: set[int]) -> tuple[str, str] | None:
        """The most specific weapon named in the clause: a named system beats "missile"."""
        found = [self.entities.weapon(self.tokens[i]) for i in sorted(tokens) if i not in exclude]
        found = [w for w in found if w]
        named = [w for w in found if self.entities.named_system(w[0])]
        return (named or found or [None])[0]

    def target_tokens(self, obj: Token | None) -> set[int]:
        if obj is None:
            return set()
        start, end = phrase_bounds(obj)
        return set(range(start, end))

    def fill_actor(self, mention: Mention, trigger: Token, subject: Token | None,
                   agent: Token | None, weapon: tuple[str, str] | None) -> None:
        ents = self.entities
        candidates: list[Token] = []
        # agent of a passive ("abattus par la défense"), else the subject of an active verb
        if agent is not None:
            candidates.append(agent)
        if subject is not None:
            candidates.append(subject)
        # nominal trigger: "attaque russe", "l'attaque de Kyiv", "frappe de missile russe"
        if trigger.pos_ == "NOUN":
            candidates += [c for c in trigger.children if c.dep_ in {"amod", "nmod"}
                           and not any(fold(g.text) in {"contre", "sur", "dans", "à", "en", "vers", "selon"}
                                       for g in c.children if g.dep_ == "case")]
            # "du bombardement russe mardi", "les frappes russes menées": the parser may hang the
            # nationality right after the noun elsewhere, or tag it as a verb
            after = self.tokens[trigger.i + 1] if trigger.i + 1 < len(self.tokens) else None
            if after is not None and after not in candidates and fold(after.text) in ents.lex.adjectives:
                candidates.append(after)
        for token in candidates:
            start, end = phrase_bounds(token)
            mention.actor_tokens = frozenset(range(start, end))
            country = ents.lex.adjectives.get(fold(token.text))
            if country and token.pos_ == "ADJ" and trigger.pos_ == "NOUN" and token.head.i == trigger.i and (
                    set(token.morph.get("Number")) ^ set(trigger.morph.get("Number"))) == {"Sing", "Plur"}:
                continue  # "la destruction de 12 drones ukrainiens": hung on the noun, agreeing with the drones
            if country and (token.pos_ == "ADJ" or token.i == trigger.i + 1 and trigger.pos_ == "NOUN"):
                mention.actor = ents.country(country, token)
                return
            shot = weapon_phrase(self.entities, token)
            if mention.role == "interception" and shot is not None and token.dep_ != "nsubj" \
                    and ents.weapon(shot)[1] != "air defence":
                continue  # "des drones ukrainiens abattus": the side of what was shot down attacked
            if ents.weapon(token) or shot or fold(token.lemma_) in {"système", "défense"}:
                # a weapon or air-defence phrase acts for the side its adjective names
                side = ents.nationality(token)
                if side:
                    mention.actor = side
                    return
                # "ses systèmes de défense": the side of whoever reports it, resolved with the speaker
                if possessive(token) and self.lex.possessives.get(fold(token.lemma_)) == "actor":
                    mention.own.add("actor")
                    return
                continue
            local = ents.actor(token)
            if local is None:  # "des frappes russes ont visé Kharkiv", "des paramilitaires des FSR ont attaqué"
                local = ents.nationality(token)
            if local:
                mention.actor = ents.side(local) or local
                if ents.side(local) is None and possessive(token) \
                        and self.lex.possessives.get(fold(token.lemma_)) == "actor":
                    mention.own.add("actor")  # "ses forces"
                return
        mention.actor_tokens = frozenset()

    def fill_target(self, mention: Mention, trigger: Token, head: Token, obj: Token | None, rule: Trigger) -> None:
        ents = self.entities
        candidates = []
        if rule.role in {"attack", "consequence"} and obj is not None:
            candidates.append(obj)
        # "… ont été blessées et 40 bâtiments endommagés": the patient of a coordinated damage verb
        for verb in (v for v in trigger.conjuncts if v.i not in cues_in(ents)) if rule.role == "consequence" else ():
            candidates += [c for c in verb.children if c.dep_ in SUBJECTS | OBJECTS]
        if trigger.pos_ == "NOUN":  # (or on the verb that carries it: "a mené une frappe contre …")
            carrier = (*trigger.head.children, *head.children) if head.i != trigger.i else ()
            candidates += [c for c in (*trigger.children, *carrier) if c.dep_ in {"nmod", "obl:arg", "obl:mod"} and any(
                fold(g.text) in {"contre", "sur"} for g in c.children if g.dep_ == "case")]
        for token in candidates:
            if ents.weapon(token) or weapon_phrase(self.entities, token) or fold(token.lemma_) in self.lex.numbers["person_nouns"] \
                    or token.pos_ in {"NUM", "PRON"} or any(r.role == "attack" for r in triggers_of(token, self.lex)) \
                    or fold(token.lemma_) in self.lex.numbers["collective_nouns"] or fold(token.lemma_) in \
                    self.lex.numbers["casualty_nouns"] and any(c.dep_ == "nummod" for c in token.children):  # "30 morts"
                continue
            place = ents.place(token) or self.named_place(token)
            if place and (fold(token.lemma_) in self.lex.place_nouns or ents.place(token)):
                mention.target_entity = place
                return
            if ents.place(token):
                mention.target_entity = ents.place(token)
                return
            start, end = phrase_bounds(token)
            while start < token.i and self.tokens[start].pos_ in {"NUM", "ADV", "DET", "ADP", "PUNCT"}:
                start += 1
            # keep the thing hit, not where it is: "installation de carburant dans la région de Kaluga"
            cut = next((t.i for t in self.doc[start:end] if t.i > token.i and t.dep_ == "case"
                        and fold(t.text) in {"dans", "à", "en", "près", "au", "avec"}), end)
            mention.target = fold(self.doc[start:cut].text).strip(" ,”“«»\"")
            return

    def named_place(self, token: Token) -> str | None:
        """The place named under a place noun: "la ville orientale de Kharkiv" → Kharkiv."""
        if fold(token.lemma_) not in self.lex.place_nouns:
            return None
        stack = list(token.children)
        while stack:
            child = stack.pop()
            if self.entities.place(child):
                return self.entities.place(child)
            stack.extend(child.children)
        return None
