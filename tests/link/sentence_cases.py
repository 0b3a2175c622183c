"""Linking tables in whole sentences, run through the real extractor: generated wire sentences for
every first-level division of Ukraine, Russia and Belarus, and rows from the real corpus."""

from __future__ import annotations

import csv
import re

from testpaths import CORPUS

from kg.link.gazetteer import DATA_DIR

# An attack there, an interception over it, its governor speaking: {form} is the division's French form.
TEMPLATES = (
    "Une attaque de drones a visé {form} dans la nuit, selon les autorités locales.",
    "La défense antiaérienne a abattu trois drones au-dessus de {form}.",
    "Le gouverneur de {form} a fait état de deux blessés.",
)
NOUNS = ("oblast", "kraï", "république", "région", "district", "ville", "okroug")
CITY_DIVISIONS = {"UA.12", "UA.20", "BY.04", "RU.48", "RU.66"}  # Kyiv, Sevastopol, Minsk, Moscow, St Petersburg


def _article(noun_phrase: str) -> str:
    """'oblast de Koursk' → "l'oblast de Koursk"; 'kraï de Krasnodar' → 'le kraï de Krasnodar'."""
    noun = noun_phrase.split()[0]
    if noun[0] in "aeiouéo":
        return "l'" + noun_phrase
    return ("la " if noun in {"région", "république", "ville"} else "le ") + noun_phrase


def _de(name: str) -> str:
    """'de Tchétchénie', "d'Adyguée": the preposition before a bare name."""
    return ("d'" if name[0].lower() in "aeiouéèîy" else "de ") + name


def division_forms() -> list[tuple[str, str, str]]:
    """(admin1 code, French form with its article, expected key) for every division, in the forms the press uses."""
    from kg.rdf.iris import slug

    path = DATA_DIR / "sources" / "regions.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    forms = []
    for row in rows:
        key = "region/" + slug(row["name_en"])
        name_fr = row["name_fr"]
        noun = name_fr.split()[0]
        if row["admin1"] in CITY_DIVISIONS:
            continue  # cities that are divisions: "la région de Moscou" is the oblast around them
        if noun in NOUNS:
            rest = name_fr[len(noun) + 1:]
            forms.append((row["admin1"], _article(name_fr), key))
            if noun not in {"région", "république"} and re.match(r"(de |d'|du |des )", rest):
                forms.append((row["admin1"], "la région " + rest, key))
        else:  # "Tchétchénie": a republic or a region named by its own name
            forms.append((row["admin1"], "la république " + _de(name_fr), key))
            forms.append((row["admin1"], "la région " + _de(name_fr), key))
    return forms


def generated() -> list[tuple[str, str, str]]:
    """(sentence, mention, expected key) for every division form in every template."""
    return [(_contract(t.format(form=form)), form.split(" ", 1)[-1] if form.startswith("le ") else form, key)
            for _, form, key in division_forms() for t in TEMPLATES]


def _contract(text: str) -> str:
    """French contractions: 'de le kraï' → 'du kraï'."""
    return text.replace(" de le ", " du ").replace(" de les ", " des ")


