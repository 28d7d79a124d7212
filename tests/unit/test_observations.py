"""Imagery observations on sentences written for the tests: site, date and counts."""
import pytest

from armsgraph.extract import extract
from armsgraph.reader import make_source


def _observations(language: str, text: str):
    source = make_source(text, {"language": language, "published": "2024-11-12"}, path=None)
    result = extract(source)
    names = {e.id: e.name for e in result.entities}
    return [(names.get(o.site), o.observed_on, sorted(c.count for c in o.counts)) for o in result.observations]


@pytest.mark.parametrize("language, text, expected", [
    # a four-digit number before what it counts is a count, not the year 2000
    ("uk", "На супутникових знімках порту Раджин, зроблених 7 жовтня 2023 року, видно близько 2000 контейнерів.",
     [("Rajin port", "2023-10-07", [2000])]),
    ("en", "Satellite images of the port of Rajin taken on 7 October 2023 show 1500 containers.",
     [("Rajin port", "2023-10-07", [1500])]),
    # and a year is still a year
    ("en", "Satellite images of the port of Rajin taken in 2023 alone show 40 containers.",
     [("Rajin port", "2023", [40])]),
    # a full date followed by a verb stays a date, and its numbers are no counts
    ("fr", "Des images satellites du port de Rajin prises le 7 octobre 2023 montrent 260 conteneurs.",
     [("Rajin port", "2023-10-07", [260])]),
    # "38 North" is a name, not a count
    ("it", "Immagini satellitari del porto di Rajin diffuse da 38 North mostrano, al 2 novembre, circa 60 container.",
     [("Rajin port", "2024-11-02", [60])]),
    # the same debris named again without a date of its own is the same observation
    ("en", "Debris of a missile was recovered in Kharkiv on January 2, 2024. The debris recovered in Kharkiv "
           "came from a North Korean missile.", [("Kharkiv", "2024-01-02", [])]),
    # no place named: the place and date of the sentences just before ...
    ("en", "The ship docked at the Simon's Town naval base from Dec. 6 to Dec. 8, 2022. Ship-tracking data showed "
           "the vessel switched off its transponder as it approached the port.",
     [("Simon's Town naval base", "2022-12-06", [])]),
    # ... but a picture credit or a caveat on the last observation observes nothing
    ("en", "Debris is seen at the site of a strike in Kharkiv, Ukraine, January 2, 2024. REUTERS/File Photo",
     [("Kharkiv", "2024-01-02", [])]),
    ("en", "Satellite imagery shows 30 freight cars at the Tumangang rail facility. The images cannot show what the "
           "cars carried.", [("Tumangang rail yard", None, [30])]),
    # the images' own clause names their site, not the places of the voyages before it
    ("en", "Analysts say two cargo ships made 11 round trips between Rajin and Dunai in December, and that "
           "commercial imagery from Jan. 8 showed a ship at Vostochny port with roughly 80 containers.",
     [("Vostochny port", "2024-01-08", [2, 11, 80])]),
    # a coast is a place ("off the coast of X"), whatever the gazetteer knows of X
    ("es", "Según la plataforma de seguimiento marítimo MarineTraffic, el carguero navegaba el 3 de marzo frente a "
           "la costa de Bretaña.", [("Bretaña", "2024-03-03", [])]),
    ("en", "Ship-tracking data showed the cargo ship off the coast of Cyrenaica on 3 March.",
     [("Cyrenaica", "2024-03-03", [])]),
    # days counted from the day named before, not from the article's date
    ("en", "The ship berthed at Tartus on January 28. Satellite imagery of the port taken the next day shows "
           "roughly 60 vehicles.", [("Tartus", "2024-01-29", [60])]),
    ("de", "Die Angara legte am 3. März im Hafen Rajin an. Satellitenbilder zeigten zwei Tage später 40 Container "
           "im Hafen Rajin.", [("Rajin port", "2024-03-05", [40])]),
    ("fr", "Le cargo a quitté Tartous le 12 mai. Des images satellites prises le lendemain montrent 25 véhicules "
           "à Tartous.", [("Tartus", "2024-05-13", [25])]),
])
def test_observation_counts_and_dates(language, text, expected):
    assert _observations(language, text) == expected


