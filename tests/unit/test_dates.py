"""Dates: dateparser's finds, filtered and kept at the precision the text gives."""
import pytest

from armsgraph.extract.dates import (
    _TOKEN, _base_datetime, _cue_words, _date_windows, _dateparser_dates, _has_date_cue, _search_window, _settings,
    find_dates, latest_full_date,
)


@pytest.mark.parametrize("language, text, base, expected", [
    ("it", "Il 13 settembre, Kim ha incontrato Putin.", "2023-10-05", [("13 settembre", "2023-09-13", "day")]),
    ("it", "Alla fine di agosto, l'intelligence ha ricevuto informazioni.", "2023-10-05", [("agosto", "2023-08", "month")]),
    ("it", "I vagoni erano stati rilevati nel novembre 2022.", None, [("novembre 2022", "2022-11", "month")]),
    ("en", "In September, as we said, Russia transferred UAVs.", "2022-10-20", [("In September", "2022-09", "month")]),
    ("en", "Today, I am authorizing our drawdown.", "2022-08-01", [("Today", "2022-08-01", "day")]),
    ("fr", "Le 2 janvier 2024, la Russie a tiré des missiles.", None, [("2 janvier 2024", "2024-01-02", "day")]),
    # a two-digit number after the date is not its year (dateparser reads "2 novembre, circa 60" as 1960)
    ("it", "Le immagini mostrano, al 2 novembre, circa 60 container.", "2024-11-12", [("2 novembre", "2024-11-02", "day")]),
    # a range's first end takes the year written at its last
    ("en", "The ship docked from Dec. 6 to Dec. 8, 2022.", "2024-11-12",
     [("from Dec. 6", "2022-12-06", "day"), ("Dec. 8, 2022", "2022-12-08", "day")]),
    # a month abbreviated with a period, as wire copy writes it
    ("en", "The missile landed in Kharkiv on Jan. 2, monitors said.", "2024-04-30", [("on Jan. 2", "2024-01-02", "day")]),
    ("fr", "Le missile a été tiré le 3 janv. 2024.", None, [("3 janv. 2024", "2024-01-03", "day")]),
    ("de", "Im März 2023 lieferte Iran Drohnen.", None, [("März 2023", "2023-03", "month")]),
    ("ru", "В ноябре 2022 года КНДР поставила снаряды.", None, [("ноябре 2022 года", "2022-11", "month")]),
    ("uk", "У жовтні 2023 року КНДР передала снаряди.", None, [("жовтні 2023 року", "2023-10", "month")]),
    ("ru", "Майор сказал, что в мае поставки выросли.", "2024-06-01", [("мае", "2024-05", "month")]),
    ("uk", "Через тиждень група прибула у травні.", "2024-06-01", [("травні", "2024-05", "month")]),
    # a range of days is dated by its first (dateparser alone reads "April 22 and 23" as April 2023, or nothing)
    ("en", "The ship berthed on April 22 and 23 before switching off its transponder.", "2025-05-20",
     [("on April 22", "2025-04-22", "day")]),
    ("fr", "Les navires ont accosté du 12 au 15 septembre 2023.", None, [("12 au 15 septembre 2023", "2023-09-12", "day")]),
    ("uk", "Судна пройшли протоку 22–23 листопада.", "2025-05-20", [("22–23 листопада", "2024-11-22", "day")]),
    # a range of months is dated by its first, in the year closing the range (dateparser reads nothing, or
    # the first month in the article's year)
    ("it", "Il Panel ha ricostruito 37 voli tra gennaio e aprile 2020, partiti da basi emiratine.", "2021-03-17",
     [("gennaio e aprile 2020", "2020-01", "month")]),
    ("en", "Flights between January and April 2020 reached the base.", "2021-03-17",
     [("January and April 2020", "2020-01", "month")]),
    ("fr", "Les vols de janvier à avril 2020 ont atterri à Benina.", "2021-03-17", [("janvier à avril 2020", "2020-01", "month")]),
    ("es", "Los vuelos de enero a abril de 2020 aterrizaron en Benina.", "2021-03-17",
     [("de enero a abril de 2020", "2020-01", "month")]),
    ("de", "Die Flüge von Januar bis April 2020 landeten in Benina.", "2021-03-17", [("Januar bis April 2020", "2020-01", "month")]),
    # an elided article glued to a month or a day ("nell'agosto", "dall'11")
    ("it", "I droni furono avvistati nell'agosto 2021 sulla pista.", None, [("agosto 2021", "2021-08", "month")]),
    ("it", "Le consegne sono riprese dall'11 settembre.", "2025-05-20", [("11 settembre", "2024-09-11", "day")]),
    # a word between the month and its year ("agosto del 2023": dateparser reads August of the article's year)
    ("it", "Dall'agosto del 2023 il regime avrebbe spedito in Russia oltre 13.000 container.", "2024-10-30",
     [("agosto del 2023", "2023-08", "month")]),
    # a weekday is the latest such day on or before the article's; "last Tuesday" said on a Tuesday a week before
    ("en", "On Tuesday the US sanctioned Iran Air.", "2024-09-17", [("Tuesday", "2024-09-17", "day")]),
    ("en", "Last Tuesday we designated Iran Air.", "2024-09-17", [("Tuesday", "2024-09-10", "day")]),
    ("it", "Martedì scorso gli Stati Uniti hanno sanzionato Iran Air.", "2024-09-17", [("Martedì", "2024-09-10", "day")]),
    ("de", "Am vergangenen Dienstag verhängten die USA Sanktionen.", "2024-09-17", [("Dienstag", "2024-09-10", "day")]),
    # a part of the day written onto the weekday's name
    ("de", "Baerbock hatte den Kurswechsel am Sonntagabend angekündigt.", "2024-01-11", [("Sonntagabend", "2024-01-07", "day")]),
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
    # words that begin like a month name in an inflecting language: a name, a rank, "through", "group"
    ("ru", "Мария Захарова сказала, что маршал и майор прибыли."),
    ("ru", "Декларация о поставках машин подписана."),
    ("uk", "Через порт група відправила лист до Берліна."),
])
def test_dates_ignores_false_dates(language, text):
    assert find_dates(text, language, "2022-10-20") == []


