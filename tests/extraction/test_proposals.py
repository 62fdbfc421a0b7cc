"""Proposals as nodes: labels from the text, one node per proposal, anaphora, status, concerns."""

from __future__ import annotations

import pytest


def proposals(extraction):
    return {p.label: p for p in extraction.proposals.values()}


def facts_about(extraction, label_part):
    names = {k: e.name for k, e in extraction.entities.items()}
    keys = {k for k, p in extraction.proposals.items() if label_part in p.label}
    return {(names.get(f.subject, f.subject), f.relation, names.get(f.object, f.object)) for f in extraction.facts
            if f.subject in keys or f.object in keys}


@pytest.mark.parametrize("text, label", [
    ("The European Commission proposed a ban on single-use plastics from 2025.", "ban on single-use plastics"),
    ("Germany backed a Danish proposal for a joint border force.", "Danish proposal for a joint border force"),
    ("Japan agreed to release water from the plant.", "release water from the plant"),
    ("Finland announced that it would close its border with Russia.", "close its border with Russia"),
])
def test_proposals_are_labelled_with_the_text(extract_from, text, label):
    labels = proposals(extract_from(text))
    assert any(label in found for found in labels), sorted(labels)


def test_proposals_anaphora_points_back(extract_from):
    text = ("Kenya proposed a tax on sugary drinks. Uganda criticised the move, "
            "and Tanzania backed the tax.")
    extraction = extract_from(text)
    assert len(extraction.proposals) == 1
    found = facts_about(extraction, "tax on sugary drinks")
    relations = {(s, r) for s, r, _ in found}
    assert {("Kenya", "proposes"), ("Uganda", "opposes"), ("Tanzania", "backs")} <= relations


@pytest.mark.parametrize("text, status", [
    ("Chile proposed a new mining royalty.", "proposed"),
    ("Peru is considering a new mining royalty.", "under consideration"),
    ("Bolivia and Chile signed a water-sharing agreement.", "agreed"),
    ("The Bundestag rejected the pension reform.", "rejected"),
    # what will or may be done has not been done: a stance, no status
    ("Peru will sign the water-sharing agreement next week.", None),
    ("Bolivia may ratify the water-sharing agreement.", None),
])
def test_proposals_status(extract_from, text, status):
    extraction = extract_from(text)
    assert [p.status for p in extraction.proposals.values()] == [status]


def test_proposals_concern_what_they_name(extract_from):
    extraction = extract_from("Turkey proposed a ceasefire between Armenia and Azerbaijan.")
    concerned = {o for s, r, o in facts_about(extraction, "ceasefire") if r == "concerns"}
    assert {"Armenia", "Azerbaijan"} <= concerned
    assert "Turkey" not in concerned, "the proposer is not what the proposal concerns"


def test_proposals_a_pledge_is_a_commitment(extract_from):
    extraction = extract_from("Norway's pledge to double climate aid was welcomed by Sweden.")
    relations = {(s, r) for s, r, _ in facts_about(extraction, "pledge")}
    assert ("Norway", "commitsTo") in relations
    assert ("Sweden", "backs") in relations


@pytest.mark.parametrize("text, expected", [
    # "his decision" is the one its possessor is behind
    ("Ghana announced a ban on plastic bags. Kenya proposed a tax on fuel. Ghana defended its decision on Monday.",
     ("Ghana", "backs", "ban on plastic bags")),
    # "also criticised the decision": the one others criticised
    ("Chad announced a withdrawal of troops from Mali. Niger opposed the withdrawal. Benin called for a summit "
     "on border security. Togo also criticised the decision.",
     ("Togo", "opposes", "withdrawal of troops from Mali")),
])
def test_proposals_generic_anaphors_follow_the_discourse(extract_from, text, expected):
    extraction = extract_from(text)
    names = {k: e.name for k, e in extraction.entities.items()}
    found = {(names.get(f.subject), f.relation, extraction.proposals[f.object].label)
             for f in extraction.facts if f.object in extraction.proposals}
    assert expected in found, sorted(found)


def test_proposals_a_stated_intention_in_a_quotation_is_proposed(extract_from):
    text = '"We will build a new bridge across the river," Anne Hidalgo said on Monday.'
    extraction = extract_from(text)
    found = facts_about(extraction, "bridge")
    assert ("Anne Hidalgo", "proposes") in {(s, r) for s, r, _ in found}


