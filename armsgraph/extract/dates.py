"""Dates in running text, resolved against the article's date, at the precision the text gives.

dateparser does the finding and the calendar work in every language; this
module only decides which of its finds are real dates (it also reads "we" as
Wednesday and "may" as May) and how precise each one is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from armsgraph.schema import precision_of

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_WORD = re.compile(r"[^\W\d_]+")
_LINE = re.compile(r"[^\r\n]+")
_DAY = re.compile(r"\b([0-3]?\d)(?:st|nd|rd|th|er|º|°)?\b")
# Languages that write month names with a capital: there a lower-case "may" is the modal verb.
CAPITALISED_MONTHS = {"en", "de"}
# Languages whose month names inflect ("в ноябре", "у жовтні"), forms dateparser's search misses:
# for them month words are also recognised by their stem from dateparser's own abbreviations.
INFLECTED_MONTHS = {"ru", "uk"}
MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december")


@dataclass(frozen=True)
class DateMention:
    start: int  # character offsets into the text given
    end: int
    iso: str
    precision: str  # year | month | day


@lru_cache(maxsize=None)
def _vocabulary(language: str) -> tuple[frozenset[str], frozenset[str]]:
    """Month names and words for today/yesterday/tomorrow, from dateparser's language data."""
    from dateparser.languages.loader import default_loader

    info = default_loader.get_locale(language).info
    months = set()
    for key in MONTH_KEYS:
        months.update(word.casefold() for word in info.get(key, []) if len(word) >= 3 and "." not in word)
    relative = info.get("relative-type", {})
    days = set()
    for key in ("0 day ago", "1 day ago", "in 1 day"):
        days.update(word.casefold() for word in relative.get(key, []))
    return frozenset(months), frozenset(days)


def find_dates(text: str, language: str, base: str | None) -> list[DateMention]:
    """Every date expression in ``text`` with its ISO partial date.

    ``base`` (the article's date, ISO) resolves "13 September" and "today";
    without it, only expressions that carry their own year are kept.
    """
    if not (_YEAR.search(text) or _has_calendar_word(text, language)):
        return []  # nothing dateparser finds here would be kept (see _precision): spare the expensive search
    base_dt = _base_datetime(base)
    mentions = _dateparser_dates(text, language, base_dt)
    if language in INFLECTED_MONTHS:
        mentions = _inflected_months(text, language, base_dt, mentions)
    return sorted(mentions, key=lambda d: d.start)


def _dateparser_dates(text: str, language: str, base_dt: datetime | None) -> list[DateMention]:
    """dateparser's finds in ``text`` that are real dates, at their precision."""
    from dateparser.search import search_dates

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base_dt is not None:
        settings["RELATIVE_BASE"] = base_dt
    try:
        found = search_dates(text, languages=[language], settings=settings) or []
    except Exception:  # dateparser raises on some odd inputs; a date is never worth a crash
        return []
    months, days = _vocabulary(language)
    mentions: list[DateMention] = []
    cursor = 0
    for expression, value in found:
        start = text.find(expression, cursor)
        if start < 0:
            continue
        cursor = start + len(expression)
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
        mentions.append(DateMention(start, start + len(expression), iso, precision))
    return mentions


def _has_calendar_word(text: str, language: str) -> bool:
    """A month name (capitalised where the language writes it so) or a word like "today".

    Besides a year, these are the only words ``_precision`` accepts a date by.
    """
    months, days = _vocabulary(language)
    for word in _WORD.findall(text):
        folded = word.casefold()
        if folded in days or (folded in months and (language not in CAPITALISED_MONTHS or word[0].isupper())):
            return True
    return language in INFLECTED_MONTHS and _month_pattern(language).search(text) is not None


@lru_cache(maxsize=None)
def _month_pattern(language: str) -> re.Pattern:
    from dateparser.languages.loader import default_loader

    info = default_loader.get_locale(language).info
    stems = []
    for number, key in enumerate(MONTH_KEYS, start=1):
        forms = [w.casefold() for w in info.get(key, []) if len(w) >= 3 and "." not in w]
        stem = min(forms, key=len)
        stems.append(f"(?P<m{number}>{re.escape(stem)}\\w*)")
    return re.compile(r"(?:(?P<day>[0-3]?\d)\s+)?(?:" + "|".join(stems) + r")(?:\s+(?P<year>\d{4}))?",
                      re.IGNORECASE)


def _inflected_months(text: str, language: str, base_dt: datetime | None,
                      mentions: list[DateMention]) -> list[DateMention]:
    """Month expressions in an inflected case, which dateparser's search misses or misreads.

    Where such an expression stands, dateparser's own find there ("2022 года" read as year 4) is dropped.
    """
    found: list[DateMention] = []
    for match in _month_pattern(language).finditer(text):
        if match.start() > 0 and text[match.start() - 1].isalpha():
            continue
        month = next(int(k[1:]) for k, v in match.groupdict().items() if k.startswith("m") and v)
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


def _precision(expression: str, language: str, months: frozenset[str], days: frozenset[str]) -> str | None:
    words = _WORD.findall(expression)
    lowered = [w.casefold() for w in words]
    month_words = [w for w, low in zip(words, lowered) if low in months]
    if language in CAPITALISED_MONTHS:
        month_words = [w for w in month_words if w[0].isupper()]
    has_year = bool(_YEAR.search(expression))
    without_year = _YEAR.sub(" ", expression)
    has_day = any(1 <= int(d) <= 31 for d in _DAY.findall(without_year)) and bool(month_words)
    if has_day:
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
    calendar word holds no full date; dateparser reads each line on its own anyway (it splits sentences at
    line breaks), so only the lines that may hold one are handed to it.
    """
    mentions: list[DateMention] = []
    for line in _LINE.finditer(text):
        if _YEAR.search(line.group()) and _has_calendar_word(line.group(), language):
            mentions += [DateMention(m.start + line.start(), m.end + line.start(), m.iso, m.precision)
                         for m in _dateparser_dates(line.group(), language, None)]
    if language in INFLECTED_MONTHS:
        mentions = _inflected_months(text, language, None, mentions)
    # ISO dates of one precision sort as the dates do
    return max((m.iso for m in mentions if m.precision == "day"), default=None)


__all__ = ["DateMention", "find_dates", "latest_full_date", "precision_of"]
