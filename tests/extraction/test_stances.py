"""What a proposal is for, said with it, is proposed too; other purposes are no plans. Stances said
by a phrase instead of a cue verb."""

import pytest

from test_proposals import proposals_of
from test_relations import stances


@pytest.mark.parametrize("text, purpose", [
    ("On Friday, Mayor Ana Ruiz declared an emergency so she could close the harbour to cargo ships.",
     "close the harbour"),
    ("Mayor Ana Ruiz proposed a levy on cars in order to pay for the new bridge.", "pay for the new bridge"),
])
def test_stances_the_purpose_of_a_proposal_is_proposed(extract_from, text, purpose):
    proposed = proposals_of(extract_from(text), "proposes")
    assert any(who == "Ana Ruiz" and what.startswith(purpose) for who, what in proposed), proposed


@pytest.mark.parametrize("text", [
    "Mayor Ana Ruiz proposed a levy on cars so the rivers stay clean.",  # not her own act
    "Mayor Ana Ruiz left the meeting early so she could catch the train.",  # no proposal it serves
    "Mayor Ana Ruiz did not propose a levy so she could fund the bridge.",  # nothing proposed
])
def test_stances_no_purpose_proposal_without_a_proposers_own_aim(extract_from, text):
    labels = [p.label for p in extract_from(text).proposals.values()]
    assert not any(word in label for label in labels for word in ("clean", "train", "fund")), labels


@pytest.mark.parametrize("text, present", [
    ("The Green Party voted in favour of the climate bill.", ("Green Party", "backs", "climate bill")),
    ("The Labour Party is opposed to the new tax.", ("Labour Party", "opposes", "new tax")),
    ("Spain is against the merger.", ("Spain", "opposes", "merger")),
    ("Spain came out against the merger on Monday.", ("Spain", "opposes", "merger")),
    ("Senator Mia Cole is a vocal critic of the trade deal.", ("Mia Cole", "opposes", "trade deal")),
    ("Mia Cole, a longtime opponent of the tax, spoke first.", ("Mia Cole", "opposes", "tax")),
    ("Governor Sam Ito is a proponent of the tax plan.", ("Sam Ito", "backs", "tax plan")),
])
def test_stances_said_by_a_phrase(extract_from, text, present):
    found = stances(extract_from(text))
    assert present in found, found


@pytest.mark.parametrize("text", [
    "The Green Party did not vote in favour of the climate bill.",
    "The Labour Party is no longer opposed to the new tax.",
    "Spain is not against the merger.",
    "If elected, Mia Cole would be against the tax.",
    "Ana Ruiz is a critic of Tom Hart.",  # a stance on a person is no proposal fact
])
def test_stances_no_phrase_stance_when_negated_conditional_or_about_a_person(extract_from, text):
    assert stances(extract_from(text)) == set()


@pytest.mark.parametrize("text, present", [
    ("Ana Ruiz said the pension reform must be scrapped.", ("Ana Ruiz", "opposes", "pension reform")),
    ('Ana Ruiz said: "We must scrap the pension reform."', ("Ana Ruiz", "opposes", "pension reform")),
    ("Ana Ruiz said the Senate should pass the climate bill.", ("Ana Ruiz", "backs", "climate bill")),
    ("Ana Ruiz said it was time to scrap the pension reform.", ("Ana Ruiz", "opposes", "pension reform")),
    ('Tom Hart said: "Now is the time to raise the minimum wage."', ("Tom Hart", "proposes", "raise the minimum wage")),
    ('Ana Ruiz tweeted, "Enough is enough - it is time to give workers a say on pensions."',
     ("Ana Ruiz", "proposes", "give workers a say on pensions")),
])
def test_stances_who_demands_a_stance_takes_it(extract_from, text, present):
    found = stances(extract_from(text))
    assert present in found, found


@pytest.mark.parametrize("text", [
    "Ana Ruiz said the government should not scrap the pension reform.",
    "Ana Ruiz asked whether the government should scrap the pension reform.",
    "Ana Ruiz said it was not time to scrap the pension reform.",
    "The Senate should pass the climate bill, analysts say.",  # no one named demands it
    # a negative subject negates the demand
    'Ana Ruiz said, "Nobody should have to pay a toll to cross the new bridge."',
    'Ana Ruiz said, "No one should have to pay a toll to cross the new bridge."',
])
def test_stances_no_demanded_stance_when_negated_asked_or_unattributed(extract_from, text):
    assert not {s for s in stances(extract_from(text)) if s[0] in ("Ana Ruiz", "Senate")}


