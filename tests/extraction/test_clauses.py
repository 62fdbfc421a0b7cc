"""The clause layer: agents, themes, polarity, modality and attribution of a predicate, read from
the parse. Every sentence here is written for the construction it tests."""

from __future__ import annotations

import pytest

from kg.extraction.clauses import Modality, Polarity, read_clause


def clause_of(nlp, text: str, lemma: str, preps: tuple[str, ...] = ()):
    doc = nlp(text)
    predicate = next(t for t in doc if t.lemma_.lower() == lemma and t.pos_ in ("VERB", "AUX", "NOUN", "ADJ"))
    return read_clause(predicate, preps=preps)


@pytest.mark.parametrize("text, lemma, agents", [
    ("Norway backed the treaty.", "back", ["Norway"]),
    ("Norway and Chile backed the treaty.", "back", ["Norway", "Chile"]),
    ("The treaty was backed by Norway and Chile.", "back", ["Norway", "Chile"]),
    ("Norway refused to back the treaty.", "back", ["Norway"]),
    ("The council urged Norway to back the treaty.", "back", ["Norway"]),
    ("The council called on Norway to back the treaty.", "back", ["Norway"]),
    ("Norway welcomed and signed the treaty.", "sign", ["Norway"]),
    ("Norway is committed to backing the treaty.", "back", ["Norway"]),
    ("Norway, which backed the treaty, said little.", "back", ["which"]),
    ("Countries backing the treaty met in Oslo.", "back", ["Countries"]),
    ("The ministers met in Oslo to sign the treaty.", "sign", ["ministers"]),
    ("Norway was asked to sign the treaty.", "sign", ["Norway"]),
    ("Chile's support for the treaty was welcome.", "support", ["Chile"]),
    ("The criticism by Chile of the treaty surprised nobody.", "criticism", ["Chile"]),
    # "Victoria, Australia": where the subject is, not a second subject
    ("The Parliament of Victoria, Australia voted to ban the sale of fireworks.", "vote", ["Parliament"]),
])
def test_clauses_agents(nlp, text, lemma, agents):
    assert [t.text for t in clause_of(nlp, text, lemma).agents] == agents


@pytest.mark.parametrize("text, lemma, preps, themes", [
    ("Norway backed the treaty and the tariff.", "back", (), ["treaty", "tariff"]),
    ("The treaty was backed by Norway.", "back", (), ["treaty"]),
    ("Chile called for a ceasefire.", "call", ("for",), ["ceasefire"]),
    ("Chile agreed to suspend the talks.", "agree", ("to",), ["suspend"]),
    ("The minister announced that the mine would close.", "announce", (), ["close"]),
    ("The plan backed by Norway failed.", "back", (), ["plan"]),
    ("Chile's support for the treaty was welcome.", "support", (), ["treaty"]),
])
def test_clauses_themes(nlp, text, lemma, preps, themes):
    assert [t.text for t in clause_of(nlp, text, lemma, preps).themes] == themes


@pytest.mark.parametrize("text, lemma, polarity", [
    ("Norway backed the treaty.", "back", Polarity.ASSERTED),
    ("Norway did not back the treaty.", "back", Polarity.NEGATED),
    ("Norway never signed the treaty.", "sign", Polarity.NEGATED),
    ("Norway no longer supports the treaty.", "support", Polarity.NEGATED),
    ("No country signed the new fishing treaty in May.", "sign", Polarity.NEGATED),
    ("Norway refused to back the treaty.", "back", Polarity.REFUSED),
    ("Norway declined to sign the treaty.", "sign", Polarity.REFUSED),
    ("Norway would never agree to the treaty.", "agree", Polarity.REFUSED),
    ("Norway will not sign the treaty.", "sign", Polarity.REFUSED),
    ("Norway vowed not to sign the treaty.", "sign", Polarity.REFUSED),
    ("Norway did not refuse to sign the treaty.", "sign", Polarity.NEGATED),
    # under a negated verb nothing is stated, not even opposition
    ("Norway would not commit to backing the treaty.", "back", Polarity.NEGATED),
    ("Norway did not sign or ratify the treaty.", "ratify", Polarity.NEGATED),
    ("Norway will not leave the talks and will sign the treaty.", "sign", Polarity.ASSERTED),
    ("Norway denied that it had signed the treaty.", "sign", Polarity.NEGATED),
    ("Norway not only signed but also ratified the treaty.", "sign", Polarity.ASSERTED),
    # "cannot" now is a refusal; "could not" is often a past inability
    ("Norway cannot accept the treaty.", "accept", Polarity.REFUSED),
    ("Norway could not sign the treaty because of a strike.", "sign", Polarity.NEGATED),
])
def test_clauses_polarity(nlp, text, lemma, polarity):
    assert clause_of(nlp, text, lemma).polarity is polarity


