"""Validation of the gazetteer data files in ``armsgraph/extract/data/gazetteer``.

These tests read the YAML directly (not through the matcher) so that a data
mistake is reported as a data mistake: a bad slug, an unknown type, a dangling
reference, a malformed or duplicated Wikidata id, or an alias that would send
one surface form to two different entries.
"""
from __future__ import annotations

import functools
import re
from collections import defaultdict
from pathlib import Path

import babel
import pytest
import yaml

from armsgraph.extract.resources import read_data_file

GAZETTEER = Path(__file__).resolve().parents[2] / "armsgraph" / "extract" / "data" / "gazetteer"

LANGUAGES = ("en", "it", "fr", "es", "de", "ru", "uk")
ENTITY_TYPES = {"person", "organization", "country", "location", "materiel", "vessel"}
FILE_TYPES = {
    "countries.yaml": "country",
    "people.yaml": "person",
    "organizations.yaml": "organization",
    "locations.yaml": "location",
    "materiel.yaml": "materiel",
    "vessels.yaml": "vessel",
}
ALIAS_FIELDS = ("aliases", "adjectives", "seat_of_government")
MATERIEL_CATEGORIES = {
    # SIPRI's twelve
    "aircraft", "air_defence_systems", "anti_submarine_warfare", "armoured_vehicles",
    "artillery", "engines", "missiles", "naval_weapons", "satellites", "sensors", "ships",
    "other",
    # ours
    "ammunition", "small_arms_light_weapons", "uavs_loitering_munitions",
    "military_technology", "generic",
}
ORGANIZATION_KINDS = {
    "government_body", "armed_forces", "intelligence", "armed_group", "company",
    "think_tank", "osint", "news_outlet", "international_org", "political",
}
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
QID = re.compile(r"^Q[1-9]\d*$")

# UN member states plus Kosovo, Palestine, Taiwan and the Vatican.
SOVEREIGN_STATES = set(
    """
    AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI
    CV KH CM CA CF TD CL CN CO KM CG CR CI HR CU CY CZ KP CD DK DJ DM DO EC EG SV GQ ER
    EE SZ ET FJ FI FR GA GM GE DE GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT
    JM JP JO KZ KE KI KW KG LA LV LB LS LR LY LI LT LU MG MW MY MV ML MT MH MR MU MX FM
    MC MN ME MA MZ MM NA NR NP NL NZ NI NE NG MK NO OM PK PW PA PG PY PE PH PL PT QA KR
    MD RO RU RW KN LC VC WS SM ST SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH
    SY TJ TH TL TG TO TT TN TR TM TV UG UA AE GB TZ US UY UZ VU VE VN YE ZM ZW
    XK PS TW VA
    """.split()
)


