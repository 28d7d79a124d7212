"""Near-duplicate articles: copies with debris or light edits match, other articles on the same event do not."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from armsgraph.linking.duplicates import (
    BANDS,
    DUPLICATE_THRESHOLD,
    PERMUTATIONS,
    fingerprint,
    is_near_duplicate,
    similarity,
)

# Texts written for these tests; the events are invented.
ENGLISH = """Kyiv says North Korean missiles struck Kharkiv as shipments to Russia grow

Ukrainian officials said on Tuesday that fragments recovered after an overnight strike on Kharkiv \
belonged to a KN-23 ballistic missile supplied to Russia by North Korea, the third such finding this month.

"The markings on the engine casing leave no doubt about where this missile was made," said Andriy Kostin, \
Ukraine's prosecutor general, at a briefing in Kyiv. He said investigators had photographed serial numbers \
that matched components found after earlier attacks on Zaporizhzhia.

According to Ukrainian military intelligence, Pyongyang has delivered at least fifty ballistic missiles and \
several million artillery shells since the autumn of 2023, most of them carried by rail across the short \
border between the two countries and then by ship from the port of Rajin to Vostochny.

Western governments have accused Moscow of violating United Nations Security Council resolutions that ban \
any arms trade with North Korea. The Kremlin has denied receiving weapons, while North Korean state media \
described the reports as a fabrication spread by Washington and its allies.

Analysts at the Royal United Services Institute said the missiles appeared to be less accurate than their \
Russian equivalents, but warned that every delivery allowed Russia to preserve its own stocks for later \
use. In return, they said, Pyongyang was likely receiving food, fuel and help with its satellite programme.

The strike on Kharkiv damaged two apartment buildings and a school, regional governor Oleh Syniehubov said, \
adding that rescue workers were still searching the rubble on Tuesday afternoon."""

# The same article as republished elsewhere: a new headline and the page's debris around it.
ENGLISH_WITH_DEBRIS = """Home | World | Europe | Business | Opinion | Subscribe
We use cookies to improve your experience. By continuing to browse you accept our cookie policy. Accept all
Ukraine finds more North Korean missile debris after Kharkiv attack
""" + ENGLISH.split("\n", 1)[1] + """

Read more: Russia and Iran deepen drone cooperation
Share on Facebook  Share on X  Email this article
© 2024 Eastern Wire Service. All rights reserved. Terms of use | Privacy | Contact us"""

# A lightly edited copy: a few words changed and the paragraph on what Pyongyang gets in return cut short.
ENGLISH_EDITED = (ENGLISH
                  .replace("on Tuesday", "on Tuesday morning", 1)
                  .replace("the third such finding this month", "the third such case in March")
                  .replace("at least fifty", "more than 50")
                  .replace(" In return, they said, Pyongyang was likely receiving food, fuel and help "
                           "with its satellite programme.", ""))

# Another article on the same event, with the same people, places and weapons, written independently.
ENGLISH_OTHER = """North Korea's KN-23 missiles are now a regular part of Russia's strikes, Ukraine says

Andriy Kostin, Ukraine's prosecutor general, told reporters in Kyiv that the missile which hit Kharkiv \
overnight was a North Korean KN-23, identified from serial numbers on its engine.

It is not the first time. Investigators have examined debris from attacks on Zaporizhzhia and Kyiv and \
found the same components, Kostin said, adding that the evidence would be handed to the United Nations.

Ukrainian military intelligence estimates that North Korea has sent Russia dozens of ballistic missiles \
and millions of shells, moving them by train and by sea through Rajin and Vostochny.

Moscow and Pyongyang deny any arms trade, which United Nations Security Council resolutions prohibit. \
Researchers at the Royal United Services Institute say that Russia pays with oil, food and military \
technology, including assistance for North Korea's satellite launches.

In Kharkiv, governor Oleh Syniehubov said a school and two apartment buildings were damaged in the attack."""

ITALIAN = """Droni iraniani a Mosca: nuove consegne via Caspio, secondo l'intelligence

Secondo fonti dell'intelligence britannica, l'Iran avrebbe consegnato alla Russia un nuovo lotto di droni \
Shahed-136 nelle ultime settimane, trasportandoli via nave attraverso il Mar Caspio fino al porto di Astrachan'.