def test_proposals_a_conditional_threat_is_not_an_intention(extract_from):
    text = '"If they cross the border, we will respond with force," Vladimir Putin said.'
    assert not extract_from(text).proposals


def proposals_of(extraction, relation):
    names = {k: e.name for k, e in extraction.entities.items()}
    return {(names[f.subject], extraction.proposals[f.object].label) for f in extraction.facts
            if f.relation == relation and f.subject in names and f.object in extraction.proposals}


@pytest.mark.parametrize("text, relation, who, words", [
    # an act done at someone's request, on someone's advice or at someone's direction
    ("The harbour was closed at the request of Mayor Ana Ruiz.", "proposes", "Ana Ruiz", "closed"),
    ("On the advice of Emma Lind, the board cancelled the merger talks.", "proposes", "Emma Lind", "cancelled"),
    # a demand in the subjunctive is a proposal; a claim in the indicative is not
    ("Senator Paul Hart insists that the state build the new tram line.", "proposes", "Paul Hart", "tram"),
    # refusing what one could accept is opposition
    ("Prime Minister Ida Berg said her government will not tolerate the new tariffs.", "opposes", "Ida Berg", "tariff"),
    # suing is itself the proposal
    ("The National Farmers Union sued the government over the logging permits.", "proposes", "National Farmers Union",
     "logging"),
    ("The European Commission imposed a cap on roaming charges.", "proposes", "European Commission", "cap"),
    # the relative pronoun stands for the proposal it follows
    ("The levy, which Norway opposed, was passed on Friday.", "opposes", "Norway", "levy"),
    # what someone calls for is a proposal, whatever the noun
    ("Mayor Tom Reed called for a curfew in the old town.", "proposes", "Tom Reed", "curfew"),
])
def test_proposals_constructions(extract_from, text, relation, who, words):
    found = proposals_of(extract_from(text), relation)
    assert any(w == who and words in label.lower() for w, label in found), found


@pytest.mark.parametrize("text", [
    "Senator Paul Hart insisted that he was never told about the audit.",
    "Mayor Tom Reed criticised the protesters on Monday.",
    "Chile backed the rebels in the north.",
    # "this decision" with nothing before it to point back to is no node ("the plan" is a plan)
    "Germany had agreed to this decision.",
])
def test_proposals_no_proposal_node(extract_from, text):
    assert extract_from(text).proposals == {}


@pytest.mark.parametrize("text, relation, who, words", [
    ("Chile proposed a fishing quota. The Supreme Court ruled that the quota was unlawful.", "opposes",
     "Supreme Court", "quota"),
    ("Chile proposed a fishing quota. The Supreme Court found the quota lawful.", "backs", "Supreme Court", "quota"),
    ("Chile proposed a fishing quota. Senator Ana Ruiz called the quota a disaster.", "opposes", "Ana Ruiz", "quota"),
    ('Chile proposed a fishing quota. "The quota is necessary," said Senator Ana Ruiz.', "backs", "Ana Ruiz", "quota"),
    ('Chile proposed a fishing quota. "The quota is not necessary," said Senator Ana Ruiz.', "opposes", "Ana Ruiz",
     "quota"),
])
def test_proposals_verdicts(extract_from, text, relation, who, words):
    found = proposals_of(extract_from(text), relation)
    assert any(w == who and words in label.lower() for w, label in found), found


@pytest.mark.parametrize("text", [
    # sentiment alone is no verdict: a "win" for one's enemies is no praise
    'Chile proposed a fishing quota. "The quota is a big win for the trawler lobby," said Senator Ana Ruiz.',
    # a verdict on a kind of thing is not one on a proposal
    'Chile proposed a fishing quota. "Every rule of that sort is necessary," said Senator Ana Ruiz.',
])
def test_proposals_no_verdict(extract_from, text):
    extraction = extract_from(text)
    assert not proposals_of(extraction, "backs") | proposals_of(extraction, "opposes")


