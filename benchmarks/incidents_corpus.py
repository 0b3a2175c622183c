"""The synthetic corpora of benchmarks/incidents.py: (a) syndication, 50 stories each republished
20 times over 5 days; (b) big day, 500 distinct articles of one day about 30 happenings. Written
here from templates (no third party's text), with the truth of which happening each article tells.
"""

from __future__ import annotations

import datetime as dt
import random

#: Cities the extractor finds as the place of these templates' events (checked once, 2026-12-07).
UA = ["Kharkiv", "Dnipro", "Kherson", "Soumy", "Lviv", "Poltava", "Tchernihiv", "Jytomyr", "Vinnytsia",
      "Ternopil", "Kramatorsk", "Tcherkassy", "Nikopol", "Ivano-Frankivsk", "Okhtyrka", "Odessa",
      "Zaporijjia", "Mykolaïv", "Kiev", "Rivne", "Khmelnytskyï", "Kropyvnytskyï", "Loutsk", "Oujhorod",
      "Tchernivtsi", "Sloviansk", "Bakhmout", "Pokrovsk", "Kryvyï Rih"]
RU = ["Belgorod", "Koursk", "Briansk", "Voronej", "Taganrog", "Orel", "Toula", "Smolensk", "Lipetsk",
      "Saratov", "Tambov", "Riazan", "Krasnodar", "Rostov", "Novorossiïsk", "Samara", "Engels", "Volgograd"]
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


def night(day: dt.date) -> str:
    """The night before ``day``, as a French article of that day says it."""
    return f"dans la nuit de {WEEKDAYS[(day.weekday() - 1) % 7]} à {WEEKDAYS[day.weekday()]}"
TARGETS = ["un immeuble d'habitation", "une école", "un hôpital", "une gare", "un entrepôt",
           "une centrale électrique", "un marché", "un dépôt de carburant", "une usine", "un pont"]
SPEAKERS = ["a déclaré le gouverneur régional", "a annoncé le maire", "selon les autorités locales",
            "a indiqué la police", "ont précisé les secours", "a affirmé l'administration militaire"]
FILLER = [
    "Les habitants ont passé une partie de la nuit dans les abris.",
    "Des centres d'accueil ont été ouverts pour les familles évacuées.",
    "Les équipes de secours poursuivaient leurs recherches dans la matinée.",
    "Les autorités ont appelé la population à respecter les consignes de sécurité.",
    "Les écoles de la ville resteront fermées jusqu'à nouvel ordre.",
    "La circulation a été interrompue dans plusieurs rues du centre.",
    "Des volontaires distribuaient de l'eau et des couvertures aux sinistrés.",
    "Le courant a été rétabli dans la plupart des quartiers en fin de matinée.",
    "Une journée de deuil a été décrétée par la municipalité.",
    "Les services d'urgence ont mobilisé des dizaines de sauveteurs.",
    "Les vitres de nombreux bâtiments voisins ont été soufflées.",
    "Les hôpitaux de la région ont reçu des renforts de personnel.",
    "Les transports en commun ont repris leur service dans l'après-midi.",
    "Des psychologues ont été dépêchés auprès des familles des victimes.",
    "Le président a présenté ses condoléances aux proches des victimes.",
    "Les experts examinaient les débris pour déterminer le type d'engin utilisé.",
]


def _leads(h: dict, killed: int, injured: int) -> list[str]:
    c, t, s, NIGHT = h["city"], h["target"], h["speaker"], night(h["day"])  # noqa: N806
    if h["kind"] == "missile":
        return [f"Une frappe de missile russe a tué {killed} personnes et blessé {injured} autres à {c} {NIGHT}, {s}.",
                f"Au moins {killed} personnes ont été tuées et {injured} blessées dans une frappe de missiles russes sur {c} {NIGHT}, {s}.",
                f"La Russie a frappé {c} avec des missiles {NIGHT}, faisant {killed} morts et {injured} blessés, {s}.",
                f"Des missiles russes ont frappé {t} à {c} {NIGHT}, tuant {killed} personnes, {s}."]
    if h["kind"] == "shelling":
        return [f"Des bombardements d'artillerie russes ont tué {killed} civils à {c} {NIGHT}, {s}.",
                f"L'armée russe a bombardé {c} à l'artillerie {NIGHT}, faisant {killed} morts et {injured} blessés, {s}.",
                f"Au moins {killed} personnes ont été tuées par des tirs d'artillerie russes sur {c} {NIGHT}, {s}."]
    if h["kind"] == "drone-ru":
        return [f"Des drones ukrainiens ont frappé {t} à {c} {NIGHT}, {s}.",
                f"Une attaque de drones ukrainiens a touché {t} à {c} {NIGHT}, blessant {injured} personnes, {s}.",
                f"L'Ukraine a attaqué {c} avec des drones {NIGHT}, touchant {t}, {s}."]
    return [f"Des drones russes ont frappé {t} à {c} {NIGHT}, tuant {killed} personnes, {s}.",
            f"Une attaque de drones russes a tué {killed} personnes et blessé {injured} autres à {c} {NIGHT}, {s}.",
            f"La Russie a attaqué {c} avec des drones Shahed {NIGHT}, faisant {killed} morts, {s}."]


