"""Observer, counts and restatements of imagery observations."""
import pytest

from armsgraph.extract import extract
from armsgraph.reader import make_source


def _observations(language: str, text: str):
    return extract(make_source(text, {"language": language, "published": "2023-10-17"}, None)).observations


def test_observer_is_the_source_the_sentence_cites_and_units_are_no_counts():
    text = ("Corée du Nord : des images satellites montrent un trafic inédit à Rajin.\n"
            "Selon un rapport du RUSI, des images satellites prises le 7 octobre montrent environ 260 conteneurs "
            "sur le quai de Rajin, à 290 kilomètres de la frontière.")
    observations = _observations("fr", text)
    assert len(observations) == 1  # the headline restates the dated observation
    observation = observations[0]
    assert (observation.site, observation.observed_on, observation.observer) == (
        "rajin-port", "2023-10-07", "rusi")
    assert [c.count for c in observation.counts] == [260]


@pytest.mark.parametrize("language, text, site, what", [
    ("de", "Satellitenbilder vom 5. Oktober zeigen 73 Güterwagen am Bahnhof Tumangang.", "tumangang", "Güterwagen"),
    ("ru", "Спутниковые снимки от 5 октября показывают 73 вагона на станции Туманган.", "tumangang", "вагона"),
    ("it", "Le immagini satellitari del 2 settembre mostrano circa 40 container nel porto di Rajin.", "rajin-port",
     "container"),
])
def test_the_known_site_and_the_counted_words_stop_at_the_preposition(language, text, site, what):
    [observation] = _observations(language, text)
    assert observation.site == site
    assert [c.what for c in observation.counts] == [what]


def test_an_imagery_provider_credited_in_the_sentence_is_the_observer():
    [observation] = _observations("en", "Planet Labs imagery from Oct. 3 shows the cargo ship Angara docked at Rajin.")
    assert (observation.site, observation.observed_on, observation.observer) == ("rajin-port", "2023-10-03",
                                                                                 "planet-labs")


@pytest.mark.parametrize("language, text, count", [
    ("it", "Una foto del 12 ottobre mostra quattro MiG-29 allineati sulla pista della base di Rajin.", 4),
    ("ru", "Спутниковые снимки от 5 октября показывают четыре вагона на станции Туманган.", 4),
    ("es", "Las imágenes del 12 de octubre muestran una veintena de vagones en la estación de Tumangang.", 20),
])
def test_a_number_written_in_words_is_a_count(language, text, count):
    [observation] = _observations(language, text)
    assert count in [c.count for c in observation.counts]


def test_the_date_images_were_published_gives_way_to_the_sighting_date_in_the_next_sentence():
    text = ("Las imágenes emitidas por la televisión el jueves muestran un avión Il-76 en la pista del aeropuerto "
            "internacional Diori Hamani de Niamey. Según la cadena, el aparato aterrizó el 10 de octubre.")
    [observation] = _observations("es", text)
    assert observation.observed_on == "2023-10-10"


def test_a_report_date_stays_when_nothing_else_dates_the_photo():
    text = "Una foto diffusa venerdì dal ministero della Difesa mostra quattro MiG-29 nel porto di Rajin."
    [observation] = _observations("it", text)
    assert observation.observed_on == "2023-10-13"  # the Friday before the article's 17 October


def test_an_unknown_site_lies_in_the_state_named_beside_it_and_supports_its_claims():
    text = ("La Russia ha consegnato sistemi Pantsir alla Corea del Nord. Le immagini satellitari del 14 novembre "
            "mostrano quattro veicoli nella base aerea di Onchon, vicino a Pyongyang.")
    result = extract(make_source(text, {"language": "it", "published": "2023-11-20"}, None))
    [observation] = result.observations
    [claim] = result.claims
    assert observation.supports == [claim.id]


def test_a_site_in_no_known_state_supports_the_transfers_claimed_right_around_it():
    text = ("Egypt has received the HQ-9B air-defence system from China, analysts say. An image captured on 11 "
            "September shows six launchers at Kom Awshim Air Base. The image was taken from orbit. Its resolution "
            "is low. Russia sold helicopters to Egypt in 2015, reports said. France delivered Rafale jets to Egypt "
            "in 2016.")
    result = extract(make_source(text, {"language": "en", "published": "2025-10-01"}, None))
    [observation] = result.observations
    names = {e.id: e.name for e in result.entities}
    supported = [c for c in result.claims if c.id in observation.supports]
    # the transfer claimed beside the image, not those further on about other suppliers
    assert [(names[c.subject], names[c.object]) for c in supported] == [("China", "Egypt")]
