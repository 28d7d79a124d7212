"""Dates: dateparser's finds, filtered and kept at the precision the text gives."""
import pytest

from armsgraph.extract.dates import find_dates, latest_full_date


@pytest.mark.parametrize("language, text, base, expected", [
    ("it", "Il 13 settembre, Kim ha incontrato Putin.", "2023-10-05", [("13 settembre", "2023-09-13", "day")]),
    ("it", "Alla fine di agosto, l'intelligence ha ricevuto informazioni.", "2023-10-05", [("agosto", "2023-08", "month")]),
    ("it", "I vagoni erano stati rilevati nel novembre 2022.", None, [("novembre 2022", "2022-11", "month")]),
    ("en", "In September, as we said, Russia transferred UAVs.", "2022-10-20", [("In September", "2022-09", "month")]),
    ("en", "Today, I am authorizing our drawdown.", "2022-08-01", [("Today", "2022-08-01", "day")]),
    ("fr", "Le 2 janvier 2024, la Russie a tiré des missiles.", None, [("2 janvier 2024", "2024-01-02", "day")]),
    ("de", "Im März 2023 lieferte Iran Drohnen.", None, [("März 2023", "2023-03", "month")]),
    ("ru", "В ноябре 2022 года КНДР поставила снаряды.", None, [("ноябре 2022 года", "2022-11", "month")]),
    ("uk", "У жовтні 2023 року КНДР передала снаряди.", None, [("жовтні 2023 року", "2023-10", "month")]),
])
def test_dates_found_with_precision(language, text, base, expected):
    found = [(text[d.start:d.end], d.iso, d.precision) for d in find_dates(text, language, base)]
    assert [(iso, precision) for _, iso, precision in found] == [(iso, p) for _, iso, p in expected]
    assert all(expr.strip().lower() in text.lower() for expr, _, _ in found)


@pytest.mark.parametrize("language, text", [
    ("en", "Russia may also seek to acquire missiles from Iran."),  # "may" is not May
    ("en", "Russia will not, we believe, get these weapons."),  # "we" is not Wednesday
    ("en", "The missiles have a maximum range of about 75 miles."),
    ("en", "1:41 P.M. EDT"),
])
def test_dates_ignores_false_dates(language, text):
    assert find_dates(text, language, "2022-10-20") == []


def test_dates_without_base_keep_only_dated_expressions():
    assert find_dates("Il 13 settembre Kim ha incontrato Putin.", "it", None) == []


def test_dates_latest_full_date_estimates_article_date():
    text = "Il 13 settembre 2023 ... un'immagine del 5 ottobre 2023 ... nel novembre 2022."
    assert latest_full_date(text, "it") == "2023-10-05"
