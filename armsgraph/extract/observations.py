"""Observations: what was imaged, photographed, tracked or detected, where, when, by whom, and how many.

An observation needs a cue (satellite imagery, photos, ship tracking, "were
detected") and a site (a location entity) in the same sentence.  The observer
is the organisation named with it, or the source the next sentence credits
("This is reported by Beyond Parallel"); caveats are the hedging sentences
that follow it ("tarps make identification impossible").
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from functools import lru_cache
from dataclasses import dataclass, field

from armsgraph.extract.attribution import according_to
from armsgraph.extract.dates import DateMention, is_year_word, range_joiners
from armsgraph.extract.resources import load_lexicon
from armsgraph.extract.sentence import SentenceView

KINDS = ("satellite_imagery", "ship_tracking", "photo", "other")
CAVEAT_REACH = 8  # sentences after the observation in which a caveat still refers to it
_NUMBER = re.compile(r"^\d{1,3}(?:[,.\u202f ]\d{3})*$|^\d+$")


@dataclass
class ObservationDraft:
    kind: str
    sentence: int  # index of the sentence
    site: str
    start: int  # character offsets
    end: int
    observed_on: str | None = None
    observed_precision: str | None = None
    observer: str | None = None
    counts: list[tuple[str, int]] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)
    supports: list[str] = field(default_factory=list)
    dated_by_report: bool = False  # its date is the report's ("published on Thursday"), the only one it gives
    site_country: str | None = None  # the state a site the gazetteer lacks lies in, by the names beside it


def observation_kind(view: SentenceView) -> str | None:
    """The first kind (in ``KINDS`` order) whose cue the sentence holds, not counting a cue inside a longer one of
    another kind ("tracking data" in "flight-tracking data")."""
    spans = {kind: [(i, view.cues.starts(i, f"observations:{kind}"))
                    for i in view.cues.starts_in(f"observations:{kind}", view.start, view.end)] for kind in KINDS}
    return next((kind for kind in KINDS if any(
        not any(a <= i and j <= b and b - a > j - i for other in KINDS if other != kind for a, b in spans[other])
        for i, j in spans[kind])), None)


@dataclass
class Scene:
    """The place the text last named, and that sentence's dates: "The ship docked at Simon's Town from Dec. 6
    to Dec. 8. Ship-tracking data showed the vessel switched off its transponder" observes it there."""
    site: str
    sentence: int
    dates: Callable[[], list[DateMention]]


SCENE_REACH = 2  # sentences after naming a place in which an observation with no place of its own is there