@pytest.mark.parametrize("language, text, expected", [
    # a site the gazetteer does not know, typed by the word before it across "of", "в" or a quote (numbers
    # in words count: "two navy ships")
    ("en", "Satellite images show two navy ships docked at the port of Hwadae-ri on Oct. 8.",
     [("Hwadae-ri", "2024-10-08", [2])]),
    ("uk", "Супутникові знімки аеродрому в Кривополі, зроблені 18 квітня, показують знищені пускові установки.",
     [("Кривополі", "2024-04-18", [])]),
    # "снимках" (снимок or снимка): the likeliest lemma; a dictionary word capitalised in running text is a name
    ("ru", "На спутниковых снимках, сделанных 26 января, на авиабазе «Северный Ветер» видны новые укрытия.",
     [("Северный Ветер", "2024-01-26", [])]),
    # typed by its apposition ("a military airfield"), and found again by name; "Sept." is no name
    ("en", "Six Il-76 freighters landed at Zarvat, a military airfield near the coast. Satellite imagery taken on "
           "Sept. 12 shows two transports parked at Zarvat.", [("Zarvat", "2024-09-12", [2])]),
    # a base with its unit number, and a hyphenated name that starts with a capital (Bamako, Mali's) is the
    # base, ahead of the wide region the sentence also names
    ("fr", "Des images satellites de la base aérienne 101 de Bamako-Kalaban, prises le 28 octobre, montrent au "
           "Sahel deux drones.", [("Bamako-Kalaban", "2024-10-28", [2])]),
    # a type word with the place's adjective before the link ("Aeropuerto Internacional de"); flight tracking is
    # an observation, and a model's number after its maker ("Boeing 747") counts nothing
    ("es", "Según datos de Flightradar24, un Boeing 747 de carga aterrizó el 9 de agosto en el Aeropuerto "
           "Internacional de Maracaibo.", [("Maracaibo", "2024-08-09", [])]),
    # a bay or a freeport in a name makes it a place; a range of days is dated by its first, and its last day
    # counts nothing
    ("en", "Ship-tracking data show the cargo ship MV Ocean Pearl berthed at the Talvara Bay Freeport on April 22 and "
           "23 before switching off its transponder; workers unloaded fourteen containers.",
     [("Talvara Bay Freeport", "2024-04-22", [14])]),
    # flights from one place to another are seen where they went, whatever other place qualifies the first
    ("en", "Flight-tracking data showed 11 flights by Il-76 freighters from Zarvat Air Base near Abu Dhabi to "
           "Harvala, the Ethiopian Air Force's main base, in February.", [("Harvala", "2024-02", [11])]),
    # a seizure at a wharf; then the same wharf, pointed back at, in another year
    ("fr", "Samedi, des douaniers ont découvert au wharf de Port-Zarvat huit fusils d’assaut. C’est sur ce même "
           "wharf qu’en juillet 2022, les policiers avaient saisi 120.000 cartouches.",
     [("Port-Zarvat", "2024-11-09", [8]), ("Port-Zarvat", "2022-07", [120000])]),
    # a name opening with its particle ("al-Khadim"); a sentence opening with an elided article ("Un’") names
    # nothing; a number before a designation counts it; a range of months is dated by its first
    ("it", "Un’immagine satellitare del 12 febbraio 2020 mostra tre Il-76 nella base di al-Zarqa. Incrociando dati "
           "di tracciamento dei voli, il Panel ha ricostruito almeno 37 voli tra gennaio e aprile 2020, atterrati ad "
           "al-Zarqa.",
     [("al-Zarqa", "2020-02-12", [3]), ("al-Zarqa", "2020-01", [37])]),
])
def test_observation_at_a_site_the_gazetteer_does_not_know(language, text, expected):
    assert _observations(language, text) == expected


