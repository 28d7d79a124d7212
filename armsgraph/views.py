"""Rich renderings of library answers for the terminal (no logic beyond layout)."""
from __future__ import annotations

from rich.console import Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from armsgraph.graph.provenance import Provenance


def _field_table() -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    return table


def provenance_panel(answer: Provenance) -> Panel:
    claim, source = answer.claim, answer.source
    names = {k: v.name for k, v in answer.entities.items()}
    facts = _field_table()
    facts.add_row("claim", f"{claim.id} · {claim.type} · {claim.modality}"
                           + (" · negative" if claim.polarity == "negative" else ""))
    facts.add_row("claimant", escape(names.get(claim.claimant, claim.claimant or "") or "— (the article's own voice)"))
    if claim.when:
        facts.add_row("when", f"{claim.when} ({claim.when_precision})")
    facts.add_row("quote", Text(f"“{claim.quote}”  [{claim.start}:{claim.end}]"))
    if answer.sentence is not None:
        sentence = Text(answer.sentence)
        # the quote inside its sentence, highlighted at its exact offsets
        sentence.stylize("bold yellow", claim.start - claim.sentence_start, claim.end - claim.sentence_start)
        facts.add_row("sentence", Group(sentence, Text(f"[{answer.sentence_start}:{answer.sentence_end}]",
                                                       style="dim")))
    facts.add_row("source", escape(" · ".join(x for x in (source.title, source.publisher, source.published) if x)
                                   or source.id))
    if source.url:
        facts.add_row("url", escape(source.url))
    facts.add_row("content", f"{source.id} · sha256 {source.sha256}")
    facts.add_row("extractor", escape(claim.extractor))
    grades = [f"publisher {answer.source_reliability}" if answer.source_reliability else "",
              f"claimant {answer.claimant_reliability}" if answer.claimant_reliability else ""]
    if any(grades):
        facts.add_row("reliability", " · ".join(g for g in grades if g) + "  (A reliable … F cannot be judged)")
    if answer.origin:
        facts.add_row("origin", escape(names.get(answer.origin) or answer.origin))
    p = answer.proposition
    if p is not None:
        modalities = ", ".join(f"{v} {k}" for k, v in p.modalities.items() if v)
        facts.add_row("proposition", escape(
            f"{p.id}: {p.claims} claims in {p.sources} sources, {p.independent_origins} independent origins "
            f"({', '.join(p.origins) or 'none'}); {modalities}"
            + (f"; denied by {', '.join(p.denied_by)}" if p.denied_by else "")
            + f"; {p.observations} observations; credibility {p.credibility}"))
        if p.credibility_reason:
            facts.add_row("", Text(p.credibility_reason, style="dim"))
    for n in answer.narrower:
        facts.add_row(f"  {n.category}", escape(
            f"{n.id}: {n.claims} claims, {n.independent_origins} independent origins "
            f"({', '.join(n.origins) or 'none'})" + (f"; denied by {', '.join(n.denied_by)}" if n.denied_by else "")
            + f"; credibility {n.credibility}"))

    parts = [Text(answer.summary, style="bold"), Text(), facts]
    if answer.evidence:
        evidence = Table("observation", "kind", "site", "observed", "counts", "quote", title="supported by",
                         title_justify="left")
        for item in answer.evidence:
            o = item.observation
            evidence.add_row(o.id, o.kind, escape(names.get(o.site, o.site or "")), o.observed_on or "",
                             ", ".join(f"{c.count} {c.what}" for c in o.counts), escape(shorten(o.quote, 100)))
        parts += [Text(), evidence]
    if answer.related:
        related = Table("claim", "type", "subject", "object", "claimant", "modality", "date", "source",
                        title=f"other claims about the same participants ({len(answer.related)} of "
                              f"{answer.related_total}, the most recent first)", title_justify="left")
        for r in answer.related:
            related.add_row(r.id, r.type, escape(r.subject or ""), escape(r.object or ""), escape(r.claimant or "—"),
                            r.modality, r.date or "", escape(shorten(r.title or r.source, 50)))
        parts += [Text(), related]
    return Panel(Group(*parts), title=f"provenance of {claim.id}", title_align="left")


def shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