def test_stances_a_demanded_act_is_not_done(extract_from):
    extraction = extract_from("Ana Ruiz said the pension reform must be scrapped.")
    assert [p.status for p in extraction.proposals.values()] == [None]


@pytest.mark.parametrize("text, present", [
    ('Ana Ruiz called Prime Minister Bo Lind\'s proposed pension reform "reckless".',
     ("Ana Ruiz", "opposes", "pension reform")),
    ('Senator Mia Cole called the new pay deal "a fair outcome".', ("Mia Cole", "backs", "pay deal")),
])
def test_stances_a_quoted_label_after_the_noun_is_a_verdict(extract_from, text, present):
    found = stances(extract_from(text))
    assert any(s[:2] == present[:2] and present[2] in s[2] and '"' not in s[2] for s in found), found


@pytest.mark.parametrize("text, present", [
    ('Ana Ruiz said, "We must fight on for equal pension rights."', ("Ana Ruiz", "proposes", "equal pension rights")),
    ("The Farmers' Union has fought for lower fuel taxes since 2015.", ("Farmers' Union", "proposes", "lower fuel taxes")),
])
def test_stances_fighting_for_something_proposes_it(extract_from, text, present):
    assert present in stances(extract_from(text))


@pytest.mark.parametrize("text, present", [
    ('Ana Ruiz described the new tariff plan as "reckless".', ("Ana Ruiz", "opposes", "new tariff plan")),
    ("Ana Ruiz regards the tariff plan as necessary.", ("Ana Ruiz", "backs", "tariff plan")),
    ('The city council voted to close the harbour. Tom Hart criticised the council\'s decision, which Mia Cole '
     'has referred to as a "stunt".', ("Mia Cole", "opposes", "close the harbour")),
    # a possessed act noun with a relative clause after a comma still points back
    ('The city council voted to close the harbour. Tom Hart criticised the council\'s decision, which Mia Cole '
     'has referred to as a "stunt".', ("Tom Hart", "opposes", "close the harbour")),
])
def test_stances_a_label_given_with_as_is_a_verdict(extract_from, text, present):
    assert present in stances(extract_from(text))


@pytest.mark.parametrize("text", [
    "Ana Ruiz described the tariff plan as a response to rising prices.",  # no verdict in it
    'Ana Ruiz referred to the tariff plan as "Plan B".',  # a name for it
    # a gathering judged is no proposal
    'Delegates met for a three-day convention in Ohio. Tom Hart described the convention as a "dull infomercial".',
])
def test_stances_no_verdict_from_a_neutral_description_or_a_name(extract_from, text):
    assert stances(extract_from(text)) == set()


@pytest.mark.parametrize("text, present", [
    ("The Competition Office, which polices cartels, has to approve the merger.",
     ("Competition Office", "considers", "merger")),
    ("The merger still has to be approved by the Competition Office.", ("Competition Office", "considers", "merger")),
    # "the deal" points back to "their agreement"
    ("Andes Copper and Lima Metals signed an agreement on a joint mine. The Competition Office has to approve the deal.",
     ("Competition Office", "considers", "agreement on a joint mine")),
])
def test_stances_who_has_to_approve_a_measure_considers_it(extract_from, text, present):
    assert present in stances(extract_from(text))


@pytest.mark.parametrize("text, present", [
    # "recall" reports speech only in the active ("she recalled that ..."); a clause before a dash is another one
    ('Mayor Ana Ruiz said, "The curfew was unlawful — so the council must be recalled at once."',
     ("Ana Ruiz", "proposes", "council must be recalled at once")),
])
def test_stances_a_demand_after_a_dash_in_a_quotation(extract_from, text, present):
    assert present in stances(extract_from(text))


@pytest.mark.parametrize("text, stance", [
    ('Ana Ruiz proposed a sugar tax. Tom Hart called it "a question of public health".', None),
    ('Ana Ruiz proposed a sugar tax. Tom Hart called it "a non-starter".', "opposes"),
    ('Ana Ruiz proposed a sugar tax. Tom Hart called it "a good start".', "backs"),
])
def test_stances_a_quoted_label_says_what_kind_of_thing_or_how_good(extract_from, text, stance):
    found = {relation for who, relation, _ in stances(extract_from(text)) if who == "Tom Hart"}
    assert found == ({stance} if stance else set())


