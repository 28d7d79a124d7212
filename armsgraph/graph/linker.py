"""Linking a new document into the graph, inside its write transaction.

After the document's own rows are written: mark it a near-copy or translation of an article already stored, add its
claims to the summaries of the propositions they assert (independent origins, denials, credibility), and
attach observations to the propositions they are evidence for. Summaries are updated incrementally, so an
article costs the same however large the graph. ``run(cypher, params)`` is the transaction's statement
runner; the rules live in ``armsgraph/linking`` (pure).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from armsgraph.graph.queries.cypher import Queries
from armsgraph.linking import duplicates
from armsgraph.linking.origins import SOURCE_PREFIX
from armsgraph.linking.plan import LinkPlan
from armsgraph.extract.resources import load_gazetteer
from armsgraph.linking.propositions import (GENERIC_CATEGORY, NewClaim, PropositionState, narrower_propositions,
                                            participants)
from armsgraph.linking.reliability import Reliability, load_reliability
from armsgraph.schema import ExtractionResult, ids

Run = Callable[[str, dict], list[dict]]
EVIDENCE_WINDOW_YEARS = 1  # an observation supports a transfer claimed within a year of it
PARTY_TYPES = ("country", "organization", "person")  # what can supply or receive


@dataclass(frozen=True)
class Article:
    """The document being linked: its extraction, its plan and what the store knows of it."""

    result: ExtractionResult
    plan: LinkPlan
    names: dict[str, str]          # entity id → name, for every entity the document or its origins name
    reliability: Reliability
    source_grade: str

    def __reduce__(self):
        # Sent from an ingest worker to the writer: the packaged grades are loaded there, not pickled.
        if self.reliability is not load_reliability():
            return super().__reduce__()
        return _article, (self.result, self.plan, self.names, self.source_grade)


def _article(result: ExtractionResult, plan: LinkPlan, names: dict[str, str], source_grade: str) -> Article:
    return Article(result, plan, names, load_reliability(), source_grade)


def link_document(run: Run, q: Queries, article: Article) -> None:
    source_id = article.result.document.id
    canonical = _mark_duplicate(run, q, article) or source_id
    own_voice = _own_voice(run, q, article, canonical)
    open_claims = set(article.plan.open_claims)
    new_claims = {c.id: _new_claim(c, article, own_voice, c.id in open_claims) for c in article.result.claims}
    by_proposition: dict[str, list[NewClaim]] = {}
    for row in article.plan.asserts:
        by_proposition.setdefault(row["proposition"], []).append(new_claims[row["claim"]])
    # The pairs' propositions are locked first: a writer looks for a pair's narrower propositions, or adds
    # the pair's stored claims to a new one, only while it holds the pair (Neo4j's concurrent writers).
    nodes = _propositions_for_update(run, q, sorted(p["id"] for p in article.plan.propositions if not p["category"]))
    for claim_id, pid in join_narrower_propositions(run, q, article):
        by_proposition.setdefault(pid, []).append(new_claims[claim_id])
    nodes.update(_propositions_for_update(run, q, sorted(set(by_proposition) - set(nodes))))
    explicit = _explicit_evidence(article)
    saves: list[tuple[str, PropositionState, list[tuple[str, str]], str | None, str | None, dict]] = []
    categories = {e.id: e.category for e in article.result.entities}
    for pid, claims in sorted(by_proposition.items()):
        node = nodes[pid]
        state = PropositionState.from_properties(node)
        is_new = state.claims == 0
        if is_new and node.get("category") and _has_stored_open_claims(nodes[_pair_id(node)]):
            # the claims stored before it that name no category join it
            joining = _open_claims_joining(run, q, node, skip=lambda r: r["source"] == source_id)
            for earlier in _stored_claims(run, q, joining, node["category"]).values():
                state.add(earlier, new_sources=1)
        if node.get("category"):  # its items are those of its category
            claims = [replace(c, items={i: n for i, n in c.items.items() if categories.get(i) == node["category"]})
                      for c in claims]
        state.add(claims, new_sources=1)
        evidence = [(o, reason) for o, reason in explicit.get(pid, [])]
        if is_new and node.get("type") == "transfer" and not node.get("category"):
            # what was already seen in the participants' territory
            evidence += _territory_evidence(run, q, state, exclude={o for o, _ in evidence})
        saves.append((pid, state, evidence, article.names.get(state.subject), article.names.get(state.object), node))
    saves += _evidence_for_existing(run, q, article, set(by_proposition))
    _save(run, q, saves)


def join_narrower_propositions(run: Run, q: Queries, article: Article) -> list[tuple[str, str]]:
    """The article's claims that name no materiel category join the narrower propositions of their pair
    that exist (``linking.propositions``): (claim, proposition) pairs, their ASSERTS written. Found by key
    among the pair's possible categories, so the cost does not grow with the store."""
    claims = {c.id: c for c in article.result.claims}
    possible: dict[str, list[str]] = {}
    for claim_id in article.plan.open_claims:
        claim = claims[claim_id]
        subject, object_ = participants(claim)
        for pid in narrower_propositions(claim.type, subject, object_, materiel_categories()):
            possible.setdefault(pid, []).append(claim_id)
    if not possible:
        return []
    joins = [(claim_id, r["id"]) for r in run(q.PROPOSITIONS_BY_ID, {"ids": sorted(possible)})
             for claim_id in possible[r["id"]]]
    if joins:
        run(q.CREATE_ASSERTS, {"rows": [{"claim": c, "proposition": p} for c, p in joins]})
    return joins


