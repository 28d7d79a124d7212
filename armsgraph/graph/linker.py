"""Linking a new document into the graph, inside its write transaction.

After the document's own rows are written: mark it a near-duplicate of an article already stored, attach
observations to the propositions they are evidence for, and recompute the summary (independent origins,
denials, credibility) of every proposition the document touched. ``run(cypher, params)`` is the
transaction's statement runner; the rules themselves live in ``armsgraph/linking`` (pure).
"""
from __future__ import annotations

from collections.abc import Callable

from armsgraph.graph.queries.cypher import Queries
from armsgraph.linking import duplicates
from armsgraph.linking.origins import SOURCE_PREFIX
from armsgraph.linking.plan import LinkPlan
from armsgraph.linking.propositions import ClaimRecord, independent_origin, summarise
from armsgraph.linking.reliability import Origin, Reliability, credibility

Run = Callable[[str, dict], list[dict]]
EVIDENCE_WINDOW_YEARS = 1  # an observation supports a proposition claimed within a year of it


def link_document(run: Run, q: Queries, source_id: str, plan: LinkPlan, reliability: Reliability,
                  observed_countries: list[str]) -> None:
    """``observed_countries``: the states in which the document's observations were made."""
    if plan.fingerprint is not None:
        _mark_duplicate(run, q, source_id, plan.fingerprint)
    touched = set(plan.proposition_ids)
    countries = sorted(set(observed_countries))
    if countries:  # observations of this article may support transfers claimed elsewhere
        touched |= {r["id"] for r in run(q.TRANSFER_PROPOSITIONS_OF, {"countries": countries})}
    for proposition in sorted(touched):
        update_proposition(run, q, proposition, reliability)


def _mark_duplicate(run: Run, q: Queries, source_id: str, print_: duplicates.Fingerprint) -> None:
    bands = list(print_.bands)
    if bands:
        best = None
        for candidate in run(q.DUPLICATE_CANDIDATES, {"bands": bands, "source": source_id}):
            other = duplicates.Fingerprint(signature=tuple(candidate["signature"] or ()), bands=(), shingles=0)
            score = duplicates.similarity(print_, other)
            if score >= duplicates.DUPLICATE_THRESHOLD and (best is None or score > best[1]):
                best = (candidate["id"], score)
        if best is not None:
            canonical = run(q.CANONICAL_OF, {"id": best[0]})  # point at the original, never at a copy
            target = canonical[0]["id"] if canonical else best[0]
            run(q.CREATE_DUPLICATE, {"source": source_id, "target": target, "similarity": round(best[1], 3),
                                     "reason": "near-duplicate text"})
        rows = [{"id": band} for band in bands]
        run(q.MERGE_BANDS, {"rows": rows})
        run(q.CREATE_HAS_BAND, {"rows": rows, "source": source_id})


def update_proposition(run: Run, q: Queries, proposition_id: str, reliability: Reliability) -> None:
    node = run(q.PROPOSITION, {"id": proposition_id})[0]["proposition"]
    rows = run(q.PROPOSITION_CLAIMS, {"id": proposition_id})
    records = [ClaimRecord(claim=r["claim"], modality=r["modality"], date=r["date"],
                           origin=r["origin"] or SOURCE_PREFIX + r["source"], source=r["source"],
                           canonical_source=r["canonical"] or r["source"], published=r["published"],
                           items=tuple(i for i in r["items"] if i)) for r in rows]
    summary = summarise(records)
    publishers = {independent_origin(rec): r["publisher"] for rec, r in zip(records, rows)}
    evidence = _link_evidence(run, q, node, summary.first_claimed, summary.last_claimed)

    def grade(origin: str) -> str:
        if origin.startswith(SOURCE_PREFIX):
            return reliability.grade(publisher=publishers.get(origin))
        return reliability.grade(entity_id=origin, publisher=None)

    parties = {node.get("subject"), node.get("object")} - {None}
    judged = credibility([Origin(o, grade(o), summary.strongest[o]) for o in summary.origins],
                         [Origin(o, grade(o), "denied", participant=o in parties) for o in summary.denied_by],
                         evidence)
    ids = sorted({*summary.origins, *summary.denied_by, *summary.items, node.get("subject"), node.get("object")} - {None})
    names = {r["id"]: r["name"] for r in run(q.ENTITY_NAMES, {"ids": ids})}
    # an article speaking for itself is named by its publisher, else its title
    names |= {SOURCE_PREFIX + r["source"]: r["publisher"] or r["title"] or r["source"] for r in rows}
    name = lambda i: names.get(i) or i  # noqa: E731
    run(q.SET_PROPOSITIONS, {"rows": [{"id": proposition_id,
        "claims": summary.claims, "sources": summary.sources, "independentOrigins": len(summary.origins),
        "origins": summary.origins, "originNames": [name(o) for o in summary.origins],
        "deniedBy": summary.denied_by, "deniedByNames": [name(o) for o in summary.denied_by],
        **{m: summary.modalities[m] for m in ("asserted", "probable", "possible", "denied")},
        "items": summary.items, "itemNames": [name(i) for i in summary.items],
        "firstClaimed": summary.first_claimed, "lastClaimed": summary.last_claimed, "observations": evidence,
        "credibility": judged.grade, "credibilityReason": judged.reason,
        "claimantNames": sorted({r["claimant"] for r in rows if r["claimant"]}),
        "subjectName": name(node["subject"]) if node.get("subject") else None,
        "objectName": name(node["object"]) if node.get("object") else None,
    }]})


def _link_evidence(run: Run, q: Queries, proposition: dict, first: str | None, last: str | None) -> int:
    """Attach the observations that support the proposition; returns how many support it in all."""
    pid = proposition["id"]
    linked = {r["observation"] for r in run(q.PROPOSITION_EVIDENCE, {"id": pid})}
    new = []
    for r in run(q.OBSERVATIONS_SUPPORTING_CLAIMS_OF, {"id": pid}):
        if r["observation"] not in linked:
            linked.add(r["observation"])
            new.append({"observation": r["observation"], "proposition": pid,
                        "reason": f"offered as evidence for claim {r['claim']} in the same article"})
    participants = [p for p in (proposition.get("subject"), proposition.get("object")) if p]
    if proposition.get("type") == "transfer" and participants:
        for r in run(q.OBSERVATIONS_IN, {"countries": participants}):
            if r["observation"] in linked or not _date_fits(r["observed"], first, last):
                continue
            linked.add(r["observation"])
            new.append({"observation": r["observation"], "proposition": pid,
                        "reason": f"site {r['site']} lies in {r['country']}, a participant"
                                  + (f"; observed {r['observed']}, within a year of the claims" if r["observed"]
                                     else "")})
    if new:
        run(q.CREATE_PROPOSITION_SUPPORT, {"rows": new})
    return len(linked)


def _date_fits(observed: str | None, first: str | None, last: str | None) -> bool:
    """Undated observations or propositions fit; otherwise the year must be within the window of the claims."""
    if not observed or not first or not last:
        return True
    year = int(observed[:4])
    return int(first[:4]) - EVIDENCE_WINDOW_YEARS <= year <= int(last[:4]) + EVIDENCE_WINDOW_YEARS