@pytest.mark.parametrize("text, relation, who, words", [
    # what someone says they will or may do is their proposal
    ("Governor Lena Fox said she would reopen the old railway line.", "proposes", "Lena Fox", "railway"),
    ("Governor Lena Fox said she would veto the transit levy.", "opposes", "Lena Fox", "levy"),
    ("Governor Lena Fox said she may call a snap referendum.", "considers", "Lena Fox", "referendum"),
    ('"We will close the coal plant by 2030," said Mayor Ben Hale.', "proposes", "Ben Hale", "coal plant"),
    # what someone says must be done is their demand
    ('"The harbour must be reopened at once," said Mayor Ben Hale.', "proposes", "Ben Hale", "harbour"),
    # a passive policy in one's own quotation is one's stance
    ('"Strikes in the port will not be tolerated," said Mayor Ben Hale.', "opposes", "Ben Hale", "strikes"),
])
def test_proposals_stated_intentions_and_demands(extract_from, text, relation, who, words):
    found = proposals_of(extract_from(text), relation)
    assert any(w == who and words in label.lower() for w, label in found), found


@pytest.mark.parametrize("text, absent", [
    # what should be done is not what the one who should do it does
    ("Senator Ana Ruiz said Norway should back the fishing treaty.", ("Norway", "backs")),
    # someone else's plan, reported, is not the reporter's proposal
    ("Governor Lena Fox said the company would close the mine.", ("Lena Fox", "proposes")),
    # a past necessity is no demand
    ("Governor Lena Fox said the towns had to share the water.", ("Lena Fox", "proposes")),
    # an outcome is not a plan
    ('"We will win this election," said Mayor Ben Hale.', ("Ben Hale", "proposes")),
])
def test_proposals_not_stated_intentions(extract_from, text, absent):
    extraction = extract_from(text)
    names = {k: e.name for k, e in extraction.entities.items()}
    found = {(names[f.subject], f.relation) for f in extraction.facts if f.subject in names and f.object in extraction.proposals}
    assert absent not in found, found


def test_proposals_a_bare_label_names_whose_act_it_is(extract_from):
    extraction = extract_from("Governor Ana Ruiz announced her resignation on Friday.")
    assert [p.label for p in extraction.proposals.values()] == ["Ana Ruiz's resignation"]


@pytest.mark.parametrize("text, relation, who, words", [
    # "may" with a proposing verb: considering it
    ("Governor Ana Ruiz said on Monday she can and may declare a state of emergency.", "considers", "Ana Ruiz",
     "emergency"),
    ("Governor Ana Ruiz declared a state of emergency on Monday.", "proposes", "Ana Ruiz", "emergency"),
    # an act carried out by someone: they commit to it
    ("The suspension of the port fees by Governor Ana Ruiz angered the unions.", "commitsTo", "Ana Ruiz", "suspension"),
    ("The National Farmers Union filed a lawsuit against the water levy.", "proposes", "National Farmers Union",
     "lawsuit"),
    # requests and obligations: who asked, who carried it out, who must do it
    ("Per request of Mayor Ana Ruiz, the port authority closed the harbour for a week.", "proposes", "Ana Ruiz",
     "harbour"),
    ("Mayor Ana Ruiz met the governor. At her request, Governor Tom Reed closed the harbour for a week.", "commitsTo",
     "Tom Reed", "harbour"),
    ('"We must finish the bridge before winter," said Mayor Ana Ruiz.', "commitsTo", "Ana Ruiz", "bridge"),
])
def test_proposals_more_constructions(extract_from, text, relation, who, words):
    found = proposals_of(extract_from(text), relation)
    assert any(w == who and words in label.lower() for w, label in found), found


def test_proposals_two_phrases_nothing_tells_apart_are_one(extract_from):
    text = ("The council opened a corruption inquiry on Monday. Mayor Ana Ruiz backed the corruption "
            "investigation, and Senator Tom Reed opposed the corruption proceedings.")
    extraction = extract_from(text)
    assert len(extraction.proposals) == 1, [p.label for p in extraction.proposals.values()]


@pytest.mark.parametrize("text, relation, who, words", [
    ("The Senate voted to hold Mayor Tom Reed in contempt.", "backs", "Senate", "contempt"),
    ("Ministers Ana Ruiz and Tom Reed refused to hand over the audit files.", "opposes", "Tom Reed",
     "audit files"),
    ("The Supreme Court ruled against the new toll.", "opposes", "Supreme Court", "toll"),
    ("Governor Ana Ruiz abandoned her attempt to merge the two counties.", None, "Ana Ruiz", "merge"),
])
def test_proposals_votes_refusals_and_rulings(extract_from, text, relation, who, words):
    extraction = extract_from(text)
    if relation is None:  # the attempt is a proposal of hers
        relation = "proposes"
    found = proposals_of(extraction, relation)
    assert any(w.lower().endswith(who.lower()) and words in label.lower() for w, label in found), found


