"""Reading documents: files and folders in, ``Source`` values out.

The only module of the extraction path that touches the file system.  Text is
decoded the way Python's text mode reads UTF-8 (universal newlines), so that
offsets agree with ``Path.read_text(encoding="utf-8")`` — the text researchers
and the scorer cite.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from armsgraph.errors import InputError, UnsupportedLanguageError
from armsgraph.schema import Source
from armsgraph.schema.ids import source_id, text_sha256

SUPPORTED_LANGUAGES = ("en", "it", "fr", "es", "de", "ru", "uk")
TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
META_FIELDS = ("title", "publisher", "url", "published", "language")


@dataclass(frozen=True)
class ReadOptions:
    max_bytes: int = DEFAULT_MAX_BYTES
    language: str | None = None  # force a language for every document


def iter_paths(paths: list[Path]) -> Iterator[Path]:
    """Files named directly, and the readable files inside folders (sorted, recursive); metadata is not a document."""
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if is_document(child):
                    yield child
        else:
            yield path


def is_document(path: Path) -> bool:
    name = path.name
    if name.endswith((".meta.json", ".gold.json")) or name.startswith("."):
        return False
    return path.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


def read_documents(path: Path, options: ReadOptions = ReadOptions()) -> Iterator[Source | InputError]:
    """The documents in one file: one for text and HTML, one per line for JSON Lines.

    Errors are yielded, not raised, so that a JSON Lines file with one broken
    line still gives the other lines.
    """
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, options)
            return
        raw = _read_bytes(path, options)
        text = decode(raw, path)
        meta = read_meta(path)
        if suffix in HTML_SUFFIXES:
            text, html_meta = html_to_text(text, path)
            meta = {**html_meta, **meta}
        yield make_source(text, meta, str(path), options)
    except InputError as error:
        yield error


def _read_bytes(path: Path, options: ReadOptions) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if size > options.max_bytes:
        raise InputError(path, f"file is {size:,} bytes, over the limit of {options.max_bytes:,} (raise it with --max-bytes)")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None


def decode(raw: bytes, path: object) -> str:
    """UTF-8 (or UTF-16/32 with a byte-order mark); other encodings only when detection is confident."""
    if not raw.strip():
        raise InputError(path, "file is empty")
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            try:
                return _universal_newlines(raw.decode(codec))
            except UnicodeDecodeError as exc:  # a mark, then bytes that are not that encoding
                raise InputError(path, f"text starts with a {codec.upper()} byte-order mark but is not "
                                       f"{codec.upper()} ({exc.reason} at byte {exc.start})") from None
    if b"\x00" in raw[:8192]:
        raise InputError(path, "file is binary (contains NUL bytes), not text")
    try:
        return _universal_newlines(raw.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = list(from_bytes(raw))
    if not matches or matches[0].chaos > 0.1:
        raise InputError(path, "text is not UTF-8 and its encoding cannot be determined reliably")
    # Short texts often fit several code pages equally well (cp1250, cp1252 and cp1257 all read "Però"
    # without "chaos"); when the equally good readings differ, take Windows-1252, the legacy encoding of
    # most Western pages (what browsers assume for "latin-1"), and refuse when it is not among them.
    score = (matches[0].chaos, matches[0].coherence)
    tied = [m for m in matches if (m.chaos, m.coherence) == score]
    if len({str(m) for m in tied}) > 1:
        tied = [m for m in tied if m.encoding == "cp1252"]
        if not tied:
            raise InputError(path, "text is not UTF-8 and several encodings read it differently; "
                                   "convert it to UTF-8")
    return _universal_newlines(str(tied[0]))


def _universal_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_meta(path: Path) -> dict:
    """``NAME.meta.json`` beside ``NAME.txt``: title, publisher, url, published, language."""
    meta_path = path.with_name(path.name[: -len(path.suffix)] + ".meta.json") if path.suffix else None
    if meta_path is None or not meta_path.exists():
        return {}
    try:
        data = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(meta_path, f"metadata is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(meta_path, "metadata must be a JSON object")
    return validate_meta(data, meta_path)


def validate_meta(data: dict, where: object) -> dict:
    meta = {}
    for key in META_FIELDS:
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError(where, f"metadata field {key!r} must be a string, got {type(value).__name__}")
        meta[key] = value.strip() or None
    if meta.get("published"):
        meta["published"] = normalise_published(meta["published"], where)
    if meta.get("language"):
        meta["language"] = meta["language"].lower().split("-")[0]
    return meta


_ISO_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def normalise_published(value: str, where: object) -> str:
    """An ISO date or date-time (``2023-10-06``, ``2023-10-06T08:00:00Z``, ``2023-10``) to an ISO partial date."""
    match = _ISO_PARTIAL.match(value.strip())
    if match:
        year, month, day = match.groups()
        try:
            if day:
                return date(int(year), int(month), int(day)).isoformat()
            if month:
                date(int(year), int(month), 1)
                return f"{year}-{month}"
            return year
        except ValueError:
            pass
    raise InputError(where, f"metadata field 'published' is not an ISO date: {value!r}")


def html_to_text(html: str, path: object) -> tuple[str, dict]:
    import trafilatura

    text = trafilatura.extract(html, output_format="txt", include_comments=False, include_tables=False)
    if not text or not text.strip():
        raise InputError(path, "HTML page has no article text")
    meta: dict = {}
    info = trafilatura.extract_metadata(html)
    if info is not None:
        for key, attr in (("title", "title"), ("publisher", "sitename"), ("url", "url"), ("published", "date")):
            value = getattr(info, attr, None)
            if value:
                meta[key] = value
        if meta.get("published"):
            try:
                meta["published"] = normalise_published(meta["published"], path)
            except InputError:
                meta.pop("published")
    return text, meta


def _read_jsonl(path: Path, options: ReadOptions) -> Iterator[Source | InputError]:
    _read_bytes(path, ReadOptions(max_bytes=max(options.max_bytes, 2**40)))  # existence and permissions
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            where = f"{path}:{number}"
            if not raw.strip():
                continue
            try:
                if len(raw) > options.max_bytes:
                    raise InputError(where, f"line is {len(raw):,} bytes, over the limit of {options.max_bytes:,}")
                try:
                    record = json.loads(raw.decode("utf-8"))
                except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                    raise InputError(where, f"not a JSON object: {exc}") from None
                if not isinstance(record, dict):
                    raise InputError(where, "not a JSON object")
                text = record.get("text")
                if not isinstance(text, str) or not text.strip():
                    raise InputError(where, "no 'text' field with the article's text")
                meta = validate_meta(record.get("meta") if isinstance(record.get("meta"), dict) else record, where)
                yield make_source(_universal_newlines(text), meta, where, options)
            except InputError as error:
                yield error


def make_source(text: str, meta: dict, path: str | None, options: ReadOptions = ReadOptions()) -> Source:
    if not text.strip():
        raise InputError(path, "document has no text")
    language = options.language or meta.get("language")
    detected = False
    if not language:
        language = detect_language(text)
        detected = True
        if language is None:
            raise UnsupportedLanguageError(path, "cannot tell the language of the text (give it in the metadata or with --language)")
    if language not in SUPPORTED_LANGUAGES:
        raise UnsupportedLanguageError(
            path, f"language {language!r} is not supported (supported: {', '.join(SUPPORTED_LANGUAGES)})")
    return Source(
        id=source_id(text), title=meta.get("title"), publisher=meta.get("publisher"), url=meta.get("url"),
        published=meta.get("published"), language=language, language_detected=detected, path=path,
        sha256=text_sha256(text), text=text,
    )


@lru_cache(maxsize=1)
def _detector():
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_all_spoken_languages().build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot be told."""
    sample = text[:2000]
    if sum(ch.isalpha() for ch in sample) < 20:
        return None
    language = _detector().detect_language_of(sample)
    if language is None:
        return None
    return language.iso_code_639_1.name.lower()


