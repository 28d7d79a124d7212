"""The ``armsgraph`` command line: each command parses its options, makes one library call and formats the result."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional, get_args

import typer
from rich.console import Console
from rich.table import Table

from armsgraph import __version__
from armsgraph.errors import ArmsgraphError, InputError
from armsgraph.reader import DEFAULT_MAX_BYTES, SUPPORTED_LANGUAGES, ReadOptions
from armsgraph.schema.models import ANY_MATERIEL, ClaimType, Modality
from armsgraph.views import shorten

app = typer.Typer(
    name="armsgraph",
    help="Turn news articles and official statements into a knowledge graph of arms-transfer claims.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,  # `run` turns an unexpected error into one line (--debug: the traceback)
)
err = Console(stderr=True, highlight=False)


ClaimTypeOption = Enum("ClaimTypeOption", {t: t for t in get_args(ClaimType)}, type=str)
ModalityOption = Enum("ModalityOption", {m: m for m in get_args(Modality)}, type=str)


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
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of an unexpected error.")] = False,
) -> None:
    """armsgraph: who is said to supply what to whom, who says so, and on what evidence."""


def run() -> None:
    """The console script: an unexpected error is one line on stderr and exit 1; ``--debug`` re-raises it."""
    try:
        app()
    except Exception as error:  # noqa: BLE001 - the last resort for what the commands did not foresee
        if "--debug" in sys.argv[1:]:
            raise
        err.print(f"[red]error:[/red] {type(error).__name__}: {error} (--debug shows the traceback)",
                  soft_wrap=True, markup=True, highlight=False)
        sys.exit(1)


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


# ---------------------------------------------------------------------------------------------------------
# Store commands: each opens the store named by --store (a path: embedded; bolt://…, neo4j://…: Neo4j).

StoreOption = Annotated[Optional[str], typer.Option(
    "--store", "-s", help="Where the graph is: a file path (embedded LadybugDB) or a bolt:// / neo4j:// URI "
                          "(credentials from NEO4J_USERNAME / NEO4J_PASSWORD). Default: $ARMSGRAPH_STORE, "
                          "else ./armsgraph.db.")]
DatabaseOption = Annotated[Optional[str], typer.Option(help="Neo4j: a named database (default: the server's).")]


class TableFormat(str, Enum):
    table = "table"
    json = "json"


class QueryFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class TextFormat(str, Enum):
    text = "text"
    json = "json"


class ExportFormat(str, Enum):
    graphml = "graphml"
    jsonl = "jsonl"
    csv = "csv"


def _open(store: str | None, database: str | None, *, create: bool = False):
    from armsgraph.graph import open_store

    try:
        return open_store(store, database=database, create=create)
    except ArmsgraphError as error:
        _fail(error)


def _fail(error: object, code: int = 1):
    err.print(f"[red]error:[/red] {error}", soft_wrap=True, markup=True, highlight=False)
    raise typer.Exit(code=code)


def _print_json(value) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _print_rows(rows: list[dict], columns: list[str] | None = None, title: str | None = None) -> None:
    columns = columns or (list(rows[0]) if rows else [])
    table = Table(*columns, title=title)
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    _console().print(table)


def _console() -> Console:
    console = Console()
    return console if console.is_terminal else Console(width=200)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders, as for extract.")],
    store: StoreOption = None,
    database: DatabaseOption = None,
    language: Annotated[Optional[str], typer.Option(help="Force the language, as for extract.")] = None,
    model: Annotated[Optional[str], typer.Option(help="As for extract.")] = None,
    max_bytes: Annotated[int, typer.Option(help="Refuse files larger than this.")] = DEFAULT_MAX_BYTES,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="A line on stderr for every document "
                                          "stored or skipped, as it happens.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Extract in this many processes (writing "
                                      "stays in one, in file order: the graph is the same).")] = 1,
) -> None:
    """Extract articles and store them in the graph: each article whole or not at all.

    An article already stored (same text) is skipped. Exit 0 when all went in, 1 when some failed.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from armsgraph.ingest import ExtractOptions, IngestSummary, ingest_paths
    from armsgraph.reader import iter_paths

    options = ExtractOptions(read=ReadOptions(max_bytes=max_bytes, language=language), model=model)
    files = list(iter_paths(paths))
    summary = IngestSummary()
    with _open(store, database, create=True) as graph, Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=err, disable=not err.is_terminal, transient=True) as progress:
        task = progress.add_task("ingesting", total=len(files))  # files; a .jsonl file holds several documents
        for outcome in ingest_paths(graph, files, options, jobs=jobs):
            summary.add(outcome)
            progress.advance(task)
            if isinstance(outcome, InputError):
                progress.console.print(f"[red]error:[/red] {outcome}", soft_wrap=True, highlight=False)
            elif verbose:
                progress.console.print(f"{'stored' if outcome.created else 'skipped'} {outcome.source} "
                                       f"({outcome.claims} claims) {outcome.path}", highlight=False, soft_wrap=True)
    typer.echo(summary.line())
    if summary.failed:
        raise typer.Exit(code=1)