def _pair_id(node: dict) -> str:
    return ids.proposition_id(node["type"], node.get("subject"), node.get("object"))


def _has_stored_open_claims(pair: dict) -> bool:
    """Whether the pair's proposition, as read before this article, has claims naming no category (a store
    made before they were counted: perhaps)."""
    return bool(pair.get("claims")) and pair.get("openClaims") != 0


def _open_claims_joining(run: Run, q: Queries, node: dict, skip: Callable[[dict], bool]) -> list[dict]:
    """The stored claims of a narrower proposition's pair that name no materiel category (but those ``skip``
    leaves out) assert it too: their rows (``PROPOSITION_CLAIMS``), their ASSERTS written."""
    rows = [r for r in run(q.PROPOSITION_CLAIMS, {"id": _pair_id(node)}) if not skip(r) and not _names_a_category(r)]
    if rows:
        run(q.CREATE_ASSERTS, {"rows": [{"claim": r["id"], "proposition": node["id"]} for r in rows]})
    return rows


def _names_a_category(row: dict) -> bool:
    return any(c and c != GENERIC_CATEGORY for c in row.get("itemCategories") or [])


@lru_cache(maxsize=1)
def materiel_categories() -> tuple[str, ...]:
    """Every materiel category of the gazetteer's catalogue (but the generic one)."""
    entries = load_gazetteer().entries.values()
    return tuple(sorted({e.category for e in entries if e.category and e.category != GENERIC_CATEGORY}))


def _propositions_for_update(run: Run, q: Queries, pids: list[str]) -> dict[str, dict]:
    """The proposition nodes with these ids, read for update (locked, in id order) in one statement."""
    if not pids:
        return {}
    return {r["proposition"]["id"]: r["proposition"] for r in run(q.PROPOSITIONS_FOR_UPDATE, {"ids": pids})}


def _mark_duplicate(run: Run, q: Queries, article: Article) -> str | None:
    """Record that the article is a near-copy or a translation of one already stored (its text, else its
    content, fingerprinted: ``linking/duplicates.py``); returns the original's id, if any."""
    plan, document = article.plan, article.result.document
    text_bands = list(plan.fingerprint.bands) if plan.fingerprint else []
    content_bands = list(plan.content.bands) if plan.content else []
    bands = text_bands + content_bands
    if not bands:
        return None
    existing = run(q.DUPLICATE_CANDIDATES, {"bands": bands})
    sharing = {row["id"]: row["sources"] or [] for row in existing}
    _file_bands(run, q, document.id, bands, sharing)
    found = _closest(run, q.TEXT_SIGNATURES, [sharing.get(b, []) for b in text_bands],
                     lambda other: duplicates.similarity(plan.fingerprint, _fingerprint(other["signature"])),
                     duplicates.DUPLICATE_THRESHOLD)
    reason = "near-duplicate text"
    if found is None and content_bands:
        def translated(other: dict) -> float:
            if other["language"] == document.language or not _near_in_time(other["published"], document.published):
                return 0.0
            return duplicates.similarity(plan.content, _fingerprint(other["contentSignature"]))

        found = _closest(run, q.CONTENT_SIGNATURES, [sharing.get(b, []) for b in content_bands], translated,
                         duplicates.TRANSLATION_THRESHOLD)
        reason = "translation: the same entities, numbers and claims in another language"
    if found is None:
        return None
    original, score = found
    canonical = run(q.CANONICAL_OF, {"id": original})  # point at the original, never at a copy
    target = canonical[0]["id"] if canonical else original
    run(q.CREATE_DUPLICATE, {"source": document.id, "target": target, "similarity": round(score, 3),
                             "reason": reason})
    return target


