"""Dates in running text, resolved against the article's date, at the precision the text gives.

dateparser does the finding and the calendar work in every language; this
module only decides which of its finds are real dates (it also reads "we" as
Wednesday and "may" as May) and how precise each one is.
"""
from __future__ import annotations

import os
import re
import sys
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from armsgraph.extract.morphology import analyzer, is_preposition
from armsgraph.extract.resources import load_lexicon
from armsgraph.schema import precision_of

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_WORD = re.compile(r"[^\W\d_]+")
_LINE = re.compile(r"[^\r\n]+")
_ALNUM = re.compile(r"[^\W_]")
_TOKEN = re.compile(r"\S+")
_DAY = re.compile(r"\b([0-3]?\d)(?:st|nd|rd|th|er|º|°)?\b")
# Languages that write month names with a capital: there a lower-case "may" is the modal verb.
CAPITALISED_MONTHS = {"en", "de"}
# Languages whose month names inflect ("в ноябре", "у жовтні"), forms dateparser's search misses:
# for them month words are also recognised by their stem from dateparser's own abbreviations.
INFLECTED_MONTHS = {"ru", "uk"}
WINDOW_REACH = 4  # words read on either side of a date cue to find the chunks around it
MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december")
WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class DateMention:
    start: int  # character offsets into the text given
    end: int
    iso: str
    precision: str  # year | month | day
    weekday: bool = False  # read from a weekday's name ("on Friday"): the day is reckoned from the article's
    relative: bool = False  # "last year", "в прошлом году": the period is reckoned from the article's date


@lru_cache(maxsize=None)
def calendar_names(language: str) -> frozenset[str]:
    """The language's month and weekday names (case-folded), as dateparser knows them."""
    from dateparser.languages.loader import default_loader

    info = default_loader.get_locale(language).info
    weekdays = {word.casefold() for key in WEEKDAY_KEYS for word in info.get(key, [])
                if len(word) >= 3 and "." not in word}
    return month_names(language) | frozenset(weekdays)


def month_names(language: str) -> frozenset[str]:
    """The language's month names (case-folded), as dateparser knows them."""
    return _vocabulary(language)[0]


@lru_cache(maxsize=None)
def _vocabulary(language: str) -> tuple[frozenset[str], frozenset[str]]:
    """Month names and words for today/yesterday/tomorrow, from dateparser's language data."""
    from dateparser.languages.loader import default_loader

    info = default_loader.get_locale(language).info
    months = set()
    for number, key in enumerate(MONTH_KEYS, start=1):
        forms = {word.casefold() for word in info.get(key, []) if len(word) >= 3 and "." not in word}
        if language in INFLECTED_MONTHS:  # abbreviations that are words of their own ("лист") are no month
            forms = {f for f in forms if _lemmas(f, language) & _month_lemmas(language, number)}
        months.update(forms)
    relative = info.get("relative-type", {})
    days = set()
    for key in ("0 day ago", "1 day ago", "in 1 day"):
        days.update(word.casefold() for word in relative.get(key, []))
    return frozenset(months), frozenset(days)


def is_year_word(word: str) -> bool:
    """A word that is a year, as date cues are found ("2023"; 1800–2099)."""
    return _YEAR.fullmatch(word) is not None


@lru_cache(maxsize=4096)
def is_month_word(word: str, language: str) -> bool:
    """A month's name in any of its forms ("September", "сентябре", "вересні")."""
    folded = word.casefold()
    if folded in _vocabulary(language)[0]:
        return True
    return language in INFLECTED_MONTHS and any(
        match.group(0) == folded for match, _ in _month_matches(folded, language))


def find_dates(text: str, language: str, base: str | None) -> list[DateMention]:
    """Every date expression in ``text`` with its ISO partial date.

    ``base`` (the article's date, ISO) resolves "13 September" and "today";
    without it, only expressions that carry their own year are kept.
    """
    weekdays = _weekday_dates(text, language, base)
    periods = _relative_periods(text, language, base)
    if not _has_date_cue(text, language):
        return sorted(weekdays + periods, key=lambda d: d.start)  # nothing dateparser finds would be kept
    base_dt = _base_datetime(base)
    text = _first_day_of_ranges(_unelide_months(_undot_months(text, language), language), language)
    text = _first_month_of_ranges(_month_year_linked(text, language), language)
    mentions = _dateparser_dates(text, language, base_dt)
    if language in INFLECTED_MONTHS:
        mentions = _inflected_months(text, language, base_dt, mentions)
    mentions = _months_of_relative_years(text, mentions, periods)
    mentions += [w for w in weekdays + periods if not any(m.start < w.end and w.start < m.end for m in mentions)]
    return _ranges_share_their_year(text, sorted(mentions, key=lambda d: d.start))