def _parse_params(values: list[str]) -> dict:
    params = {}
    for item in values:
        name, sep, raw = item.partition("=")
        if not sep or not name.isidentifier():
            raise typer.BadParameter(f"expected NAME=VALUE, got {item!r}", param_hint="--param")
        try:  # numbers, booleans, lists and null as JSON; anything else is a string
            params[name] = json.loads(raw)
        except json.JSONDecodeError:
            params[name] = raw
    return params


@app.command()
def query(
    cypher: Annotated[str, typer.Argument(help="One Cypher statement; values as $parameters.")],
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="NAME=VALUE (JSON numbers, "
                                                       "booleans and lists are typed; otherwise a string).")] = None,
    format: Annotated[QueryFormat, typer.Option("--format", "-f")] = QueryFormat.table,
    write: Annotated[bool, typer.Option("--write", help="Allow the statement to change the graph.")] = False,
    store: StoreOption = None,
    database: DatabaseOption = None,
) -> None:
    """Run a Cypher query against the graph (read-only unless --write); json prints an array of objects."""
    import csv

    params = _parse_params(param or [])
    with _open(store, database, create=write) as graph:
        try:
            rows = graph.query(cypher, params, write=write)
        except ArmsgraphError as error:
            _fail(error)
    if format is QueryFormat.json:
        _print_json(rows)
    elif format is QueryFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        columns = list(rows[0]) if rows else []
        writer.writerow(columns)
        writer.writerows([_cell(r.get(c)) for c in columns] for r in rows)
    else:
        _print_rows(rows)
        err.print(f"{len(rows)} rows", highlight=False)


@app.command()
def provenance(
    claim_id: Annotated[str, typer.Argument(help="A claim id, e.g. c-3f9a2b1c7d0e4a58.")],
    format: Annotated[TextFormat, typer.Option("--format", "-f")] = TextFormat.text,
    store: StoreOption = None,
    database: DatabaseOption = None,
) -> None:
    """Where a claim comes from: its quote and sentence, source, claimant, modality, evidence, related claims."""
    with _open(store, database) as graph:
        try:
            answer = graph.provenance(claim_id)
        except ArmsgraphError as error:
            _fail(error)
    if format is TextFormat.json:
        _print_json(answer.model_dump(mode="json"))
    else:
        from armsgraph.views import provenance_panel

        _console().print(provenance_panel(answer))


_DATE_OPTION_HELP = "ISO date (YYYY, YYYY-MM or YYYY-MM-DD); a claim's date, else its source's, must overlap."


