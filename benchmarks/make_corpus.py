#!/usr/bin/env python3
"""Write a synthetic but realistic corpus of N articles, for ingest benchmarks at scale.

    python benchmarks/make_corpus.py N OUT_FOLDER [--seed S] [--republished 0.03]

Each article is ``OUT_FOLDER/NNN/aNNNNNNN.txt`` (1,000 per subfolder) with ``aNNNNNNN.meta.json`` beside
it (title, publisher, url, published, language: the fields ``armsgraph.reader`` accepts).

How an article is made, from the real articles in ``examples/articles`` (their ``.gold.json`` unused):

* The examples are extracted once; every entity mention the extractor found and the gazetteer can name
  back (a name, adjective or seat of government of the article's language) becomes a slot. Each
  example is cut into paragraphs and sentences.
* An article takes a language (en or it, as in the examples), a published date (2022-2025), a
  publisher and a headline from an example of that language, then 6-20 sentences taken as runs of
  1-4 consecutive sentences from random examples of that language, so that articles mix real sentence
  structures and are not near-duplicates of each other.
* Slots are filled per article: each entity of the examples keeps its own name with probability 0.3
  (the press keeps coming back to the same few states), otherwise it is consistently replaced by
  another gazetteer entry of the same type (countries by countries that have adjectives in the
  language, organisations of the same kind, materiel of the same category, people, locations of the
  same kind), written with that entry's alias of the same form in the article's language (Italian
  adjectives in the same gender and number), so the extractor still recognises it.
* Years move with the published date; day-and-month dates get a new day and month; other numbers
  (quantities, money) are scaled by a random factor; calibres (155mm) stay.
* ``--republished`` of the articles (3% by default) are a republication of an earlier article of the
  corpus (wire copy: another publisher, a dateline, the last paragraph cut), as real corpora hold some
  near-duplicates.

Deterministic for a seed: article i depends only on (seed, i). Streams: one file written at a time,
nothing of the corpus is held in memory.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from armsgraph.extract import extract
from armsgraph.extract.resources import load_gazetteer
from armsgraph.reader import iter_paths, read_documents

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"

KEEP_ORIGINAL = 0.3  # chance that an entity of the examples keeps its own name in an article
LANGUAGE_WEIGHTS = {"en": 0.75, "it": 0.25}
FIRST_DAY, LAST_DAY = date(2022, 1, 1), date(2025, 12, 31)
DEFAULT_YEAR = 2023  # for an example without a published date

PUBLISHERS = {
    "en": [("Reuters", "reuters.com"), ("Associated Press", "apnews.com"), ("BBC News", "bbc.co.uk"),
           ("The Guardian", "theguardian.com"), ("Financial Times", "ft.com"), ("Defense News", "defensenews.com"),
           ("Breaking Defense", "breakingdefense.com"), ("The War Zone", "twz.com"),
           ("Al Jazeera", "aljazeera.com"), ("The Kyiv Independent", "kyivindependent.com"),
           ("NK News", "nknews.org"), ("38 North", "38north.org"), ("The White House", "whitehouse.gov"),
           ("GOV.UK", "gov.uk"), ("U.S. Department of State", "state.gov"), ("Politico Europe", "politico.eu"),
           ("The Washington Post", "washingtonpost.com"), ("Radio Free Europe/Radio Liberty", "rferl.org")],
    "it": [("ANSA", "ansa.it"), ("Corriere della Sera", "corriere.it"), ("la Repubblica", "repubblica.it"),
           ("Il Sole 24 Ore", "ilsole24ore.com"), ("La Stampa", "lastampa.it"), ("Rai News", "rainews.it"),
           ("Il Post", "ilpost.it"), ("Analisi Difesa", "analisidifesa.it"), ("Il Foglio", "ilfoglio.it"),
           ("Formiche", "formiche.net")],
}
DATELINES = {"en": ["WASHINGTON", "LONDON", "KYIV", "SEOUL", "BRUSSELS", "DUBAI"],
             "it": ["ROMA", "MILANO", "BRUXELLES", "KIEV", "WASHINGTON"]}
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
           "ottobre", "novembre", "dicembre"],
}
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
NUMBER = re.compile(r"(?<![\w.,:-])(?P<number>\d{1,3}(?:,\d{3})*(?:\.\d+)?)(?![\w:]|[.,]\d)")
ARTICLE = re.compile(r"(?:the|la|il|lo|le|gli|i|l’|l')\s?\b", re.I)  # "degli la Repubblica" reads badly
PART_OF_A_NAME = re.compile(r"\b[A-Z][\w’']*\s$")  # a capitalised word just before a mention
SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z\u00c0-\u00dd“\"—(])")


# --- The examples as sentences with slots --------------------------------------------------------------

@dataclass(frozen=True)
class Slot:
    """An entity mention of an example: the entity, and the form and position of the alias written."""

    entity_id: str
    type: str
    form: str  # "name" | "adjective" | "seat" | "surname"
    index: int  # position of the alias among the entity's aliases of that form (gender/number for adjectives)
    upper: bool  # written in capitals ("MR. KIRBY:")
    text: str


@dataclass(frozen=True)
class Example:
    language: str
    year: int
    headline: list  # pieces: str or Slot
    paragraphs: list  # of sentences, each a list of pieces


def _aliases(entry, language: str, form: str) -> list[str]:
    names = [a.text for a in entry.aliases if a.language == language and a.form == form]
    if form == "name":
        return [entry.name] + [n for n in names if n != entry.name]
    return names


def _slot(entity, text: str, before: str, language: str, gazetteer) -> Slot | None:
    """The mention as a slot, if the gazetteer names it back in this language (else it stays text)."""
    entry = gazetteer.get(entity.id)
    if entry is None or not entity.known:
        return None
    if entry.type == "country" and PART_OF_A_NAME.search(before):
        return None  # "Democratic People’s Republic of Korea" read as South Korea: replaced, it would read oddly
    for form in ("name", "adjective", "seat"):
        for index, alias in enumerate(_aliases(entry, language, form)):
            if alias == text or (alias.lower() == text.lower() and text.isupper()):
                if entry.type == "person" and form == "name" and " " not in alias and " " in entry.name:
                    form = "surname"
                return Slot(entity.id, entry.type, form, index, alias != text, text)  # "MR. KIRBY:"
    return None


def _pieces(text: str, start: int, slots: list[tuple[int, int, Slot]]) -> list:
    """The text from ``start`` as literal strings and slots."""
    out, cursor = [], start
    for s, e, slot in slots:
        if s < start or e > start + len(text):
            continue
        out.append(text[cursor - start:s - start])
        out.append(slot)
        cursor = e
    out.append(text[cursor - start:])
    return [p for p in out if p != ""]


def _split_sentences(line: str, offset: int) -> list[tuple[int, str]]:
    out, cursor = [], 0
    for match in SENTENCE_END.finditer(line):
        out.append((offset + cursor, line[cursor:match.start()]))
        cursor = match.end()
    out.append((offset + cursor, line[cursor:]))
    return [(o, s) for o, s in out if s.strip()]


@lru_cache(maxsize=1)
def load_examples() -> dict[str, list[Example]]:
    gazetteer = load_gazetteer()
    by_language: dict[str, list[Example]] = {}
    for source in (s for path in iter_paths([EXAMPLES]) for s in read_documents(path)):
        result = extract(source)
        slots = []
        for entity in result.entities:
            for mention in entity.mentions:
                slot = _slot(entity, source.text[mention.start:mention.end], source.text[:mention.start],
                             source.language, gazetteer)
                if slot is not None:
                    slots.append((mention.start, mention.end, slot))
        slots.sort(key=lambda s: (s[0], -s[1]))
        kept, end = [], -1
        for s in slots:  # no overlapping slots
            if s[0] >= end:
                kept.append(s)
                end = s[1]
        lines, offset = [], 0
        for line in source.text.split("\n"):
            lines.append((offset, line))
            offset += len(line) + 1
        headline = _pieces(lines[0][1], 0, kept)
        paragraphs = []
        for start, line in lines[1:]:
            sentences = [_pieces(s, o, kept) for o, s in _split_sentences(line, start)]
            if sentences and sum(len(s) for _, s in _split_sentences(line, start)) > 40:  # not page debris
                paragraphs.append(sentences)
        year = int(source.published[:4]) if source.published else DEFAULT_YEAR
        by_language.setdefault(source.language, []).append(Example(source.language, year, headline, paragraphs))
    return by_language


# --- Replacement entities ------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def candidates(entity_id: str, language: str) -> list[str]:
    """Gazetteer entries that can stand for ``entity_id`` in an article of ``language``."""
    gazetteer = load_gazetteer()
    entry = gazetteer[entity_id]
    out = []
    for other in gazetteer.entries.values():
        if other.type != entry.type or other.id == entity_id or other.generated:
            continue  # (a generated institution has no name in the article's language)
        if entry.type == "country":
            if not (_aliases(other, language, "adjective") and _aliases(other, language, "seat")):
                continue
        elif entry.type in ("organization", "location"):
            if other.kind != entry.kind:
                continue
        elif entry.type == "materiel":
            if other.category != entry.category:
                continue
        out.append(other.id)
    return sorted(out)


def _adjective_index(index: int, size: int, new_size: int) -> int:
    """The same gender and number among another adjective list (it: m sg, f sg, m pl, f pl; or sg, pl)."""
    if size >= 4:
        gender, plural = index % 2, index >= 2
    else:
        gender, plural = 0, index >= 1
    if new_size >= 4:
        return gender + 2 * plural
    return min(int(plural), new_size - 1)


def render_slot(slot: Slot, new_id: str, language: str, rng: random.Random) -> str:
    if new_id == slot.entity_id:
        return slot.text
    entry = load_gazetteer()[new_id]
    if slot.form == "adjective":
        options = _aliases(entry, language, "adjective")
        old = _aliases(load_gazetteer()[slot.entity_id], language, "adjective")
        text = options[_adjective_index(slot.index, len(old), len(options))] if options else entry.name
    elif slot.form == "seat":
        options = _aliases(entry, language, "seat")
        text = options[0] if options else entry.name
    elif slot.form == "surname":
        options = [a for a in _aliases(entry, language, "name") if " " not in a]
        text = options[0] if options else entry.name
    else:
        own = [a for a in _aliases(entry, language, "name")[1:] if not ARTICLE.match(a)]
        if entry.type == "country" and own:
            text = own[0]  # the country's name in the language (CLDR's, first)
        elif slot.text == load_gazetteer()[slot.entity_id].name or not own:
            text = entry.name
        else:
            text = rng.choice(own)
    return text.upper() if slot.upper else text


# --- Numbers and dates ---------------------------------------------------------------------------------

class Numbers:
    """Per article: years shifted to agree with the published date, dates and quantities varied."""

    def __init__(self, language: str, rng: random.Random):
        self.rng = rng
        self.months = MONTHS[language]
        months = "|".join(self.months)
        # one pass, so that a new day is not then taken for a quantity
        self.pattern = re.compile(rf"\b(?P<dm>\d{{1,2}}) (?P<m1>{months})\b|\b(?P<m2>{months}) (?P<md>\d{{1,2}})\b"
                                  rf"|(?P<year>{YEAR.pattern})|{NUMBER.pattern}")

    def apply(self, text: str, year_shift: int) -> str:
        self.year_shift = year_shift
        return self.pattern.sub(self._replace, text)

    def _replace(self, match: re.Match) -> str:
        rng = self.rng
        if match.group("dm"):
            return f"{rng.randint(1, 28)} {rng.choice(self.months)}"
        if match.group("md"):
            return f"{rng.choice(self.months)} {rng.randint(1, 28)}"
        if match.group("year"):
            return str(int(match.group("year")) + self.year_shift)
        raw = match.group("number")
        after = match.string[match.end():match.end() + 9]
        if after.startswith(("mm", " mm", " millimet", "th", "st", "nd", "rd", ":")):
            return raw
        new = float(raw.replace(",", "")) * rng.uniform(0.4, 2.5)
        if "." in raw:
            return f"{new:.1f}"
        new = max(1, round(new))
        return f"{new:,}" if "," in raw else str(new)


# --- Articles ------------------------------------------------------------------------------------------

def _rng(seed: int, index: int, purpose: str = "article") -> random.Random:
    return random.Random(f"{seed}-{purpose}-{index}")


def compose(seed: int, index: int) -> tuple[str, dict]:
    """Article ``index`` of the corpus of ``seed``: its text and metadata."""
    rng = _rng(seed, index)
    examples = load_examples()
    language = rng.choices(list(LANGUAGE_WEIGHTS), weights=list(LANGUAGE_WEIGHTS.values()))[0]
    pool = examples[language]
    published = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    numbers = Numbers(language, rng)
    mapping: dict[str, str] = {}

    def fill(pieces: list, example: Example) -> str:
        out = []
        for piece in pieces:
            if isinstance(piece, Slot):
                if piece.entity_id not in mapping:
                    options = candidates(piece.entity_id, language)
                    keep = rng.random() < KEEP_ORIGINAL or not options
                    mapping[piece.entity_id] = piece.entity_id if keep else rng.choice(options)
                out.append(render_slot(piece, mapping[piece.entity_id], language, rng))
            else:
                out.append(numbers.apply(piece, published.year - example.year))
        return "".join(out)

    lead = rng.choice(pool)
    headline = fill(lead.headline, lead)
    paragraphs, used, wanted = [], set(), rng.randint(6, 20)
    for _ in range(100):  # runs of consecutive sentences, no sentence twice
        if len(used) >= wanted:
            break
        e = rng.randrange(len(pool))
        p = rng.randrange(len(pool[e].paragraphs))
        paragraph = pool[e].paragraphs[p]
        start = rng.randrange(len(paragraph))
        run = [s for s in range(start, min(len(paragraph), start + rng.randint(1, 4))) if (e, p, s) not in used]
        if run:
            used.update((e, p, s) for s in run)
            paragraphs.append(" ".join(fill(paragraph[s], pool[e]) for s in run))
    text = headline + "\n\n" + "\n\n".join(paragraphs) + "\n"
    publisher, domain = rng.choice(PUBLISHERS[language])
    slug = re.sub(r"[^a-z0-9]+", "-", headline.lower())[:60].strip("-")
    meta = {"title": headline[:200], "publisher": publisher,
            "url": f"https://www.{domain}/{published:%Y/%m/%d}/{slug}-{index}",
            "published": published.isoformat(), "language": language}
    return text, meta


def republished(seed: int, index: int, original: int) -> tuple[str, dict]:
    """A wire copy of article ``original``: another publisher, a dateline, the last paragraph cut."""
    text, meta = compose(seed, original)
    rng = _rng(seed, index, "copy")
    headline, _, body = text.partition("\n\n")
    paragraphs = body.rstrip("\n").split("\n\n")
    if len(paragraphs) > 2:
        paragraphs = paragraphs[:-1]
    language = meta["language"]
    dateline = f"{rng.choice(DATELINES[language])} — "
    publisher, domain = rng.choice(PUBLISHERS[language])
    published = date.fromisoformat(meta["published"]) + timedelta(days=rng.randint(0, 2))
    meta = {**meta, "publisher": publisher, "published": published.isoformat(),
            "url": f"https://www.{domain}/{published:%Y/%m/%d}/{index}"}
    return headline + "\n\n" + dateline + "\n\n".join(paragraphs) + "\n", meta


def article(seed: int, index: int, republished_share: float) -> tuple[str, dict]:
    rng = _rng(seed, index, "kind")
    if index > 0 and rng.random() < republished_share:
        return republished(seed, index, rng.randrange(max(0, index - 500), index))
    return compose(seed, index)


def article_path(folder: Path, index: int) -> Path:
    return folder / f"{index // 1000:03d}" / f"a{index:07d}.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, help="how many articles")
    parser.add_argument("out", type=Path, help="folder to write them to (created)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--republished", type=float, default=0.03,
                        help="share of articles that are a republication of an earlier one (default 0.03)")
    args = parser.parse_args()
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} is not empty")
    total = 0
    for index in range(args.n):
        text, meta = article(args.seed, index, args.republished)
        path = article_path(args.out, index)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        path.with_name(path.stem + ".meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1),
                                                            encoding="utf-8")
        total += len(text)
        if (index + 1) % 10_000 == 0:
            print(f"  {index + 1} articles written", file=sys.stderr, flush=True)
    print(f"{args.n} articles, {total / max(args.n, 1):.0f} characters on average, in {args.out} (seed {args.seed})")


if __name__ == "__main__":
    main()