def find_observation(view: SentenceView, index: int, lazy_dates: Callable[[], list[DateMention]],
                     sentence_offset: int, scene: Scene | None = None,
                     just_observed: bool = False, named_site: str | None = None) -> ObservationDraft | None:
    """The observation the sentence reports; with no place named, the ``scene`` of the last sentences, or
    the site the article last named when the sentence points back at it ("a satellite image of the planned
    site", the lexicon's ``site_anaphors``)."""
    kind = observation_kind(view)
    if kind is None:
        return None
    if scene is not None and (view.locations or index - scene.sentence > SCENE_REACH
                              or _not_a_scene(view, kind, just_observed)):
        scene = None
    # the place can only be a site named before; so it is when the sentence points back at it and names
    # other places only as where things came from ("sur ce même wharf ... un navire en provenance de Floride")
    only_origins = bool(view.locations) and all(_role_marking(view, m.start) == "source" for m in view.locations)
    pointed_at = scene is None and (not view.locations or only_origins) and _points_back(
        view, named_site, just_observed)
    if scene is None and not view.locations and not pointed_at:
        return None  # no place: the sentence's dates, the costliest thing to read here, are left unread
    dates = [d for d in lazy_dates() if not _counted_year(view, d, sentence_offset)]
    # a report's date only when the sentence gives no other ("Una foto diffusa venerdì ... mostra"); the
    # pass may still find the sighting's date in the next sentence (``dated_by_report``)
    seen = [d for d in dates if not _report_date(view, d, sentence_offset)]
    dated_by_report = bool(dates) and not seen
    dates = seen or dates
    if pointed_at:
        if not dates:
            return None
        scene = Scene(named_site, index, lambda: [])
    site = scene.site if pointed_at or not view.locations else _site(view, kind)
    if not dates and scene is not None:
        dates = [DateMention(0, 0, d.iso, d.precision) for d in scene.dates()]  # offsets are the scene's
        if not dates:
            return None  # a scene with no date is too loose a tie ("ships that switch off their transponders")
    start, end = _trim(view.cues.text, *view.cues.words.char_span(view.start, view.end))
    draft = ObservationDraft(kind, index, site, start, end, dated_by_report=dated_by_report,
                             site_country=_country_beside(view, site))
    if dates:
        site_span = next(((view.cues.words.starts[m.start] - sentence_offset,
                           view.cues.words.starts[m.end - 1] + len(view.texts[m.end - 1]) - sentence_offset)
                          for m in view.locations if m.entity == site), None)
        best = most_precise(dates, near=site_span)
        draft.observed_on, draft.observed_precision = best.iso, best.precision
    observer = next((a for a in view.actors if a.mention.type == "organization"
                     and a.marker in ("agent", None)), None)
    # "Selon un rapport du RUSI, des images satellites ...": the source the sentence cites
    draft.observer = observer.entity if observer else according_to(view, unnamed=False)
    draft.counts = _counts(view, dates, sentence_offset)
    return draft


def most_precise(dates: list[DateMention], near: tuple[int, int] | None = None) -> DateMention:
    """The most precise date; of equals, one not read off a weekday ("un rapport publié lundi" dates the report
    more often than the images), then the one nearest the site (its characters ``near``): "ha lasciato il porto
    della Spezia lunedì 10 febbraio ed era ieri sera in rada a Porto Said" is at Port Said yesterday."""
    def distance(d: DateMention) -> int:
        return 0 if near is None else max(near[0] - d.end, d.start - near[1], 0)
    return min(dates, key=lambda d: ({"day": 0, "month": 1, "year": 2}[d.precision], d.weekday, distance(d)))


def _country_beside(view: SentenceView, site: str) -> str | None:
    """The state named nearest to the site in its sentence ("aeropuerto Diori Hamani de Niamey", "авиабазы
    Сунан под Пхеньяном"): where a site the gazetteer lacks lies."""
    at = next((m.start for m in view.locations if m.entity == site), None)
    countries = [a for a in view.actors if a.mention.type == "country"]
    if at is None or not countries:
        return None
    return min(countries, key=lambda a: abs(a.start - at)).entity


PUBLISHED_REACH = 5  # words from "published" to the date it gives ("emitidas por RTN el jueves")


def _report_date(view: SentenceView, date: DateMention, sentence_offset: int) -> bool:
    """A date right after a publishing word dates the report, not what it shows: "Спутниковые снимки,
    опубликованные в четверг", "Las imágenes emitidas por RTN el jueves" (the lexicon's ``published``)."""
    first = bisect_left(view.cues.words.starts, date.start + sentence_offset, view.start, view.end)
    if first >= view.end:
        return False
    for k in range(first - 1, max(view.start, first - PUBLISHED_REACH) - 1, -1):
        if view.texts[k] in {",", ";", ":"}:
            return False
        if view.cues.has(k, "observations:published"):
            return True
    return False


def _points_back(view: SentenceView, named_site: str | None, just_observed: bool) -> bool:
    """The sentence points back at the site the article last named ("a satellite image of the planned site",
    the lexicon's ``site_anaphors``), and is no caveat of the observation just made."""
    return bool(named_site) and not (
        just_observed and view.cues.any_in("observations:caveats", view.start, view.end)) and (
        view.cues.any_in("observations:site_anaphors", view.start, view.end))