@lru_cache(maxsize=None)
def _relative_pattern(language: str) -> re.Pattern | None:
    """The lexicon's ``relative_dates`` phrases ("last year", "im vergangenen Jahr"), longest first."""
    groups = []
    for period, phrases in (load_lexicon(language).data.get("relative_dates") or {}).items():
        forms = sorted({str(p) for p in phrases or []}, key=len, reverse=True)
        if forms:
            groups.append(f"(?P<{period}>{'|'.join(_apostrophe_either_way(f) for f in forms)})")
    return re.compile(r"(?<!\w)(?:" + "|".join(groups) + r")(?!\w)", re.IGNORECASE) if groups else None


@lru_cache(maxsize=None)
def _day_offset_pattern(language: str) -> tuple[re.Pattern | None, dict[str, int]]:
    """The lexicon's ``day_offsets`` phrases ("the next day", "la veille"), longest first, and each one's days."""
    days = {str(phrase).casefold(): int(offset)
            for offset, phrases in (load_lexicon(language).data.get("day_offsets") or {}).items()
            for phrase in phrases or []}
    if not days:
        return None, days
    forms = sorted(days, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(_apostrophe_either_way(f) for f in forms) + r")(?!\w)",
                         re.IGNORECASE)
    return pattern, days


def day_offsets(text: str, language: str) -> list[tuple[int, int, int]]:
    """"the next day", "zwei Tage später": (start, end, days) of each phrase that counts days from a day the
    text named before it (not from the article's date: dateparser would read them so)."""
    pattern, days = _day_offset_pattern(language)
    if pattern is None:
        return []
    return [(m.start(), m.end(), days[m.group(0).casefold().replace("’", "'")]) for m in pattern.finditer(text)]


def shifted_day(iso_day: str, days: int) -> str:
    """An ISO day ``days`` later (earlier when negative)."""
    return (date.fromisoformat(iso_day) + timedelta(days=days)).isoformat()


def _apostrophe_either_way(phrase: str) -> str:
    """A phrase as a pattern in which a straight apostrophe also matches a curly one ("l’année dernière")."""
    return re.escape(phrase).replace("'", "['’]")


def _relative_periods(text: str, language: str, base: str | None) -> list[DateMention]:
    """"last year", "this month", "торік": the year or month reckoned from the article's date (only when
    that date is known, to the month for a month)."""
    pattern = _relative_pattern(language)
    if pattern is None or not base or len(base) < 4:
        return []
    year = int(base[:4])
    found = []
    for match in pattern.finditer(text):
        period = match.lastgroup
        if period in ("last_year", "this_year"):
            found.append(DateMention(match.start(), match.end(), str(year - (period == "last_year")), "year",
                                     relative=True))
        elif len(base) >= 7:
            month = date(year, int(base[5:7]), 1)
            if period == "last_month":
                month = (month - timedelta(days=1)).replace(day=1)
            found.append(DateMention(match.start(), match.end(), month.isoformat()[:7], "month", relative=True))
    return found


RELATIVE_YEAR_GAP = 6  # characters between a month and the year it belongs to: " ", " of ", " del ", " de "


def _months_of_relative_years(text: str, mentions: list[DateMention],
                              periods: list[DateMention]) -> list[DateMention]:
    """"in August last year", "en agosto del año pasado", "з серпня минулого року": a month named right before
    a relative year is that year's (dateparser reads the month in the article's year)."""
    out = []
    for mention in mentions:
        year = next((p for p in periods if p.precision == "year" and mention.precision == "month"
                     and 0 <= p.start - mention.end <= RELATIVE_YEAR_GAP
                     and not text[mention.end:p.start].strip(" ,").isdigit()), None)
        if year is not None:
            mention = DateMention(mention.start, year.end, f"{year.iso}-{mention.iso[5:7]}", "month", relative=True)
        out.append(mention)
    return out


WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@lru_cache(maxsize=None)
def _weekday_forms(language: str) -> tuple[frozenset[str], ...]:
    """Full weekday names in dateparser's data for the language, in the forms it lists ("пятницу"), Monday
    first (not its abbreviations: German "die", "mit")."""
    from dateparser.languages.loader import default_loader

    info = default_loader.get_locale(language).info
    days = []
    for key in WEEKDAY_KEYS:
        forms = {w.casefold() for w in info.get(key, []) if len(w) >= 5 and "." not in w}
        if language in INFLECTED_MONTHS:
            # a form that is also a preposition is read as one: Ukrainian "серед" (among), not середа
            forms = {f for f in forms if not is_preposition(f, language)}
        days.append(frozenset(forms))
    return tuple(days)


def is_calendar_word(word: str, language: str) -> bool:
    """A month's or a weekday's full name in any of its forms ("September", "сентябре", "Friday", "пятницу")."""
    folded = word.casefold()
    return is_month_word(word, language) or any(folded in forms for forms in _weekday_forms(language))


@lru_cache(maxsize=None)
def _weekday_pattern(language: str) -> re.Pattern:
    """The weekdays' full names, one group per day."""
    alternatives = []
    for number, forms in enumerate(_weekday_forms(language)):
        if forms:
            ordered = sorted(forms, key=len, reverse=True)
            alternatives.append(f"(?P<d{number}>{'|'.join(re.escape(f) for f in ordered)})")
    # a part of the day written onto the weekday: "am Sonntagabend" (the lexicon's ``weekday_part_suffixes``)
    parts = "|".join(re.escape(str(p)) for p in load_lexicon(language).data.get("weekday_part_suffixes") or [])
    tail = f"(?:{parts})?" if parts else ""
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")" + tail + r"(?!\w)", re.IGNORECASE)


def _weekday_dates(text: str, language: str, base: str | None) -> list[DateMention]:
    """"on Friday", "venerdì", "в пятницу": the latest such day on or before the article's date (news speak
    of the week just past; "last Tuesday" on a Tuesday is a week before), only when that date is known to the
    day."""
    if not base or len(base) < 10:
        return []
    base_day = date.fromisoformat(base[:10])
    last = {str(w).casefold() for w in load_lexicon(language).data.get("last_weekday") or []}
    found = []
    for match in _weekday_pattern(language).finditer(text):
        weekday = next(int(k[1:]) for k, v in match.groupdict().items() if v)
        back = (base_day.weekday() - weekday) % 7
        if back == 0 and _beside(text, match.start(), match.end()) & last:
            back = 7  # "Last Tuesday we designated ...", said on a Tuesday
        day = base_day - timedelta(days=back)
        found.append(DateMention(match.start(), match.end(), day.isoformat(), "day", weekday=True))
    return found


BESIDE_CHARS = 30  # characters read on either side of a weekday's name for the word beside it


def _beside(text: str, start: int, end: int) -> set[str]:
    """The words right before and right after a span, case-folded."""
    before = text[max(0, start - BESIDE_CHARS):start].split()[-1:]
    after = text[end:end + BESIDE_CHARS].split()[:1]
    return {w.strip(".,;:!?»«\"'()").casefold() for w in before + after}


RANGE_GAP = 6  # characters between the two ends of a range: " to ", " – ", " and ", " al "


