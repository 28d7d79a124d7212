"""A processed document's words, read from spaCy's token arrays in one go.

``doc[i]`` builds a ``Token`` object on every call and ``doc.text`` one per word;
the rules look at words thousands of times per document, so they read them
here as plain lists instead.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, IS_STOP, ORTH, SENT_START, SPACY
from spacy.tokens import Doc

# quotation marks of every supported language (a straight one opens and closes alike)
QUOTE_MARKS = frozenset("\"“”«»„")


@dataclass(frozen=True)
class Words:
    text: str  # the document's text, as doc.text gives it
    texts: list[str]
    starts: list[int]  # character offset of each word
    punct: list[bool]
    stop: list[bool]
    alpha: list[bool]
    sent_start: list[bool]  # as Token.is_sent_start is True

    @classmethod
    def of(cls, doc: Doc) -> "Words":
        strings = doc.vocab.strings
        # one list per attribute (the array transposed), not a row per word to unzip
        orths, spaces, starts, punct, stop, alpha, sent_start = doc.to_array(
            [ORTH, SPACY, IDX, IS_PUNCT, IS_STOP, IS_ALPHA, SENT_START]).T.tolist()
        texts = [strings[orth] for orth in orths]
        text = "".join([word + " " if space else word for word, space in zip(texts, spaces)])
        return cls(text, texts, starts, [v == 1 for v in punct], [v == 1 for v in stop], [v == 1 for v in alpha],
                   [v == 1 for v in sent_start])

    def __len__(self) -> int:
        return len(self.texts)

    def hyphenated(self, i: int) -> bool:
        """Whether word i is joined by a hyphen to the word after or before it ("state-run", "self-declared")."""
        after = i + 1 < len(self.texts) and self.texts[i + 1] == "-" and self.starts[i + 1] == self.starts[i] + len(
            self.texts[i])
        return after or (i > 0 and self.texts[i - 1] == "-" and self.starts[i] == self.starts[i - 1] + 1)

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        """Character offsets of words [start, end), as ``Span.start_char`` and ``Span.end_char`` give them."""
        return self.starts[start], self.starts[end - 1] + len(self.texts[end - 1])

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``."""
        first, last = self.char_span(start, end)
        return self.text[first:last]