def _file_bands(run: Run, q: Queries, source_id: str, bands: list[str], members: dict[str, list[str]]) -> None:
    """File the article under its band keys; a band already holding ``MAX_BAND_MEMBERS`` articles is full
    (boilerplate or a much-covered event): its list is not rewritten at every write, so a write costs the
    same however large the corpus, and a later copy is still found through its other bands."""
    new_rows = [{"id": band} for band in bands if band not in members]
    old_rows = [{"id": band} for band in bands if band in members and len(members[band]) < MAX_BAND_MEMBERS]
    if new_rows:
        run(q.CREATE_BANDS, {"rows": new_rows, "source": source_id})
    if old_rows:
        run(q.ADD_TO_BANDS, {"rows": old_rows, "source": source_id})


def _closest(run: Run, signatures: str, band_members: list[list[str]], score,
             threshold: float) -> tuple[str, float] | None:
    """The stored article scoring highest (at least ``threshold``) among those sharing the most bands;
    ``signatures`` is the statement reading the candidates' fingerprints."""
    shared: Counter[str] = Counter(source for members in band_members for source in members)
    candidates = sorted(i for i, _ in sorted(shared.items(), key=lambda x: (-x[1], x[0]))[:MAX_DUPLICATE_CANDIDATES])
    best = None
    for candidate in run(signatures, {"ids": candidates}) if candidates else []:
        value = score(candidate)
        if value >= threshold and (best is None or value > best[1]):
            best = (candidate["id"], value)
    return best


def _fingerprint(signature) -> duplicates.Fingerprint:
    return duplicates.Fingerprint(signature=tuple(signature or ()), bands=(), shingles=0)


TRANSLATION_WINDOW_DAYS = 31  # a translation appears within a month of its original (undated: no limit)


def _near_in_time(a: str | None, b: str | None) -> bool:
    if not a or not b or len(a) < 10 or len(b) < 10:
        return True
    return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days) <= TRANSLATION_WINDOW_DAYS


# Articles sharing band keys with a new one: enough to find its original among copies, bounded so that
# boilerplate shared by thousands of articles cannot make a write slow.
MAX_DUPLICATE_CANDIDATES = 50
MAX_BAND_MEMBERS = 100


def _own_voice(run: Run, q: Queries, article: Article, canonical: str) -> tuple[str, str, str]:
    """(origin, name, grade) of the article speaking for itself: its original's, when it is a copy."""
    document = article.result.document
    if canonical == document.id:
        return SOURCE_PREFIX + canonical, document.publisher or document.title or canonical, article.source_grade
    return (SOURCE_PREFIX + canonical, *_source_voice(run, q, canonical))


def _source_voice(run: Run, q: Queries, source_id: str) -> tuple[str, str]:
    """(name, grade) of a stored article speaking for itself: its publisher, else its title."""
    source = run(q.SOURCE_SUMMARY, {"id": source_id})[0]
    return source["publisher"] or source["title"] or source_id, source["reliability"] or "F"


