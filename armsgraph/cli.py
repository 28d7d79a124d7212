"""The ``armsgraph`` command line: each command parses its options, makes one library call and formats the result."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from armsgraph import __version__
from armsgraph.errors import InputError
from armsgraph.reader import DEFAULT_MAX_BYTES, SUPPORTED_LANGUAGES, ReadOptions

app = typer.Typer(
    name="armsgraph",
    help="Turn news articles and official statements into a knowledge graph of arms-transfer claims.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
err = Console(stderr=True, highlight=False)


class ExtractFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"armsgraph {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Print the version and exit.")] = None,
) -> None:
    """armsgraph: who is said to supply what to whom, who says so, and on what evidence."""


def _report(error: InputError) -> None:
    err.print(f"[red]error:[/red] {error}", soft_wrap=True, markup=True)


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders: .txt/.md (with NAME.meta.json beside), "
                                                     ".html, .jsonl (one article per line).")],
    format: Annotated[ExtractFormat, typer.Option("--format", "-f", help="json: one object per document "
                                                  "(an array for several); jsonl: one line per document, "
                                                  "streaming; table: a readable summary.")] = ExtractFormat.json,
    language: Annotated[Optional[str], typer.Option(help=f"Force the language ({', '.join(SUPPORTED_LANGUAGES)}); "
                                                    "default: metadata, else detected.")] = None,
    model: Annotated[Optional[str], typer.Option(help="An installed statistical spaCy pipeline whose NER adds "
                                                 "names the gazetteer lacks.")] = None,
    max_bytes: Annotated[int, typer.Option(help="Refuse files larger than this.")] = DEFAULT_MAX_BYTES,
) -> None:
    """Extract entities, claims and observations from articles, without storing them."""
    from armsgraph.ingest import ExtractOptions, extract_paths

    options = ExtractOptions(read=ReadOptions(max_bytes=max_bytes, language=language), model=model)
    failed = 0
    collected = []
    for item in extract_paths(paths, options):
        if isinstance(item, InputError):
            failed += 1
            _report(item)
            continue
        if format is ExtractFormat.jsonl:
            sys.stdout.write(item.model_dump_json() + "\n")
            sys.stdout.flush()
        elif format is ExtractFormat.table:
            _print_table(item)
        else:
            collected.append(item.model_dump(mode="json"))
    if format is ExtractFormat.json and collected:
        payload = collected[0] if len(collected) == 1 else collected
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    if failed:
        raise typer.Exit(code=1)


def _print_table(result) -> None:
    console = Console()
    if not console.is_terminal:
        console = Console(width=160)  # piped or captured: wide enough that rows stay on one line
    names = {e.id: e.name for e in result.entities}
    doc = result.document
    console.rule(f"[bold]{doc.title or doc.path or doc.id}[/bold]  ({doc.language}, {doc.published or 'undated'})")
    table = Table("type", "subject", "object", "items", "claimant", "modality", "when", "quote", show_lines=False)
    for c in result.claims:
        table.add_row(c.type, names.get(c.subject, c.subject or ""), names.get(c.object, c.object or ""),
                      ", ".join(names.get(i, i) for i in c.items), names.get(c.claimant, c.claimant or "—"),
                      c.modality, c.when or "", (c.quote[:80] + "…") if len(c.quote) > 80 else c.quote)
    console.print(table)
    if result.observations:
        obs = Table("kind", "site", "observed on", "observer", "counts", "supports")
        for o in result.observations:
            obs.add_row(o.kind, names.get(o.site, o.site or ""), o.observed_on or "", names.get(o.observer, o.observer or "—"),
                        ", ".join(f"{c.count} {c.what}" for c in o.counts), str(len(o.supports)))
        console.print(obs)
    console.print(f"{len(result.entities)} entities: " + ", ".join(f"{e.name} ({e.type})" for e in result.entities
                                                                   if e.type != "other"))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the extraction output (the model every part of armsgraph uses)."""
    from armsgraph.schema import ExtractionResult

    typer.echo(json.dumps(ExtractionResult.model_json_schema(), indent=2))


@app.command("eval")
def evaluate(
    folder: Annotated[Path, typer.Argument(help="A folder of NAME.txt files with NAME.gold.json (and NAME.meta.json).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the totals as JSON.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No per-document lines.")] = False,
    model: Annotated[Optional[str], typer.Option(help="As for extract.")] = None,
) -> None:
    """Score extraction against gold annotations (the format of shared/eval: entity, claim, observation F1...)."""
    from armsgraph.evaluation import evaluate_folder
    from armsgraph.ingest import ExtractOptions, extract_paths

    def run(path: Path) -> dict:
        for item in extract_paths([path], ExtractOptions(model=model)):
            if isinstance(item, InputError):
                raise item
            return item.model_dump(mode="json")
        raise InputError(path, "no document")

    try:
        documents, total = evaluate_folder(folder, run)
    except FileNotFoundError as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(code=2)
    summary = total.summary()
    summary["documents"] = len(documents)
    if as_json:
        typer.echo(json.dumps(summary, indent=2))
        return
    if not quiet:
        for d in documents:
            s = d.score.summary()
            note = f"  ERROR {d.error}" if d.error else ""
            typer.echo(f"{d.name:<40} entities {s['entity_f1']:.2f}  claims {s['claim_f1']:.2f}  "
                       f"observations {s['observation_f1']:.2f}{note}")
    typer.echo(" | ".join(f"{k} {v}" for k, v in summary.items()))