def _not_a_scene(view: SentenceView, kind: str | None, just_observed: bool) -> bool:
    """A sentence that qualifies the observation just made ("the images cannot show what the cars carried")
    or credits a picture ("REUTERS/... File Photo", "Photo: AP") observes nothing of its own."""
    if kind is None or (just_observed and view.cues.any_in("observations:caveats", view.start, view.end)):
        return True
    cue = view.cues.first_in(f"observations:{kind}", view.start, view.end)
    if cue is None:
        return False
    credit = cue > view.start or (cue + 1 < view.end and view.texts[cue + 1] == ":")
    return view.texts[cue][:1].isupper() and credit


def _site(view: SentenceView, kind: str) -> str:
    """The first site the gazetteer knows, else the first place named, a region, sea or city last: in "73
    Güterwagen am Bahnhof Tumangang" German's capitalised nouns may pass for an unknown name before the rail
    yard; in "la base aérienne 101 de Bamako-Sénou ... au Sahel" the base the gazetteer lacks is the site.
    Where the word for the images opens a clause of its own after other places, the places in that clause:
    "ships made 11 trips between Rajin and Dunai, and that imagery from Jan. 8 showed the Maia-1 at Vostochny
    port"."""
    # of equals, where a movement went to, not where it set out from: "flights by Il-76 freighters from Al
    # Dhafra Air Base near Abu Dhabi to Harar Meda"
    roles = {m.start: _role_marking(view, m.start) for m in view.locations}
    moved = "source" in roles.values()

    def rank(mention) -> tuple[int, int]:
        info = view.entity_info[mention.entity]
        role = roles[mention.start]
        order = 2 if role == "source" else 0 if moved and role == "goal" else 1
        if info.known and info.kind in WIDE_PLACES:
            return 2, order
        return (0 if info.known else 1), order
    cue = view.cues.first_in(f"observations:{kind}", view.start, view.end)
    clause = view.clause_start(cue)
    own = [m for m in view.locations if m.start >= clause]
    return min(own if clause > view.start and own else view.locations, key=rank).entity


def _role_marking(view: SentenceView, start: int) -> str | None:
    """The role of the marker right before a place ("from", "to": the lexicon's markers; "leaving", "partiti
    da": its ``departed_from``, a source), a determiner or two between."""
    k = view.before_determiners(start)
    if k < view.start:
        return None
    if view.cues.has(k, "observations:departed_from"):
        return "source"
    marker = view.cues.marker_at(k)
    if marker is None or marker[1] != k + 1:
        return None
    if marker[0] == "source" and view.cues.has(k, "marker:genitive"):
        return None  # "au wharf de Port-de-Paix": "de" is "of" as often as "from"
    return marker[0]


WIDE_PLACES = {"region", "sea", "city", "peninsula", "river", "strait"}  # no site an image points back at


def site_named(view: SentenceView, observed: str | None = None) -> str | None:
    """A site the sentence names (a factory, port, base, rail yard…), not a region, sea or city: what a
    later "image of the planned site" points back at. The site of the sentence's observation if it made one,
    else the first."""
    if observed is not None and any(m.entity == observed for m in view.locations):
        return observed  # where something was seen, a city or not ("au wharf de Port-de-Paix")
    return next((m.entity for m in view.locations if view.entity_info[m.entity].kind not in WIDE_PLACES), None)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _counted_year(view: SentenceView, date: DateMention, sentence_offset: int) -> bool:
    """dateparser reads any four-digit number as a year; in an observation "2000 containers" (a number
    right before a lower-case word that is no stop word) is a count ("in 2023 alone" stays a year)."""
    if date.precision != "year":
        return False  # "le 7 octobre 2023 montrent ...": a day's date is a date
    start, end = date.start + sentence_offset, date.end + sentence_offset
    number = next((t for t in view.sent if start <= t.idx < end and t.is_digit and len(t.text) == 4), None)
    return number is not None and number.idx + len(number.text) == end and _before_counted_word(view, number.i)