def _new_claim(claim, article: Article, own_voice: tuple[str, str, str], open_: bool) -> NewClaim:
    origin = article.plan.claim_origins[claim.id]
    if origin.startswith(SOURCE_PREFIX):
        origin, origin_name, grade = own_voice
    else:
        origin_name, grade = article.names.get(origin, origin), article.reliability.grade(entity_id=origin)
    return NewClaim(modality=claim.modality, date=claim.when or article.result.document.published, origin=origin,
                    origin_name=origin_name, origin_grade=grade,
                    claimant_name=article.names.get(claim.claimant) if claim.claimant else None,
                    items={i: article.names.get(i, i) for i in claim.items}, open=open_)


def _explicit_evidence(article: Article) -> dict[str, list[tuple[str, str]]]:
    """Observations the article offers as evidence for its claims, by the propositions those assert by
    themselves (their pair's and their items' categories')."""
    asserted: dict[str, list[str]] = {}
    for row in article.plan.asserts:
        asserted.setdefault(row["claim"], []).append(row["proposition"])
    found: dict[str, dict[str, str]] = {}
    for observation in article.result.observations:
        for claim_id in observation.supports:
            for pid in asserted.get(claim_id, []):
                found.setdefault(pid, {}).setdefault(
                    observation.id, f"offered as evidence for claim {claim_id} in the same article")
    return {pid: sorted(links.items()) for pid, links in found.items()}


def _territory_evidence(run: Run, q: Queries, state: PropositionState, exclude: set[str]) -> list[tuple[str, str]]:
    """Observations already stored at a site in one participant's territory, reported by an article that
    names the other participant, within the window of the claims."""
    found: dict[str, str] = {}
    for here, other in ((state.subject, state.object), (state.object, state.subject)):
        if not here or not other:
            continue
        for r in run(q.OBSERVATIONS_IN_NAMING, {"country": here, "other": other}):
            if r["observation"] not in exclude and _date_fits(r["observed"], state.first_claimed, state.last_claimed):
                found.setdefault(r["observation"], _territory_reason(r["site"], r["country"], r["observed"]))
    return sorted(found.items())


def evidence_candidates(article: Article) -> dict[str, list[tuple]]:
    """The transfer propositions this article's observations may be evidence for, by id: between the state
    a site lies in and another party the article names (a state, an armed group, …), either way (keys
    only, never a scan)."""
    named = {e.id for e in article.result.entities if e.type in PARTY_TYPES}
    found: dict[str, list[tuple]] = {}
    for observation in article.result.observations:
        here = article.plan.countries.get(observation.site)
        for other in sorted(named - {here}) if here else []:
            for subject, object_ in ((here, other), (other, here)):
                found.setdefault(ids.proposition_id("transfer", subject, object_), []).append((observation, here))
    return found


def _evidence_for_existing(run: Run, q: Queries, article: Article, skip: set[str]) -> list[tuple]:
    """This article's observations as evidence for transfers already in the graph (``evidence_candidates``):
    the propositions to save, with their new evidence."""
    candidates = evidence_candidates(article)
    if not candidates:
        return []
    found: dict[str, list[tuple[str, str]]] = {}
    for r in run(q.PROPOSITIONS_BY_ID, {"ids": sorted(candidates)}):
        evidence = [(o.id, _territory_reason(article.names.get(o.site, o.site), article.names.get(c, c), o.observed_on))
                    for o, c in candidates[r["id"]] if _date_fits(o.observed_on, r["first"], r["last"])]
        if r["id"] not in skip and evidence:
            found[r["id"]] = evidence
    nodes = _propositions_for_update(run, q, sorted(found))  # locked only when they change
    return [(pid, PropositionState.from_properties(nodes[pid]), evidence, nodes[pid].get("subjectName"),
             nodes[pid].get("objectName"), nodes[pid]) for pid, evidence in sorted(found.items())]


def _save(run: Run, q: Queries, saves: list[tuple]) -> None:
    """Propositions' new evidence and summaries, each kind in one statement: ``saves`` holds
    (id, state, evidence, subject name, object name, the node as read). Only the summary properties that
    differ from the node as read are set (the union over the document's propositions, in one statement):
    the rest would be rewritten unchanged (see ``Queries.set_propositions``)."""
    support_rows, summary_rows, changed = [], [], set()
    for pid, state, evidence, subject_name, object_name, node in saves:
        support_rows += [{"observation": o, "proposition": pid, "reason": reason} for o, reason in evidence]
        state.observations += len(evidence)
        summary = state.to_properties(subject_name, object_name)
        changed.update(k for k, v in summary.items() if node.get(k) != v)
        summary_rows.append({"id": pid, **summary})
    if support_rows:
        run(q.CREATE_PROPOSITION_SUPPORT, {"rows": support_rows})
    if changed:
        run(q.set_propositions(changed), {"rows": [{k: r[k] for k in ("id", *changed)} for r in summary_rows]})


