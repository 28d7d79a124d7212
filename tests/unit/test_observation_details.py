"""Observer, counts and restatements of imagery observations."""
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