def _iso_date(value: Optional[str]) -> Optional[str]:
    import re

    if value is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise typer.BadParameter(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return value


@app.command()
def claims(
    entity: Annotated[Optional[list[str]], typer.Option("--entity", "-e", help="A name, alias (any language) "
                                                        "or id taking any role; repeat for all of several.")] = None,
    type: Annotated[Optional[ClaimTypeOption], typer.Option("--type", "-t")] = None,
    modality: Annotated[Optional[ModalityOption], typer.Option("--modality", "-m")] = None,
    since: Annotated[Optional[str], typer.Option(help=_DATE_OPTION_HELP, callback=_iso_date)] = None,
    until: Annotated[Optional[str], typer.Option(help=_DATE_OPTION_HELP, callback=_iso_date)] = None,
    format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
    store: StoreOption = None,
    database: DatabaseOption = None,
) -> None:
    """List claims, filtered by entity (through aliases in any language), type, modality and date."""
    with _open(store, database) as graph:
        rows = None
        for name in entity or []:
            ids = [e["id"] for e in graph.resolve(name)]
            if not ids:
                _fail(f"no entity named {name!r} in {graph.location} (try: armsgraph entities --search …)")
            found = graph.claims(entities=ids, type=type and type.value, modality=modality and modality.value,
                                 since=since, until=until)
            rows = found if rows is None else [r for r in rows if r.id in {f.id for f in found}]
        if rows is None:
            rows = graph.claims(type=type and type.value, modality=modality and modality.value,
                                since=since, until=until)
    if format is TableFormat.json:
        _print_json([r.model_dump(mode="json") for r in rows])
        return
    _print_rows([{**r.model_dump(), "items": ", ".join(r.items), "quote": shorten(r.quote)} for r in rows],
                ["id", "type", "subject", "object", "items", "claimant", "modality", "date", "title", "quote"])
    err.print(f"{len(rows)} claims", highlight=False)


entities_app = typer.Typer(help="List entities, and correct how names were resolved to them.")
app.add_typer(entities_app, name="entities")


@entities_app.callback(invoke_without_command=True)
def entities(
    context: typer.Context,
    type: Annotated[Optional[str], typer.Option("--type", "-t", help="person, organization, country, location, "
                                                "materiel, vessel, …")] = None,
    search: Annotated[Optional[str], typer.Option(help="Part of a name or alias, any language, any case.")] = None,
    format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
    store: StoreOption = None,
    database: DatabaseOption = None,
) -> None:
    """List entities with how often and in how many sources they are mentioned (or correct them: see below)."""
    if context.invoked_subcommand is not None:
        return
    with _open(store, database) as graph:
        rows = graph.entities(type=type, search=search)
    if format is TableFormat.json:
        _print_json(rows)
    else:
        _print_rows(rows, ["id", "name", "type", "wikidata", "mentions", "sources"])
        err.print(f"{len(rows)} entities", highlight=False)


NoteOption = Annotated[Optional[str], typer.Option(help="Why, in your words; kept with the correction.")]


@entities_app.command()
def merge(
    keep: Annotated[str, typer.Argument(help="The entity that stays: a name, alias or id.")],
    others: Annotated[list[str], typer.Argument(help="Entities that are the same real thing as KEEP.")],
    note: NoteOption = None,
    store: StoreOption = None,
    database: DatabaseOption = None,
) -> None:
    """Merge entities that are one real thing: their mentions, claims and observations become KEEP's.

    Recorded in the store and applied to every article ingested later, so re-ingesting does not undo it.
    Claim ids do not change. Entities of different types, or with different Wikidata ids, are refused.
    """
    from armsgraph.schema import Correction

    with _open(store, database) as graph:
        target = _one_entity(graph, keep, unstored=True)
        merged = [_one_entity(graph, name) for name in others]
        correction = Correction(action="merge", target=target, entities=[e.id for e in merged], note=note)
        _correct(graph, correction, f"merged {', '.join(_named(e) for e in merged)} into {_named(target)}")


@entities_app.command()
def split(
    entity: Annotated[str, typer.Argument(help="The entity some mentions were wrongly resolved to.")],
    name: Annotated[list[str], typer.Option("--name", "-n", help="A form those mentions are written in "
                                            "(any case); repeat for several.")],
    into: Annotated[Optional[str], typer.Option(help="An entity already in the store that they denote.")] = None,
    as_: Annotated[Optional[str], typer.Option("--as", help="Else: the name of the new entity they denote "
                                               "(default: the first --name).")] = None,
    type: Annotated[Optional[str], typer.Option("--type", "-t", help="Its type (default: ENTITY's).")] = None,
    note: NoteOption = None,
    store: StoreOption = None,
    database: DatabaseOption = None,
) -> None:
    """Split off the mentions of ENTITY written as --name: they denote another thing.

    Claims and observations whose sentence uses only those forms move with them. Recorded and applied to
    every article ingested later.
    """
    from armsgraph.schema import Correction, Entity
    from armsgraph.schema.ids import unknown_entity_id

    with _open(store, database) as graph:
        source = _one_entity(graph, entity)
        if into is not None:
            target = _one_entity(graph, into, unstored=True)
        else:
            new_name, new_type = as_ or name[0], type or source.type
            target = Entity(id=unknown_entity_id(new_name, new_type), name=new_name, type=new_type, known=False)
        correction = Correction(action="split", target=target, entities=[source.id], names=name, note=note)
        _correct(graph, correction, f"split {', '.join(repr(n) for n in name)} off {_named(source)} "
                                    f"as {_named(target)}")


@entities_app.command()
def corrections(
    format: Annotated[TableFormat, typer.Option("--format", "-f", help="table, or json: a file `entities "
                                                "apply` loads into another store.")] = TableFormat.table,
    store: StoreOption = None,
    database: DatabaseOption = None,
) -> None:
    """The corrections recorded in the store, in the order they are applied."""
    with _open(store, database) as graph:
        recorded = graph.corrections()
    if format is TableFormat.json:
        _print_json([c.model_dump(mode="json", exclude_defaults=True) for c in recorded])
        return
    _print_rows([{"id": c.id, "action": c.action, "entities": ", ".join(c.entities), "names": ", ".join(c.names),
                  "target": _named(c.target), "note": c.note} for c in recorded],
                ["id", "action", "entities", "names", "target", "note"])


@entities_app.command("apply")
def apply_corrections(
    file: Annotated[Path, typer.Argument(help="A JSON or YAML list of corrections (as `entities corrections "
                                         "--format json` prints).")],
    store: StoreOption = None,
    database: DatabaseOption = None,
) -> None:
    """Load corrections from a file (a colleague's, or a rebuilt store's): before or after ingesting."""
    import yaml
    from pydantic import ValidationError

    from armsgraph.schema import Correction

    try:
        entries = yaml.safe_load(file.read_text(encoding="utf-8"))  # YAML reads JSON too
        if not isinstance(entries, list):
            raise ValueError("expected a list of corrections")
        loaded = [Correction.model_validate(entry) for entry in entries]
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError, ValidationError) as error:
        _fail(f"{file}: not a corrections file: {shorten(str(error), 300)}")
    with _open(store, database, create=True) as graph:
        for correction in loaded:
            _correct(graph, correction, f"{correction.action} {correction.id}", strict=False)