def test_proposals_what_is_not_wanted_is_left_out_of_the_label_and_opposed(extract_from):
    extraction = extract_from("Senator Ana Ruiz announced her intent to cut the tax and not raise the levy.")
    proposed = [label for _, label in proposals_of(extraction, "proposes")]
    assert proposed and all("levy" not in label for label in proposed), proposed
    assert [label for _, label in proposals_of(extraction, "opposes")] == ["raise the levy"]


@pytest.mark.parametrize("text, opposed", [
    ("Mayor Ana Ruiz promised to cut bus fares and not raise parking fees.", "raise parking fees"),
    ("Ana Ruiz proposed to cut bus fares and not to build the new tunnel.", "build the new tunnel"),
    ("Ana Ruiz made clear her plan to quit the league and not seek more extensions.",
     "more extensions"),
])
def test_proposals_what_a_proposal_says_will_not_be_done_is_opposed(extract_from, text, opposed):
    assert ("Ana Ruiz", opposed) in proposals_of(extract_from(text), "opposes")


@pytest.mark.parametrize("text, relation, who", [
    ("Chile and Peru announced their agreement on fishing rights.", "commitsTo", "Peru"),
    ("Senator Tom Reed criticised Ana Ruiz's proposed fishing deal.", "proposes", "Ana Ruiz"),
])
def test_proposals_whose_agreement(extract_from, text, relation, who):
    assert any(w == who for w, _ in proposals_of(extract_from(text), relation))


def test_proposals_an_owner_named_by_a_pronoun_is_in_the_names(extract_from):
    extraction = extract_from("On Monday, Senator Ana Ruiz announced her candidacy for the governorship.")
    names = {n for p in extraction.proposals.values() for n in p.names}
    assert "Ana Ruiz's candidacy for the governorship" in names, names


def test_proposals_a_critic_does_not_name_a_proposal(extract_from):
    text = "Norway ordered the suspension. The Supreme Court opposed the suspension."
    labels = [p.label for p in extract_from(text).proposals.values()]
    assert labels == ["Norway's suspension"], labels


@pytest.mark.parametrize("text, concerned", [
    ("Chile's president, Gabriel Boric, signed a decree banning plastic bags.", "Chile"),
    # a measure naming another country concerns that one, not its proposer's
    ("Chile's president, Gabriel Boric, proposed a trade pact with Peru.", "Peru"),
])
def test_proposals_a_governments_own_measure_concerns_its_country(extract_from, text, concerned):
    extraction = extract_from(text)
    names = {k: e.name for k, e in extraction.entities.items()}
    found = {names[f.object] for f in extraction.facts if f.relation == "concerns" and f.object in names}
    assert concerned in found and len(found) == 1, found


def test_proposals_the_definite_noun_repeats_an_earlier_mention(extract_from):
    text = ("Rebels were hit in an airstrike near the border on Monday. "
            "The defence ministry of Chile justified the strike, which the president had approved.")
    labels = [p.label for p in extract_from(text).proposals.values()]
    assert labels == ["airstrike near the border"], labels


@pytest.mark.parametrize("text", [
    "The judge considered Tom Reed a flight risk.",
    # a verbless small clause the parser hangs as a clause: "considers [the tunnel a priority]"
    "The Senate of Chile considers the tunnel a priority.",
    "The union considered the offer insulting.",
    "Mayor Ana Ruiz offered her condolences to the families.",
    '"I want to express my sympathy to the families," said Mayor Ana Ruiz.',
    "The panel discussed the findings on Tuesday.",
])
def test_proposals_no_proposal_in_judgements_and_condolences(extract_from, text):
    assert extract_from(text).proposals == {}


@pytest.mark.parametrize("text, relation, who", [
    ('Mayor Tom Reed announced his resignation. "He made the right decision," said Senator Ana Ruiz.', "backs",
     "Ana Ruiz"),
    ("Mayor Tom Reed announced his resignation. Senator Ana Ruiz said it was a foolish move.", "opposes", "Ana Ruiz"),
    ("Chile proposed a fishing quota. The Supreme Court found the quota justified.", "backs", "Supreme Court"),
])
def test_proposals_verdicts_on_acts(extract_from, text, relation, who):
    assert any(w == who for w, _ in proposals_of(extract_from(text), relation))