def test_dates_without_base_keep_only_dated_expressions():
    assert find_dates("Il 13 settembre Kim ha incontrato Putin.", "it", None) == []


def test_dates_latest_full_date_estimates_article_date():
    text = "Il 13 settembre 2023 ... un'immagine del 5 ottobre 2023 ... nel novembre 2022."
    assert latest_full_date(text, "it") == "2023-10-05"


# Long sentences: dateparser searches only a few words around each date cue, and must find what it finds in
# the whole sentence, at the same offsets.
LONG_SENTENCES = [
    ("en", "The White House said on Thursday that North Korea delivered artillery shells to Russia on 13 September "
           "2023, according to officials familiar with the matter.", "2023-10-06", "on 13 September 2023", "2023-09-13"),
    ("it", "La Casa Bianca ha detto che la Corea del Nord ha consegnato proiettili di artiglieria alla Russia il "
           "5 ottobre 2023, secondo funzionari informati.", "2023-10-06", "5 ottobre", "2023-10-05"),
    ("fr", "La Maison Blanche a déclaré que la Corée du Nord a livré des obus d'artillerie à la Russie le 2 janvier "
           "2024, selon des responsables.", "2024-03-01", "le 2 janvier 2024", "2024-01-02"),
    ("es", "La Casa Blanca dijo que Corea del Norte entregó proyectiles de artillería a Rusia el 13 de septiembre "
           "de 2023, según funcionarios.", "2023-10-06", "13 de septiembre de 2023", "2023-09-13"),
    ("de", "Das Weiße Haus erklärte, Nordkorea habe Russland im März 2023 Artilleriegranaten und Raketen geliefert, "
           "so Beamte.", "2023-10-06", "im März 2023", "2023-03"),
    ("ru", "Белый дом заявил, что КНДР поставила России артиллерийские снаряды 13 сентября 2023 года, по словам "
           "чиновников.", "2023-10-06", "13 сентября 2023", "2023-09-13"),
    ("uk", "Білий дім заявив, що КНДР передала Росії артилерійські снаряди 13 вересня 2023 року, за словами "
           "посадовців.", "2023-10-06", "13 вересня 2023", "2023-09-13"),
    ("en", "Iran sent drones to Russia, and we believe it may send more, the spokesman said yesterday in Washington.",
           "2022-10-20", "yesterday in", "2022-10-19"),
]


@pytest.mark.parametrize("language, text, base, expression, iso", LONG_SENTENCES)
def test_dates_in_long_sentences_at_exact_offsets(language, text, base, expression, iso):
    found = [d for d in find_dates(text, language, base) if not d.weekday]  # "on Thursday": tested below
    assert [(d.start, d.end, d.iso) for d in found][:1] == [
        (text.index(expression), text.index(expression) + len(expression), iso)]