# Real press sentences: (corpus file, a few words of the sentence, mention, expected key). The test
# reads the sentence from ../shared/corpus/news_fr; only these words are quoted here.
CORPUS_ROWS: list[tuple[str, str, str, str]] = [
    ("d001_ukrinform_kryvyi_rih_2_morts_5_blesses.txt", "gouverneur militaire de la région de Dnipropetrovsk",
     "Dnipropetrovsk", "region/dnipropetrovsk-oblast"),
    ("d002_rtlbe_89_drones_kiev.txt", "Dans la région de Kiev", "Kiev", "region/kyiv-oblast"),
    ("d004_boursier_reuters_27_drones_koursk.txt", "détruits au-dessus de la région de Belgorod",
     "Belgorod", "region/belgorod-oblast"),
    ("d004_boursier_reuters_27_drones_koursk.txt", "Selon le gouverneur de Koursk", "Koursk", "region/kursk-oblast"),
    ("d006_zonebourse_reuters_afipsky_ilsky.txt", "selon le gouverneur de la région de Krasnodar",
     "Krasnodar", "region/krasnodar-krai"),
    ("d007_blick_soumy_34_morts_117_blesses_analyse.txt", "Le gouverneur de la région de Soumy", "Soumy",
     "region/sumy-oblast"),
    ("d009_ukrinform_lviv_7_morts_45_blesses.txt", "Le maire de Lviv a également", "Lviv", "city/lviv"),
    ("d011_rtbf_kharkiv_6_morts_16_blesses.txt", "Le maire de Kharkiv, Igor Terekhov", "Kharkiv", "city/kharkiv"),
    ("d012_tv5monde_162_drones_koursk_belgorod.txt", "(57) et celle de Belgorod", "Belgorod",
     "region/belgorod-oblast"),
    ("d016_europe1_raffinerie_slaviansk_57_drones.txt", "la raffinerie à Slaviansk-sur-Kouban",
     "Slaviansk-sur-Kouban", "city/slavyansk-na-kubani"),
    ("d016_europe1_raffinerie_slaviansk_57_drones.txt", "visé dimanche la région russe de Belgorod",
     "Belgorod", "region/belgorod-oblast"),
    ("d020_zonebourse_reuters_riazan_koursk_voronej.txt", "Pavel Malkov, gouverneur de la région de Riazan",
     "Riazan", "region/ryazan-oblast"),
    ("d021_bfmtv_direct_frappes_massives_9_mars_2023.txt", "touché les régions de Kharkiv et Odessa",
     "Odessa", "region/odesa-oblast"),
    ("d023_ukrinform_kherson_2_morts_18_blesses_45_localites.txt", "pilonné 45 localités dans la région de Kherson",
     "Kherson", "region/kherson-oblast"),
    ("d028_rhonefm_kiev_8_des_12_shahed.txt", "lancés depuis la région russe de Briansk", "Briansk",
     "region/bryansk-oblast"),
    ("d030_centrepresseaveyron_drones_quatre_regions_moscou.txt", "intercepté dans la région de Moscou",
     "Moscou", "region/moscow-oblast"),
    ("d036_lindecapant_raffinerie_afipsky_kondratiev.txt", "le gouverneur de la région de Pskov", "Pskov",
     "region/pskov-oblast"),
    ("d038_azvision_42_drones_crimee_sebastopol.txt", "Le gouverneur de Sébastopol", "Sébastopol",
     "region/sevastopol"),
    ("d042_pressafrik_14_shahed_x22_zaporijjia.txt", "atterri dans la région de Zaporijjia", "Zaporijjia",
     "region/zaporizhzhia-oblast"),
    ("d043_webjosh_radiocanada_novochakhtinsk.txt", "dans la région de Rostov", "Rostov", "region/rostov-oblast"),
    ("d046_tf1info_direct_kherson_un_mort.txt", "dans la région ukrainienne de Kherson", "Kherson",
     "region/kherson-oblast"),
    ("d047_bfmtv_direct_odessa_21_morts_ile_aux_serpents.txt", "un immeuble de la région d'Odessa", "Odessa",
     "region/odesa-oblast"),
    ("d050_europe1_tcherniguiv_8_morts_18_blesses.txt", "a indiqué le maire de Tcherniguiv", "Tcherniguiv",
     "city/chernihiv"),
    ("d051_news360_europapress_engels_3_morts.txt", "Le gouverneur de Saratov, Roman Busargin", "Saratov",
     "region/saratov-oblast"),
    ("d054_i24news_tcherniguiv_theatre_des_morts.txt", "le chef de la région de Tcherniguiv", "Tcherniguiv",
     "region/chernihiv-oblast"),
    ("d058_rfj_drones_moscou_lioubertsy_briansk.txt", "dans les régions de Moscou et de Briansk", "Briansk",
     "region/bryansk-oblast"),
    ("d060_ukrinform_kharkiv_3_morts_56_blesses_kab.txt", "gouverneur militaire de la région de Kharkiv",
     "Kharkiv", "region/kharkiv-oblast"),
    ("d063_boursier_reuters_belgorod_7_morts.txt", "le gouverneur de Belgorod, Viatcheslav Gladkov", "Belgorod",
     "region/belgorod-oblast"),
    # people, in the forms the press names them
    ("d003_europe1_poltava_41_morts_180_blesses.txt", "le président Volodymyr Zelensky", "Volodymyr Zelensky",
     "person/volodymyr-zelensky"),
    ("d017_boursorama_ternopil_25_morts_476_drones.txt", "a dit Volodimir Zelensky", "Volodimir Zelensky",
     "person/volodymyr-zelensky"),
    ("d021_bfmtv_direct_frappes_massives_9_mars_2023.txt", "Volodymr Zelensky a dénoncé", "Volodymr Zelensky",
     "person/volodymyr-zelensky"),
    ("d029_grandsreporters_kryvyi_rih_20_morts_70_blesses.txt", "ville natale du président Zelensky", "Zelensky",
     "person/volodymyr-zelensky"),
    ("d059_aktu_attaque_massive_500_drones_raffineries_syzran.txt", "Le président ukrainien Volodymyr Zelensky",
     "Volodymyr Zelensky", "person/volodymyr-zelensky"),
    ("d015_parisparlez_soumy_32_morts_84_blesses.txt", "(GUR), Kyrylo Boudanov, a affirmé", "Kyrylo Boudanov",
     "person/kyrylo-budanov"),
    ("d036_lindecapant_raffinerie_afipsky_kondratiev.txt", "président russe Vladimir Poutine", "Vladimir Poutine",
     "person/vladimir-putin"),
    # districts: a raion links to the raion (GeoNames ADM2), a city's own district to nothing
    ("d069_francetvinfo_belgorod_5_morts_18_blesses.txt", "dans le district de Belgorod, qui", "Belgorod",
     "district/belgorodskiy-rayon"),
    ("d075_rtfrance_belgorod_1_mort_10_cibles.txt", "et du district de Belgorod", "Belgorod",
     "district/belgorodskiy-rayon"),
    ("d023_ukrinform_kherson_2_morts_18_blesses_45_localites.txt", "visé le district de Dnipro, à Kherson",
     "Dnipro", ""),
    ("d058_rfj_drones_moscou_lioubertsy_briansk.txt", "du district de Lioubertsy", "Lioubertsy", "city/lyubertsy"),
    # hromadas ("communautés"): the town they are named after; a hromada named by an adjective, nothing
    ("d053_youboox_160_drones_odessa_dnipropetrovsk.txt", "Les communautés de Nikopol", "Nikopol", "city/nikopol"),
    ("d053_youboox_160_drones_odessa_dnipropetrovsk.txt", "Myrivska et Pokrovska ont", "Pokrovska", ""),
]


def bare(form: str) -> str:
    """The name in a division's form: "l'oblast de Koursk" → 'Koursk', "la république de l'Altaï" → 'Altaï'."""
    return re.sub(r"^(la |l'|le )?\w+ (de |d'|du |des )(l')?", "", form)


def corpus_sentence(file: str, words: str) -> str:
    """The sentence of a corpus file that holds ``words``."""
    text = (CORPUS / file).read_text(encoding="utf-8")
    start = text.index(words)
    begin = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1)
    ends = [i for i in (text.find(". ", start), text.find("\n", start)) if i >= 0]
    return text[begin:min(ends) + 1 if ends else len(text)]