def test_proposals_it_is_the_act_just_named(extract_from):
    found = proposals_of(extract_from("The Supreme Court issued a ruling on the curfew, finding it to be unlawful."),
                         "opposes")
    assert ("Supreme Court", "curfew") in found, found


@pytest.mark.parametrize("text", [
    # an accident report
    "A bus carrying 40 passengers left the road near Arica on Tuesday and overturned, killing seven people. "
    "The driver lost control on a sharp bend, police said. The regional governor, Ana Ruiz, said the injured "
    'would be flown to Santiago. "Please pray for the families," she said.',
    # a sports result
    "Real Madrid beat Barcelona 3-1 on Sunday to go top of La Liga. Vinicius Junior scored twice and the coach, "
    'Carlo Ancelotti, said the team would keep fighting for the title. "We deserved to win," he said.',
])
def test_proposals_none_in_texts_that_have_none(extract_from, text):
    assert extract_from(text).proposals == {}


def test_proposals_a_fronted_adverbial_is_not_part_of_the_label(extract_from):
    text = "In a statement on Monday, the army withdrew its troops at the request of Governor Ana Ruiz."
    labels = [p.label for p in extract_from(text).proposals.values()]
    assert labels and not any(label.lower().startswith("in a statement") for label in labels), labels


def test_proposals_a_verdict_on_a_clause_is_no_proposal(extract_from):
    text = 'Chile proposed a fishing quota. "What the board did next is illegal," said Senator Ana Ruiz.'
    labels = [p.label for p in extract_from(text).proposals.values()]
    assert labels == ["fishing quota"], labels


def test_proposals_one_node_for_one_plan_however_it_is_called(extract_from):
    text = ("The government unveiled a tariff plan on Monday. Peru criticised the new tariff plan, and Chile "
            "said the tariff proposal was unlawful.")
    extraction = extract_from(text)
    assert len(extraction.proposals) == 1, [p.label for p in extraction.proposals.values()]


@pytest.mark.parametrize("text", [
    "The council of Lima approved the budget; at the request of Mayor Ana Ruiz, the vote was held early.",
    "The council of Lima met on Monday: at the request of Mayor Ana Ruiz, the port was closed.",
])
def test_proposals_a_clause_label_stops_at_a_colon_or_semicolon(extract_from, text):
    labels = [p.label for p in extract_from(text).proposals.values()]
    assert labels and not any("council" in label for label in labels), labels


@pytest.mark.parametrize("text", [
    "Chile proposed a ceasefire. Peru rejected a cease-fire.",
    "Chile called for an airstrike. Peru opposed an air strike.",
])
def test_proposals_a_compound_spelled_two_ways_is_one_proposal(extract_from, text):
    assert len(extract_from(text).proposals) == 1, [p.label for p in extract_from(text).proposals.values()]


@pytest.mark.parametrize("text, proposer, person", [
    ("Yesterday, Senator Ana Ruiz announced Tom Reed as her choice for running mate.", "Ana Ruiz", "Tom Reed"),
    ("President Tom Reed nominated Ana Ruiz as ambassador to Peru.", "Tom Reed", "Ana Ruiz"),
    ("Governor Ana Ruiz selected Tom Reed as her running mate.", "Ana Ruiz", "Tom Reed"),
])
def test_proposals_putting_a_person_forward_for_a_post(extract_from, text, proposer, person):
    extraction = extract_from(text)
    proposed = proposals_of(extraction, "proposes")
    assert any(who == proposer and person in what for who, what in proposed), proposed


@pytest.mark.parametrize("text", [
    "The party did not pick Tom Reed as its candidate for mayor.",  # not done
    "Senator Ana Ruiz announced Tom Reed as the winner of the prize.",  # a result, not a choice
    "President Tom Reed named Ana Ruiz as ambassador to Peru.",  # an appointment, done
])
def test_proposals_no_selection_without_a_choice_put_forward(extract_from, text):
    assert extract_from(text).proposals == {}


@pytest.mark.parametrize("text, label", [
    # the noun's argument, hung on the verb by the parser, is part of the proposal
    ("Senator Ana Ruiz announced that she would launch an inquiry into the conduct of President Tom Reed.",
     "inquiry into the conduct of President Tom Reed"),
    ("The European Union imposed sanctions on Chile over the dispute.", "sanctions on Chile"),
    # what it became is not
    ("President Tom Reed signed a toll on trucks into law.", "toll on trucks"),
    # where it was said is not (a bare noun is qualified by its proposer)
    ("Mayor Ana Ruiz announced the curfew at the council's weekly briefing.", "Ana Ruiz's curfew"),
    ("Mayor Ana Ruiz announced the curfew on Twitter.", "Ana Ruiz's curfew"),
])
def test_proposals_label_keeps_arguments_and_leaves_out_the_occasion(extract_from, text, label):
    labels = [p.label for p in extract_from(text).proposals.values()]
    assert labels == [label], labels