@pytest.mark.parametrize("language, text, base, expression, iso", LONG_SENTENCES)
def test_dates_windows_find_what_the_whole_sentence_gives(language, text, base, expression, iso):
    base_dt = _base_datetime(base)
    settings = _settings(base_dt)
    windows = _date_windows(text, language, settings)
    assert windows and all(end - start < len(text) / 2 for start, end in windows)  # a few words, not the sentence
    assert any(text[start:end].find(expression) >= 0 for start, end in windows)
    assert _dateparser_dates(text, language, base_dt) == _search_window(text, language, base_dt, settings)


def test_dates_window_keeps_words_read_together():
    """"Tuesday, October 3, 2023" is one date; the window around "October" must not cut it."""
    text = "Officials said that Iran sent Shahed drones to Russia on Tuesday, October 3, 2023, and more later."
    base_dt = _base_datetime("2024-03-01")
    found = _dateparser_dates(text, "en", base_dt)
    assert found == _search_window(text, "en", base_dt, _settings(base_dt))
    assert [d.iso for d in found] == ["2023-10-03"]
    assert text[found[0].start:found[0].end].startswith("on Tuesday, October 3, 2023")


def test_dates_word_found_where_it_stands_not_inside_another():
    """"ieri" is also the middle of "artiglieria": the date is the word, not the letters inside another."""
    text = "La Casa Bianca ha detto che la Corea del Nord ha consegnato proiettili di artiglieria alla Russia ieri."
    found = find_dates(text, "it", "2023-10-06")
    assert [(d.start, d.iso) for d in found] == [(text.rindex("ieri"), "2023-10-05")]


def test_dates_short_text_is_searched_whole():
    """A text of a few words is searched as it is, without reading its chunks first."""
    text = "Yesterday Russia received missiles."
    assert _date_windows(text, "en", _settings(_base_datetime("2024-03-01"))) == [(0, len(text))]


def test_dates_latest_full_date_searches_only_windows_that_may_hold_one(monkeypatch):
    import armsgraph.extract.dates as dates

    searched = []
    search = dates._search_window
    monkeypatch.setattr(dates, "_search_window", lambda text, *args: searched.append(text) or search(text, *args))
    text = ("Le immagini satellitari mostrano vagoni russi a Tumangan, già rilevati nel novembre 2022 dagli analisti, "
            "e secondo Beyond Parallel un nuovo aumento del traffico il 5 ottobre 2023.")
    assert latest_full_date(text, "it") == "2023-10-05"
    assert len(searched) == 1 and "5 ottobre 2023" in searched[0]


def test_dates_latest_full_date_skips_lines_without_one(monkeypatch):
    """A line with a year and a month but no day ("nel novembre 2022") is not cut into windows at all."""
    import armsgraph.extract.dates as dates

    cut = []
    windows = dates._date_windows
    monkeypatch.setattr(dates, "_date_windows", lambda text, *args: cut.append(text) or windows(text, *args))
    text = "I vagoni erano già stati rilevati nel novembre 2022.\nIl traffico è aumentato il 5 ottobre 2023."
    assert latest_full_date(text, "it") == "2023-10-05"
    assert cut == ["Il traffico è aumentato il 5 ottobre 2023."]


@pytest.mark.parametrize("language, text", [
    ("en", "On Dec. 6, 2022 (Tuesday) the ship left; today, May said 1999x and 2023-24 were 'in May'."),
    ("it", "Il 5 ottobre 2023, oggi, a ottobre e nel 2022: l'11 settembre."),
    ("de", "Im März 2023 und heute, am 3. märz, lieferte Iran 2000 Drohnen."),
    ("ru", "В ноябре 2022 года, сегодня, 18 окт 2023."),
])
def test_dates_cue_words_found_in_one_pass_are_those_found_word_by_word(language, text):
    words = [match.span() for match in _TOKEN.finditer(text)]
    by_word = {i for i, (start, end) in enumerate(words) if _has_date_cue(text[start:end], language, stems=False)}
    assert _cue_words(text, language, words) == by_word


def test_dates_dateparser_strptime_cache_holds_a_search_formats():
    """dateparser's private _strptime copy (if this dateparser makes one) keeps more than its 5 default formats."""
    import sys

    _settings(None)
    patched = sys.modules.get("strptime_patched")
    if patched is None:
        pytest.skip("this dateparser parses without its own _strptime copy")
    assert patched._CACHE_MAX_SIZE >= 100