def _before_counted_word(view: SentenceView, i: int) -> bool:
    following = view.doc[i + 1] if i + 1 < view.end else None
    return following is not None and following.is_alpha and following.is_lower and not following.is_stop


def _counted_words(view: SentenceView, start: int) -> list:
    """The words right after a number, up to a stop word or a preposition: "73 вагона на станции" counts
    "вагона", not the station; "1,000 Shahed-136 drones" reads past the designation's digits."""
    words = []
    for t in view.doc[start: min(view.end, start + 3)]:
        if t.is_stop or view.cues.marker_at(t.i):
            break
        if t.is_alpha:
            words.append(t)
    return words


@lru_cache(maxsize=None)
def _number_words(language: str) -> dict[str, int]:
    """The lexicon's numbers in words, lower-cased: {"quattro": 4, "veintena": 20}."""
    return {str(k).casefold(): int(v) for k, v in (load_lexicon(language).data.get("number_words") or {}).items()}


def _ends_a_day_range(view: SentenceView, i: int, in_dates: list[tuple[int, int]]) -> bool:
    """A number joined by "and", "to" or a dash to a date before it ("April 22 and 23", "du 12 au 15")."""
    link = i - 1
    if link - 1 < view.start or view.texts[link].casefold() not in range_joiners(view.doc.lang_):
        return False
    before = view.doc[link - 1].idx
    return any(s <= before < e for s, e in in_dates)


def _counts(view: SentenceView, dates: list[DateMention], sentence_offset: int) -> list[tuple[str, int]]:
    in_dates = [(d.start + sentence_offset, d.end + sentence_offset) for d in dates]
    named = [(m.start, m.end) for m in view.mentions]  # "38 North" is a name, not 38 of something
    counts = []
    spelled = _number_words(view.doc.lang_)
    # a number right before a designation counts it: "three Il-76", "tre Il-76" ("Il" is also an article)
    items = {m.start: m for m in view.items}

    def designation_after(i: int) -> str | None:
        return view.doc[i + 1:items[i + 1].end].text if i + 1 in items else None

    for token in view.sent:
        if token.lower_ in spelled and not any(s <= token.i < e for s, e in named):
            # "mostra quattro MiG-29", "una veintena de hombres": a number in words counts only what follows it
            # (past one linking word: "una veintena de")
            if (designation := designation_after(token.i)) is not None:
                counts.append((designation, spelled[token.lower_]))
                continue
            linked = token.i + 1 < view.end and view.doc[token.i + 1].is_stop
            after = _counted_words(view, token.i + 1) or (_counted_words(view, token.i + 2) if linked else [])
            if after and not view.cues.has(after[0].i, "observations:units"):
                counts.append((" ".join(t.text for t in after[:2]), spelled[token.lower_]))
            continue
        if not _NUMBER.match(token.text) or any(s <= token.idx < e for s, e in in_dates) or any(
                s <= token.i < e for s, e in named):
            continue
        if is_year_word(token.text) and not _before_counted_word(view, token.i):
            continue  # a year
        if _ends_a_day_range(view, token.i, in_dates):
            continue  # "on April 22 and 23": the last day of the range dated by its first
        if token.i > view.start and view.cues.has(token.i - 1, "type_cue:location"):
            continue  # a site's number: "la base aérienne 101", "Air Base 101"
        if any(e == token.i for _, e in named):
            continue  # a model's number after its maker: "un Boeing 747 de carga"
        value = int(re.sub(r"\D", "", token.text))
        if (designation := designation_after(token.i)) is not None:
            counts.append((designation, value))
            continue
        after = _counted_words(view, token.i + 1)
        if after and view.cues.has(after[0].i, "observations:units"):
            continue  # a distance, a sum or a share, not a number of things seen (the lexicon's units)
        what = " ".join(t.text for t in after[:2])
        if not what:
            before = [t for t in view.doc[view.start: token.i] if t.is_alpha and not t.is_stop]
            what = " ".join(t.text for t in before[-2:])
        counts.append((what, value))
    return counts