@pytest.mark.parametrize("text, relation, who", [
    # who signs a decree alone issues it and is bound by it; who signs a treaty binds themselves to it
    ("On Friday, Mayor Ana Ruiz signed a decree banning cars from the centre.", "proposes", "Ana Ruiz"),
    ("On Friday, Mayor Ana Ruiz signed a decree banning cars from the centre.", "commitsTo", "Ana Ruiz"),
    ("President Tom Reed signed an executive order on steel tariffs.", "proposes", "Tom Reed"),
    ("Chile and Peru signed a treaty on fishing.", "commitsTo", "Chile"),
    # who announces their own act is bound to it; announcing a plan is proposing it
    ("Governor Tom Reed announced his resignation on Wednesday.", "commitsTo", "Tom Reed"),
    ("Governor Tom Reed announced his resignation on Wednesday.", "proposes", "Tom Reed"),
])
def test_proposals_signing_issues_a_decree_and_binds_to_a_treaty(extract_from, text, relation, who):
    assert any(w == who for w, _ in proposals_of(extract_from(text), relation))


@pytest.mark.parametrize("text", [
    "Chile and Peru signed a treaty on fishing.",
    "Governor Tom Reed announced his plan for the port.",
    "Governor Tom Reed announced the resignation of Ana Ruiz.",
])
def test_proposals_no_second_relation_without_its_construction(extract_from, text):
    relations = {f.relation for f in extract_from(text).facts if f.subject == "Country:CL" or "tom reed" in f.subject}
    assert not {"proposes", "commitsTo"} <= relations, relations


@pytest.mark.parametrize("text, backs", [
    ('Mayor Ana Ruiz signed a decree banning cars. Tom Reed, head of the Chilean Farmers Union, said, '
     '"We can find justification for the decree."', True),
    ('Mayor Ana Ruiz proposed a ban on cars. "We give our full support to the ban," said Senator Tom Reed.', True),
    ("Mayor Ana Ruiz proposed a ban on cars. Senator Tom Reed saw no justification for the ban.", False),
])
def test_proposals_a_stance_noun_with_we_in_a_quote_is_the_speakers(extract_from, text, backs):
    assert any(w == "Tom Reed" for w, _ in proposals_of(extract_from(text), "backs")) is backs


@pytest.mark.parametrize("text, relation", [
    ('Chile\'s prime minister, Ana Ruiz, said a compulsory introduction of helmets could be "inevitable".',
     "considers"),
    ("Mayor Ana Ruiz said a curfew was not likely.", None),
    ("Mayor Ana Ruiz said a curfew would be harmful.", None),
])
def test_proposals_saying_a_measure_may_come_is_weighing_it(extract_from, text, relation):
    found = {f.relation for f in extract_from(text).facts if f.subject == "Person:ana ruiz"
             and f.object.startswith("proposal:")}
    assert found == ({relation} if relation else set()), found


def test_proposals_a_clause_label_keeps_when_the_rule_applies(extract_from):
    text = ("Yesterday, the transport minister of Chile, Ana Ruiz, announced that from June 1, wearing a helmet "
            "would become compulsory while riding a bike in Chile.")
    labels = [p.label for p in extract_from(text).proposals.values()]
    assert any(label.endswith("while riding a bike in Chile") for label in labels), labels


def test_proposals_an_anaphor_said_somewhere_still_points_back(extract_from):
    text = "Mayor Ana Ruiz announced that cars would be banned from the centre. Ruiz announced the measure at a briefing."
    assert len(extract_from(text).proposals) == 1, [p.label for p in extract_from(text).proposals.values()]


def test_proposals_a_passive_clause_label_leaves_out_its_agent_and_subject(extract_from):
    text = "Last year the tribunal was petitioned by Senator Ana Ruiz of Chile over a ruling on the curfew."
    labels = [p.label for p in extract_from(text).proposals.values()]
    assert "petitioned over a ruling on the curfew" in labels, labels  # (and the curfew she challenges)