def _extract_counting_dates(monkeypatch, text):
    import armsgraph.extract.pipeline as pipeline
    from armsgraph.extract import extract
    from armsgraph.reader import make_source

    searched = []
    monkeypatch.setattr(pipeline, "find_dates", lambda sentence, *args: searched.append(sentence) or find_dates(
        sentence, *args))
    return extract(make_source(text, {"language": "en", "published": "2023-10-05"}, None)), searched


def test_dates_of_a_claim_dropped_as_an_echo_are_never_searched(monkeypatch):
    text = ("North Korea ships missiles to Russia: statement, 12 January 2024\n\n"
            "The White House said North Korea transferred ballistic missiles to Russia.")
    result, searched = _extract_counting_dates(monkeypatch, text)
    assert [(c.subject, c.object, c.claimant, c.when) for c in result.claims] == [
        ("north-korea", "russia", "white-house", None)]
    assert not any("12 January 2024" in sentence for sentence in searched)


def test_dates_a_meeting_mentioned_again_takes_the_date_the_second_mention_gives(monkeypatch):
    text = "Kim Jong Un met Vladimir Putin to discuss arms. On 13 September, Kim Jong Un met Vladimir Putin in Vladivostok."
    result, _ = _extract_counting_dates(monkeypatch, text)
    # (the talks the first meeting was for are a claim of their own)
    meetings = [c for c in result.claims if c.type == "meeting"]
    assert [(c.type, c.when, c.when_precision) for c in meetings] == [("meeting", "2023-09-13", "day")]


@pytest.mark.parametrize("language, text, kept", [
    # the article's own dated, placed account after a source's undated mention of the same summit
    ("it", "Secondo Beyond Parallel, Kim Jong-un e Vladimir Putin si sono incontrati durante il vertice. "
           "Il 13 settembre, Kim Jong-un ha incontrato Vladimir Putin in Estremo Oriente.",
     [("beyond-parallel", None), (None, "2023-09-13")]),
    ("en", "Beyond Parallel said Kim Jong Un met Vladimir Putin at the summit. "
           "On 13 September, Kim Jong Un met Vladimir Putin in the Russian Far East.",
     [("beyond-parallel", None), (None, "2023-09-13")]),
    # a lead restating, without a date or place of its own, what a source then says is its echo
    ("en", "Kim Jong Un met Vladimir Putin. Beyond Parallel said Kim Jong Un met Vladimir Putin at the summit.",
     [("beyond-parallel", None)]),
    # the article saying it again after its source is a claimant of its own
    ("en", "Beyond Parallel said Kim Jong Un met Vladimir Putin at the summit. Kim Jong Un met Vladimir Putin.",
     [("beyond-parallel", None), (None, None)]),
    # and so is its first account deep in the body: the lead is among the text's first sentences
    ("en", "Seoul is watching. The talks matter. Tokyo is worried. Beijing is silent. Markets fell. Oil rose. "
           "Analysts waited. Nobody knew. Then Kim Jong Un met Vladimir Putin. "
           "Beyond Parallel said Kim Jong Un met Vladimir Putin at the summit.",
     [(None, None), ("beyond-parallel", None)]),
])
def test_an_unattributed_account_with_its_own_date_or_place_is_not_an_echo(language, text, kept):
    from armsgraph.extract import extract
    from armsgraph.reader import make_source

    result = extract(make_source(text, {"language": language, "published": "2023-10-05"}, None))
    meetings = [(c.claimant, c.when) for c in result.claims if c.type == "meeting"]
    assert meetings == kept


@pytest.mark.parametrize("language, text, expected", [
    ("en", "The Pentagon announced the package on Friday.", "2023-10-13"),
    ("it", "Venerdì il governo ha approvato il pacchetto.", "2023-10-13"),
    ("fr", "Le ministère a publié lundi un rapport.", "2023-10-16"),
    ("de", "Am Mittwoch traf Kim Putin.", "2023-10-18"),  # the article's own day
    ("ru", "В пятницу Кирби заявил о поставках.", "2023-10-13"),
    ("uk", "У п'ятницю Кірбі заявив про поставки.", "2023-10-13"),
])
def test_a_weekday_is_the_latest_such_day_on_or_before_the_articles_date(language, text, expected):
    found = find_dates(text, language, "2023-10-18")  # a Wednesday
    assert [(text[d.start:d.end].casefold() in text.casefold(), d.iso, d.precision, d.weekday) for d in found] == [
        (True, expected, "day", True)]