def _one_entity(graph, name: str, *, unstored: bool = False):
    """The one entity a name, alias or id denotes (``unstored``: also one only the gazetteer knows yet);
    an unknown or ambiguous name is an error."""
    found = graph.resolve(name, unstored=unstored)
    if not found:
        _fail(f"no entity named {name!r} in {graph.location} (try: armsgraph entities --search …)")
    if len(found) > 1:
        _fail(f"{name!r} names {len(found)} entities: " + "; ".join(f"{e['name']} ({e['id']}, {e['type']})"
                                                                   for e in found) + " — give the id")
    return graph.entity(found[0]["id"])


def _named(entity) -> str:
    return f"{entity.name} ({entity.id})"


def _correct(graph, correction, done: str, *, strict: bool = True) -> None:
    from armsgraph.linking.corrections import CorrectionError

    try:
        outcome = graph.correct(correction, strict=strict)
    except CorrectionError as error:
        _fail(error)
    if not outcome.recorded:
        typer.echo(f"already recorded: {correction.id} ({done})")
        return
    typer.echo(f"{done}: stored articles rewritten: {outcome.documents}, propositions recomputed: "
               f"{outcome.propositions}; recorded as {correction.id}")


@app.command()
def export(
    out: Annotated[Path, typer.Argument(help="The file to write (a folder for csv).")],
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="graphml: for Gephi or yEd; jsonl: one "
                                                 "document of the model per line; csv: neo4j-admin import files.")]
    = ExportFormat.graphml,
    store: StoreOption = None,
    database: DatabaseOption = None,
) -> None:
    """Export the whole graph: GraphML, JSON Lines of the model, or CSV for neo4j-admin database import."""
    from armsgraph.graph import export as exports

    with _open(store, database) as graph:
        if format is ExportFormat.graphml:
            nodes, edges = exports.write_graphml(graph, out)
            err.print(f"wrote {out}: {nodes} nodes, {edges} relationships", highlight=False)
        elif format is ExportFormat.jsonl:
            with out.open("w", encoding="utf-8") as handle:
                count = exports.write_jsonl(graph, handle)
            err.print(f"wrote {out}: {count} documents", highlight=False)
        else:
            files = exports.write_admin_csv(graph, out)
            err.print(f"wrote {len(files)} files to {out}; load them into an empty Neo4j with:\n"
                      f"{exports.admin_import_command(files)}", highlight=False, soft_wrap=True)


def _resolve_all(graph, names: list[str] | None) -> list[str] | None:
    """Entity ids for names given on the command line (any alias, any language); an unknown name is an error."""
    if not names:
        return None
    ids: list[str] = []
    for name in names:
        found = [e["id"] for e in graph.resolve(name)]
        if not found:
            _fail(f"no entity named {name!r} in {graph.location} (try: armsgraph entities --search …)")
        ids += found
    return ids