«Le consegne non si sono mai interrotte, anzi sono aumentate dall'inizio dell'anno», ha dichiarato un \
funzionario europeo che ha chiesto di restare anonimo. Le immagini satellitari mostrerebbero container \
scaricati di notte e caricati su convogli ferroviari diretti verso la regione di Mosca.

Teheran ha sempre smentito di aver fornito armi da impiegare nella guerra in Ucraina, sostenendo che i \
droni consegnati a Mosca risalgono a prima dell'invasione. Il Cremlino non ha commentato le notizie.

Gli analisti ricordano che la Russia ha avviato nella zona economica speciale di Alabuga, nel Tatarstan, \
una produzione su licenza dei droni iraniani, con l'obiettivo di fabbricarne diverse migliaia all'anno. \
Secondo gli Stati Uniti, parte dei componenti elettronici proviene ancora da fornitori occidentali.

L'Unione europea ha adottato nuove sanzioni contro aziende iraniane coinvolte nel programma e sta \
valutando misure contro le compagnie di navigazione che operano sulle rotte del Caspio."""

ITALIAN_WITH_DEBRIS = """Accedi | Abbonati | Newsletter | Edizioni locali
Questo sito utilizza cookie tecnici e di profilazione. Chiudendo questo banner acconsenti all'uso dei cookie.
L'Iran continua a rifornire la Russia di droni Shahed, rotte sul Caspio
""" + ITALIAN.split("\n", 1)[1] + """

Leggi anche: Kiev chiede nuovi sistemi di difesa aerea
Condividi su WhatsApp  Condividi su Facebook
Riproduzione riservata © Copyright Agenzia Notizie Est"""

ITALIAN_EDITED = (ITALIAN
                  .replace("nelle ultime settimane", "negli ultimi giorni")
                  .replace("diverse migliaia", "seimila")
                  .replace(" Il Cremlino non ha commentato le notizie.", ""))

ITALIAN_OTHER = """Alabuga, la fabbrica russa dei droni iraniani lavora a pieno ritmo

Nella zona economica speciale di Alabuga, in Tatarstan, la Russia produce ormai da sola gran parte dei \
droni Shahed-136 che un tempo riceveva dall'Iran, secondo un rapporto dell'intelligence britannica.

Teheran continua comunque a inviare componenti e tecnici attraverso il Mar Caspio e il porto di Astrachan', \
sostengono fonti europee, mentre Mosca punta a fabbricare migliaia di droni all'anno.

Il Cremlino e il governo iraniano negano qualsiasi cooperazione militare legata alla guerra in Ucraina. \
Washington afferma invece che molti componenti elettronici arrivano ancora da aziende occidentali, \
aggirando le sanzioni decise dall'Unione europea e dagli Stati Uniti."""

COPIES = [
    pytest.param(ENGLISH, ENGLISH_WITH_DEBRIS, id="en-debris-headline"),
    pytest.param(ENGLISH, ENGLISH_EDITED, id="en-edited"),
    pytest.param(ITALIAN, ITALIAN_WITH_DEBRIS, id="it-debris-headline"),
    pytest.param(ITALIAN, ITALIAN_EDITED, id="it-edited"),
]
OTHERS = [
    pytest.param(ENGLISH, ENGLISH_OTHER, id="en-same-event"),
    pytest.param(ITALIAN, ITALIAN_OTHER, id="it-same-event"),
    pytest.param(ENGLISH, ITALIAN, id="different-events"),
]


def test_duplicates_identical_text_has_similarity_one():
    assert similarity(fingerprint(ENGLISH), fingerprint(ENGLISH)) == 1.0
    assert is_near_duplicate(fingerprint(ITALIAN), fingerprint(ITALIAN))


def test_duplicates_fingerprint_shape():
    fp = fingerprint(ENGLISH)
    assert len(fp.signature) == PERMUTATIONS
    assert len(fp.bands) == BANDS == len(set(fp.bands))
    assert all(key.startswith(f"b{i:02d}-") for i, key in enumerate(fp.bands))
    assert fp.shingles > 200


def test_duplicates_ignore_quote_dash_case_and_spacing_styles():
    plain = 'Kostin said: "Russia\'s missiles - made in Pyongyang - hit Kharkiv."'
    styled = "KOSTIN  said:\n“Russia’s missiles — made in Pyongyang — hit Kharkiv…”"
    assert fingerprint(plain) == fingerprint(styled)