def _ranges_share_their_year(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """ "from Dec. 6 to Dec. 8, 2022": the range's first end takes the year written at its last."""
    out = list(mentions)
    for i in range(len(out) - 1, 0, -1):
        first, last = out[i - 1], out[i]
        year = _YEAR.search(text, last.start, last.end)
        if (year and not _YEAR.search(text, first.start, first.end) and first.precision != "year"
                and 0 <= last.start - first.end <= RANGE_GAP):
            out[i - 1] = DateMention(first.start, first.end, year.group(1) + first.iso[4:], first.precision)
    return out


_DOTTED_WORD = re.compile(r"\b([^\W\d_]{3,5})\.(?=[ \t]*\d)")


def _undot_months(text: str, language: str) -> str:
    """ "on Jan. 2", "le 3 janv. 2024": dateparser's search stops at the abbreviation's period, so it is read as
    a space (same length: offsets into the text still hold)."""
    if "." not in text:
        return text
    months = _vocabulary(language)[0]
    return _DOTTED_WORD.sub(lambda m: m.group(1) + " " if m.group(1).casefold() in months else m.group(0), text)


_ELIDED = re.compile(r"(?<=[^\W\d_])['’](?=([^\W\d_]{3,}|\d{1,2}\b))")


def _unelide_months(text: str, language: str) -> str:
    """ "nell'agosto 2021", "d’avril", "dall'11 settembre": an elided article glued to a month or a day hides
    it from dateparser; the apostrophe is read as a space (same length)."""
    if "'" not in text and "’" not in text:
        return text
    months = _vocabulary(language)[0]
    return _ELIDED.sub(lambda m: " " if m.group(1).isdigit() or m.group(1).casefold() in months else m.group(0), text)


_MONTH_NEARBY = 14  # characters before or after a range of days in which its month is named


@lru_cache(maxsize=None)
def range_joiners(language: str) -> frozenset[str]:
    """Dashes and the lexicon's ``day_range_joiners``: what joins the two days of a range."""
    words = load_lexicon(language).data.get("day_range_joiners") or []
    return frozenset({"-", "–", "—"} | {str(w).casefold() for w in words})


@lru_cache(maxsize=None)
def _day_range(language: str) -> re.Pattern:
    """"on April 22 and 23", "du 12 au 15 septembre", "22–23 листопада": two days of one month, joined by a dash
    or one of the lexicon's ``day_range_joiners``."""
    words = "|".join(re.escape(w) for w in sorted(range_joiners(language)) if w.isalpha())
    joint = rf"\s*[-–—]\s*|\s+(?:{words})\s+" if words else r"\s*[-–—]\s*"
    return re.compile(rf"\b(\d{{1,2}})((?:{joint})\d{{1,2}})\b(?![.:,]?\d)")


def _first_day_of_ranges(text: str, language: str) -> str:
    """A range of days is dated by its first day: dateparser reads "April 22 and 23" as April 2023, or as
    nothing. The rest of the range is blanked out (same length: offsets into the text still hold)."""
    months = _vocabulary(language)[0]

    def first_day(match: re.Match) -> str:
        before = re.findall(r"[^\W\d_]+", text[max(0, match.start() - _MONTH_NEARBY):match.start()])
        after = re.findall(r"[^\W\d_]+", text[match.end():match.end() + _MONTH_NEARBY])
        if after and after[0].casefold() in months:
            return match.group(1) + " " * len(match.group(2))  # "22 and 23 April"
        if before and before[-1].casefold() in months:
            # "April 22 and 23 before switching": a comma ends the date, or dateparser reads on into "22 before"
            return match.group(1) + "," + " " * (len(match.group(2)) - 1)
        return match.group(0)

    return _day_range(language).sub(first_day, text)


def _month_alternation(language: str) -> str:
    """The language's month names as a regular expression's alternatives, longest first."""
    return "|".join(re.escape(m) for m in sorted(_vocabulary(language)[0], key=len, reverse=True))


@lru_cache(maxsize=None)
def _month_range(language: str) -> re.Pattern:
    """"between January and April 2020", "tra gennaio e aprile 2020", "de enero a abril de 2020": two months
    joined by a dash or a joiner (``day_range_joiners`` and ``month_range_joiners``), the year after the second."""
    lexicon = load_lexicon(language).data
    joiners = {str(w) for w in (lexicon.get("day_range_joiners") or []) + (lexicon.get("month_range_joiners") or [])}
    words = "|".join(re.escape(w) for w in sorted(joiners, key=len, reverse=True))
    months = _month_alternation(language)
    joint = rf"(?:\s*[-–—]\s*|\s+(?:{words})\s+)"
    return re.compile(rf"(?i)\b({months})({joint}(?:{months}))(?=\s+(?:\w{{1,3}}\s+)?\d{{4}}\b)")


def _first_month_of_ranges(text: str, language: str) -> str:
    """A range of months is dated by its first month in the year that closes the range: dateparser reads
    "gennaio e aprile 2020" as nothing, and "January" alone in the article's year. The joiner and the second
    month are blanked out (same length: offsets into the text still hold)."""
    return _month_range(language).sub(lambda m: m.group(1) + " " * len(m.group(2)), text)


@lru_cache(maxsize=None)
def _month_year_link(language: str) -> re.Pattern | None:
    links = load_lexicon(language).data.get("month_year_links") or []
    if not links:
        return None
    words = "|".join(re.escape(str(w)) for w in links)
    months = _month_alternation(language)
    return re.compile(rf"(?i)\b(?:{months})\s+({words})(?=\s+\d{{4}}\b)")


def _month_year_linked(text: str, language: str) -> str:
    """"agosto del 2023": a word linking a month to its year (``month_year_links``) hides the year from
    dateparser, which then reads the month in the article's year; it is blanked out (same length)."""
    pattern = _month_year_link(language)
    return text if pattern is None else pattern.sub(
        lambda m: m.group(0)[:m.start(1) - m.start(0)] + " " * len(m.group(1)), text)


def _dateparser_dates(text: str, language: str, base_dt: datetime | None,
                      wanted: Callable[[str, str], bool] | None = None) -> list[DateMention]:
    """dateparser's finds in ``text`` that are real dates, at their precision.

    Each search costs a millisecond or more per stretch of date-like words dateparser tries to parse
    ("we", "secondo", "in" included), so only the windows that may hold a date it would keep are searched
    (and, given ``wanted``, only those whose text it accepts).
    """
    settings = _settings(base_dt, language not in EITHER_ORDER)
    mentions: list[DateMention] = []
    for start, end in _date_windows(text, language, settings):
        if wanted is not None and not wanted(text[start:end], language):
            continue
        mentions += [DateMention(m.start + start, m.end + start, m.iso, m.precision)
                     for m in _search_window(text[start:end], language, base_dt, settings)]
    return mentions


@lru_cache(maxsize=64)
def _settings(base_dt: datetime | None, day_first: bool = False):
    """One dateparser settings object per base date, built as ``search_dates`` builds it from a dict.
    ``day_first``: a date in figures puts the day first ("08/11/2023" is 8 November in French)."""
    from dateparser.conf import settings as defaults

    _widen_strptime_cache()
    mods = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if day_first:
        mods["DATE_ORDER"] = "DMY"
    if base_dt is not None:
        mods["RELATIVE_BASE"] = base_dt
    return defaults.replace(mod_settings=mods, **mods)


# dateparser reads numbers through its own copy of the standard library's _strptime module (made so that
# month names stay English whatever the locale), whose cache keeps 5 compiled formats: one search tries some
# 15 formats in turn, so each was compiled again on every search. A larger cache changes only the time taken.
STRPTIME_CACHE_SIZE = 100


@lru_cache(maxsize=1)
def _widen_strptime_cache() -> None:
    import dateparser.utils.strptime  # noqa: F401  (makes the copy, registered as "strptime_patched")

    patched = sys.modules.get("strptime_patched")
    if patched is not None and getattr(patched, "_CACHE_MAX_SIZE", STRPTIME_CACHE_SIZE) < STRPTIME_CACHE_SIZE:
        patched._CACHE_MAX_SIZE = STRPTIME_CACHE_SIZE


def _date_windows(text: str, language: str, settings) -> list[tuple[int, int]]:
    """Character spans of ``text`` to search: around each group of dateparser's chunks (runs of words its
    dictionary knows, and numbers) that holds a year, a month name or a word like "today" — the only finds
    ``_precision`` keeps — from the word before the group to the word after it."""
    words = [match.span() for match in _TOKEN.finditer(text)]
    cues = _cue_words(text, language, words)
    windows: list[tuple[int, int]] = []
    for index, (start, end) in enumerate(words):
        if index not in cues or (windows and start < windows[-1][1]):
            continue  # a cue inside the last window is searched with it
        window = _window_around(text, words, index, language, settings)
        if window == (0, len(text)):
            return [window]
        windows.append(window)
    return windows


def _cue_words(text: str, language: str, words: list[tuple[int, int]]) -> set[int]:
    """Indices of the ``words`` (spans of ``text`` between white space) that hold a year or a calendar word,
    as ``_has_date_cue(word, language, stems=False)`` tells word by word: years and runs of letters never
    cross white space, so those of the whole text are those of its words."""
    months, days = _vocabulary(language)
    hits = [match.start() for match in _YEAR.finditer(text)]
    hits += [match.start() for match in _WORD.finditer(text)
             if _is_calendar_word(match.group(), language, months, days)]
    starts = [start for start, _ in words]
    return {bisect_right(starts, hit) - 1 for hit in hits}


def _window_around(text: str, words: list[tuple[int, int]], cue: int, language: str,
                   settings) -> tuple[int, int]:
    """The window around the chunk group that holds word ``cue``, found by reading a few words around it.

    dateparser reads each word with its neighbours ("a day" is one entry of its dictionary), so a group is
    cut as in the whole text when the words on either side of it belong to no chunk and have their own
    outer neighbour read too. Otherwise more words are read, up to the whole text.
    """
    reach = WINDOW_REACH
    while True:
        low, high = max(0, cue - reach), min(len(words), cue + reach + 1)
        if low == 0 and high == len(words):
            return (0, len(text))
        offset = words[low][0] if low else 0
        groups = _chunk_groups(text, offset, words[high - 1][1] if high < len(words) else len(text),
                               language, settings)
        if groups is None:
            return (0, len(text))
        window = _bounded_window(words, low, high, cue, groups, len(text))
        if window is not None:
            return window
        reach *= 2


def _bounded_window(words: list[tuple[int, int]], low: int, high: int, cue: int,
                    groups: list[tuple[int, int]], length: int) -> tuple[int, int] | None:
    """From the word before the cue's group to the word after it, if the region ``words[low:high]`` shows
    that both end the group; None if it does not."""
    cue_start, cue_end = words[cue]
    group = next((g for g in groups if g[0] < cue_end and cue_start < g[1]), None)
    if group is None:
        return None
    before = next((i for i in range(cue, low - 1, -1) if words[i][1] <= group[0]), None)
    after = next((i for i in range(cue, high) if words[i][0] >= group[1]), None)
    at_start, at_end = low == 0, high == len(words)
    if before is None:
        start_ok = at_start
    else:
        start_ok = (before > low or at_start) and not _in_groups(words[before], groups)
    if after is None:
        end_ok = at_end
    else:
        end_ok = (after < high - 1 or at_end) and not _in_groups(words[after], groups)
    if not (start_ok and end_ok):
        return None
    return (words[before][0] if before is not None else 0, words[after][1] if after is not None else length)


def _in_groups(word: tuple[int, int], groups: list[tuple[int, int]]) -> bool:
    return any(start < word[1] and word[0] < end for start, end in groups)


def _chunk_groups(text: str, start: int, end: int, language: str, settings) -> list[tuple[int, int]] | None:
    """dateparser's chunks of ``text[start:end]`` as spans of ``text``, those with only spaces and punctuation
    between them joined; None when dateparser fails on the text or a chunk cannot be placed in it."""
    from dateparser.languages.loader import default_loader

    region = text[start:end]
    try:
        _, chunks = default_loader.get_locale(language).translate_search(region, settings=settings)
    except Exception:  # as in _search_window: dateparser raises on some odd inputs
        return None
    spans = _chunk_spans(region, chunks)
    if spans is None:
        return None
    groups: list[tuple[int, int]] = []
    for chunk_start, chunk_end in spans:
        if groups and not _ALNUM.search(region, groups[-1][1], chunk_start):
            groups[-1] = (groups[-1][0], chunk_end)
        else:
            groups.append((chunk_start, chunk_end))
    return [(s + start, e + start) for s, e in groups]


def _chunk_spans(text: str, chunks: list[str]) -> list[tuple[int, int]] | None:
    """Where each chunk stands in ``text``, in order; dateparser joins a chunk's words with single spaces."""
    spans = []
    cursor = 0
    for chunk in chunks:
        words = chunk.split()
        if not words:
            continue
        pattern = r"\s*".join(re.escape(word) for word in words)
        if words[0][0].isalnum():
            pattern = r"(?<!\w)" + pattern
        if words[-1][-1].isalnum():
            pattern += r"(?!\w)"
        match = re.compile(pattern).search(text, cursor)
        if match is None:
            return None
        spans.append(match.span())
        cursor = match.end()
    return spans


def _search_window(text: str, language: str, base_dt: datetime | None, settings) -> list[DateMention]:
    from dateparser.search import search_dates

    try:
        found = search_dates(text, languages=[language], settings=settings) or []
    except Exception:  # dateparser raises on some odd inputs; a date is never worth a crash
        return []
    months, days = _vocabulary(language)
    mentions: list[DateMention] = []
    cursor = 0
    for expression, value in found:
        if base_dt is not None and not _YEAR.search(expression) and abs(value.year - base_dt.year) > 1:
            # a two-digit number read as the year: "2 novembre, circa 60 container" is not 2 November 1960
            expression, value = _without_number_after_comma(expression, language, settings)
            if expression is None:
                continue
        start, end = _locate(text, expression, cursor)
        if start < 0:
            continue
        cursor = end
        precision = _precision(expression, language, months, days)
        if precision is None:
            continue
        if base_dt is None and not _YEAR.search(expression):
            continue
        year = _YEAR.search(expression)
        if year and int(year.group(1)) != value.year:
            if precision != "year":
                continue  # dateparser misread the expression
            value = value.replace(year=int(year.group(1)), month=1, day=1)
        iso = value.date().isoformat()[: {"year": 4, "month": 7, "day": 10}[precision]]
        mentions.append(DateMention(start, end, iso, precision))
    return mentions


def _without_number_after_comma(expression: str, language: str, settings):
    """The find re-read up to its first comma or semicolon, or (None, None) when that is not a date either."""
    from dateparser.search import search_dates

    head = re.split(r"[,;]", expression, maxsplit=1)[0].rstrip()
    if head == expression:
        return None, None
    try:
        found = search_dates(head, languages=[language], settings=settings) or []
    except Exception:  # as in _search_window
        return None, None
    return found[0] if found and found[0][0] == head else (None, None)


def _locate(text: str, expression: str, cursor: int) -> tuple[int, int]:
    """Where dateparser's find stands in ``text`` from ``cursor``; it may have joined words with one space
    where the text has more ("Sept  13" once the abbreviation's period is read as a space)."""
    start = text.find(expression, cursor)
    if start >= 0:
        return start, start + len(expression)
    match = re.compile(r"\s+".join(re.escape(word) for word in expression.split())).search(text, cursor)
    return match.span() if match else (-1, -1)


def _has_date_cue(text: str, language: str, stems: bool = True) -> bool:
    """A year or a calendar word: besides these, ``_precision`` keeps nothing dateparser finds.

    ``stems``: also an inflected month name, which ``_inflected_months`` reads (dateparser's finds are
    kept by the forms it knows)."""
    return bool(_YEAR.search(text)) or _has_calendar_word(text, language, stems)


def _may_hold_full_date(text: str, language: str) -> bool:
    """A year and a day (a word like "today", or a month name with a day's number): without them nothing
    dateparser finds in ``text`` is kept as a full date."""
    if not _YEAR.search(text):
        return False
    months, days = _vocabulary(language)
    if any(word.casefold() in days for word in _WORD.findall(text)):
        return True
    return _precision(text, language, months, days) == "day"


def _has_calendar_word(text: str, language: str, stems: bool = True) -> bool:
    """A month name (capitalised where the language writes it so) or a word like "today"; with ``stems``,
    also an inflected month name in the languages that inflect them.

    Besides a year, these are the only words ``_precision`` accepts a date by.
    """
    months, days = _vocabulary(language)
    if any(_is_calendar_word(word, language, months, days) for word in _WORD.findall(text)):
        return True
    return stems and language in INFLECTED_MONTHS and next(_month_matches(text, language), None) is not None


def _is_calendar_word(word: str, language: str, months: frozenset[str], days: frozenset[str]) -> bool:
    folded = word.casefold()
    return folded in days or (folded in months and (language not in CAPITALISED_MONTHS or word[0].isupper()))


@lru_cache(maxsize=None)
def _month_pattern(language: str) -> re.Pattern:
    from dateparser.languages.loader import default_loader

    info = default_loader.get_locale(language).info
    stems = []
    for number, key in enumerate(MONTH_KEYS, start=1):
        forms = [w.casefold() for w in info.get(key, []) if len(w) >= 3 and "." not in w]
        stem = os.path.commonprefix(forms)  # "ма" for май/мая, so that "мае" matches too (checked by lemma)
        stems.append(f"(?P<m{number}>{re.escape(stem)}\\w*)")
    return re.compile(r"(?:(?P<day>[0-3]?\d)\s+)?(?:" + "|".join(stems) + r")(?:\s+(?P<year>\d{4}))?",
                      re.IGNORECASE)


def _month_matches(text: str, language: str):
    """(match, month number) of each month name in ``_month_pattern``, in any case ("в марте", "у березні").

    The pattern takes a month's shortest form and any ending, so it also matches words that merely begin
    like one ("Мария", "маршал", "через", "група"): a match counts only when pymorphy3 gives the word a
    lemma among the month's own forms.
    """
    for match in _month_pattern(language).finditer(text):
        if match.start() > 0 and text[match.start() - 1].isalpha():
            continue
        month = next(int(k[1:]) for k, v in match.groupdict().items() if k.startswith("m") and v)
        if _lemmas(match.group(f"m{month}").casefold(), language) & _month_lemmas(language, month):
            yield match, month


@lru_cache(maxsize=None)
def _month_lemmas(language: str, month: int) -> frozenset[str]:
    """The lemmas of the month's longest form in dateparser's data (its full name in the genitive): not
    its abbreviations, which can be words of their own (Ukrainian "лист", a letter, for листопад)."""
    from dateparser.languages.loader import default_loader

    forms = [w.casefold() for w in default_loader.get_locale(language).info.get(MONTH_KEYS[month - 1], [])]
    return _lemmas(max(forms, key=len), language)


@lru_cache(maxsize=4096)
def _lemmas(word: str, language: str) -> frozenset[str]:
    return frozenset(parse.normal_form for parse in analyzer(language).parse(word))


def _inflected_months(text: str, language: str, base_dt: datetime | None,
                      mentions: list[DateMention]) -> list[DateMention]:
    """Month expressions in an inflected case, which dateparser's search misses or misreads.

    Where such an expression stands, dateparser's own find there ("2022 года" read as year 4) is dropped.
    """
    found: list[DateMention] = []
    for match, month in _month_matches(text, language):
        year = int(match.group("year")) if match.group("year") else None
        if year is None:
            if base_dt is None:
                continue
            year = base_dt.year if month <= base_dt.month else base_dt.year - 1
        day = int(match.group("day")) if match.group("day") else None
        try:
            iso, precision = (date(year, month, day).isoformat(), "day") if day else (f"{year:04d}-{month:02d}", "month")
        except ValueError:
            continue
        found.append(DateMention(match.start(), match.end(), iso, precision))
    kept = [m for m in mentions if not any(f.start < m.end and m.start < f.end for f in found)]
    return kept + found


_ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_NUMERIC_DAY = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./]\d{4}\b")
# Languages whose writers put the month first in a numeric date as often as the day ("08/11/2023"): there a
# numeric date is read to the day only when one of its numbers cannot be a month.
EITHER_ORDER = {"en"}


