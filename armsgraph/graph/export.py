"""Exports of a whole store: GraphML (Gephi, yEd), JSON Lines of the model, and CSV for ``neo4j-admin import``."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import TextIO

from armsgraph.graph.base import CypherStore

# neo4j-admin header types for the properties that are not plain strings.
_ADMIN_TYPES = {
    "startOffset": "int", "endOffset": "int", "sentenceStart": "int", "sentenceEnd": "int", "position": "int",
    "languageDetected": "boolean", "known": "boolean",
    "aliases": "string[]", "keys": "string[]", "countWhat": "string[]", "caveats": "string[]", "countValue": "int[]",
}
# A control character cannot appear in article text (the reader keeps none), so arrays split cleanly on it.
ARRAY_DELIMITER = "\x1f"
GRAPHML_LIST_SEPARATOR = " | "


def write_jsonl(store: CypherStore, out: TextIO) -> int:
    """One ``{"result": ExtractionResult, "text": ...}`` line per stored document; returns how many."""
    import json

    count = 0
    for result, text in store.documents():
        out.write(json.dumps({"result": result.model_dump(mode="json"), "text": text}, ensure_ascii=False) + "\n")
        count += 1
    return count


def to_networkx(store: CypherStore):
    """The whole graph as a networkx MultiDiGraph: node attributes are properties plus ``label``."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for label, node in store.nodes():
        graph.add_node(node["id"], label=label, **{k: v for k, v in node.items() if not k.startswith("_")})
    for rel in store.relationships():
        props = {k: v for k, v in (rel["rel"] or {}).items() if not k.startswith("_")}
        graph.add_edge(rel["source"], rel["target"], type=rel["type"], **props)
    return graph


def write_graphml(store: CypherStore, path: Path) -> tuple[int, int]:
    """GraphML keeps scalars only: lists are joined with `` | `` and missing values left out."""
    import networkx as nx

    graph = to_networkx(store)
    for _, attributes in graph.nodes(data=True):
        _graphml_values(attributes)
    for _, _, attributes in graph.edges(data=True):
        _graphml_values(attributes)
    nx.write_graphml(graph, str(path))
    return graph.number_of_nodes(), graph.number_of_edges()


def _graphml_values(attributes: dict) -> None:
    for key in list(attributes):
        value = attributes[key]
        if value is None:
            del attributes[key]
        elif isinstance(value, list):
            attributes[key] = GRAPHML_LIST_SEPARATOR.join(str(v) for v in value)


def write_admin_csv(store: CypherStore, folder: Path) -> list[Path]:
    """One CSV per label and per relationship type, with ``neo4j-admin database import`` headers."""
    folder.mkdir(parents=True, exist_ok=True)
    by_label: dict[str, list[dict]] = {}
    for label, node in store.nodes():
        by_label.setdefault(label, []).append(node)
    by_type: dict[str, list[dict]] = {}
    for rel in store.relationships():
        by_type.setdefault(rel["type"], []).append(rel)
    written = []
    for label, nodes in sorted(by_label.items()):
        names = sorted({k for n in nodes for k in n if not k.startswith("_") and k != "id"})
        header = ["id:ID", *(_admin_column(n) for n in names), ":LABEL"]
        rows = ([n["id"], *(_admin_value(n.get(k)) for k in names), label] for n in nodes)
        written.append(_write_csv(folder / f"nodes-{label}.csv", header, rows))
    for rel_type, rels in sorted(by_type.items()):
        names = sorted({k for r in rels for k in (r["rel"] or {}) if not k.startswith("_")})
        header = [":START_ID", ":END_ID", *(_admin_column(n) for n in names), ":TYPE"]
        rows = ([r["source"], r["target"], *(_admin_value((r["rel"] or {}).get(k)) for k in names), rel_type]
                for r in rels)
        written.append(_write_csv(folder / f"relationships-{rel_type}.csv", header, rows))
    return written


def admin_import_command(files: list[Path]) -> str:
    """The ``neo4j-admin`` command that loads what ``write_admin_csv`` wrote."""
    parts = ["neo4j-admin database import full neo4j", "--multiline-fields=true", "--array-delimiter=U+001F"]
    for path in files:
        parts.append(f"--nodes={path}" if path.name.startswith("nodes-") else f"--relationships={path}")
    return " \\\n  ".join(parts)


def _admin_column(name: str) -> str:
    kind = _ADMIN_TYPES.get(name)
    return f"{name}:{kind}" if kind else name


def _admin_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(str(v) for v in value)
    return str(value)


def _write_csv(path: Path, header: list[str], rows) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path