@pytest.mark.parametrize("original, copy", COPIES)
def test_duplicates_copies_are_near_duplicates(original, copy):
    a, b = fingerprint(original), fingerprint(copy)
    assert similarity(a, b) >= DUPLICATE_THRESHOLD + 0.1  # with room to spare, not just over the line
    assert is_near_duplicate(a, b)


@pytest.mark.parametrize("original, copy", COPIES)
def test_duplicates_copies_share_a_band_key(original, copy):
    assert set(fingerprint(original).bands) & set(fingerprint(copy).bands)


@pytest.mark.parametrize("one, other", OTHERS)
def test_duplicates_other_articles_on_the_same_event_are_not_duplicates(one, other):
    a, b = fingerprint(one), fingerprint(other)
    assert similarity(a, b) < 0.15
    assert not is_near_duplicate(a, b)


def test_duplicates_same_across_processes_with_different_hash_seeds():
    code = ("import sys; from armsgraph.linking.duplicates import fingerprint; "
            "fp = fingerprint(sys.stdin.read()); print(fp.signature, fp.bands)")
    root = Path(__file__).resolve().parents[2]
    outputs = {
        subprocess.run([sys.executable, "-c", code], input=ITALIAN, capture_output=True, text=True, check=True,
                       cwd=root, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2024")
    }
    fp = fingerprint(ITALIAN)
    assert outputs == {f"{fp.signature} {fp.bands}\n"}


@pytest.mark.parametrize("text", ["", "   \n\t", "— … «»", "!!!"])
def test_duplicates_text_without_words_matches_nothing(text):
    fp = fingerprint(text)
    assert fp.bands == () and fp.shingles == 0
    assert similarity(fp, fp) == 0.0
    assert not is_near_duplicate(fp, fp)
    assert not is_near_duplicate(fp, fingerprint(ENGLISH))


@pytest.mark.parametrize("text", ["Shahed", "Shahed-136 drones", "Северная Корея поставила снаряды"])
def test_duplicates_texts_shorter_than_a_shingle_get_one_shingle(text):
    fp = fingerprint(text)
    assert fp.shingles == 1 and len(fp.bands) == BANDS
    assert is_near_duplicate(fp, fingerprint(text.upper()))
    assert not is_near_duplicate(fp, fingerprint("Kharkiv"))


texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300)


@settings(max_examples=100, deadline=None)
@given(texts, texts)
def test_duplicates_similarity_symmetric_bounded_and_one_with_itself(one, other):
    a, b = fingerprint(one), fingerprint(other)
    assert similarity(a, b) == similarity(b, a)
    assert 0.0 <= similarity(a, b) <= 1.0
    assert fingerprint(one) == a
    if a.shingles:
        assert similarity(a, a) == 1.0


def _content(mentions: list[str], claims: list[tuple[str, str, str]], text: str):
    from armsgraph.schema import Claim, Document, Entity, ExtractionResult, Mention

    entities = {}
    for position, entity_id in enumerate(mentions):
        entities.setdefault(entity_id, []).append(Mention(text=entity_id, start=position, end=position + 1))
    return ExtractionResult(
        document=Document(id="s-1", language="en", sha256="0" * 64),
        entities=[Entity(id=i, name=i, type="country", mentions=m) for i, m in entities.items()],
        claims=[Claim(id=f"c-{n}", type=t, subject=s, object=o, quote="x", start=0, end=1, extractor="t")
                for n, (t, s, o) in enumerate(claims)], extractor="t")


def test_duplicates_content_items_count_mentions_numbers_and_claims_in_any_language():
    from armsgraph.linking.duplicates import content_items

    result = _content(["north-korea", "russia", "russia"], [("transfer", "north-korea", "russia")], "")
    english = content_items(result, "6,700 containers since August 2023")
    french = content_items(result, "6 700 conteneurs depuis août 2023")
    assert english == french == {"e:north-korea#1", "e:russia#1", "e:russia#2", "n:6#1", "n:700#1", "n:2023#1",
                                 "c:transfer:north-korea:russia:asserted#1"}


def test_duplicates_content_fingerprint_of_a_news_brief_matches_nothing():
    from armsgraph.linking.duplicates import MIN_CONTENT_ITEMS, content_fingerprint

    brief = content_fingerprint(_content(["north-korea", "russia"], [], "in 2023"), "in 2023")
    assert brief.shingles < MIN_CONTENT_ITEMS and brief.bands == () and brief.signature == ()