def _numeric_day(expression: str, language: str) -> bool:
    """A date written in figures ("24/09/2024", "14.04.2024", "2024-09-24") that dateparser read to the day."""
    if _ISO_DAY.search(expression):
        return True
    match = _NUMERIC_DAY.search(expression)
    if match is None:
        return False
    first, second = int(match.group(1)), int(match.group(2))
    return language not in EITHER_ORDER or max(first, second) > 12


def _precision(expression: str, language: str, months: frozenset[str], days: frozenset[str]) -> str | None:
    words = _WORD.findall(expression)
    lowered = [w.casefold() for w in words]
    month_words = [w for w, low in zip(words, lowered) if low in months]
    if language in CAPITALISED_MONTHS:
        month_words = [w for w in month_words if w[0].isupper()]
    has_year = bool(_YEAR.search(expression))
    without_year = _YEAR.sub(" ", expression)
    has_day = any(1 <= int(d) <= 31 for d in _DAY.findall(without_year)) and bool(month_words)
    if has_day or _numeric_day(expression, language):
        return "day"
    if month_words:
        return "month"
    if any(low in days for low in lowered):
        return "day"
    if has_year and not re.search(r"\d{1,2}:\d\d", expression):
        return "year"
    return None


def _base_datetime(base: str | None) -> datetime | None:
    if not base:
        return None
    parts = [int(p) for p in base.split("-")] + [1, 1]
    return datetime(parts[0], parts[1], parts[2])


def latest_full_date(text: str, language: str) -> str | None:
    """The latest fully given date (day, month and year) in a text: the article's date when none is known.

    Without a base date only expressions naming their year are kept, so a line without a year and a
    day (a month name with a day's number, or a word like "today") holds no full date; dateparser reads each
    line on its own anyway (it splits sentences at line breaks), so only the lines that may hold one are
    handed to it (what a window of a line holds, the line holds too: a line that cannot hold one has no
    window that can).
    """
    mentions: list[DateMention] = []
    for line in _LINE.finditer(text):
        if _may_hold_full_date(line.group(), language):
            mentions += [DateMention(m.start + line.start(), m.end + line.start(), m.iso, m.precision)
                         for m in _dateparser_dates(line.group(), language, None, _may_hold_full_date)]
    if language in INFLECTED_MONTHS:
        mentions = _inflected_months(text, language, None, mentions)
    # ISO dates of one precision sort as the dates do
    return max((m.iso for m in mentions if m.precision == "day"), default=None)


__all__ = ["DateMention", "find_dates", "latest_full_date", "precision_of"]