def _details(h: dict, killed: int, injured: int) -> list[str]:
    c, t = h["city"], h["target"]
    return [f"L'engin a touché {t} de {c}, a précisé le gouverneur sur Telegram.",
            f"Le bilan pourrait encore s'alourdir, a prévenu le maire de {c}.",
            f"Parmi les {injured} blessés figurent plusieurs enfants, selon les secours.",
            f"Les images publiées par les secours montrent {t} en partie détruit.",
            f"Il s'agit de l'une des attaques les plus meurtrières contre {c} depuis des mois."]


def article_text(h: dict, rng: random.Random, update: int = 0) -> str:
    """One article about happening ``h``: a lead, details, quotes and background, in a random order."""
    killed, injured = h["killed"] + update, h["injured"] + 2 * update
    leads, details = _leads(h, killed, injured), _details(h, killed, injured)
    body = [rng.choice(leads)] + rng.sample(details, rng.randint(2, 3)) + rng.sample(FILLER, rng.randint(3, 5))
    rest = body[1:]
    rng.shuffle(rest)
    return " ".join([body[0], *rest])


def happenings(count: int, days: int, rng: random.Random, start: dt.date) -> list[dict]:
    """``count`` happenings over ``days`` days; no city hit twice by one kind of attack in one day."""
    found: list[dict] = []
    kinds = ["missile", "drone", "shelling"]
    for n in range(count):
        day = start + dt.timedelta(days=n * days // count)
        used = {(h["city"], h["kind"]) for h in found if h["day"] == day}
        while True:
            russian = rng.random() < 0.25
            city = rng.choice(RU if russian else UA)
            kind = "drone-ru" if russian else rng.choice(kinds)
            if (city, kind) not in used:
                break
        found.append({"id": f"h{n:02d}", "day": day, "city": city, "kind": kind,
                      "killed": rng.randint(2, 30), "injured": rng.randint(5, 80),
                      "target": rng.choice(TARGETS), "speaker": rng.choice(SPEAKERS)})
    return found


def syndication(seed: int = 11) -> tuple[list[dict], dict[str, str], list[str]]:
    """50 stories, each republished 20 times over 5 days: records, article → happening, distinct texts."""
    rng = random.Random(seed)
    stories = happenings(50, 5, rng, dt.date(2025, 3, 3))
    records, truth, originals = [], {}, []
    for h in stories:
        text = article_text(h, rng)
        originals.append(text)
        for n in range(20):
            day = h["day"] + dt.timedelta(days=n % 5 if n else 0)
            copy = text if n == 0 else "\n".join(filter(None, [
                f"{h['city']} {rng.choice(['touchée dans la nuit', 'de nouveau visée', 'sous les frappes'])}",
                f"Par la rédaction avec AFP, publié le {day.isoformat()}" if rng.random() < 0.7 else "",
                text,
                rng.choice(FILLER) if rng.random() < 0.3 else "",
                rng.choice(["Tous droits réservés.", "Lire aussi : nos articles sur la guerre.", ""])]))
            key = f"syn-{h['id']}-{n:02d}"
            records.append({"id": key, "date": day.isoformat(), "source": f"site{n:02d}", "text": copy})
            truth[key] = h["id"]
    rng.shuffle(records)
    records.sort(key=lambda r: r["date"])  # a news feed: in order of publication
    return records, truth, originals


def bigday(seed: int = 12) -> tuple[list[dict], dict[str, str], list[str]]:
    """500 distinct articles of one day about 30 happenings: records, article → happening, texts."""
    rng = random.Random(seed)
    events = happenings(30, 1, rng, dt.date(2025, 3, 10))
    records, truth = [], {}
    for n in range(500):
        h = events[n % 30] if n < 30 else rng.choice(events)
        key = f"day-{n:03d}"
        records.append({"id": key, "date": h["day"].isoformat(), "source": f"site{n % 60:02d}",
                        "text": article_text(h, rng, update=rng.choice([0, 0, 1, 2]))})
        truth[key] = h["id"]
    return records, truth, [r["text"] for r in records]
