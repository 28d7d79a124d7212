#!/usr/bin/env python3
"""Developer aid: show, sentence by sentence, the cues and entity mentions the extractor saw.

    python scripts/explain.py examples/articles/00-tumangan-rail-it.txt
"""
import sys
from pathlib import Path

from armsgraph.extract.pipeline import _common_words, build_nlp
from armsgraph.extract.entities import find_entities
from armsgraph.extract.resources import load_gazetteer
from armsgraph.reader import read_documents

for item in read_documents(Path(sys.argv[1])):
    nlp = build_nlp(item.language)
    doc = nlp(item.text)
    ents = find_entities(doc, load_gazetteer(), item.language, _common_words(item.language, None))
    for sent in doc.sents:
        print("\n##", sent.text.strip()[:200])
        cues = [f"{doc[c.start:c.end].text}={c.label}" for c in doc._.cues if sent.start <= c.start < sent.end
                and not c.label.startswith(("determiners", "marker:other", "marker:genitive"))]
        print("   cues:", ", ".join(cues))
        print("   ents:", ", ".join(f"{doc[m.start:m.end].text}={m.entity}/{m.form}" for m in ents.mentions
                                    if sent.start <= m.start < sent.end))