@pytest.mark.parametrize("text, stance", [
    ('Mayor Ana Ruiz proposed a levy on sugary drinks. Tom Hart said, "The levy will help every family in the city."',
     "backs"),
    ('Mayor Ana Ruiz proposed a levy on sugary drinks. Tom Hart said, "This levy will hurt small shops badly."',
     "opposes"),
    ('Mayor Ana Ruiz proposed a levy on sugary drinks. Tom Hart said, "The rain will help every farmer."', None),
    # what a levy has done is no forecast of what the one proposed will do
    ('Mayor Ana Ruiz proposed a levy on sugary drinks. Tom Hart said, "The levy has meant the threat of jail for shop owners."',
     None),
])
def test_stances_what_a_quotation_says_a_measure_will_do(extract_from, text, stance):
    found = {relation for who, relation, _ in stances(extract_from(text)) if who == "Tom Hart"}
    assert found == ({stance} if stance else set())


@pytest.mark.parametrize("text, present", [
    ('"We will vote against the pension bill," Ana Ruiz said.', ("Ana Ruiz", "opposes", "pension bill")),
    ('Tom Hart said, "We have prepared a new tax on taxis."', ("Tom Hart", "proposes", "new tax on taxis")),
    ("Chile is preparing a new law on water rights.", ("Chile", "proposes", "new law on water rights")),
])
def test_stances_we_in_a_quotation_is_its_speaker(extract_from, text, present):
    assert present in stances(extract_from(text))


def test_stances_preparing_a_report_is_no_proposal(extract_from):
    assert stances(extract_from("The Finance Ministry prepared a report on the floods.")) == set()


@pytest.mark.parametrize("text, present", [
    ("Ana Ruiz, who leads the Green Party, declared she would not seek its leadership again in 2030.",
     ("Ana Ruiz", "proposes", "would not seek its leadership again")),
    ("Ana Ruiz announced that she would not run for a second term.", ("Ana Ruiz", "proposes", "would not run for a second term")),
    # refusing what someone else proposed is opposing it
    ("Ana Ruiz said she will not sign the treaty.", ("Ana Ruiz", "opposes", "treaty")),
])
def test_stances_saying_one_will_not_do_something_is_a_plan(extract_from, text, present):
    assert present in stances(extract_from(text))


def test_stances_no_plan_of_hers_from_what_she_says_another_will_not_do(extract_from):
    assert stances(extract_from("Ana Ruiz said Tom Hart will not seek re-election.")) == set()


@pytest.mark.parametrize("text, present", [
    ('Tom Hart said, "Frankly we are not prepared to accept a new tax on fuel."',
     ("Tom Hart", "opposes", "new tax on fuel")),
    ("The Teachers' Union is unwilling to accept the pay deal.", ("Teachers' Union", "opposes", "pay deal")),
    ("Chile is not ready to sign the treaty.", ("Chile", "opposes", "treaty")),
    ('Tom Hart said, "Frankly we were not prepared to risk closing the port."', ("Tom Hart", "opposes", "risk closing the port")),
    ("Chile is ready to sign the treaty.", ("Chile", "commitsTo", "treaty")),
])
def test_stances_not_prepared_or_unwilling_is_a_refusal(extract_from, text, present):
    found = stances(extract_from(text))
    assert any(s[:2] == present[:2] and s[2].endswith(present[2]) for s in found), found


def test_stances_being_ready_to_sign_is_no_signature(extract_from):
    extraction = extract_from("Chile is ready to sign the treaty.")
    assert [p.status for p in extraction.proposals.values()] == [None]
    assert not any(f.relation == "concerns" and f.object.startswith("Person") for f in extraction.facts)


@pytest.mark.parametrize("text", [
    "Tom Hart told me that he would not hurt me.",  # a promise to the one spoken to
    'Ana Ruiz said, "I cannot promise that we will keep the clinic open."',  # not able, no plan
])
def test_stances_no_plan_from_a_private_promise_or_what_one_cannot_do(extract_from, text):
    assert not {s for s in stances(extract_from(text)) if s[1] == "proposes"}


def test_stances_us_and_our_in_a_quotation_are_not_its_speaker(extract_from):
    extraction = extract_from('Mayor Ana Ruiz proposed a toll on the bridge. Colonel Tom Hart said, "The toll '
                              'will hurt our supply trucks and divide us."')
    names = {k: e.name for k, e in extraction.entities.items()}
    assert not [f for f in extraction.facts if f.relation == "concerns" and names.get(f.object) == "Tom Hart"]