@app.command()
def corroboration(
    subject: Annotated[Optional[list[str]], typer.Option("--subject", help="Supplier, offerer, first party… "
                                                         "(name or alias, any language; repeatable).")] = None,
    object: Annotated[Optional[list[str]], typer.Option("--object", help="Recipient, second party…")] = None,
    type: Annotated[Optional[ClaimTypeOption], typer.Option("--type", "-t")] = None,
    item: Annotated[Optional[list[str]], typer.Option("--item", help="Materiel named among the items.")] = None,
    category: Annotated[Optional[str], typer.Option(
        "--category", help=f"'{ANY_MATERIEL}': a pair's propositions whatever the materiel; a materiel category "
        "(missiles, ammunition, uavs_loitering_munitions, …): the narrower ones. Default: both.")] = None,
    format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
    store: StoreOption = None,
    database: DatabaseOption = None,
) -> None:
    """How well each proposition is supported: claims, sources, independent origins, denials, evidence."""
    from armsgraph.graph.linker import materiel_categories

    if category is not None and category not in (ANY_MATERIEL, *materiel_categories()):
        _fail(f"--category {category!r}: not a materiel category; use {ANY_MATERIEL} or one of "
              f"{', '.join(materiel_categories())}")
    with _open(store, database) as graph:
        rows = graph.corroboration(subjects=_resolve_all(graph, subject), objects=_resolve_all(graph, object),
                                   type=type and type.value, items=_resolve_all(graph, item), category=category)
    if format is TableFormat.json:
        _print_json(rows)
        return
    _print_rows([{**r, "category": r["category"] or ANY_MATERIEL, "items": ", ".join(r["items"] or []),
                  "origins": ", ".join(r["origins"] or []),
                  "denied_by": ", ".join(r["denied_by"] or []),
                  "modalities": " ".join(f"{k}:{v}" for k, v in r["modalities"].items() if v)} for r in rows],
                ["id", "type", "subject", "object", "category", "items", "claims", "sources", "independent_origins",
                 "origins",
                 "modalities", "denied_by", "observations", "first_claimed", "last_claimed", "credibility"])
    err.print(f"{len(rows)} propositions", highlight=False)


@app.command()
def timeline(
    name: Annotated[str, typer.Argument(help="An entity: name, alias (any language) or id.")],
    format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
    store: StoreOption = None,
    database: DatabaseOption = None,
) -> None:
    """Dated claims and observations involving an entity, oldest first."""
    with _open(store, database) as graph:
        rows = graph.timeline(_resolve_all(graph, [name]))
    if format is TableFormat.json:
        _print_json(rows)
        return
    _print_rows([{**r, "date": r["date"] + (" (article)" if r.get("undated") else ""),
                  "who": r.get("claimant") or r.get("observer") or "",
                  "what": " → ".join(x for x in (r.get("subject"), r.get("object")) if x) or r.get("site") or "",
                  "quote": shorten(r["quote"])} for r in rows],
                ["date", "kind", "type", "what", "who", "modality", "quote", "source"])


class NetworkFormat(str, Enum):
    graphml = "graphml"
    gexf = "gexf"


@app.command()
def network(
    out: Annotated[Path, typer.Argument(help="The file to write.")],
    format: Annotated[NetworkFormat, typer.Option("--format", "-f")] = NetworkFormat.graphml,
    store: StoreOption = None,
    database: DatabaseOption = None,
) -> None:
    """The supplier → recipient network for Gephi: edges weighted by independent origins."""
    import networkx as nx

    with _open(store, database) as graph:
        supply = graph.supply_network()
    (nx.write_gexf if format is NetworkFormat.gexf else nx.write_graphml)(supply, str(out))
    err.print(f"wrote {out}: {supply.number_of_nodes()} states and groups, {supply.number_of_edges()} supply links",
              highlight=False)


@app.command()
def stats(
    format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
    store: StoreOption = None,
    database: DatabaseOption = None,
) -> None:
    """Count the graph's nodes by label and relationships by type."""
    with _open(store, database) as graph:
        counts = graph.stats()
    if format is TableFormat.json:
        _print_json(counts)
        return
    _print_rows([{"label": k, "count": v} for k, v in counts["nodes"].items()], title="nodes")
    _print_rows([{"type": k, "count": v} for k, v in counts["relationships"].items()], title="relationships")


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
