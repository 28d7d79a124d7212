"""Reading documents: encodings, metadata, formats, and clear errors naming the file."""
import json

import pytest

from armsgraph.errors import InputError, UnsupportedLanguageError
from armsgraph.reader import ReadOptions, decode, iter_paths, read_documents


def _one(path, **options):
    items = list(read_documents(path, ReadOptions(**options)))
    assert len(items) == 1
    return items[0]


def test_reader_reads_text_with_meta_beside(tmp_path):
    (tmp_path / "a.txt").write_text("Iran supplied drones to Russia, the White House said.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"title": "T", "published": "2022-10-20T08:00:00Z",
                                                      "language": "en", "publisher": "The White House"}))
    source = _one(tmp_path / "a.txt")
    assert source.language == "en" and not source.language_detected
    assert source.published == "2022-10-20"
    assert source.publisher == "The White House"
    assert source.id.startswith("s-") and len(source.sha256) == 64


def test_reader_offsets_follow_universal_newlines(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("Riga uno.\r\nRiga due con la Russia.\r\n".encode("utf-8"))
    source = _one(path, language="it")
    assert source.text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("raw, reason", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x00\x01\x02binary\x00", "binary"),
    (b"\xfe\xff\x00\x00\x00", "UTF-16 byte-order mark but is not UTF-16"),  # found by fuzzing ingest
    (b"\xff\xfe\x00\x00\x00\xd8\x00\x00", "UTF-32 byte-order mark but is not UTF-32"),
])
def test_reader_refuses_bad_bytes(tmp_path, raw, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(raw)
    error = _one(path, language="en")
    assert isinstance(error, InputError)
    assert str(path) in str(error) and reason in str(error)


def test_reader_decodes_utf16_with_bom():
    assert decode("Россия".encode("utf-16"), "x") == "Россия"


def test_reader_size_limit_names_file(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000)
    error = _one(path, language="en", max_bytes=100)
    assert isinstance(error, InputError) and "over the limit" in str(error) and str(path) in str(error)


def test_reader_malformed_meta_is_an_error(tmp_path):
    (tmp_path / "a.txt").write_text("Iran supplied drones to Russia.")
    (tmp_path / "a.meta.json").write_text("{not json")
    error = _one(tmp_path / "a.txt")
    assert isinstance(error, InputError) and "a.meta.json" in str(error)


def test_reader_bad_published_date_is_an_error(tmp_path):
    (tmp_path / "a.txt").write_text("Iran supplied drones to Russia.")
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": "last Tuesday", "language": "en"}))
    error = _one(tmp_path / "a.txt")
    assert isinstance(error, InputError) and "published" in str(error)


def test_reader_detects_language_when_not_given(tmp_path):
    path = tmp_path / "it.txt"
    path.write_text("La Corea del Nord avrebbe fornito alla Russia milioni di proiettili di artiglieria, "
                    "secondo l'intelligence sudcoreana.", encoding="utf-8")
    source = _one(path)
    assert source.language == "it" and source.language_detected


def test_reader_refuses_unsupported_language(tmp_path):
    path = tmp_path / "pl.txt"
    path.write_text("Korea Północna dostarczyła Rosji miliony pocisków artyleryjskich, twierdzi wywiad.",
                    encoding="utf-8")
    error = _one(path)
    assert isinstance(error, UnsupportedLanguageError) and "not supported" in str(error)


def test_reader_jsonl_goes_on_after_a_broken_line(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([
        json.dumps({"text": "Iran supplied drones to Russia.", "language": "en"}),
        "{broken",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "La Russia ha ricevuto droni dall'Iran.", "language": "it"}),
    ]), encoding="utf-8")
    items = list(read_documents(path))
    assert [type(i).__name__ for i in items] == ["Source", "InputError", "InputError", "Source"]
    assert items[1].path.endswith("batch.jsonl:2")
    assert items[3].language == "it"


def test_reader_html_goes_through_trafilatura(tmp_path):
    path = tmp_path / "page.html"
    body = "<p>" + "Iran has supplied hundreds of drones to Russia, officials said. " * 5 + "</p>"
    path.write_text(f"<html><head><title>Drones</title><script>var x = 1;</script></head>"
                    f"<body><nav>Home | News</nav><article>{body}</article></body></html>")
    source = _one(path, language="en")
    assert "drones to Russia" in source.text
    assert "var x" not in source.text and "Home | News" not in source.text


def test_reader_folder_skips_metadata_and_gold(tmp_path):
    for name in ("a.txt", "a.meta.json", "a.gold.json", "b.md", "c.png"):
        (tmp_path / name).write_text("x")
    assert [p.name for p in iter_paths([tmp_path])] == ["a.txt", "b.md"]


def test_reader_short_windows_1252_text_is_not_read_as_another_code_page(tmp_path):
    # cp1250 and cp1257 read these bytes without "chaos" too, as "Perň č cosě": equally good readings
    # that differ are settled for Windows-1252
    from armsgraph.reader import decode

    raw = "Il Cremlino ha negato le forniture di armi. Però è così.".encode("cp1252")
    assert decode(raw, tmp_path / "x.txt") == "Il Cremlino ha negato le forniture di armi. Però è così."