@pytest.mark.parametrize("text, lemma, modality", [
    ("Norway signed the treaty.", "sign", Modality.FACT),
    ("Norway may sign the treaty.", "sign", Modality.POSSIBLE),
    ("Norway could back the treaty.", "back", Modality.POSSIBLE),
    ("Norway will sign the treaty.", "sign", Modality.INTENDED),
    ("Norway plans to sign the treaty.", "sign", Modality.INTENDED),
    ("Norway is going to sign the treaty.", "sign", Modality.INTENDED),
    ("The minister said Norway would sign the treaty.", "sign", Modality.INTENDED),
    ("If Norway signs the treaty, Chile will follow.", "sign", Modality.CONDITIONAL),
    ("Chile will wait until Norway signs the treaty.", "sign", Modality.CONDITIONAL),
    ("Reporters asked whether Norway would sign the treaty.", "sign", Modality.CONDITIONAL),
    ("The talks go on unless Norway rejects the treaty.", "reject", Modality.CONDITIONAL),
])
def test_clauses_modality(nlp, text, lemma, modality):
    assert clause_of(nlp, text, lemma).modality is modality


@pytest.mark.parametrize("text, lemma, speaker", [
    ("The minister said that Norway backed the treaty.", "back", "minister"),
    ("According to the minister, Norway backed the treaty.", "back", "minister"),
    ("Norway backed the treaty.", "back", None),
])
def test_clauses_attribution(nlp, text, lemma, speaker):
    attribution = clause_of(nlp, text, lemma).attribution
    assert (attribution.text if attribution is not None else None) == speaker


@pytest.mark.parametrize("text, lemma", [
    ("Norway would only sign the treaty if Chile signed it first.", "sign"),
    ("Norway will back the treaty unless the quota changes.", "back"),
    ("Norway will not sign the treaty until Chile signs it.", "sign"),
])
def test_clauses_the_consequent_of_a_condition_is_conditional(nlp, text, lemma):
    assert clause_of(nlp, text, lemma).modality is Modality.CONDITIONAL


@pytest.mark.parametrize("text, lemma", [
    ("Norway backed the treaty until the election.", "back"),
    ("Norway will keep paying the levy until Chile signs the treaty.", "keep"),
])
def test_clauses_until_is_a_time_unless_the_verb_is_negated(nlp, text, lemma):
    assert clause_of(nlp, text, lemma).modality is not Modality.CONDITIONAL


def test_clauses_a_noun_after_a_date_is_the_subject_the_parser_missed(nlp):
    # "On Friday the council voted ...": the parse the model gives when no comma follows the date,
    # written out by hand since it depends on the words around it
    from spacy.tokens import Doc

    words = ["On", "Friday", "the", "council", "voted", "to", "leave"]
    doc = Doc(nlp.vocab, words=words, heads=[4, 0, 3, 0, 4, 6, 4],
              deps=["prep", "pobj", "det", "pobj", "ROOT", "aux", "xcomp"],
              pos=["ADP", "PROPN", "DET", "NOUN", "VERB", "PART", "VERB"], ents=["O", "B-DATE", "O", "O", "O", "O", "O"])
    assert [t.text for t in read_clause(doc[4]).agents] == ["council"]
    assert [t.text for t in read_clause(doc[6]).agents] == ["council"]


@pytest.mark.parametrize("text, target", [
    ("The Grand Assembly voted 120 to 40 to ban fur farming.", "ban fur farming"),
    ("The Grand Assembly voted 120-40 to approve the new stadium plan.", "new stadium plan"),
])
def test_clauses_an_infinitive_after_a_vote_tally_is_what_was_voted(extract_from, text, target):
    from test_relations import stances

    assert ("Grand Assembly", "backs", target) in stances(extract_from(text))


def test_clauses_a_name_stranded_in_the_subjects_modifiers_is_a_co_agent(extract_from):
    # the parser hangs "Andes Copper" and its "and" inside the second name's modifiers
    from test_relations import stances

    found = stances(extract_from(
        "On Monday, Chile-based miner Andes Copper and Peru-based trader Lima Metals announced their merger."))
    assert {who for who, relation, _ in found if relation == "proposes"} == {"Andes Copper", "Lima Metals"}


@pytest.mark.parametrize("text, present", [
    ('Tom Hart said, "I urge Ana Ruiz, if she cannot run the city, and has no will to run it, to step down."',
     ("Tom Hart", "proposes", "Ana Ruiz step down")),
    ("The Green Party urged Mayor Ana Ruiz, if she wants peace in the valley, to cut water prices.",
     ("Green Party", "proposes", "Mayor Ana Ruiz cut water prices")),
])
def test_clauses_an_infinitive_after_a_condition_is_what_is_urged(extract_from, text, present):
    from test_relations import stances

    assert present in stances(extract_from(text))