@functools.cache
def _entries() -> tuple[tuple[str, dict], ...]:
    """Every entry of every gazetteer file, as (file name, entry)."""
    out: list[tuple[str, dict]] = []
    for path in sorted(GAZETTEER.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(data, list), f"{path.name}: top level must be a list of entries"
        for entry in data:
            assert isinstance(entry, dict), f"{path.name}: every entry must be a mapping, got {entry!r}"
            out.append((path.name, entry))
    return tuple(out)


def _type_of(file_name: str, entry: dict) -> str | None:
    return "country" if file_name == "countries.yaml" else entry.get("type")


def _ids_by_type() -> dict[str, set[str]]:
    ids: dict[str, set[str]] = defaultdict(set)
    for file_name, entry in _entries():
        ids[_type_of(file_name, entry)].add(entry.get("id"))
    return ids


@functools.cache
def _babel_territories() -> dict[str, dict[str, str]]:
    return {lang: dict(babel.Locale(lang).territories) for lang in LANGUAGES}


def _surface_forms(file_name: str, entry: dict):
    """Yield (language, surface form) for every name the matcher may use for an entry.

    As the gazetteer loader does, English forms (aliases, adjectives, seats,
    babel's English country name) and the canonical name count in every
    language: an English alias of one entry must not be another entry's alias
    in any language, unless that language's own alias outranks it (Spanish
    "EU" is the United States, the European Union's English "EU" is not read).
    """
    forms: dict[str, list[str]] = defaultdict(list)
    for field in ALIAS_FIELDS:
        for lang, names in (entry.get(field) or {}).items():
            forms[lang].extend(names or ())
    if file_name == "countries.yaml":
        for lang, territories in _babel_territories().items():
            if entry.get("iso") in territories:
                forms[lang].append(territories[entry["iso"]])
    english = list(forms.get("en", ()))
    name = [entry["name"]] if isinstance(entry.get("name"), str) else []
    for lang in LANGUAGES:
        shadowed = _own_aliases(lang) - {f.casefold() for f in forms.get(lang, ())} if lang != "en" else set()
        for form in [*forms.get(lang, ()), *(f for f in english if f.casefold() not in shadowed), *name]:
            yield lang, form


@functools.lru_cache(maxsize=None)
def _own_aliases(lang: str) -> frozenset[str]:
    """Every entry's surface forms written for ``lang`` itself (casefolded)."""
    return frozenset(a.casefold() for _, e in _entries() for field in ALIAS_FIELDS
                     for a in ((e.get(field) or {}).get(lang) or ()) if isinstance(a, str))


def test_gazetteer_files_present_and_nonempty():
    present = {path.name for path in GAZETTEER.glob("*.yaml")}
    assert set(FILE_TYPES) <= present, f"missing: {sorted(set(FILE_TYPES) - present)}"
    assert present <= set(FILE_TYPES), f"unexpected files: {sorted(present - set(FILE_TYPES))}"
    counts = defaultdict(int)
    for file_name, _ in _entries():
        counts[file_name] += 1
    assert all(counts[name] > 0 for name in FILE_TYPES), dict(counts)


def test_gazetteer_ids_are_slugs():
    bad = [(f, e.get("id")) for f, e in _entries() if not isinstance(e.get("id"), str) or not SLUG.match(e["id"])]
    assert not bad, f"ids must match {SLUG.pattern}: {bad}"


def test_gazetteer_ids_unique_across_files():
    seen: dict[str, str] = {}
    dupes = []
    for file_name, entry in _entries():
        if entry.get("id") in seen:
            dupes.append((entry["id"], seen[entry["id"]], file_name))
        seen[entry.get("id")] = file_name
    assert not dupes, f"duplicate ids: {dupes}"


def test_gazetteer_types_are_known_and_match_their_file():
    problems = []
    for file_name, entry in _entries():
        if file_name == "countries.yaml":
            if "iso" not in entry:
                problems.append(f"{entry.get('id')}: country entries need an iso code")
            if entry.get("type", "country") != "country":
                problems.append(f"{entry.get('id')}: a countries.yaml entry cannot have type {entry['type']!r}")
            continue
        kind = entry.get("type")
        if kind not in ENTITY_TYPES:
            problems.append(f"{file_name}:{entry.get('id')}: unknown type {kind!r}")
        elif kind != FILE_TYPES[file_name]:
            problems.append(f"{file_name}:{entry.get('id')}: type {kind!r} belongs in another file")
        if not isinstance(entry.get("name"), str) or not entry["name"].strip():
            problems.append(f"{file_name}:{entry.get('id')}: needs a canonical English name")
    assert not problems, "\n".join(problems)


def test_gazetteer_wikidata_ids_well_formed_and_not_shared():
    problems = []
    owner: dict[str, str] = {}
    for _, entry in _entries():
        qid = entry.get("wikidata")
        if qid is None:
            continue
        if not isinstance(qid, str) or not QID.match(qid):
            problems.append(f"{entry.get('id')}: malformed wikidata id {qid!r}")
            continue
        if qid in owner:
            problems.append(f"{qid} is given to both {owner[qid]} and {entry.get('id')}")
        owner[qid] = entry.get("id")
    assert not problems, "\n".join(problems)


def test_gazetteer_alias_languages_and_values_are_valid():
    problems = []
    for file_name, entry in _entries():
        for field in ALIAS_FIELDS:
            value = entry.get(field)
            if value is None:
                continue
            if not isinstance(value, dict):
                problems.append(f"{entry.get('id')}.{field}: must map language -> list of names")
                continue
            for lang, forms in value.items():
                if lang not in LANGUAGES:
                    problems.append(f"{entry.get('id')}.{field}: unknown language {lang!r}")
                if not isinstance(forms, list):
                    problems.append(f"{entry.get('id')}.{field}.{lang}: must be a list")
                    continue
                for form in forms:
                    # A YAML scalar like `NO` or `155` would silently become a bool or an int.
                    if not isinstance(form, str) or not form.strip() or form != form.strip():
                        problems.append(f"{entry.get('id')}.{field}.{lang}: bad name {form!r}")
        if file_name != "countries.yaml" and ("adjectives" in entry or "seat_of_government" in entry):
            problems.append(f"{entry.get('id')}: adjectives/seat_of_government are for countries only")
    assert not problems, "\n".join(problems)


def test_gazetteer_references_resolve():
    ids = _ids_by_type()
    # field -> the entry type it must point at
    reference_fields = {
        "country": "country",
        "flag": "country",
        "parent": "organization",
        "organization": "organization",
        "family": "materiel",
    }
    problems = []
    for _, entry in _entries():
        for field, target in reference_fields.items():
            ref = entry.get(field)
            if ref is not None and ref not in ids[target]:
                problems.append(f"{entry.get('id')}.{field} = {ref!r} is not a {target} id")
        if entry.get("parent") == entry.get("id"):
            problems.append(f"{entry.get('id')} is its own parent")
    assert not problems, "\n".join(problems)


def test_gazetteer_materiel_categories_are_allowed():
    problems = [
        f"{e.get('id')}: category {e.get('category')!r}"
        for f, e in _entries()
        if f == "materiel.yaml" and e.get("category") not in MATERIEL_CATEGORIES
    ]
    assert not problems, "\n".join(problems)


def test_gazetteer_organization_kinds_are_allowed():
    problems = [
        f"{e.get('id')}: kind {e.get('kind')!r}"
        for f, e in _entries()
        if f == "organizations.yaml" and e.get("kind") not in ORGANIZATION_KINDS
    ]
    assert not problems, "\n".join(problems)


def test_gazetteer_no_alias_points_at_two_entries():
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for file_name, entry in _entries():
        for lang, form in _surface_forms(file_name, entry):
            if isinstance(form, str):
                owners[(lang, form.casefold())].add(entry.get("id"))
    clashes = sorted(
        f"{lang}: {form!r} -> {sorted(entry_ids)}"
        for (lang, form), entry_ids in owners.items()
        if len(entry_ids) > 1
    )
    assert not clashes, "aliases shared by two entries:\n" + "\n".join(clashes)


def test_gazetteer_country_iso_codes_known_to_babel():
    territories = babel.Locale("en").territories
    unknown = [e.get("iso") for f, e in _entries() if f == "countries.yaml" and e.get("iso") not in territories]
    assert not unknown, f"iso codes babel does not know: {unknown}"


def test_gazetteer_countries_cover_every_sovereign_state_once():
    isos = [e.get("iso") for f, e in _entries() if f == "countries.yaml"]
    repeated = sorted({iso for iso in isos if isos.count(iso) > 1})
    assert not repeated, f"listed twice: {repeated}"
    assert SOVEREIGN_STATES - set(isos) == set(), f"missing: {sorted(SOVEREIGN_STATES - set(isos))}"
    assert set(isos) - SOVEREIGN_STATES == set(), f"not sovereign states: {sorted(set(isos) - SOVEREIGN_STATES)}"


def test_gazetteer_institution_tags_are_known_kinds_one_per_state():
    kinds = yaml.safe_load((GAZETTEER.parent / "institutions.yaml").read_text(encoding="utf-8"))
    seen: dict[tuple[str, str], str] = {}
    problems = []
    for _, entry in _entries():
        kind = entry.get("institution")
        if kind is None:
            continue
        if kind not in kinds:
            problems.append(f"{entry['id']}: institution {kind!r} is not a kind in institutions.yaml")
        if not entry.get("country"):
            problems.append(f"{entry['id']}: an institution needs the country it belongs to")
        key = (entry.get("country"), kind)
        if key in seen:
            problems.append(f"{entry['id']} and {seen[key]} are both the {kind} of {key[0]}")
        seen[key] = entry["id"]
    assert not problems, "\n".join(problems)


def test_data_files_refuse_a_key_given_twice(tmp_path):
    # YAML itself keeps the last of two equal keys: a second "nouns:" once dropped the Ukrainian "ембарго"
    lexicon = tmp_path / "xx.yaml"
    lexicon.write_text("claims:\n  sanction:\n    nouns: [embargo]\n    nouns: [sanctions]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"xx\.yaml: line 4: key 'nouns' given twice"):
        read_data_file(lexicon)
    assert read_data_file(GAZETTEER.parent / "lexicons" / "uk.yaml")["claims"]["sanction"]["nouns"]
