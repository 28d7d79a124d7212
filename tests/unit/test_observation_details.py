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