def test_a_weekday_needs_the_articles_day_and_a_whole_word():
    assert find_dates("The Pentagon announced the package on Friday.", "en", "2023-10") == []
    assert find_dates("Fridays are for the weekly briefing.", "en", "2023-10-18") == []


@pytest.mark.parametrize("language, text, when", [
    ("en", "On Friday, Iran delivered drones to Russia, Kirby said.", "2023-10-13"),
    ("en", "Kirby said on Friday that Iran delivered drones to Russia.", None),  # the statement's day
    ("fr", "La Maison Blanche a affirmé vendredi que la Corée du Nord avait livré des obus à la Russie.", None),
])
def test_a_weekday_by_a_reporting_verb_dates_the_statement_not_the_claim(language, text, when):
    from armsgraph.extract import extract
    from armsgraph.reader import make_source

    result = extract(make_source(text, {"language": language, "published": "2023-10-18"}, None))
    assert [c.when for c in result.claims if c.type == "transfer"] == [when]


@pytest.mark.parametrize("language, text, expected", [
    ("en", "Last year, North Korea shipped shells to Russia.", [("Last year", "2023", "year")]),
    ("en", "The talks began earlier this month.", [("earlier this month", "2024-03", "month")]),
    ("de", "Im vergangenen Jahr hatte Nordkorea Granaten geliefert.", [("Im vergangenen Jahr", "2023", "year")]),
    ("fr", "L’année dernière, la Corée du Nord a livré des obus.", [("L’année dernière", "2023", "year")]),
    ("it", "Le consegne sono iniziate nel settembre dell'anno scorso.",
     [("settembre dell'anno scorso", "2023-09", "month")]),
    ("ru", "Поставки начались в августе прошлого года.", [("августе прошлого года", "2023-08", "month")]),
    ("uk", "Торік КНДР передала Росії снаряди.", [("Торік", "2023", "year")]),
    ("es", "El mes pasado Irán envió drones a Rusia.", [("El mes pasado", "2024-02", "month")]),
])
def test_a_relative_year_or_month_is_reckoned_from_the_articles_date(language, text, expected):
    found = find_dates(text, language, "2024-03-01")
    assert [(text[d.start:d.end], d.iso, d.precision) for d in found] == expected
    assert all(d.relative for d in found)


def test_a_relative_month_needs_the_articles_month():
    assert find_dates("The talks began last month.", "en", "2024") == []
    assert [d.iso for d in find_dates("The talks began last year.", "en", "2024")] == ["2023"]


@pytest.mark.parametrize("language, text, when", [
    ("en", "Last year, North Korea shipped millions of shells to Russia, according to Seoul.", "2023"),
    ("en", "Officials in Seoul said last month that Pyongyang had sent shells to Russia.", None),  # the statement's
])
def test_a_relative_date_dates_the_claim_unless_it_dates_the_statement(language, text, when):
    from armsgraph.extract import extract
    from armsgraph.reader import make_source

    result = extract(make_source(text, {"language": language, "published": "2024-03-01"}, None))
    assert [c.when for c in result.claims if c.type == "transfer"] == [when]


def test_a_weekday_form_that_is_also_a_preposition_is_no_weekday():
    # Ukrainian "серед" (among) is also a short form of середа (Wednesday)
    text = "Велика Британія першою серед союзників надала Києву ракети Storm Shadow у травні 2023 року."
    assert [(d.iso, d.weekday) for d in find_dates(text, "uk", "2024-04-24")] == [("2023-05", False)]
    assert [d.iso for d in find_dates("У середу Кірбі заявив.", "uk", "2024-04-26")] == ["2024-04-24"]


def test_a_number_inside_a_name_is_no_year():
    """'Mirage 2000-5' names an aircraft: the claim's date is the month the sentence gives, never 2000."""
    from armsgraph.extract import extract
    from armsgraph.reader import make_source

    text = "En juin 2024, la France a promis de céder des Mirage 2000-5 à l'Ukraine. Des Mirage 2000-5 ont été livrés à l'Ukraine."
    claims = extract(make_source(text, {"language": "fr", "published": "2025-02-06"}, None)).claims
    assert [c.when for c in claims] == ["2024-06", None]


def test_a_date_past_a_colon_does_not_date_the_claim_before_it(monkeypatch):
    text = ("North Korea has always denied selling weapons to Russia: in May, Kim Yo Jong called the reports "
            "absurd.")
    result, _ = _extract_counting_dates(monkeypatch, text)
    denials = [(c.claimant, c.when) for c in result.claims if c.modality == "denied" and c.claimant == "north-korea"]
    assert denials == [("north-korea", None)]