def _territory_reason(site: str, country: str, observed: str | None) -> str:
    reason = f"site {site} lies in {country}, a participant"
    return reason + (f"; observed {observed}, within a year of the claims" if observed else "")


def _date_fits(observed: str | None, first: str | None, last: str | None) -> bool:
    """Undated observations or propositions fit; otherwise the year must be within the window of the claims."""
    if not observed or not first or not last:
        return True
    year = int(observed[:4])
    return int(first[:4]) - EVIDENCE_WINDOW_YEARS <= year <= int(last[:4]) + EVIDENCE_WINDOW_YEARS


def rebuild_proposition(run: Run, q: Queries, pid: str) -> bool:
    """A proposition's summary and evidence recomputed from the claims that assert it now (after a
    correction rewrote some of them); a proposition no claim asserts any more is deleted, and so is a
    narrower one no claim naming its category asserts. Returns whether it still exists."""
    found = run(q.PROPOSITION_NODE, {"id": pid})
    node = found[0]["proposition"] if found else None
    rows = run(q.PROPOSITION_CLAIMS, {"id": pid}) if node else []
    if node and node.get("category"):
        if not any(_names_a_category(r) for r in rows):
            rows = []
        else:  # the pair's claims naming no category that do not assert it yet (rewritten ones) join it
            asserting = {r["id"] for r in rows}
            rows += _open_claims_joining(run, q, node, skip=lambda r: r["id"] in asserting)
    if not rows:
        run(q.DELETE_PROPOSITION, {"id": pid})
        return False
    state = PropositionState(subject=node.get("subject"), object=node.get("object"))
    for claims in _stored_claims(run, q, rows, node.get("category")).values():
        state.add(claims, new_sources=1)
    run(q.DELETE_PROPOSITION_EVIDENCE, {"id": pid})
    explicit: dict[str, str] = {}
    for r in run(q.PROPOSITION_EXPLICIT_EVIDENCE, {"id": pid}):
        explicit.setdefault(r["observation"], f"offered as evidence for claim {r['claim']} in the same article")
    evidence = sorted(explicit.items())
    if node.get("type") == "transfer" and not node.get("category"):
        evidence += _territory_evidence(run, q, state, exclude=set(explicit))
    names = {r["entity"]["id"]: r["entity"]["name"]
             for r in run(q.ENTITIES_BY_ID, {"ids": [p for p in (state.subject, state.object) if p]})}
    _save(run, q, [(pid, state, evidence, names.get(state.subject), names.get(state.object), node)])
    return True


def _stored_claims(run: Run, q: Queries, rows: list[dict], category: str | None) -> dict[str, list[NewClaim]]:
    """Stored claims (rows of ``PROPOSITION_CLAIMS``) as they join a proposition, by source; a narrower
    proposition's (``category``) with the items of its category only."""
    source_voices: dict[str, tuple[str, str]] = {}
    by_source: dict[str, list[NewClaim]] = {}
    for r in rows:
        origin = r["origin"]
        if origin.startswith(SOURCE_PREFIX):
            if origin not in source_voices:
                source_voices[origin] = _source_voice(run, q, origin[len(SOURCE_PREFIX):])
            name, grade = source_voices[origin]
        else:
            name, grade = r["originName"] or origin, r["originGrade"] or "F"
        by_source.setdefault(r["source"], []).append(NewClaim(
            modality=r["modality"], date=r["date"], origin=origin, origin_name=name, origin_grade=grade,
            claimant_name=r["claimant"], open=not _names_a_category(r),
            items={i: n for i, n, c in zip(r["items"], r["itemNames"], r["itemCategories"]) if category in (None, c)}))
    return by_source
