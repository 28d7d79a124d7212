"""How sure the claimant sounds: asserted, probable, possible or denied.

Hedges count from the start of the reporting clause ("We assess that ...",
"we are concerned that ...") up to the trigger and a couple of words after
it ("è probabilmente"), never beyond: in "has received drones and will likely
receive more", the "likely" hedges only the second claim.
"""
from __future__ import annotations

from armsgraph.extract.sentence import CLAIM_TYPES, SentenceView

AFTER_TRIGGER = 2
NEGATION_WINDOW = 3


def modality(view: SentenceView, scope_start: int, trigger_start: int, trigger_end: int, denied: bool) -> str:
    if denied:
        return "denied"
    end = min(view.end, trigger_end + AFTER_TRIGGER)
    start = _impersonal_matrix_start(view, max(view.start, scope_start))
    start = _after_joined_reporting_clause(view, start, trigger_start)
    found = {level for level in ("denied", "possible", "probable")
             if any(not _qualifies_other_noun(view, k, trigger_start)
                    for k in view.cues.covered_in(f"modality:{level}", start, end))}
    # a negation inside a hedge is the hedge's ("did not rule out", "n'exclut pas", "не исключают")
    if any(view.cues.has(k, "modality:negation") and not view.cues.has(k, "modality:possible")
           for k in range(_negation_start(view, trigger_start), trigger_start)) or _negated_after(view, trigger_end):
        found.add("denied")
    for level in ("denied", "possible", "probable"):
        if level in found:
            return level
    return "asserted"


def _qualifies_other_noun(view: SentenceView, k: int, trigger_start: int) -> bool:
    """A hedge right before an earlier claim noun is that noun's attribute, not the sentence's: "Wegen der
    mutmaßlichen Lieferung von Raketen hat die EU Sanktionen beschlossen" (the sanctions are no less real)."""
    return k + 1 < trigger_start and any(label.endswith("nouns") and label.split(":", 1)[0] in CLAIM_TYPES
                                         for label in view.cues.labels(k + 1))


def _impersonal_matrix_start(view: SentenceView, start: int) -> int:
    """"Il est probable que l'Iran ait fourni ...", "Es posible que Irán haya enviado ...", "It is unclear
    whether ...": a sentence opening without anyone in it, which the reporting clause then follows, hedges it
    too (the claimant named later, "selon un responsable", makes that hedge theirs)."""
    opening = range(view.start, start)
    # (one cited by "according to" is the claimant, no one the hedge is about: "Secondo Marco Lenzi, è
    # probabile che ...")
    if start == view.start or any(
            view.actor_at(k) is not None and view.actor_at(k).marker != "attribution" or view.is_trigger(k)
            or view.cues.has(k, "reporting:verbs") for k in opening):
        return start
    return view.start


def _after_joined_reporting_clause(view: SentenceView, start: int, trigger_start: int) -> int:
    """"recordó que ... «podría exponer» a Colombia a sanciones, y subrayó que Rosoboronexport está sancionada":
    a reporting verb after ", and" opens what is said anew, and the hedges of what was said before it are not
    this claim's."""
    for k in range(trigger_start - 2, start - 1, -1):
        if _comma_and(view, k) and view.cues.any_in("reporting:verbs", k + 2, min(k + 4, trigger_start)):
            return k + 2
    return start


def _comma_and(view: SentenceView, k: int) -> bool:
    """A comma and a coordinator at token k: ", and" opening a clause of its own."""
    return view.texts[k] == "," and view.cues.has(k + 1, "coordinators")


def _negated_after(view: SentenceView, trigger_end: int) -> bool:
    """A negation in the few words right after the verb, in the languages that put it there (German "Paris
    liefere keine Angriffswaffen", English "has supplied no weapons"), within the verb's phrase."""
    for k in range(trigger_end, min(view.phrase_end(trigger_end), trigger_end + NEGATION_WINDOW)):
        if view.cues.has(k, "coordinators") or view.is_trigger(k):
            return False
        if view.cues.has(k, "modality:negation_after") and not view.cues.has(k, "modality:negation_after_exceptions"):
            return True
    return False


def _negation_start(view: SentenceView, trigger_start: int) -> int:
    """Where a negation of the trigger may stand: the few words before it, or, when the verb closes its
    clause (German "Russland habe keine Waffen aus Nordkorea erhalten", Spanish "no tiene intención de
    exportar"), back to the clause start, as long as no other claim or reporting word stands between."""
    start = max(view.start, trigger_start - NEGATION_WINDOW)
    # (nor across ", and" opening a clause of its own: "Peskow sagte, Russland werde nicht ..., und warnte")
    joined = [k + 2 for k in range(start, trigger_start - 1) if _comma_and(view, k)]
    if joined:
        return joined[-1]
    clause = max(view.start, view.clause_start(trigger_start))
    for k in range(start - 1, clause - 1, -1):
        if (view.is_trigger(k) or view.cues.has(k, "reporting:verbs") or view.cues.has(k, "complementizers")
                or _comma_and(view, k)):
            break
        start = k
    return start
