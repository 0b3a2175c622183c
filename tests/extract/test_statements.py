"""Who says what: speakers and the events their statements report, one French text per row.

Rows are short sentences written for the rule they pin (the wire-copy form they stand for is named
beside them: a corpus dev article, or wire copy read outside the corpus); each expected event lists
only the slots it pins, ``said_by`` being the names of the speakers whose statements report it.
"""

from __future__ import annotations

import pytest
from case_table import check, rows

CASES = [
    # an inverted clitic hung on the auxiliary, beside the euphonic "-t" (d014; "a-t-elle précisé",
    # "affirme-t-il" in wire copy outside the corpus)
    ("« Huit missiles ont été tirés par l'armée russe », a déclaré un porte-parole de l'armée de l'air, "
     "Mykola Petrenko. « Sur les huit missiles, cinq ont été interceptés par la défense aérienne », a-t-il ajouté.",
     [{"type": "MissileStrike", "said_by": ["Mykola Petrenko"]}, {"type": "Interception", "said_by": ["Mykola Petrenko"]}]),
    ("L'armée de l'air a annoncé que la Russie avait lancé 40 drones. Vingt drones ont été abattus au-dessus "
     "de la région de Kiev, a-t-elle précisé.",
     [{"type": "DroneStrike", "said_by": ["armée de l'air"]}, {"type": "Interception", "said_by": ["armée de l'air"]}]),
    ("Le ministre a déclaré que la Russie avait frappé Kharkiv. Cinq civils ont été tués dans la frappe, affirme-t-il.",
     [{"place": "Kharkiv", "killed": 5, "said_by": ["ministre"]}]),
    # "cette dernière", "ce dernier": the speaker just named (d037)
    ("La Russie a visé Rivne avec des missiles, a indiqué l'armée de l'air ukrainienne. Cette dernière a affirmé "
     "avoir intercepté cinq des huit missiles russes.",
     [{"type": "MissileStrike", "said_by": ["armée de l'air ukrainienne"]},
      {"type": "Interception", "downed": 5, "said_by": ["armée de l'air ukrainienne"]}]),
    # "D'après", which the parser splits into "D'" and a fixed "après" (d005, d041)
    ("D'après le ministère ukrainien de la Défense, la frappe russe sur Poltava a fait 51 morts.",
     [{"place": "Poltava", "killed": 51, "said_by": ["ministère ukrainien de la Défense"], "cue": ["selon"]}]),
    ("D’après l’armée de l’air ukrainienne, 11 drones ont été interceptés au-dessus de Kharkiv.",
     [{"type": "Interception", "said_by": ["armée de l'air ukrainienne"]}]),  # names keep one apostrophe
    # a speaker's words whose complement or agent speaks: "selon des déclarations du président" (d005),
    # "selon un bilan publié par le ministère" (d086), "le bilan communiqué par le ministère fait état
    # de" (wire copy outside the corpus)
    ("Selon des déclarations du président ukrainien Volodymyr Zelensky, deux missiles ont frappé Poltava.",
     [{"place": "Poltava", "said_by": ["Volodymyr Zelensky"]}]),
    ("Selon un nouveau bilan annoncé par les autorités ukrainiennes, la frappe russe sur Soumy a fait 34 morts.",
     [{"place": "Soumy", "killed": 34, "said_by": ["autorités ukrainiennes"]}]),
    ("Le bilan communiqué par le ministère russe de la Défense fait état de 63 soldats tués dans une frappe "
     "ukrainienne sur Makiïvka.",
     [{"killed": 63, "said_by": ["ministère russe de la Défense"], "cue": ["faire état"]}]),
    # "le chef de l'Etat", written without its capital's accent, is the president named before (d005)
    ("Deux missiles ont frappé Poltava, a déclaré le président Volodymyr Zelensky. Le bâtiment « a été "
     "partiellement détruit », ajoute le chef de l'Etat.",
     [{"place": "Poltava", "said_by": ["Volodymyr Zelensky"]}]),
    # an article about one strike and its shoot-down: what a speaker says of its victims is about the
    # strike (d037)
    ("La Russie a visé Lviv avec des missiles, a indiqué l'armée de l'air. L'armée de l'air a affirmé avoir "
     "intercepté sept des dix missiles. Selon le ministère de l'Intérieur, 42 personnes ont été blessées.",
     [{"type": "MissileStrike", "said_by": ["armée de l'air", "ministère de l'Intérieur"]},
      {"type": "Interception", "said_by": ["armée de l'air"]}]),
    # a name right after the title, however the parser split it (the first name as a noun)
    ("Une raffinerie a été touchée par des drones, a indiqué le gouverneur Roman Boussarguine.",
     [{"said_by": ["Roman Boussarguine"]}]),
    # a name after the title and its adjective, which the NER took for an organisation
    ("Une frappe russe a touché Kharkiv dans la nuit. Trois personnes ont été blessées, a indiqué le "
     "gouverneur régional Oleh Synegoubov.", [{"place": "Kharkiv", "said_by": ["Oleh Synegoubov"]}]),
    # officials of one title, each speaking for their own place: "selon les gouverneurs respectifs"
    # (d028), "les gouverneurs des régions de X et de Y ont indiqué" (d020); one official is one speaker
    ("Des drones ont frappé des infrastructures dans les régions de Poltava et de Vinnytsia, selon les "
     "gouverneurs respectifs.",
     [{"place": "Poltava", "said_by": ["gouverneur de Poltava"]},
      {"place": "Vinnytsia", "said_by": ["gouverneur de Vinnytsia"]}]),
    ("Les gouverneurs des régions de Koursk et de Voronej ont indiqué que des drones ukrainiens avaient "
     "frappé Koursk et Voronej.",
     [{"place": "Koursk", "said_by": ["gouverneur de Koursk"]}, {"place": "Voronej", "said_by": ["gouverneur de Voronej"]}]),
    # (wire copy outside the corpus: "…, ont annoncé lundi les gouverneurs locaux")
    ("Des drones ont endommagé des maisons dans la région de Koursk et deux drones ont frappé Belgorod, ont "
     "annoncé les gouverneurs locaux.",
     [{"place": "Koursk", "said_by": ["gouverneur de Koursk"]}, {"place": "Belgorod", "said_by": ["gouverneur de Belgorod"]}]),
    ("Des drones ont frappé Belgorod, a indiqué le gouverneur de la région de Belgorod.",
     [{"place": "Belgorod", "said_by": ["gouverneur de Belgorod"]}]),
    # "les autorités locales" are not "les autorités" (d059); a bare "les autorités" is the one
    # authority the article gives a side, before or after (d017)
    ("La Russie a lancé une attaque massive sur Zaporijjia, selon les autorités. Une femme a été tuée à "
     "Zaporijjia, selon les autorités locales.",
     [{"place": "Zaporijjia", "said_by": ["autorités", "autorités locales"]}]),
    ("Une frappe russe a tué 25 personnes à Ternopil, ont annoncé les autorités. Selon les autorités "
     "ukrainiennes, la Russie a lancé 476 drones. Selon les autorités, des infrastructures ont été frappées à Lviv.",
     [{"place": "Ternopil", "said_by": ["autorités ukrainiennes"]},
      {"place": "Lviv", "said_by": ["autorités ukrainiennes"]}]),
    # unnamed representatives are an anonymous source (wire copy outside the corpus)
    ("Deux personnes ont été tuées dans une frappe aérienne russe sur Zaporijjia, ont déclaré des "
     "représentants ukrainiens régionaux.",
     [{"place": "Zaporijjia", "said_by": ["représentants ukrainiens régionaux"]}]),
    # a facility's management, named by the facility its sentence names (d016, d032)
    ("Une raffinerie de pétrole de la région de Krasnodar a dû suspendre ses activités après une attaque de "
     "six drones, ont indiqué la direction et les autorités locales.",
     [{"place": "Krasnodar", "said_by": ["direction de la raffinerie", "autorités locales"]}]),
    ("L'aéroport de Kazan a été touché par un drone ukrainien, a indiqué la direction.",
     [{"place": "Kazan", "said_by": ["direction de l'aéroport"]}]),
]

XFAIL: dict[str, str] = {}


@pytest.mark.parametrize("text, expected", rows(CASES, XFAIL))
def test_statements(events, text, expected):
    check(events(text), expected)