@pytest.mark.parametrize("text, count", [
    ("Mayor Ana Ruiz declared a state of emergency on Friday. Critics said Ruiz's declaration was unlawful.", 1),
    ("Mayor Ana Ruiz proposed a levy on cars. Senator Tom Reed opposed Ruiz's proposal.", 1),
    # a phrase that says more names another one
    ("Mayor Ana Ruiz proposed a levy on cars. Senator Tom Reed opposed Ruiz's proposal for a port.", 2),
])
def test_proposals_the_owners_noun_for_their_act_names_the_proposal(extract_from, text, count):
    assert len(extract_from(text).proposals) == count, [p.label for p in extract_from(text).proposals.values()]


def test_proposals_a_gloss_between_dashes_leaves_the_rest_of_the_phrase(extract_from):
    labels = [p.label for p in extract_from(
        "Mayor Ana Ruiz proposed the closure — shutdown — of the port of Arica on Monday.").proposals.values()]
    assert labels == ["closure of the port of Arica"], labels


def test_proposals_a_ruling_on_a_measure_does_not_put_it_forward(extract_from):
    text = "Mayor Ana Ruiz proposed a toll on trucks. The Supreme Court of Chile issued an opinion on the toll."
    assert {who for who, _ in proposals_of(extract_from(text), "proposes")} == {"Ana Ruiz"}


@pytest.mark.parametrize("text", [
    "Mayor Ana Ruiz proposed a ban on cars. Senator Tom Reed sued the city over the ban.",
    "Mayor Ana Ruiz proposed a ban on cars. The court was petitioned by Senator Tom Reed for a ruling on the ban.",
    "Mayor Ana Ruiz proposed a ban on cars. Senator Tom Reed filed a lawsuit against the ban.",
])
def test_proposals_going_to_court_over_a_measure_opposes_it(extract_from, text):
    assert ("Tom Reed", "ban on cars") in proposals_of(extract_from(text), "opposes")


def test_proposals_a_report_on_a_measure_is_no_challenge(extract_from):
    text = "Mayor Ana Ruiz proposed a ban on cars. Senator Tom Reed filed a report on the ban."
    assert not any(who == "Tom Reed" for who, _ in proposals_of(extract_from(text), "opposes"))


@pytest.mark.parametrize("text", [
    "Tom Reed is seen as the main contender for the Republican nomination in next year's race.",
    "Ana Ruiz won the Republican nomination in May.",
])
def test_proposals_a_nomination_run_for_is_no_partys_proposal(extract_from, text):
    assert extract_from(text).proposals == {}


def test_proposals_one_of_her_promises_is_hers_and_the_plural_no_node(extract_from):
    text = ("Mayor Ana Ruiz insists that the budget include money for the tunnel, which was one of her campaign "
            "promises.")
    extraction = extract_from(text)
    labels = [p.label for p in extraction.proposals.values()]
    assert not any(label.startswith("campaign promises") for label in labels), labels
    assert any(who == "Ana Ruiz" and "tunnel" in what for who, what in proposals_of(extraction, "commitsTo"))


def test_proposals_a_gloss_between_dashes_keeps_what_follows(extract_from):
    extraction = extract_from("The High Court issued a ruling on the closure — a temporary shutdown — of the Grand "
                              "Canal until May. The court found the closure to be unlawful.")
    assert ("High Court", "closure of the Grand Canal") in proposals_of(extraction, "opposes")


@pytest.mark.parametrize("text, concerned, not_concerned", [
    # a government's law is about its own country, whatever other place it names
    ("The Chilean government tabled an amendment to its law so Peru can extradite suspects.", "Chile", None),
    # other measures are about what they name
    ("The Chilean government proposed sanctions on Peru.", "Peru", "Chile"),
])
def test_proposals_a_governments_law_concerns_its_country(extract_from, text, concerned, not_concerned):
    extraction = extract_from(text)
    names = {k: e.name for k, e in extraction.entities.items()}
    found = {names[f.object] for f in extraction.facts if f.relation == "concerns" and f.object in names}
    assert concerned in found and not_concerned not in found, found


def test_proposals_its_initial_attempt_points_back(extract_from):
    extraction = extract_from("The city council made an attempt to close the harbour. The High Court ruled against "
                              "its initial attempt.")
    assert ("High Court", "attempt to close the harbour") in proposals_of(extraction, "opposes")