def test_a_caveat_a_sentence_or_two_after_an_observation_observes_nothing():
    text = ("Immagini satellitari datate 14 agosto 2024 mostrano presso la base di Asipovichy due nuovi bunker. "
            "Secondo gli esperti si tratterebbe di un deposito. Gli stessi analisti avvertono però che le immagini "
            "non bastano a provare la presenza di armi nucleari nel sito.")
    assert _observations("it", text) == [("Asipovichy", "2024-08-14", [2])]


def test_a_lower_case_russian_word_is_not_read_as_a_proper_name():
    # "порту": the port, not Porto; the site is named only as "порт Оля"
    assert _observations("ru", "На спутниковых снимках, сделанных 3 мая, в порту Оля видны два судна.") == [
        ("Port of Olya", "2024-05-03", [2])]


def test_an_image_of_the_site_named_before_is_of_that_site():
    text = ("Russia is building a drone factory in the Alabuga special economic zone. Officials declined to comment. "
            "Moscow has not said more. The White House released a satellite image of the planned site, "
            "taken in April, showing an empty plot.")
    assert _observations("en", text) == [("Alabuga", "2024-04", [])]
    # without a word pointing back at it, an image elsewhere is not of that site
    text = ("Russia is building a drone factory in the Alabuga special economic zone. Officials declined to comment. "
            "Moscow has not said more. Iran has not either. Satellite images taken in April show new trenches.")
    assert _observations("en", text) == []


def test_an_undated_observation_is_not_dated_by_the_next_paragraph():
    text = ("Ship-tracking data showed the freighter switched off its transponder in the Red Sea.\n\n"
            "\"It is the pattern we documented in 2021,\" said an analyst.")
    assert _observations("en", text) == [("Red Sea", None, [])]


def test_a_flight_is_seen_where_it_landed_on_the_day_beside_that_place():
    # "leaving" names where the flight set out from; of two days, the one nearer the place it landed at
    text = ("ADS-B data show two C-130H transports leaving Zarvat Air Base late on 26 August and landing at Harvala "
            "airfield on 27 August.")
    assert _observations("en", text) == [("Harvala", "2024-08-27", [2])]


def test_the_same_wharf_pointed_back_at_despite_the_place_a_ship_came_from():
    # "de" after "wharf" is "of", not "from"; the city where the seizure was made is the site pointed back at
    text = ("Samedi, des douaniers ont découvert au wharf de Port-de-Paix, à bord d’un caboteur arrivé de Miami, huit "
            "fusils. C’est sur ce même wharf qu’en juillet 2022, les policiers avaient saisi 120.000 cartouches à "
            "bord d'un navire en provenance de Floride.")
    assert _observations("fr", text) == [("Port-de-Paix", "2024-11-09", [8]), ("Port-de-Paix", "2022-07", [120000])]


def test_the_next_paragraph_dates_an_observation_when_it_names_the_images_again():
    text = ("Almeno due droni sarebbero stati consegnati. È quanto emerge dalle immagini satellitari della base aerea "
            "di Zarvat.\n\nLe immagini, scattate da Maxar il 3 febbraio, mostrano due velivoli.")
    assert _observations("it", text) == [("Zarvat", "2024-02-03", [])]


def test_a_headline_summing_up_a_dated_observation_is_not_one_of_its_own():
    text = ("ALGERIA: IMMAGINI SATELLITARI, DUE SU-57 A ZARVAT\n\n(ASM) - ALGERI, 29 OTT - L'Algeria avrebbe ricevuto "
            "i primi due Su-57. Immagini satellitari di Airbus del 21 ottobre mostrano due velivoli sulla base di Zarvat.")
    assert [(site, date) for site, date, _ in _observations("it", text)] == [("Zarvat", "2024-10-21")]


def test_flight_tracking_data_is_no_ship_tracking():
    """The longer cue decides the kind: "tracking data" inside "flight-tracking data" is no ship tracking."""
    text = "Flight-tracking data show that a Boeing 747 freighter landed at Port Sudan on October 12, 2024."
    result = extract(make_source(text, {"language": "en", "published": "2024-11-12"}, path=None))
    assert [o.kind for o in result.observations] == ["other"]
