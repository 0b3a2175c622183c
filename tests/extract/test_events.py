"""The extractor's specification: one French sentence per row, and the events it must yield."""

from __future__ import annotations

import pytest
from case_table import check, rows

# Each row: a sentence (dated Monday 25 November 2024) and the events expected, in text order; each
# event lists only the slots it pins. Figures with a qualifier are (value, qualifier).
CASES = [
    # active voice, nationality adjective as actor, region, night between two weekdays
    ("Des drones ukrainiens ont frappé un dépôt pétrolier dans la région russe de Briansk dans la nuit de dimanche à lundi.",
     [{"type": "DroneStrike", "actor": "Ukraine", "place": "Briansk", "target": "dépôt pétrolier",
       "when": ("2024-11-24", "2024-11-25")}]),
    # casualties after "faisant"
    ("Un missile russe a frappé un immeuble résidentiel à Dnipro, faisant 3 morts et 12 blessés.",
     [{"type": "MissileStrike", "actor": "Russie", "place": "Dnipro", "killed": 3, "injured": 12}]),
    # nominal trigger as subject of "tuer", qualifier "au moins", weekday evening
    ("Une frappe de missile russe a tué au moins 26 personnes à Kharkiv mardi soir.",
     [{"type": "MissileStrike", "place": "Kharkiv", "killed": (26, "atLeast"), "when": ("2024-11-19", "2024-11-19")}]),
    # "X des Y drones": an interception of X and an attack of Y
    ("La défense aérienne ukrainienne a abattu 40 des 50 drones lancés par la Russie pendant la nuit.",
     [{"type": "Interception", "actor": "Ukraine", "place": "Ukraine", "downed": 40},
      {"type": "DroneStrike", "actor": "Russie", "launched": 50}]),
    # number words, reporting verb with infinitive complement
    ("L'armée de l'air ukrainienne a annoncé avoir abattu vingt-trois drones Shahed.",
     [{"type": "Interception", "actor": "Ukraine", "downed": 23, "said_by": ["armée de l'air ukrainienne"],
       "cue": ["annoncer"]}]),
    # passive voice, inverted reporting clause, interceptor's country from the place
    ("Trois drones ont été abattus au-dessus de la région de Belgorod, a indiqué le gouverneur local.",
     [{"type": "Interception", "actor": "Russie", "place": "Belgorod", "downed": 3, "cue": ["indiquer"]}]),
    # "selon" attribution, collective numeral
    ("Selon le gouverneur de la région de Koursk, une dizaine de drones ukrainiens ont été interceptés.",
     [{"type": "Interception", "place": "Koursk", "downed": (10, "approximately"), "cue": ["selon"]}]),
    ("La Russie a tiré huit missiles balistiques sur la ville de Zaporijjia, a affirmé le maire.",
     [{"type": "MissileStrike", "actor": "Russie", "place": "Zaporijjia", "launched": 8, "cue": ["affirmer"]}]),
    # artillery is shelling; "plus de dix" kept as a bound
    ("Les forces russes ont bombardé Kherson à l'artillerie, blessant plus de dix civils.",
     [{"type": "Shelling", "actor": "Russie", "place": "Kherson", "injured": (10, "moreThan")}]),
    # glide bombs are air strikes
    ("Une bombe planante russe a frappé un entrepôt à Kharkiv.",
     [{"type": "AirStrike", "actor": "Russie", "place": "Kharkiv", "target": "entrepôt"}]),
    # metonymy: Kyiv as actor is Ukraine; "lancer une attaque de drones"
    ("Kyiv a lancé une attaque de drones contre une raffinerie dans la région de Rostov.",
     [{"type": "DroneStrike", "actor": "Ukraine", "place": "Rostov", "target": "raffinerie"}]),
    # modality, negation and threats are not events
    ("Moscou pourrait frapper de nouveau les infrastructures énergétiques ukrainiennes.", []),
    ("Aucun drone n'a frappé la ville de Lviv cette nuit.", []),
    ("La Russie menace de lancer des missiles sur Kyiv.", []),
    ("Selon Kyiv, la Russie frappera bientôt les centrales électriques.", []),
    ("Les frappes de drones se sont multipliées depuis le début de l'année.", []),
    ("D'autres tests seraient effectués dans les prochains mois, a déclaré le président russe.", []),
    # damage counted with "environ" is a target, not a casualty
    ("Environ 40 bâtiments ont été endommagés par une frappe russe à Soumy.",
     [{"type": "Attack", "actor": "Russie", "place": "Soumy"}]),
    ("Une quarantaine de drones ont été lancés par la Russie sur l'Ukraine hier.",
     [{"type": "DroneStrike", "actor": "Russie", "launched": (40, "approximately"),
       "when": ("2024-11-24", "2024-11-24")}]),
    ("Des tirs d'artillerie russes ont tué deux civils dans la ville de Kherson.",
     [{"type": "Shelling", "actor": "Russie", "place": "Kherson", "killed": 2}]),
    ("Le maire de Mykolaïv a déclaré qu'un missile russe avait frappé le port, blessant cinq personnes.",
     [{"type": "MissileStrike", "place": "Mykolaïv", "target": "port", "injured": 5,
       "said_by": ["maire de Mykolaïv"], "cue": ["déclarer"]}]),
    # a quote followed by "a écrit … sur Telegram"
    ("« Nous avons abattu 15 drones au-dessus de la région », a écrit le gouverneur de Belgorod sur Telegram.",
     [{"type": "Interception", "actor": "Russie", "place": "Belgorod", "downed": 15,
       "said_by": ["gouverneur de Belgorod"], "cue": ["écrire"]}]),
    # weapons of two classes: a plain Attack
    ("Selon l'armée de l'air ukrainienne, la Russie a lancé 120 drones et 8 missiles sur l'Ukraine pendant la nuit.",
     [{"type": "Attack", "actor": "Russie", "place": "Ukraine", "launched": 128, "cue": ["selon"]}]),
    ("Les systèmes de défense aérienne russes ont détruit 17 drones ukrainiens au-dessus de la région de Koursk.",
     [{"type": "Interception", "actor": "Russie", "place": "Koursk", "downed": 17}]),
    ("Un drone Shahed a touché un immeuble d'habitation à Odessa, blessant quatre personnes.",
     [{"type": "DroneStrike", "weapon": "Shahed", "place": "Odesa", "injured": 4}]),
    ("Des missiles Iskander ont frappé la ville de Soumy dimanche, a affirmé le parquet régional.",
     [{"type": "MissileStrike", "weapon": "Iskander", "place": "Soumy", "when": ("2024-11-24", "2024-11-24")}]),
    ("L'aviation russe a largué des bombes guidées sur Zaporijjia, tuant un homme.",
     [{"type": "AirStrike", "place": "Zaporijjia", "killed": 1}]),
    ("Le Kremlin a affirmé que ses forces avaient abattu 30 drones ukrainiens pendant la nuit.",
     [{"type": "Interception", "actor": "Russie", "downed": 30, "cue": ["affirmer"]}]),
    ("Une attaque de drones ukrainiens a provoqué un incendie dans une raffinerie de la région de Rostov, selon le gouverneur.",
     [{"type": "DroneStrike", "actor": "Ukraine", "place": "Rostov", "cue": ["selon"]}]),
    ("La ville de Kharkiv a été frappée par des missiles russes, a indiqué le maire Igor Terekhov.",
     [{"type": "MissileStrike", "actor": "Russie", "place": "Kharkiv", "said_by": ["Igor Terekhov"]}]),
    ("Deux missiles de croisière ont été interceptés au-dessus de Kyiv, a annoncé l'administration militaire de la ville.",
     [{"type": "Interception", "place": "Kyiv", "downed": 2, "cue": ["annoncer"]}]),
    ("Les secours ont indiqué que moins de 5 personnes avaient été blessées par la frappe russe à Poltava.",
     [{"type": "Attack", "place": "Poltava", "injured": (5, "lessThan")}]),
    ("Une frappe aérienne russe a détruit une école à Kherson samedi.",
     [{"type": "AirStrike", "place": "Kherson", "target": "école", "when": ("2024-11-23", "2024-11-23")}]),
    ("Les forces ukrainiennes ont pilonné des positions russes près de Donetsk.",
     [{"type": "Shelling", "actor": "Ukraine", "place": "Donetsk"}]),
    ("Hier, Moscou a lancé 93 drones et missiles contre les infrastructures énergétiques de l'Ukraine.",
     [{"type": "Attack", "actor": "Russie", "launched": 93}]),
    ("Selon le ministère russe de la Défense, 25 drones ukrainiens ont été abattus au-dessus de la région de Briansk.",
     [{"type": "Interception", "actor": "Russie", "place": "Briansk", "downed": 25, "cue": ["selon"]}]),
    ("Le bilan de la frappe russe sur Dnipro est passé à 9 morts, a annoncé le gouverneur de la région.",
     [{"type": "Attack", "actor": "Russie", "place": "Dnipro", "killed": 9}]),
    ("La Biélorussie a affirmé qu'un drone avait été abattu au-dessus de son territoire.",
     [{"type": "Interception", "actor": "Biélorussie", "cue": ["affirmer"]}]),
    ("Plusieurs personnes ont été blessées par une attaque russe à Kherson, ont déclaré les autorités locales.",
     [{"type": "Attack", "actor": "Russie", "place": "Kherson", "cue": ["déclarer"]}]),
    ("Minsk a déclaré que des drones avaient survolé son territoire.", []),
    # -- rising tolls, possessives, pronoun speakers, denials, patterns (second round) --------------
    # a rising toll joins the attack it counts, and the attack noun inside the toll's subject reads it
    ("Le bilan de l'attaque de drones russes sur Odessa s'est alourdi à sept morts, a annoncé le gouverneur.",
     [{"type": "DroneStrike", "actor": "Russie", "place": "Odesa", "killed": 7, "cue": ["annoncer"]}]),
    # a toll never attaches to an interception
    ("Trois drones ont été abattus au-dessus de la région de Belgorod. Le gouverneur a indiqué que le nombre de blessés était passé à quatre.",
     [{"type": "Interception", "place": "Belgorod", "downed": 3}]),
    ("Trois personnes ont été tuées à Kharkiv par une attaque de drones russes. Le gouverneur a indiqué que le bilan s'était alourdi à quatre morts.",
     [{"type": "DroneStrike", "actor": "Russie", "place": "Kharkiv", "killed": 4}]),
    ("Un drone ukrainien a frappé une voiture dans la région de Koursk, blessant deux hommes. Le gouverneur a indiqué que le nombre de blessés était passé à trois.",
     [{"type": "DroneStrike", "actor": "Ukraine", "place": "Koursk", "injured": 3}]),
    # "selon lui" refers to the speaker before
    ("Le maire de Dnipro a déclaré que la ville avait été visée. Selon lui, des missiles russes ont frappé un hôpital de Dnipro.",
     [{"type": "MissileStrike", "actor": "Russie", "place": "Dnipro", "said_by": ["maire de Dnipro"]}]),
    # "a-t-il précisé": the inverted clitic is the last speaker
    ("Le gouverneur de Belgorod a annoncé qu'un drone ukrainien avait frappé une usine à Belgorod. Deux ouvriers ont été blessés, a-t-il précisé.",
     [{"type": "DroneStrike", "actor": "Ukraine", "place": "Belgorod", "injured": 2, "said_by": ["gouverneur de Belgorod"]}]),
    # a denial, a pattern and repeated strikes are not incidents
    ("Moscou a démenti toute frappe contre la ville de Koursk.", []),
    ("Kharkiv est régulièrement bombardée depuis le début de l'invasion.", []),
    ("La raffinerie de Tuapse avait déjà été visée à plusieurs reprises l'an dernier.", []),
    ("Les trois missiles n'ont pas été interceptés.", []),
    ("Si les attaques se poursuivent, les écoles resteront fermées.", []),
    ("Les autorités redoutent de nouvelles attaques dans les prochains jours.", []),
    ("Zelensky a promis que de nouvelles frappes viseraient l'industrie pétrolière russe.", []),
    ("L'armée ukrainienne avait lancé en août une incursion dans la région de Koursk.", []),
    # possessives: the speaker's side; split number words; a subset after ", dont" is not the place
    ("Le ministère russe de la Défense a affirmé que ses systèmes de défense aérienne avaient détruit quarante-deux drones ukrainiens pendant la nuit.",
     [{"type": "Interception", "actor": "Russie", "place": "Russie", "downed": 42, "cue": ["affirmer"]}]),
    ("Le ministère russe de la Défense a dit avoir abattu trente-deux drones ukrainiens au-dessus de plusieurs régions, dont celle de Saratov.",
     [{"type": "Interception", "actor": "Russie", "place": "Russie", "downed": 32, "cue": ["dire"]}]),
    ("L'état-major ukrainien a affirmé que ses forces avaient frappé un dépôt pétrolier à Engels.",
     [{"type": "Attack", "actor": "Ukraine", "place": "Engels", "target": "dépôt pétrolier",
       "said_by": ["état-major ukrainien"]}]),
    # a plural attack noun as the passive agent of a casualty verb is the incident; "un homme" counts one
    ("Un homme a été tué par des tirs d'artillerie russes à Kherson, selon l'administration militaire régionale.",
     [{"type": "Shelling", "actor": "Russie", "place": "Kherson", "killed": 1, "cue": ["selon"]}]),
    # a drone that drops a munition: the subject is the weapon
    ("Un drone russe a largué un explosif sur un bus à Kherson.",
     [{"type": "DroneStrike", "actor": "Russie", "place": "Kherson", "target": "bus"}]),
    ("Le gouverneur de Belgorod a annoncé sur Telegram qu'un drone ukrainien avait frappé une voiture, tuant une femme.",
     [{"type": "DroneStrike", "actor": "Ukraine", "place": "Belgorod", "killed": 1, "said_by": ["gouverneur de Belgorod"]}]),
    ("La défense aérienne ukrainienne a abattu vingt-trois des trente drones lancés par la Russie.",
     [{"type": "Interception", "actor": "Ukraine", "downed": 23},
      {"type": "DroneStrike", "actor": "Russie", "launched": 30}]),
    ("Les systèmes de défense aérienne russes ont neutralisé une quarantaine de drones ukrainiens au-dessus de la région de Briansk.",
     [{"type": "Interception", "actor": "Russie", "place": "Briansk", "downed": (40, "approximately")}]),
    ("Des bombes guidées russes ont frappé Zaporijjia, tuant quatre personnes et en blessant plus de vingt.",
     [{"type": "AirStrike", "actor": "Russie", "place": "Zaporijjia", "killed": 4, "injured": (20, "moreThan")}]),
    # a follow-up sentence with no place tells more of the incident before
    ("Une frappe de missile a endommagé une installation gazière à Poltava, a indiqué le gouverneur. Des entrepôts ont été touchés, a-t-il précisé.",
     [{"type": "MissileStrike", "place": "Poltava"}]),
    # a collective numeral as the subject counts the weapons launched
    ("Une dizaine de drones ont visé la ville de Soumy dans la nuit de dimanche à lundi.",
     [{"type": "DroneStrike", "place": "Soumy", "launched": (10, "approximately")}]),
    ("Dans la nuit, la Russie a lancé 96 drones contre l'Ukraine. Les forces de défense aérienne ont abattu 61 de ces drones.",
     [{"type": "DroneStrike", "actor": "Russie", "launched": 96},
      {"type": "Interception", "downed": 61}]),
    # districts, streets and roads are not the place; the city the text gives is
    ("Des drones russes ont frappé le quartier de Podil, à Kyiv, dans la nuit.",
     [{"type": "DroneStrike", "actor": "Russie", "place": "Kyiv", "target": "quartier de podil"}]),
    ("Deux bombes guidées ont été larguées sur le quartier de Saltivka.", [{"type": "AirStrike", "place": None}]),
    ("Un drone ukrainien a visé un camion sur la route de Lgov.", [{"type": "DroneStrike", "place": None}]),
    # a city of the lexicon under a district noun is still the city
    ("Des bombes russes ont frappé un quartier résidentiel de Zaporijjia.",
     [{"type": "AirStrike", "place": "Zaporijjia"}]),
    # a placeless follow-up joins the incident before; a conflicting actor or type does not
    ("Des drones russes ont frappé Kharkiv dans la nuit. Selon le maire, des drones Shahed ont touché un immeuble.",
     [{"type": "DroneStrike", "place": "Kharkiv", "weapon": "Shahed"}]),
    ("Des drones russes ont frappé Kharkiv dans la nuit. Des drones ukrainiens ont touché une raffinerie.",
     [{"type": "DroneStrike", "actor": "Russie", "place": "Kharkiv"}, {"type": "DroneStrike", "actor": "Ukraine"}]),
    ("Un missile russe a frappé Dnipro. Des bombes planantes ont touché une usine.",
     [{"type": "MissileStrike", "place": "Dnipro"}, {"type": "AirStrike", "place": None}]),
    # "X drones sur Y" over a launch already reported: an interception, no second attack
    ("La Russie a lancé 138 drones contre l'Ukraine. L'armée ukrainienne a abattu 79 drones sur 138.",
     [{"type": "DroneStrike", "launched": 138}, {"type": "Interception", "actor": "Ukraine", "downed": 79}]),
    # "une dizaine de ces drones": part of a launch already counted, no second attack
    ("Kyiv a lancé une vingtaine de drones contre une usine de la région de Toula. Une dizaine de ces drones ont touché le site.",
     [{"type": "DroneStrike", "actor": "Ukraine", "place": "Toula", "launched": (20, "approximately")}]),
    # a casualty clause with a plural attack noun as an oblique is the incident
    ("Une femme a été tuée et quatre personnes blessées dimanche à Belgorod lors de bombardements ukrainiens, selon le gouverneur.",
     [{"type": "Attack", "actor": "Ukraine", "place": "Belgorod", "killed": 1, "injured": 4, "cue": ["selon"]}]),
    # a tally after the cue and a date: the air force's country is actor and place
    ("L'armée de l'air ukrainienne a affirmé mercredi avoir abattu 48 drones russes.",
     [{"type": "Interception", "actor": "Ukraine", "place": "Ukraine", "downed": 48, "cue": ["affirmer"]}]),
    # the past conditional of wire copy is a hedged event; a simple conditional is not
    ("D'après une source militaire, la Russie aurait lancé 70 drones d'attaque contre l'Ukraine.",
     [{"type": "DroneStrike", "actor": "Russie", "place": "Ukraine", "launched": 70}]),
    ("La Russie lancerait des drones contre l'Ukraine si les frappes continuaient.", []),
    # "blessé douze autres": the number under "autres" after a casualty verb
    ("Une frappe russe a tué un homme à Dnipro et blessé douze autres.",
     [{"type": "Attack", "place": "Dnipro", "killed": 1, "injured": 12}]),
    # weapons counted in the subject, with the nationality the parser hangs as a clause
    ("Une dizaine de drones russes ont visé dans la nuit le quartier de Podil, à Kyiv, en blessant plus de vingt personnes.",
     [{"type": "DroneStrike", "actor": "Russie", "place": "Kyiv", "launched": (10, "approximately"),
       "injured": (20, "moreThan")}]),
    # a single weapon as subject is not a count
    ("Un missile Iskander a frappé une usine à Korosten.", [{"type": "MissileStrike", "place": "Korosten"}]),
    # -- real wire copy (third round) ------------------------------------------------------------------
    # a name the parser loses after the role is the speaker, not the role
    ("Douze drones ont été abattus au-dessus de Kiev, a indiqué le chef de l'administration militaire Serguiï Popko sur Telegram.",
     [{"type": "Interception", "place": "Kyiv", "downed": 12, "said_by": ["Serguiï Popko"]}]),
    # reporting verbs of wire copy beyond "déclarer": "relater", "faire état"
    ("Une frappe russe a touché Kharkiv, a relaté le maire Igor Terekhov.",
     [{"type": "Attack", "place": "Kharkiv", "said_by": ["Igor Terekhov"], "cue": ["relater"]}]),
    # a tally spread over places: one interception per place, with its own number
    ("La défense aérienne a détruit douze drones dans la région de Koursk, cinq à Orel et deux à Toula.",
     [{"type": "Interception", "place": "Koursk", "downed": 12}, {"type": "Interception", "place": "Orel", "downed": 5},
      {"type": "Interception", "place": "Toula", "downed": 2}]),
    ("Dans la région de Voronej, 21 drones ont été abattus, tandis que 16 l'ont été au-dessus de Nijni Novgorod.",
     [{"type": "Interception", "place": "Voronej", "downed": 21},
      {"type": "Interception", "place": "Nijni Novgorod", "downed": 16}]),
    # a bare number counts the weapons of the interception just told
    ("Onze drones ont été abattus au-dessus de la région de Briansk et trois ont été détruits au-dessus de la région de Toula.",
     [{"type": "Interception", "place": "Briansk", "downed": 11}, {"type": "Interception", "place": "Toula", "downed": 3}]),
    # one strike on a city told twice in one sentence is one event
    ("L'armée russe a frappé Kryvyï Rih, où un missile a touché un immeuble résidentiel à Kryvyï Rih, tuant deux personnes.",
     [{"type": "MissileStrike", "place": "Kryvyï Rih", "killed": 2}]),
    # an agency's name is not the country in it
    ("Trois drones ont été abattus au-dessus de Kiev, a indiqué l'armée de l'air à l'Agence France-Presse.",
     [{"type": "Interception", "place": "Kyiv", "downed": 3}]),
    # "près de" makes the parser read the weapons as an oblique; they are still what was launched
    ("La Russie a lancé près de 160 drones sur l'Ukraine dans la nuit de dimanche à lundi.",
     [{"type": "DroneStrike", "actor": "Russie", "place": "Ukraine", "launched": (160, "approximately")}]),
    # "X drones sur Y" with the total hung elsewhere: the attack of Y, placed where they were downed
    ("L'Ukraine déclare avoir abattu 11 drones russes sur 14 au cours de la nuit.",
     [{"type": "Interception", "place": "Ukraine", "downed": 11}, {"type": "DroneStrike", "place": "Ukraine", "launched": 14}]),
    # the communiqué speaks for whoever issued it
    ("L'armée de l'air ukrainienne a indiqué que la nuit avait été calme à Lviv. Le communiqué précise que 12 drones ont été abattus au-dessus de Kiev.",
     [{"type": "Interception", "place": "Kyiv", "downed": 12, "said_by": ["armée de l'air ukrainienne"]}]),
    # a reporting verb whose speaker the text does not give makes no statement
    ("« Nous évaluons les dégâts », a précisé à l'agence. Un drone a frappé une raffinerie à Touapsé.",
     [{"type": "DroneStrike", "place": "Touapsé", "said_by": []}]),
    # in an article about one strike, a speaker's words on its victims are about that strike
    ("Un missile russe a frappé Poltava, tuant trois personnes. Le maire Oleksandr Mamaï a ajouté que dix personnes pourraient se trouver sous les décombres.",
     [{"type": "MissileStrike", "place": "Poltava", "killed": 3, "said_by": ["Oleksandr Mamaï"]}]),
    # the victims as the subject of "être mort"
    ("Au moins neuf personnes sont mortes après une frappe aérienne russe à Lviv.",
     [{"type": "AirStrike", "place": "Lviv", "killed": (9, "atLeast")}]),
    # "no victims" is a figure: 0
    ("Des drones ont attaqué la raffinerie de Riazan. Les attaques n’avaient pas fait de blessés.",
     [{"type": "DroneStrike", "place": "Riazan", "injured": 0}]),
    ("Un missile russe a frappé Odessa sans faire de victimes.",
     [{"type": "MissileStrike", "place": "Odesa", "killed": 0, "injured": 0}]),
    # attacks by animals and a shot in a match report are no strikes of war
    ("Un surfeur a été attaqué mardi par un requin au large de Saint-Leu.", []),
    ("Sa frappe à Montpellier a fini au fond des filets.", []),
    # air defence that repels an attack of drones intercepts them, and the attack took place; where
    # the drones were made does not say who launched them
    ("L'armée ukrainienne a repoussé une attaque de drones iraniens contre Kiev.",
     [{"type": "Interception", "actor": "Ukraine"}, {"type": "DroneStrike", "actor": None, "place": "Kyiv"}]),
    ("Les défenses russes ont repoussé une attaque massive de drones lancée dans la nuit par les forces ukrainiennes.",
     [{"type": "Interception", "actor": "Russie", "place": "Russie"},
      {"type": "DroneStrike", "actor": "Ukraine", "place": "Russie"}]),
    # a nationwide tally given by place too is their sum, not a third interception
    ("La défense antiaérienne a neutralisé 30 drones au-dessus de la Russie. Vingt ont été abattus au-dessus de la région de Briansk et sept au-dessus de la région de Toula.",
     [{"type": "Interception", "place": "Briansk", "downed": 20}, {"type": "Interception", "place": "Toula", "downed": 7}]),
    # the agent of the verb an attack noun is the passive subject of carried it out
    ("Selon le ministère russe de la défense, l'attaque a été conduite par Kiev et a été déjouée vers 04h30.",
     [{"type": "Attack", "actor": "Ukraine", "place": None}]),
    # an attack on places named together is one attack on each, in the order the text names them
    ("Des drones ukrainiens ont frappé les régions de Koursk et de Voronej dans la nuit.",
     [{"type": "DroneStrike", "actor": "Ukraine", "place": "Koursk"},
      {"type": "DroneStrike", "actor": "Ukraine", "place": "Voronej"}]),
    # "appareils": the drones of a Russian defence ministry tally
    ("Dans la région de Voronej, 21 appareils ont été abattus.",
     [{"type": "Interception", "place": "Voronej", "downed": 21, "weapon": "drone"}]),
    # "M. Kozytskiï" is the Maksym Kozytskiï named before: one speaker, one statement; a speaker's
    # name stops where its channel begins ("le parquet sur Telegram")
    ("Maksym Kozytskiï a annoncé qu'une frappe russe avait touché Lviv. M. Kozytskiï a indiqué que deux personnes avaient été tuées à Lviv.",
     [{"type": "Attack", "place": "Lviv", "killed": 2, "said_by": ["Maksym Kozytskiï"]}]),
    ("Un missile russe a frappé Kherson, a indiqué le parquet sur Telegram.",
     [{"type": "MissileStrike", "place": "Kherson", "said_by": ["parquet"]}]),
    # the country that launched the weapons ("que la Russie a lancés") is not where they were downed
    ("L'armée de l'air ukrainienne a annoncé avoir abattu huit des 12 drones Shahed que la Russie a lancés sur Kiev pendant la nuit.",
     [{"type": "Interception", "actor": "Ukraine", "place": "Kyiv", "downed": 8}]),
    # attacks in general are not an incident
    ("Chaque attaque contre la vie quotidienne montre que la pression sur la Russie est insuffisante.", []),
    # a country-level follow-up without figures joins the incident just told
    ("Quinze drones ont été abattus au-dessus de la région de Koursk. L'Ukraine a démenti, mais la Russie a repoussé l'attaque.",
     [{"type": "Interception", "place": "Koursk", "downed": 15}]),
    # -- real wire copy (fourth round: dev errors of the real corpus) ----------------------------------
    # a tally given by the regions that report it: place first, then its number
    ("Des drones ont visé plusieurs régions. Briansk a signalé 12 interceptions, Orel 7 et Toula 3.",
     [{"type": "DroneStrike"}, {"type": "Interception", "place": "Briansk", "downed": 12},
      {"type": "Interception", "place": "Orel", "downed": 7}, {"type": "Interception", "place": "Toula", "downed": 3}]),
    # "neuf" is a number before a plural noun; an object the parser gives as an oblique still counts
    ("Dans la région de Moscou, la défense aérienne a neutralisé neuf drones.",
     [{"type": "Interception", "actor": "Russie", "place": "Moscou", "downed": 9}]),
    # stand-in nouns count the weapons told before; a list of places is one interception each,
    # whatever the parser hangs the names on
    ("La défense aérienne a abattu six drones au-dessus de Koursk. Trois cibles ont été détruites au-dessus des régions de Lipetsk, Tambov et Penza.",
     [{"type": "Interception", "place": "Koursk", "downed": 6}, {"type": "Interception", "place": "Lipetsk", "downed": 3},
      {"type": "Interception", "place": "Tambov"}, {"type": "Interception", "place": "Penza"}]),
    # a strike on a city during a nationwide wave is its own incident, also when one clause tells both
    ("La Russie a lancé 120 drones sur l'Ukraine dans la nuit. À Odessa, les frappes ont endommagé un entrepôt.",
     [{"type": "DroneStrike", "actor": "Russie", "place": "Ukraine", "launched": 120},
      {"type": "Attack", "place": "Odesa"}]),
    ("La Russie a lancé une attaque contre l'Ukraine dans la nuit, tuant au moins six personnes à Lviv.",
     [{"type": "Attack", "actor": "Russie", "place": "Ukraine"}, {"type": "Attack", "actor": "Russie", "place": "Lviv", "killed": (6, "atLeast")}]),
    # a struck capital is a place; the city an institution serves is no metonymy
    ("Des drones russes ont frappé Kiev, blessant deux personnes, a indiqué l'administration militaire de Kiev.",
     [{"type": "DroneStrike", "actor": "Russie", "place": "Kyiv", "injured": 2, "said_by": ["administration militaire de kiev"]}]),
    # the side of what was shot down is not the interceptor's: that is the air defence of the place
    ("Des drones ukrainiens abattus au-dessus de la région de Voronej.",
     [{"type": "Interception", "actor": "Russie", "place": "Voronej"}]),
    # where weapons came from is not where they struck; a name after a title is a person
    ("Des drones russes ont touché Soumy, a déclaré le gouverneur régional, Oleh Hryhorov. Les drones ont été lancés depuis la région de Koursk.",
     [{"type": "DroneStrike", "actor": "Russie", "place": "Soumy", "said_by": ["Oleh Hryhorov"]}]),
    # "par des drones" read as an oblique of a passive is its agent; places in a list with glosses
    ("Des maisons dans les régions de Tchernihiv (nord) et Poltava (centre) ont été touchées par des drones russes.",
     [{"type": "DroneStrike", "actor": "Russie", "place": "Tchernihiv"}, {"type": "DroneStrike", "actor": "Russie", "place": "Poltava"}]),
    # a future offensive is no incident, nor is a link to another story
    ("L'armée lancera une offensive visant à frapper les positions ennemies.", []),
    ("Un drone a été abattu au-dessus de Belgorod.\n• À lire aussi: Des missiles ont frappé Kharkiv",
     [{"type": "Interception", "place": "Belgorod", "downed": 1}]),
    # the speaker after the verb, when the parser takes a quoted word for the subject; not the addressee
    ("Deux personnes ont été tuées à Kherson par un drone russe. « Tous les blessés sont à l'hôpital », a écrit sur Telegram Roman Mrotchko, le chef de l'administration.",
     [{"type": "DroneStrike", "place": "Kherson", "killed": 2, "said_by": ["Roman Mrotchko"]}]),
    ("Un drone ukrainien a frappé une raffinerie à Saratov, a précisé à l'agence Interfax Ivan Petrenko, un responsable de l'usine.",
     [{"type": "DroneStrike", "actor": "Ukraine", "place": "Saratov", "said_by": ["Ivan Petrenko"]}]),
    # all that were launched shot down; a participle on a noun tells the event
    ("Au total, douze drones ont été tirés depuis le nord. Tous ont été détruits par la défense antiaérienne ukrainienne.",
     [{"type": "DroneStrike", "launched": 12}, {"type": "Interception", "actor": "Ukraine", "downed": 12}]),
    ("Cinq drones abattus au-dessus de la région de Belgorod.",
     [{"type": "Interception", "place": "Belgorod", "downed": 5}]),
    # the accused acted; every night is a pattern
    ("La Russie a accusé l'Ukraine d'avoir lancé dans la nuit 30 drones sur Belgorod.",
     [{"type": "DroneStrike", "actor": "Ukraine", "place": "Belgorod", "launched": 30}]),
    ("La Russie frappe Kharkiv presque toutes les nuits.", []),
    # a subset after "dont" does not replace the count; "des dizaines" is no number
    ("Trente personnes, dont quatre enfants, ont été blessées par une frappe russe sur Dnipro.",
     [{"type": "Attack", "actor": "Russie", "place": "Dnipro", "injured": 30}]),
    ("Des dizaines de drones russes ont visé Odessa.", [{"type": "DroneStrike", "place": "Odesa", "actor": "Russie"}]),
    # what a cue says: its object, or the sentence before
    ("Une attaque russe a frappé Ternopil. C'est ce qu'a rapporté Suspilne.",
     [{"type": "Attack", "place": "Ternopil", "said_by": ["Suspilne"]}]),
    ("Des missiles russes ont frappé Kharkiv. Le maire de Kharkiv, Igor Terekhov, avait d'abord évoqué un bilan de trois morts.",
     [{"type": "MissileStrike", "place": "Kharkiv", "said_by": ["Igor Terekhov"]}]),
    # a speaker whose words name no attack but the place of one: that one, not the one told last
    # (d077: « Une autre personne est décédée à Dnipro », a annoncé sur Telegram le chef …)
    ("Des missiles russes ont frappé Ternopil. Des drones russes ont attaqué Odessa. « Une autre personne "
     "est décédée à Ternopil », a annoncé sur Telegram le maire, Serhiy Nadal.",
     [{"type": "MissileStrike", "place": "Ternopil", "said_by": ["Serhiy Nadal"]},
      {"type": "DroneStrike", "place": "Odesa", "said_by": []}]),
    # a source noun with a name after it names that person (d070: "un responsable de la présidence
    # ukrainienne Kyrylo Timochenko")
    ("Une frappe russe a tué deux personnes à Kiev, a déclaré un haut responsable de la présidence, Andriï Iermak.",
     [{"type": "Attack", "place": "Kyiv", "said_by": ["Andriï Iermak"]}]),
    ("Une frappe russe a tué deux personnes à Kiev, a déclaré un responsable ukrainien.",
     [{"type": "Attack", "place": "Kyiv", "said_by": ["responsable ukrainien"]}]),
    # an outlet named after its kind of medium is that outlet (d055: "L'agence de presse TASS a
    # rapporté"; d020: "La chaîne Telegram russe Baza, proche des services de sécurité, a indiqué")
    ("Des drones ukrainiens ont frappé Touapsé, a rapporté l'agence de presse russe TASS.",
     [{"type": "DroneStrike", "place": "Touapsé", "said_by": ["TASS"]}]),
    ("Des drones ukrainiens ont frappé Touapsé, a indiqué la chaîne Telegram russe Baza, proche des services de sécurité.",
     [{"type": "DroneStrike", "place": "Touapsé", "said_by": ["Baza"]}]),
    ("Des drones ukrainiens ont frappé Touapsé, a indiqué l'agence spatiale.",
     [{"type": "DroneStrike", "place": "Touapsé", "said_by": ["agence spatiale"]}]),
    # "X, dans la région de Y" says where X lies: one strike, on X; a list is still one strike per place
    ("Des drones ukrainiens ont frappé Lgov, dans la région de Koursk.",
     [{"type": "DroneStrike", "place": "Lgov"}]),
    ("Des frappes russes ont visé Kharkiv, Soumy et Odessa.",
     [{"type": "Attack", "place": "Kharkiv"}, {"type": "Attack", "place": "Soumy"}, {"type": "Attack", "place": "Odesa"}]),
    # an earlier incident recalled as a reference point is no new one (d004)
    ("Il s'agit de la première attaque contre Moscou depuis que deux drones ont été détruits au-dessus du Kremlin en mai.", []),
    # a bracketed gloss says where something lies, not where it was struck (d026: "(ndlr: frontalières
    # de l'Ukraine)")
    ("Des drones ont frappé un dépôt (à 30 km de la frontière avec l'Ukraine).",
     [{"type": "DroneStrike", "place": None}]),
    # tolls the parse hangs out of the clause's reach, read off the attack's own sentence (d007, d052,
    # d046) or the verbless tally right after it (d029)
    ("Dimanche, la Russie a lancé deux missiles sur la ville de Soumy, tuant au moins 34 personnes et en blessant 117 autres.",
     [{"type": "MissileStrike", "place": "Soumy", "killed": (34, "atLeast"), "injured": 117}]),
    ("Deux personnes sont mortes à Kherson après des frappes russes, a annoncé le gouverneur, faisant état de cinq blessés dont un grave.",
     [{"type": "Attack", "place": "Kherson", "killed": 2, "injured": 5}]),
    ("Une personne a été tuée et trois blessées par des bombardements russes dans la région de Kherson.",
     [{"type": "Attack", "killed": 1, "injured": 3}]),
    ("Une frappe russe a touché Kryvyï Rih. Bilan : 20 morts, dont 9 enfants, et 70 blessés.",
     [{"type": "Attack", "place": "Kryvyï Rih", "killed": 20, "injured": 70}]),
    # ... not a sentence that tells two events, nor a toll told after another sentence
    ("Une frappe russe a touché Kryvyï Rih. Des drones ont visé Odessa, faisant trois blessés.",
     [{"type": "Attack", "place": "Kryvyï Rih", "injured": None}, {"type": "DroneStrike", "place": "Odesa", "injured": 3}]),
    # plural attack nouns aimed at a named place in a sentence that counts their victims tell one
    # incident (d050); without victims they stay a pattern
    ("On dénombre huit morts et 18 blessés à la suite des frappes de missiles russes sur Tcherniguiv.",
     [{"type": "MissileStrike", "actor": "Russie", "place": "Tcherniguiv", "killed": 8, "injured": 18}]),
    ("Les attaques de drones russes sur Kharkiv se multiplient.", []),
    # a toll that opens the article takes the place its sentence names outside the clause (d076)
    ("Le bilan de la frappe aérienne lancée par les forces russes sur la ville de Zaporijjia s'est alourdi à "
     "un mort et 23 blessés, a annoncé le gouverneur.",
     [{"place": "Zaporijjia", "killed": 1, "injured": 23}]),
    # one official under several names in one article is one speaker: a surname alone, an unnamed
    # holder of the title a named one holds, "le chef d'État" for the president (d013, d050, d061)
    ("Une frappe russe a tué deux personnes à Kharkiv, a annoncé le gouverneur régional, Oleg Sinegoubov. "
     "Sinegoubov a ajouté que des immeubles avaient été endommagés par la frappe, a indiqué le gouverneur.",
     [{"type": "Attack", "place": "Kharkiv", "said_by": ["Oleg Sinegoubov"]}]),
    ("Une frappe russe a tué deux personnes à Kiev, a annoncé le président Volodymyr Zelensky. "
     "« C'est une frappe terroriste », a déploré le chef d'État.",
     [{"type": "Attack", "place": "Kyiv", "said_by": ["Volodymyr Zelensky"]}]),
    # a speaker's account goes on in the next sentence of the paragraph (d010)
    ("« L'ennemi a attaqué l'Ukraine avec des drones », a indiqué l'armée de l'air ukrainienne. "
     "Au total, seize drones ont été détruits par la défense antiaérienne.",
     [{"type": "DroneStrike", "said_by": ["armée de l'air ukrainienne"]},
      {"type": "Interception", "downed": 16, "said_by": ["armée de l'air ukrainienne"]}]),
    ("« L'ennemi a attaqué l'Ukraine avec des drones », a indiqué l'armée de l'air ukrainienne.\n"
     "Au total, seize drones ont été détruits par la défense antiaérienne.",
     [{"type": "DroneStrike", "said_by": ["armée de l'air ukrainienne"]},
      {"type": "Interception", "downed": 16, "said_by": []}]),
    # a compass gloss inside a place list does not end it (d041: "les régions de Donetsk, dans l'est, et de Kherson")
    ("Des frappes russes ont visé les régions de Donetsk, dans l'est, et de Kherson, dans le sud.",
     [{"type": "Attack", "place": "Donetsk"}, {"type": "Attack", "place": "Kherson"}]),
    # a capitalised point of the compass is a direction, not a place (d086)
    ("Une frappe israélienne a visé une localité du Nord israélien.", [{"type": "Attack", "place": None}]),
    # weapons counted in the attack noun's complement or as the passive's agent (d050, d076); weapons
    # "employed" are launched (d005), not a rescue team's drones
    ("L'ennemi a mené une attaque de trois missiles quasiment en centre-ville de Tcherniguiv.",
     [{"type": "MissileStrike", "place": "Tcherniguiv", "launched": 3}]),
    ("La ville de Zaporijjia a été frappée par deux bombes aériennes guidées.",
     [{"type": "AirStrike", "place": "Zaporijjia", "launched": 2}]),
    ("Selon Kiev, la Russie a employé deux missiles balistiques contre Poltava.",
     [{"type": "MissileStrike", "actor": "Russie", "place": "Poltava", "launched": 2}]),
    ("Les secouristes ont utilisé des drones pour retrouver les randonneurs.", []),
    # the nationality right after an attack noun is its actor, however the parser hangs or tags it (d070, d077)
    ("Au moins six personnes ont été tuées dans les multiples frappes russes menées lundi matin sur Kiev.",
     [{"actor": "Russie", "place": "Kyiv", "killed": (6, "atLeast")}]),
    # a roundup: victims counted at a place no incident told so far shares are an incident of their
    # own, and a place that lies across ("en face de") is not the one struck
    ("Deux personnes ont été tuées dans une frappe russe dans la région de Soumy, en face de celle de Koursk. "
     "Plus à l'est, trois civils ont péri dans un village de la région de Kharkiv, a annoncé le gouverneur.",
     [{"type": "Attack", "place": "Soumy", "killed": 2}, {"place": "Kharkiv", "killed": 3}]),
    ("Une frappe russe a touché Kharkiv. Trois civils ont péri à Kharkiv.",
     [{"type": "Attack", "place": "Kharkiv", "killed": 3}]),
    # plural attack nouns aimed at a place under a place noun ("sur la ville de Kherson")
    ("Deux personnes sont mortes et cinq ont été blessées à la suite de frappes aériennes sur la ville de Kherson.",
     [{"place": "Kherson", "killed": 2, "injured": 5}]),
    # "respectivement": one number per place of the list, in order
    ("Des drones ont été abattus dans les régions de Briansk et de Kalouga, avec respectivement 46 et 12 drones détruits.",
     [{"type": "Interception", "place": "Briansk", "downed": 46}, {"type": "Interception", "place": "Kaluga", "downed": 12}]),
    # a shoot-down's one number of weapons, read off the surface when the parse hangs it elsewhere
    ("Le maire de Moscou Sergueï Sobianine a indiqué que 12 drones se dirigeant vers la capitale avaient été abattus.",
     [{"type": "Interception", "place": "Moscou", "downed": 12}]),
    # towns the NER misses or mislabels, where French names a town, checked against the gazetteer
    # (d043: "l'usine de produits pétroliers de Novochakhtinski"); not any capitalised word there
    ("Des drones ont touché l'usine de produits pétroliers de Novochakhtinski, dans la région de Rostov.",
     [{"type": "DroneStrike", "place": "Novochakhtinski"}]),
    ("Des drones ont frappé un dépôt à Chostka, selon le gouverneur.", [{"type": "DroneStrike", "place": "Chostka"}]),
    ("Des drones ont frappé l'usine de Bouchonnerie.", [{"type": "DroneStrike", "place": None}]),
    # weapons as the subject of a verb that needs them and no object: the article once failed to extract
    ("Des drones russes ont tiré sur un village près de Kherson.",
     [{"type": "DroneStrike", "actor": "Russie", "place": "Kherson"}]),
    # an attack noun's "contre X" / "sur X", which the parser hangs on the verb the noun is the object of
    ("Un responsable a confirmé la frappe contre le dépôt pétrolier de Saratov.",
     [{"type": "Attack", "place": "Saratov"}]),
    ("Le président a dénoncé une frappe sur Odessa qui a tué six personnes.",
     [{"type": "Attack", "place": "Odesa", "killed": 6}]),
    # victims of a shot-down weapon's debris: the strike, opened by them, beside the shoot-down (d055)
    ("Les débris d'un missile intercepté ont blessé quatre personnes à Kiev.",
     [{"type": "MissileStrike", "place": "Kyiv", "injured": 4}, {"type": "Interception", "place": "Kyiv", "downed": 1}]),
    # a tally the parser hung on the reporting verb, not on the shoot-down right before it
    ("L'armée de l'air ukrainienne a indiqué avoir abattu 61 des 80 drones lancés par Moscou.",
     [{"type": "Interception", "downed": 61}, {"type": "DroneStrike", "actor": "Russie", "launched": 80}]),
    # an attack noun of weapons of two kinds is a plain attack, as a count of both is (d019)
    ("Une attaque de drones et de missiles a visé Odessa dans la nuit.", [{"type": "Attack", "place": "Odesa"}]),
    # more victims at a place of their own are another strike, not the last one told
    ("Une frappe russe a tué deux personnes à Kharkiv. Trois autres personnes ont péri dans la région "
     "de Soumy.", [{"place": "Kharkiv", "killed": 2}, {"place": "Soumy", "killed": 3}]),
    # "en avoir abattu 64", the number parsed as a complement of the verb
    ("Des drones ukrainiens ont attaqué dans la nuit plusieurs régions russes, a indiqué lundi le ministère "
     "russe de la Défense, qui affirme en avoir abattu 57.",
     [{"type": "DroneStrike", "actor": "Ukraine"}, {"type": "Interception", "actor": "Russie", "downed": 57}]),
    # a town the tagger reads as a verb is still a name
    ("Un drone a attaqué un bus à Horlivka, faisant un mort.", [{"type": "DroneStrike", "place": "Horlivka", "killed": 1}]),
    # a small town the NER tags as an organisation, announced by a town noun
    ("Une frappe russe a touché le village de Velyka Pysarivka.",
     [{"type": "Attack", "actor": "Russie", "place": "Velyka Pysarivka"}]),
    # the other wars' towns, which the NER often takes for people: after "à", or struck by an attack verb
    ("Une frappe aérienne israélienne a tué sept personnes à Khan Younès.",
     [{"type": "AirStrike", "actor": "Israël", "place": "Khan Younès", "killed": 7}]),
    ("Des drones des paramilitaires ont frappé El Fasher dans la nuit, tuant quatre civils.",
     [{"type": "DroneStrike", "place": "El Fasher", "killed": 4}]),
    # armed groups are actors, not places (the NER takes "les Houthis" for a place); "Tsahal" is Israel's
    ("Les Houthis ont revendiqué une attaque de missile contre un pétrolier en mer Rouge.",
     [{"type": "MissileStrike", "actor": "Houthis", "place": "mer Rouge"}]),
    ("Tsahal a frappé un bâtiment à Rafah.", [{"actor": "Israël", "place": "Rafah"}]),
    ("Des hommes armés ont attaqué un camp près d'El Fasher, tuant au moins 12 civils.",
     [{"type": "Attack", "place": "El Fasher", "killed": (12, "atLeast")}]),
    # a hyphenated town the NER tagged whole is not read again word by word ("Tel", a town elsewhere)
    ("Des missiles iraniens ont frappé Tel-Aviv et Haïfa.", [{"place": "Tel-Aviv"}, {"place": "Haïfa"}]),
    # weapons of two kinds shot down side by side: one shoot-down each, with its count (d016)
    ("Enfin, neuf missiles tactiques ATACMS et un drone ont été abattus dans la nuit au-dessus de la Crimée.",
     [{"type": "Interception", "place": "Crimée", "downed": 9}, {"type": "Interception", "place": "Crimée", "downed": 1}]),
    ("Les défenses ukrainiennes ont détruit un missile de croisière et 20 drones d'attaque.",
     [{"type": "Interception", "downed": 1}, {"type": "Interception", "downed": 20}]),
    # another clause's list of weapons is not the shoot-down's ("2 missiles et 40 drones" launched)
    ("La Russie a tiré dans la nuit 3 missiles et 50 drones sur l'Ukraine ; 31 drones ont été neutralisés.",
     [{"type": "Attack", "launched": 53}, {"type": "Interception", "downed": 31}]),
    ("Les défenses ont abattu 12 drones et 3 autres drones au-dessus de Koursk.",
     [{"type": "Interception", "place": "Koursk"}]),
    # present tense, as headlines write it: the lemmatizer reads "frappe", "bombarde", "tue" as
    # nouns (or "taire"), and tags "blesse" a noun; the lexicons' verbs get their infinitive back
    ("Un missile russe frappe Kharkiv.", [{"type": "MissileStrike", "actor": "Russie", "place": "Kharkiv"}]),
    ("Une frappe russe tue trois personnes à Kharkiv.", [{"type": "Attack", "place": "Kharkiv", "killed": 3}]),
    ("Un drone blesse deux civils à Kherson.", [{"type": "DroneStrike", "place": "Kherson", "injured": 2}]),
    # a weapon as the subject of a casualty verb tells the attack, as its agent does
    ("Un drone a blessé deux civils à Kherson.", [{"type": "DroneStrike", "place": "Kherson", "injured": 2}]),
    # one weapon of those told just before is the same strike (d076)
    ("La ville de Zaporijjia a été frappée par deux bombes aériennes guidées. Une bombe a touché une infrastructure.",
     [{"type": "AirStrike", "place": "Zaporijjia", "launched": 2}]),
    # a shoot-down told by a noun, its weapons as complement; their nationality is the attacker's
    ("Le ministère a annoncé la destruction de 12 drones ukrainiens au-dessus de la région de Koursk.",
     [{"type": "Interception", "actor": "Russie", "place": "Koursk", "downed": 12}]),
    ("La destruction de l'hôpital a choqué la ville de Kherson.", []),
    # a country a headline opens on is its topic, not the place struck; a city there is the place
    ("Ukraine : un missile frappe une aire de jeux pour enfants", [{"type": "MissileStrike", "place": None}]),
    ("Kharkiv : une frappe russe fait trois morts", [{"type": "Attack", "place": "Kharkiv", "killed": 3}]),
    # where the actor's weapons struck, told inside the agent's phrase
    ("Trois personnes ont été blessées par une vingtaine de drones russes à Kharkiv.",
     [{"type": "DroneStrike", "actor": "Russie", "place": "Kharkiv", "injured": 3}]),
    # a place listed with "d'autres régions" is one of several: the tally is the country's, and the
    # parts the article gives region by region replace it
    ("La Russie affirme avoir intercepté 33 drones au-dessus de Briansk et de plusieurs autres régions.",
     [{"type": "Interception", "actor": "Russie", "place": "Russie", "downed": 33}]),
    ("La Russie affirme avoir intercepté 33 drones au-dessus de Briansk et d'autres régions. Vingt des "
     "drones ont été abattus au-dessus de la région de Briansk et treize au-dessus de celle de Smolensk.",
     [{"type": "Interception", "place": "Briansk", "downed": 20},
      {"type": "Interception", "place": "Smolensk", "downed": 13}]),
    # air defence shoots where it stands (its side, the place's: linking fills it, tests/link/test_sides.py)
    ("Les forces de la défense aérienne du district de Lioubertsy ont abattu deux drones qui se dirigeaient "
     "vers la capitale.", [{"type": "Interception", "place": "Lioubertsy", "downed": 2}]),
    # places a nationwide wave reached, pointed back to with nothing more, are its reach, not incidents;
    # a place that dates the attack by another happening is not where it struck
    ("L'armée russe a lancé 85 drones sur l'Ukraine pendant la nuit. Les régions de Soumy et Donetsk avaient "
     "été attaquées lors de ces frappes russes.", [{"type": "DroneStrike", "place": "Ukraine", "launched": 85}]),
    ("L'armée russe a lancé 85 drones sur l'Ukraine pendant la nuit. Cette attaque est survenue au moment où "
     "se tenait en Alaska une rencontre entre les deux présidents.",
     [{"type": "DroneStrike", "place": "Ukraine", "launched": 85}]),
    # an adjective after the weapon does not hide the partitive tally
    ("L'armée de l'air ukrainienne a abattu 38 des 47 drones ennemis envoyés par la Russie.",
     [{"type": "Interception", "downed": 38}, {"type": "DroneStrike", "launched": 47}]),
    # recent weeks of strikes are a run of incidents, last night one
    ("La ville de Kharkiv a été la cible de bombardements russes répétés ces derniers mois.", []),
    ("Les forces russes ont bombardé Soumy ces derniers jours.", []),
    ("Des bombardements russes ont tué deux personnes à Soumy la nuit dernière.", [{"place": "Soumy", "killed": 2}]),
    # a place named by the noun joined to the first place's noun: "la capitale Kiev et la région de Soumy"
    ("Des frappes russes ont visé la capitale Kiev et la région de Soumy.",
     [{"type": "Attack", "place": "Kyiv"}, {"type": "Attack", "place": "Soumy"}]),
    # the sentence's other place is no hint for a side's strikes on its own land (one sentence after d059's
    # headline, in other words)
    ("La Russie lance une vaste attaque contre l'Ukraine alors que Kiev frappe des dépôts de carburant.",
     [{"actor": "Russie", "place": "Ukraine"}, {"actor": "Ukraine", "place": None}]),
    ("Six personnes ont été tuées dans une frappe russe à Tchassiv Iar.", [{"place": "Tchassiv Iar", "killed": 6}]),
    # "tuant deux civils et blessant dix-huit": the second number counts the second verb's victims
    ("Les troupes russes ont bombardé une trentaine de villages de la région de Kherson, tuant trois civils "
     "et blessant onze, a déclaré le gouverneur.",
     [{"place": "Kherson", "killed": 3, "injured": 11}]),
    # a placeless count of weapons launched goes to the nationwide attack, not the city's strike told since
    ("La Russie a lancé une vaste attaque contre l'Ukraine dans la nuit, tuant au moins 12 personnes à Lviv. "
     "D'après les autorités, la Russie a utilisé au total 300 drones et 20 missiles.",
     [{"place": "Ukraine", "launched": 320}, {"place": "Lviv", "killed": (12, "atLeast"), "launched": None}]),
    # a toll told in a sentence of its own that names only the one attack's place
    ("Une attaque russe sur Ternopil a détruit un immeuble. Le président Volodymyr Zelensky a annoncé neuf "
     "morts à Ternopil.", [{"place": "Ternopil", "killed": 9}]),
    # a toll pointing back to the attack before the article tells it: the one attack it tells
    ("Selon le ministère, 42 personnes ont été blessées lors de l'attaque. La Russie a visé Lviv avec des "
     "missiles de croisière.", [{"type": "MissileStrike", "place": "Lviv", "injured": 42}]),
    # a town of two words the NER misses, in its French spelling
    ("Six personnes ont été tuées dans une frappe russe sur un immeuble d'habitation à Tchassiv Iar.",
     [{"place": "Tchassiv Iar", "killed": 6}]),
    # digits heading a partitive subject, tagged as a pronoun, still count
    ("17 des 22 drones ont été détruits par la défense anti-aérienne.",
     [{"type": "Interception", "downed": 17}, {"type": "DroneStrike", "launched": 22}]),
    # a number word heading a partitive, tagged as a pronoun, counts as digits do
    ("Vingt-cinq des trente drones lancés par la Russie ont été abattus.",
     [{"type": "Interception", "downed": 25}, {"type": "DroneStrike", "actor": "Russie", "launched": 30}]),
    # the part of the weapons that hit is no count of those launched: the whole is, when told
    ("Trois des missiles ont touché un immeuble à Kharkiv.", [{"type": "MissileStrike", "launched": None}]),
    ("Trois des dix missiles ont touché un immeuble à Kharkiv.", [{"type": "MissileStrike", "launched": 10}]),
    # the weapons a shoot-down is a part of, fronted: "Sur les 50 drones lancés …, 40 ont été abattus"
    ("Sur les 50 drones lancés par la Russie, 40 ont été abattus.",
     [{"type": "Interception", "downed": 40}, {"type": "DroneStrike", "actor": "Russie", "launched": 50}]),
    # a total, then its parts place by place: the parts are the incidents
    ("Vingt drones ont été abattus, douze au-dessus de la région de Koursk et huit au-dessus de celle de Belgorod.",
     [{"type": "Interception", "place": "Koursk", "downed": 12},
      {"type": "Interception", "place": "Belgorod", "downed": 8}]),
    ("Au total, 48 drones ont été abattus, dont 25 dans la région de Briansk et 9 dans celle de Koursk.",
     [{"type": "Interception", "place": "Briansk", "downed": 25},
      {"type": "Interception", "place": "Koursk", "downed": 9}]),
    ("La veille, 13 drones ukrainiens ont été abattus, 11 près de la Crimée et deux qui se dirigeaient vers Moscou.",
     [{"type": "Interception", "place": "Crimée", "downed": 11}]),
    # two verbs sharing the object, parsed with the nationality as the object
    ("La défense aérienne a intercepté et détruit 31 drones ukrainiens au-dessus de la région de Koursk.",
     [{"type": "Interception", "place": "Koursk", "downed": 31}]),
    # an infinitive of purpose tells what was meant, not what happened
    ("Les défenses n'ont pas eu le temps de réagir pour intercepter ces engins.", []),
    ("La défense aérienne a été activée afin de repousser l'attaque de drones.", []),
    ("La Russie a lancé 40 drones pour frapper les infrastructures énergétiques.",
     [{"type": "DroneStrike", "launched": 40}]),
    # weapons that fell on a place struck it; a government that fell did not
    ("Cette nuit, quatre drones sont tombés sur un dépôt pétrolier à Slaviansk-sur-Kouban.",
     [{"type": "DroneStrike", "place": "Slaviansk-sur-Kouban", "launched": 4}]),
    ("Le gouvernement est tombé mardi à Kiev.", []),
    # seas are places, and a participle describing a place does not end the list; a fleet's sea is its name
    ("Quinze drones ont été abattus au-dessus de la Crimée, annexée par la Russie en 2014, 20 "
     "au-dessus de la mer Noire et trois au-dessus de la mer d’Azov.",
     [{"type": "Interception", "place": "Crimée", "downed": 15},
      {"type": "Interception", "place": "mer Noire", "downed": 20},
      {"type": "Interception", "place": "mer d'Azov", "downed": 3}]),
    ("La défense antiaérienne russe et la flotte de la mer Noire ont neutralisé 58 drones.",
     [{"type": "Interception", "place": "Russie", "downed": 58}]),
    ("La flotte de la mer Noire a abattu cinq drones au-dessus de la mer Noire.",
     [{"type": "Interception", "place": "mer Noire", "downed": 5}]),
    # a place named twice, once as where the drones headed: the other mention is where they fell
    ("Trois drones qui se dirigeaient vers Moscou ont été abattus au-dessus de Moscou.",
     [{"type": "Interception", "place": "Moscou", "downed": 3}]),
    # "no victims" said of weapons of its own sentence that no event holds is not the strike before's
    ("Trois personnes ont été blessées par des drones russes à Kharkiv. En Russie, le gouverneur de la région "
     "de Rostov a fait état d'interceptions de plusieurs drones ukrainiens qui n'ont pas fait de victime.",
     [{"place": "Kharkiv", "injured": 3, "killed": None}]),
    # "neuf" tagged as the adjective "new" still counts; a total may take the article ("sur les 31")
    ("Quatre personnes ont été tuées et neuf autres blessées dans la nuit à Odessa par des frappes de drones russes.",
     [{"type": "DroneStrike", "place": "Odesa", "killed": 4, "injured": 9}]),
    ("L'armée de l'air ukrainienne a abattu 23 drones russes sur les 31 lancés dans la nuit.",
     [{"type": "Interception", "downed": 23}, {"type": "DroneStrike", "launched": 31}]),
    # "décéder" and "succomber" count the dead; "une autre personne" adds to a toll, it is none
    ("Deux personnes sont décédées après une frappe russe sur Kharkiv.", [{"place": "Kharkiv", "killed": 2}]),
    ("Le bilan de la frappe russe sur Dnipro est monté à 17 morts. Une autre personne est décédée à Dnipro.",
     [{"place": "Dnipro", "killed": 17}]),
    # "vingt et un", and "neuf" (also the adjective "new") in a list of tallies region by region
    ("Vingt et un drones ukrainiens ont été interceptés au-dessus de la région de Belgorod.",
     [{"type": "Interception", "place": "Belgorod", "downed": 21}]),
    ("Les défenses ont détruit 19 drones au-dessus de la région de Koursk, neuf au-dessus de la région de Belgorod "
     "et trois au-dessus de la région de Voronej.",
     [{"place": "Koursk", "downed": 19}, {"place": "Belgorod", "downed": 9}, {"place": "Voronej", "downed": 3}]),
    ("Un immeuble neuf a été frappé par un drone à Kharkiv.", [{"type": "DroneStrike", "place": "Kharkiv", "launched": None}]),
    # "une autre frappe" is another strike, even on the same city; "deux autres drones" may be those told
    ("Une frappe russe a touché Kharkiv, blessant trois personnes. Une autre frappe a touché Kharkiv dans la "
     "soirée, blessant deux personnes.",
     [{"place": "Kharkiv", "injured": 3}, {"place": "Kharkiv", "injured": 2}]),
    # "s'abattre sur": a drone that crashes onto a building strikes it; "abattre" shoots one down (d070)
    ("Le gouverneur a annoncé qu'un drone ukrainien s'était abattu sur une raffinerie de Novochakhtinsk.",
     [{"type": "DroneStrike", "actor": "Ukraine", "place": "Novochakhtinsk"}]),
    ("La défense a abattu un drone au-dessus de Koursk.", [{"type": "Interception", "place": "Koursk", "downed": 1}]),
    # "selon cette source", "selon la même source": the speaker just named
    ("Trois drones ont été abattus au-dessus de la région de Leningrad, a indiqué le ministère russe de la Défense. "
     "Deux autres ont été abattus au-dessus de Koursk, selon la même source.",
     [{"place": "Leningrad", "said_by": ["ministère russe de la défense"]},
      {"place": "Koursk", "said_by": ["ministère russe de la défense"]}]),
    # "21 des 29 drones d'attaque" when the parser hangs the number as an oblique of the verb
    ("Les forces de défense aérienne annoncent avoir abattu 21 des 29 drones d’attaque kamikaze de type Shahed "
     "lancés la nuit dernière.",  # (the typographic apostrophe of the wire copy; the parse differs with the other)
     [{"type": "Interception", "downed": 21}, {"type": "DroneStrike", "launched": 29}]),
    # a town the NER misses, where an attack noun aims at it
    ("Un civil a été tué dans une attaque russe sur Myrnohrad.", [{"place": "Myrnohrad", "killed": 1}]),
    # cues of two words: a verb and its noun or infinitive (reporting.tsv)
    ("Le gouverneur a fait savoir qu'une frappe russe avait tué deux personnes à Kherson.",
     [{"place": "Kherson", "killed": 2, "said_by": ["gouverneur"], "cue": ["faire savoir"]}]),
    ("Le gouverneur a fait état de deux blessés dans une frappe russe sur Kherson.",
     [{"place": "Kherson", "injured": 2, "said_by": ["gouverneur"], "cue": ["faire état"]}]),
    # a name after a title and its adjective, which the NER took for a place, is the official's own:
    # two governors of the same title are two people
    ("Trois personnes ont été tuées lorsqu'un drone russe a frappé un immeuble à Odessa, a déclaré samedi le "
     "gouverneur régional Oleh Kiper. Le gouverneur régional de Kharkiv, Oleh Syniehubov, a rapporté que des "
     "immeubles avaient été endommagés par une attaque de drone à Kharkiv.",
     [{"place": "Odesa", "said_by": ["Oleh Kiper"]}, {"place": "Kharkiv", "said_by": ["Oleh Syniehubov"]}]),
    # coordinated speakers each state it (d016: "ont indiqué la direction et les autorités")
    ("Selon le gouverneur et la police, trois drones ont frappé Belgorod.",
     [{"type": "DroneStrike", "place": "Belgorod", "said_by": ["gouverneur", "police"], "cue": ["selon", "selon"]}]),
    ("Le maire et le gouverneur ont déclaré que deux drones avaient frappé Koursk.",
     [{"type": "DroneStrike", "place": "Koursk", "said_by": ["maire", "gouverneur"]}]),
    # a side that says it struck is the striker ("a dit avoir frappé"); a present infinitive tells no strike
    ("L'armée israélienne a dit avoir frappé des cibles du Hezbollah dans le sud du Liban.",
     [{"type": "Attack", "actor": "Israël", "place": "Liban", "said_by": ["armée israélienne"]}]),
    ("L'état-major ukrainien affirme avoir touché une raffinerie dans la région de Saratov.",
     [{"actor": "Ukraine", "place": "Saratov"}]),
    ("La Russie assure viser uniquement des cibles militaires.", []),
    ("Le gouverneur affirme avoir été blessé par un drone à Belgorod.", [{"actor": None, "place": "Belgorod"}]),
    # plural strikes that a support verb in the past says were made tell one attack, aimed at the
    # "contre" phrase; a quantifier makes them a run
    ("Les États-Unis ont mené des frappes contre des positions houthies au Yémen.",
     [{"type": "Attack", "actor": "États-Unis", "place": "Yémen", "target": "positions houthies"}]),
    ("L'armée russe a effectué des frappes sur des dépôts de munitions près de Pokrovsk.",
     [{"actor": "Russie", "place": "Pokrovsk"}]),
    ("Kiev a mené une frappe contre un aérodrome militaire en Crimée.",
     [{"actor": "Ukraine", "place": "Crimée", "target": "aérodrome militaire"}]),
    ("Moscou accuse Kiev d'avoir conduit plusieurs frappes de drones sur la Crimée.", []),
    ("La Russie mène des frappes quotidiennes contre les villes ukrainiennes.", []),
    # the weapons an attack was made with are those it launched, summed over their kinds
    ("Moscou a attaqué le pays voisin avec 120 drones et sept missiles, dont 98 drones ont été abattus.",
     [{"type": "Attack", "actor": "Russie", "launched": 127}, {"type": "Interception", "downed": 98}]),
    ("Les forces russes ont attaqué Odessa à l'aide de 30 drones.",
     [{"type": "DroneStrike", "place": "Odesa", "launched": 30}]),
    # a list of places the drones were launched from is not where they struck
    ("La Russie a lancé 55 drones depuis les régions d'Orel, de Koursk et de Briansk vers l'Ukraine.",
     [{"type": "DroneStrike", "launched": 55}]),
    # a capital named by its country
    ("Une attaque de drones a visé la capitale ukrainienne dans la nuit, faisant un mort.",
     [{"type": "DroneStrike", "place": "Kyiv", "killed": 1}]),
    ("Des drones ont visé la capitale russe, a indiqué le maire.", [{"type": "DroneStrike", "place": "Moscou"}]),
    # the other wars' sides: armies by their adjective, armed groups by the phrase that names them
    ("L'aviation birmane a bombardé un village de la région de Sagaing, tuant au moins 20 civils.",
     [{"type": "AirStrike", "actor": "Myanmar", "place": "Sagaing"}]),
    ("Selon l'armée soudanaise, des drones des FSR ont frappé Port-Soudan.",
     [{"type": "DroneStrike", "actor": "FSR", "place": "Port-Soudan"}]),
    ("Les rebelles du M23 ont bombardé Goma.", [{"actor": "M23", "place": "Goma"}]),
    # "s'est déclaré" is a fire breaking out, not a report; the governor's is
    ("Un incendie s'est déclaré dans une raffinerie de la région de Riazan après une attaque de drones, a "
     "annoncé le gouverneur Pavel Malkov.",
     [{"type": "DroneStrike", "place": "Riazan", "said_by": ["Pavel Malkov"], "cue": ["annoncer"]}]),
    # companies speak (an energy operator tallying damage)
    ("Une frappe a endommagé des installations énergétiques à Odessa, a précisé l'opérateur Ukrenergo.",
     [{"place": "Odesa", "said_by": ["opérateur ukrenergo"]}]),
    # the object after a fronted time phrase, which the parser hangs on it; the country of what was
    # struck, when no place is named (not the weapons' make)
    ("La Russie a frappé dans la nuit l'infrastructure gazière ukrainienne.",
     [{"type": "Attack", "actor": "Russie", "target": "infrastructure gazière ukrainienne"}]),
    ("Une raffinerie russe a été touchée par des drones.", [{"type": "DroneStrike", "place": "Russie"}]),
    ("Moscou a tiré cette nuit-là 40 drones de conception iranienne.", [{"place": None, "launched": 40}]),
    # a run of strikes a verb carries ("une série de frappes"); a suburb of a capital is the capital,
    # not its state
    ("Israël a mené une série de frappes aériennes sur la banlieue sud de Beyrouth.",
     [{"type": "AirStrike", "actor": "Israël", "place": "Beyrouth"}]),
    # a capital that carried a passive strike out is its state
    ("L'attaque a été menée par Kiev contre Belgorod.", [{"actor": "Ukraine", "place": "Belgorod"}]),
    # armed assailants, in the plural, who kill attack; one armed man is a crime, not a war event
    ("Des hommes armés ont tué au moins 30 villageois près de Mopti, selon des sources locales.",
     [{"type": "Attack", "place": "Mopti", "killed": (30, "atLeast"), "said_by": ["sources locales"]}]),
    ("Un homme armé a tué deux personnes dans un supermarché de Lyon.", []),
    # a camp's town; the speaker of the sentence is neither the target nor the actor
    ("Au moins 20 personnes sont mortes sous des frappes israéliennes sur le camp de réfugiés de Nousseirat, a "
     "indiqué la Défense civile.",
     [{"actor": "Israël", "place": "Nousseirat", "target": None, "killed": (20, "atLeast")}]),
    ("Deux personnes ont été tuées lors d'une attaque de drones sur Odessa, selon l'administration régionale.",
     [{"type": "DroneStrike", "actor": None, "place": "Odesa", "killed": 2}]),
    # the victims counted are not what was struck
    ("Une attaque de drones sur Odessa a fait deux morts.", [{"place": "Odesa", "target": "Odesa", "killed": 2}]),
    # counted weapons the parser takes for an adverb of the verb, after a fronted time phrase
    ("Moscou a affirmé avoir détruit dans la nuit 23 drones au-dessus de la région de Koursk.",
     [{"type": "Interception", "actor": "Russie", "place": "Koursk", "downed": 23}]),
    # a strike during which a side acted is that side's; one after which it spoke is not
    ("L'armée malienne a affirmé avoir neutralisé une dizaine de terroristes lors d'une frappe aérienne près de Kidal.",
     [{"type": "AirStrike", "actor": "Mali", "place": "Kidal"}]),
    ("L'armée russe a détruit deux chars au cours d'une attaque près de Koupiansk.", [{"actor": "Russie", "place": "Koupiansk"}]),
    ("La Russie a frappé Kherson. L'administration régionale a déclaré après le bombardement que trois maisons "
     "avaient été détruites.", [{"actor": "Russie", "place": "Kherson"}]),
    # one of a list of tallies told by the article alone ("et un au-dessus de ...")
    ("Douze drones ont été abattus dans la région de Koursk, cinq à Orel et un dans celle de Lipetsk.",
     [{"place": "Koursk", "downed": 12}, {"place": "Orel", "downed": 5}, {"place": "Lipetsk", "downed": 1}]),
    # victims listed town by town are a strike's each
    ("Trois personnes ont été tuées à Kherson et deux à Nikopol lors de bombardements russes.",
     [{"place": "Kherson", "killed": 3}, {"place": "Nikopol", "killed": 2}]),
    ("Une frappe russe a tué 12 personnes à Kharkiv, dont trois enfants.", [{"place": "Kharkiv", "killed": 12}]),
    # a participle that says an attack was reported, with no one who reported it, is no report: its
    # place is the attack's
    ("L'attaque de drones signalée lundi à Poltava a endommagé une usine.", [{"type": "DroneStrike", "place": "Poltava"}]),
    # headlines: a first word the tagger capitalises into a name, a capital struck before its participle
    ("Frappe russe sur Kharkiv : au moins six morts et 40 blessés",
     [{"place": "Kharkiv", "killed": (6, "atLeast"), "injured": 40}]),
    ("Kiev visée par une attaque massive de missiles, 4 morts", [{"type": "MissileStrike", "place": "Kyiv", "killed": 4}]),
    # the Russian ministry's tally: coordinated verbs of one object, a total, then its parts after a colon
    ("Les défenses antiaériennes ont intercepté et détruit 41 drones aériens ukrainiens au cours de la nuit "
     "dernière : 16 au-dessus de la région de Briansk, 10 au-dessus de la région de Koursk et 15 "
     "au-dessus de la Crimée.",
     [{"place": "Briansk", "downed": 16}, {"place": "Koursk", "downed": 10}, {"place": "Crimée", "downed": 15}]),
    ("Les défenses ont intercepté et détruit 20 drones au-dessus de la région de Koursk.",
     [{"type": "Interception", "place": "Koursk", "downed": 20}]),
    ("Un drone a frappé et tué trois personnes à Kherson.", [{"type": "DroneStrike", "place": "Kherson", "killed": 3}]),
]

XFAIL: dict[str, str] = {}


@pytest.mark.parametrize("text, expected", rows(CASES, XFAIL))
def test_events(events, text, expected):
    check(events(text), expected)


# An article without a date: only what the text dates in full is dated.
UNDATED = [
    ("Le 1er mars 2024, une frappe russe a touché Kharkiv, faisant trois morts.", ("2024-03-01", "2024-03-01")),
    ("Le 4 septembre, une frappe russe a touché Lviv, faisant sept morts.", None),
    ("Dans la nuit de dimanche à lundi, des drones ont frappé Odessa, blessant deux personnes.", None),
]


@pytest.mark.parametrize("text, when", UNDATED)
def test_an_undated_article_dates_only_full_dates(events, text, when):
    (found,) = events(text, date=None)
    assert found.get("when") == (when or ("None", "None")), found  # an unresolved expression is kept, undated
