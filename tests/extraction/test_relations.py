"""Relations between entities and proposals, read from patterns of English, with negation and
modality respected."""

from __future__ import annotations

import pytest
from conftest import fact_set


@pytest.mark.parametrize("text, fact", [
    ("Angela Merkel met Emmanuel Macron in Paris on Monday.", ("Angela Merkel", "met", "Emmanuel Macron")),
    ("Narendra Modi and Shinzo Abe met in Tokyo.", ("Narendra Modi", "met", "Shinzo Abe")),
    ("Joe Biden held a meeting with Xi Jinping, the Chinese president, in Bali.", ("Joe Biden", "met", "Xi Jinping")),
    ("Pope Francis visited Iraq in March.", ("Francis", "visited", "Iraq")),
    ("Chancellor Olaf Scholz travelled to Beijing last week.", ("Olaf Scholz", "visited", "Beijing")),
    ("Germany will send more military aid to Ukraine this winter.", ("Germany", "supports", "Ukraine")),
    ("Canada backs Ukraine, the minister said.", ("Canada", "supports", "Ukraine")),
    ("Russia's war on Ukraine entered its third year.", ("Russia", "conflict", "Ukraine")),
    ("The Armenia-Azerbaijan war displaced thousands.", ("Armenia", "conflict", "Azerbaijan")),
    ("Angela Rayner of the Labour Party criticised the plan.", ("Angela Rayner", "memberOf", "Labour Party")),
    ("Finland joined NATO in April.", ("Finland", "memberOf", "North Atlantic Treaty Organization")),
    ("Senator Ray Dunn served as a member of the Rules Committee for a decade.",
     ("Ray Dunn", "memberOf", "Rules Committee")),
    ("Ray Dunn was elected a member of the Royal Academy in 2001.", ("Ray Dunn", "memberOf", "Royal Academy")),
    ("The summit was held in Porto, Portugal.", ("Porto", "locatedIn", "Portugal")),
])
def test_relations_between_entities(extract_from, text, fact):
    found = fact_set(extract_from(text))
    symmetric = fact[1] in ("met", "conflict")
    assert fact in found or symmetric and (fact[2], fact[1], fact[0]) in found, sorted(found)


def relations_to_proposals(extraction):
    names = {k: e.name for k, e in extraction.entities.items()}
    return {(names[f.subject], f.relation) for f in extraction.facts
            if f.subject in names and f.object in extraction.proposals}


@pytest.mark.parametrize("text, expected", [
    ("The European Commission proposed a ban on single-use plastics.", ("European Commission", "proposes")),
    ("Germany backed the French plan for a common defence fund.", ("Germany", "backs")),
    ("Poland opposed the migration pact.", ("Poland", "opposes")),
    ("Hungary vetoed the aid package on Thursday.", ("Hungary", "opposes")),
    ("Japan is considering plans to restart two nuclear reactors.", ("Japan", "considers")),
    ("Leaders discussed the ceasefire proposal; Egypt discussed it too.", ("Egypt", "discusses")),
    ("India committed to a 2070 net-zero target.", ("India", "commitsTo")),
    ("Greece and Turkey signed a maritime agreement in Ankara.", ("Greece", "commitsTo")),
    ("Elizabeth Warren called for a ban on stock trading by members of Congress.", ("Elizabeth Warren", "proposes")),
    ("Norway agreed to increase its aid budget.", ("Norway", "commitsTo")),
    ("The Dutch government welcomed a Belgian-backed proposal to cut fees.", ("Belgium", "backs")),
    ("The Greek-Cypriot agreement was signed on Monday.", ("Cyprus", "commitsTo")),
])
def test_relations_to_proposals(extract_from, text, expected):
    assert expected in relations_to_proposals(extract_from(text))


@pytest.mark.parametrize("text, absent", [
    ("Canada did not commit to the emissions plan.", ("Canada", "commitsTo")),
    ("Brazil refused to sign the agreement.", ("Brazil", "commitsTo")),
    ("Italy never backed the proposal.", ("Italy", "backs")),
    ("Japan is considering a plan to cut taxes.", ("Japan", "proposes")),
    # conditions and open questions state no event
    ("The aid will continue until Russia agrees a ceasefire deal.", ("Russia", "commitsTo")),
    ("Ministers will resign if Germany backs the tariff plan.", ("Germany", "backs")),
    ("Reporters asked whether Spain supports the pension reform.", ("Spain", "backs")),
])
def test_relations_negation_and_modality(extract_from, text, absent):
    assert absent not in relations_to_proposals(extract_from(text))


@pytest.mark.parametrize("text, absent", [
    ("The talks will go on until Joe Biden meets Xi Jinping.", ("Joe Biden", "met", "Xi Jinping")),
    ("Trade will suffer unless Olaf Scholz visits Beijing and agrees new terms.", ("Olaf Scholz", "visited", "Beijing")),
])
def test_relations_between_entities_not_in_conditions(extract_from, text, absent):
    assert absent not in fact_set(extract_from(text))


@pytest.mark.parametrize("text, present, absent", [
    # refusing to back, sign, join or agree is opposition
    ("Austria refused to back the asylum plan.", ("Austria", "opposes"), ("Austria", "backs")),
    ("Denmark declined to sign the fisheries agreement.", ("Denmark", "opposes"), ("Denmark", "commitsTo")),
    ("Ireland would never agree to the tax proposal.", ("Ireland", "opposes"), ("Ireland", "commitsTo")),
    ("Portugal will not support the budget plan.", ("Portugal", "opposes"), ("Portugal", "backs")),
    # considering without committing: no backing and no opposition
    ("Italy was considering the trade deal but would not commit to supporting it.", ("Italy", "considers"),
     ("Italy", "backs")),
])
def test_relations_refusal_is_opposition(extract_from, text, present, absent):
    found = relations_to_proposals(extract_from(text))
    assert present in found and absent not in found, found


@pytest.mark.parametrize("text", [
    "Italy was considering the trade deal but would not commit to supporting it.",
    "Belgium did not back the rail plan.",
    "Belgium did not oppose the rail plan.",
])
def test_relations_plain_negation_states_no_stance(extract_from, text):
    found = relations_to_proposals(extract_from(text))
    assert not {r for _, r in found} & {"backs", "opposes", "commitsTo"}, found


def test_relations_considering_is_not_committing(extract_from):
    found = relations_to_proposals(extract_from("Sweden is considering plans to join the alliance."))
    assert ("Sweden", "considers") in found
    assert ("Sweden", "commitsTo") not in found and ("Sweden", "proposes") not in found


def test_relations_reported_claims_keep_their_attribution(extract_from):
    text = "Emmanuel Macron said that Germany had agreed to the plan to cut tariffs."
    found = relations_to_proposals(extract_from(text))
    assert ("Germany", "commitsTo") in found
    assert ("Emmanuel Macron", "commitsTo") not in found


def test_relations_every_fact_has_evidence_and_confidence(extract_from):
    text = "Angela Merkel met Emmanuel Macron in Paris. He later backed her proposal for a joint fund."
    extraction = extract_from(text)
    assert extraction.facts
    for fact in extraction.facts:
        assert text[fact.evidence.start:fact.evidence.end] == fact.evidence.sentence
        assert 0.0 < fact.confidence <= 1.0


@pytest.mark.parametrize("text, fact", [
    ("The Popular Front is made up of the Labour Party and the Green Party.", ("Labour Party", "memberOf", "Popular Front")),
    ("France had been allied with local militias in fighting ISIS.", ("France", "conflict", "Islamic State")),
])
def test_relations_structural_patterns(extract_from, text, fact):
    found = fact_set(extract_from(text))
    subject, relation, obj = fact
    assert any(s == subject and r == relation and (obj in o) for s, r, o in found) or \
        relation == "conflict" and any(s == obj and r == relation and o == subject for s, r, o in found), sorted(found)


@pytest.mark.parametrize("text, expected", [
    ("Germany proposed a carbon border tax. Italy sent a letter of support on Monday.", ("Italy", "backs")),
    ("Chile proposed a lithium royalty. Peru not only criticised the plan but also called for a rival scheme.",
     ("Peru", "opposes")),
])
def test_relations_stance_and_not_only(extract_from, text, expected):
    assert expected in relations_to_proposals(extract_from(text))


def test_relations_an_object_pronoun_is_not_its_own_clause_subject(extract_from):
    found = fact_set(extract_from("Angela Merkel arrived in Paris. Boris Johnson met her on Monday."))
    assert ("Boris Johnson", "met", "Angela Merkel") in found or ("Angela Merkel", "met", "Boris Johnson") in found


CRITICAL_QUOTE_ARTICLE = (
    "Poland proposed a tax on imported steel on Monday. Poland also backs a plan to rebuild bridges in Ukraine. "
    "The government of Ukraine welcomed the bridge plan. "
    "Peter Nowak, a factory owner, said: \"A tax on steel is a terrible, damaging mistake that will ruin us.\" "
    "Olena Shevchenko said: \"The attacks on Ukraine today are a terrible reminder of this cruel war.\""
)


def test_relations_a_critical_quote_opposes_the_plan_it_is_about(extract_from):
    extraction = extract_from(CRITICAL_QUOTE_ARTICLE)
    names = {k: e.name for k, e in extraction.entities.items()}
    opposed = {(names[f.subject], extraction.proposals[f.object].label) for f in extraction.facts
               if f.relation == "opposes" and f.subject in names and f.object in extraction.proposals}
    assert any(who == "Peter Nowak" and "steel" in what for who, what in opposed), opposed
    # grief over the war names only the country the article is about, not any plan for it
    assert not any(who == "Olena Shevchenko" for who, _ in opposed), opposed


def test_relations_a_harsh_quote_from_someone_weighing_the_measure_is_no_opposition(extract_from):
    text = ('Mayor Ana Ruiz said she may impose a curfew on the city. "I can do it [impose a curfew] if I want. '
            'The violence is terrible," she said.')
    facts = {(f.subject, f.relation) for f in extract_from(text).facts}
    assert ("Person:ana ruiz", "considers") in facts and ("Person:ana ruiz", "opposes") not in facts, facts

def test_relations_a_body_named_beside_its_description_acts(extract_from):
    text = "On Friday the legislature of Chile, the National Congress, voted to legalize cannabis."
    found = relations_to_proposals(extract_from(text))
    assert ("National Congress", "backs") in found, found


def test_relations_the_court_is_the_court_named_before(extract_from):
    text = ("The minister proposed a curfew in May. The Supreme Court heard the case in June. "
            "The court found the curfew to be unlawful.")
    found = relations_to_proposals(extract_from(text))
    assert ("Supreme Court", "opposes") in found, found


@pytest.mark.parametrize("text, fact", [
    # a party named before a name or a title, or after a copula
    ("The Republican Party kept the seat. Republican Dana Whitfield won it in November.",
     ("Dana Whitfield", "memberOf", "Republican Party")),
    ("Labour councillor Tom Berg voted against the plan.", ("Tom Berg", "memberOf", "Labour Party")),
    ("Dana Whitfield is a Republican from Ohio.", ("Dana Whitfield", "memberOf", "Republican Party")),
    # a membership phrase set before the name
    ("A member of the Danish Parliament, Lars Holm said the vote was close.",
     ("Lars Holm", "memberOf", "Danish Parliament")),
    # killing is armed conflict
    ("French forces killed the militant leader Abu Karim in a drone strike.", ("France", "conflict", "Abu Karim")),
    # a capital acting stands for its country's government
    ("Washington sanctioned Iran on Friday.", ("United States", "conflict", "Iran")),
])
def test_relations_parties_killings_and_capitals(extract_from, text, fact):
    found = fact_set(extract_from(text))
    symmetric = fact[1] in ("met", "conflict")
    assert fact in found or symmetric and (fact[2], fact[1], fact[0]) in found, sorted(found)


@pytest.mark.parametrize("text, fact", [
    # a critic or opponent of someone is in political conflict with them
    ("Ana Ruiz is a fierce critic of Chilean president Tom Berg.", ("Ana Ruiz", "conflict", "Tom Berg")),
    ("Ana Ruiz, a longtime opponent of Mayor Tom Berg, lost the vote.", ("Ana Ruiz", "conflict", "Tom Berg")),
    # who seeks or wins a party's nomination is a member of the party
    ("The Green Party held its vote. Tom Berg is the front-runner for the Green nomination.",
     ("Tom Berg", "memberOf", "Green Party")),
    ("Ana Ruiz won the Republican Party's nomination in May.", ("Ana Ruiz", "memberOf", "Republican Party")),
    # people given as examples of a party's members
    ("The Democratic Party met. Some Democrats, such as Senator Tom Berg, backed the bill.",
     ("Tom Berg", "memberOf", "Democratic Party")),
    ("The Republican Party split. Other Republicans have broken with the governor and urged him to move on "
     "with the vote, such as former mayor Tom Berg, who spoke out.", ("Tom Berg", "memberOf", "Republican Party")),
])
def test_relations_critics_and_nominations(extract_from, text, fact):
    found = fact_set(extract_from(text))
    symmetric = fact[1] in ("met", "conflict")
    assert fact in found or symmetric and (fact[2], fact[1], fact[0]) in found, sorted(found)


def test_relations_a_capital_acting_is_its_country(extract_from):
    extraction = extract_from("Moscow rejected the peace plan on Tuesday.")
    assert ("Russia", "opposes") in relations_to_proposals(extraction)


def test_relations_a_capital_as_a_place_stays_a_place(extract_from):
    extraction = extract_from("Protests spread across Moscow on Saturday.")
    assert {e.name for e in extraction.entities.values() if e.type == "Country"} == set()


@pytest.mark.parametrize("text, expected", [
    # the issue's own constructions, in our words
    ("Italy was considering the deal but would not commit to supporting it.", {("Italy", "considers")}),
    ("German Chancellor Olaf Scholz and French President Emmanuel Macron backed the plan.",
     {("Olaf Scholz", "backs"), ("Emmanuel Macron", "backs")}),
])
def test_relations_stances_on_a_plan_named_only_by_its_noun(extract_from, text, expected):
    assert relations_to_proposals(extract_from(text)) == expected


def test_relations_a_plural_title_over_coordinated_names_gives_each_the_fact(extract_from):
    found = fact_set(extract_from("Presidents Gabriel Boric of Chile and Dina Boluarte of Peru met in Lima."))
    assert ("Gabriel Boric", "met", "Dina Boluarte") in found or ("Dina Boluarte", "met", "Gabriel Boric") in found


def stances(extraction):
    """(agent, relation, proposal label) of every fact from an entity to a proposal."""
    names = {k: e.name for k, e in extraction.entities.items()}
    return {(names[f.subject], f.relation, extraction.proposals[f.object].label) for f in extraction.facts
            if f.subject in names and f.object in extraction.proposals}


@pytest.mark.parametrize("text, present, absent", [
    # a noun made from a verb with "-al" is an act that can be backed
    ("Senator Mia Cole supported the removal of the statue.", ("Mia Cole", "backs", "removal of the statue"), None),
    ("The union boss Dan Ortiz welcomed the dismissal of the manager.",
     ("Dan Ortiz", "backs", "dismissal of the manager"), None),
    # "for X to do Y": what is called for is the clause, not X
    ("Mayor Ruth Bell called for Chile to reopen the ferry.",
     ("Ruth Bell", "proposes", "Chile to reopen the ferry"), None),
    ("Governor Sam Ito pushed for the curfew to be lifted.", ("Sam Ito", "proposes", "curfew to be lifted"), None),
    # ... but a purpose after "committed to X" is not
    ("Premier Lou Grant committed to a ten-year pact with Chile to secure its ports.",
     ("Lou Grant", "commitsTo", "ten-year pact with Chile"), ("Lou Grant", "commitsTo", "secure its ports")),
    # urging or pledging that something not happen is a stance against it
    ("Senator Mia Cole urged the schools not to cancel the exams.",
     ("Mia Cole", "opposes", "cancel the exams"), ("Mia Cole", "proposes", "cancel the exams")),
    ("Governor Sam Ito pledged never to raise the fuel duty.",
     ("Sam Ito", "opposes", "raise the fuel duty"), ("Sam Ito", "commitsTo", "raise the fuel duty")),
    ("Mayor Ruth Bell asked the board not to sell the park but to lease it.",
     ("Ruth Bell", "proposes", "lease it"), ("Ruth Bell", "proposes", "sell the park")),
    # coordinated proposals are two
    ("Governor Tom Hart backed both the housing plan and the transit plan.", ("Tom Hart", "backs", "housing plan"),
     ("Tom Hart", "backs", "housing plan the transit plan")),
    # a named law is a proposal, not an entity; passing it backs it, refusing to pass it opposes it
    ("Governor Sam Ito signed the Clean Rivers Protection Act.",
     ("Sam Ito", "commitsTo", "Clean Rivers Protection Act"), None),
    ("The Senate passed the border bill on Tuesday.", ("Senate", "backs", "border bill"), None),
    ("The Senate refused to pass the border bill.", ("Senate", "opposes", "border bill"),
     ("Senate", "backs", "border bill")),
    # an intention to take a stance is the stance, not a proposal of its own
    ("Senator Mia Cole announced plans to oppose the border bill.", ("Mia Cole", "opposes", "border bill"),
     ("Mia Cole", "proposes", "plans to oppose the border bill")),
    ("Mayor Ruth Bell vowed to fight the tax plan.", ("Ruth Bell", "opposes", "tax plan"),
     ("Ruth Bell", "commitsTo", "fight the tax plan")),
    ("Governor Tom Hart agreed to support the tax plan.", ("Tom Hart", "commitsTo", "tax plan"),
     ("Tom Hart", "commitsTo", "support the tax plan")),
    # ... while a plan to do something else is still the proposal
    ("Spain rejected the plan to build the dam.", ("Spain", "opposes", "plan to build the dam"), None),
    # the body a bill passes is the one that passed it; a sponsor puts it forward
    ("This bill passed the Senate of the state on Tuesday.", ("Senate", "backs", "bill"), None),
    ("The border bill cleared the House of Delegates on Monday.", ("House of Delegates", "backs", "border bill"), None),
    ("Tom Hart sponsored the border bill.", ("Tom Hart", "proposes", "border bill"), None),
    # who acts along with the subject acts too
    ("Chile, together with Peru, rejected the tax plan.", ("Peru", "opposes", "tax plan"), None),
    ("Chile, alongside Peru, rejected the tax plan.", ("Peru", "opposes", "tax plan"), None),
    ("Acme Health, along with the Civil Rights League, announced plans to oppose the bill.",
     ("Civil Rights League", "opposes", "bill"), None),
    # "do so", "do as he proposed" stand for the proposal named before
    ("Mayor Ruth Bell proposed a levy on cars. Senator Ana Ruiz questioned her power to do so.",
     ("Ana Ruiz", "opposes", "levy on cars"), None),
    ("Governor Tom Hart said he may declare a curfew. Senator Ana Ruiz questioned the power of the governor "
     "to do as he proposed.", ("Ana Ruiz", "opposes", "curfew"), None),
    # what may be done is weighed, not yet done
    ("Spain may back the fishing accord.", ("Spain", "considers", "fishing accord"), ("Spain", "backs", "fishing accord")),
    ("Spain might reject the fishing accord.", ("Spain", "considers", "fishing accord"),
     ("Spain", "opposes", "fishing accord")),
    ("Spain cannot accept the fishing accord.", ("Spain", "opposes", "fishing accord"),
     ("Spain", "commitsTo", "fishing accord")),
    # who backs it is not part of its name
    ("The fishing accord, backed by Chile, was signed in May.", ("Chile", "backs", "fishing accord"), None),
    # acts named by a noun that is also a verb
    ("Prime Minister Tom Hart announced a freeze on rents.", ("Tom Hart", "proposes", "freeze on rents"), None),
    ("Governor Sam Ito called for the closure of the coal plant.",
     ("Sam Ito", "proposes", "closure of the coal plant"), None),
    # "one of the proposals" is a stance on the proposals
    ("Chile rejected one of the proposals from the committee.",
     ("Chile", "opposes", "proposals from the committee"), None),
])
def test_relations_complements_of_cue_verbs(extract_from, text, present, absent):
    found = stances(extract_from(text))
    assert present in found, found
    assert absent is None or absent not in found, found


@pytest.mark.parametrize("text", [
    "The border bill may pass the Senate.",  # a forecast
    "The border bill did not pass the Senate.",
])
def test_relations_a_bill_that_may_or_did_not_pass_has_no_backer(extract_from, text):
    assert stances(extract_from(text)) == set()


def test_relations_no_conflict_from_a_denied_critic(extract_from):
    found = fact_set(extract_from("Ana Ruiz is not a critic of Tom Berg."))
    assert not any(rel == "conflict" for _, rel, _ in found), found


def test_relations_examples_of_another_plural_are_no_members(extract_from):
    found = fact_set(extract_from("The Republican Party split. Republicans urged voters to back candidates such as Tom Berg."))
    assert ("Tom Berg", "memberOf", "Republican Party") not in found, found


@pytest.mark.parametrize("text, present", [
    ("On Monday, the state-owned firm Codelco acquired the copper producer Andes Mining Group.",
     ("Codelco", "commitsTo", "acquired the copper producer Andes Mining Group")),
    ("Tesco will sell its Polish operation to Salling Group.", ("Salling Group", "proposes", "sell its Polish operation to Salling Group")),
    ("Salling Group took over the Netto chain in 2010.", ("Salling Group", "commitsTo", "took over the Netto chain")),
])
def test_relations_buying_or_selling_a_company_is_a_deal(extract_from, text, present):
    assert present in stances(extract_from(text))


@pytest.mark.parametrize("text", [
    "Ana Ruiz bought two masks from Farma Plus.",  # goods, not a company
    "Ana Ruiz sold her shares in the club.",  # a person's trade
    "Tesco did not sell its Polish operation.",
    "The stake was sold to Salling Group.",  # no buyer or seller acting
])
def test_relations_no_deal_from_trade_in_goods_or_a_negated_sale(extract_from, text):
    assert stances(extract_from(text)) == set()


@pytest.mark.parametrize("text, present", [
    ("Ana Ruiz was joined in the lawsuit by Tom Hart.", {("Ana Ruiz", "proposes", "lawsuit"), ("Tom Hart", "proposes", "lawsuit")}),
    ("Chile was joined in the boycott by Peru.", {("Chile", "commitsTo", "boycott"), ("Peru", "commitsTo", "boycott")}),
])
def test_relations_who_is_joined_in_an_action_takes_part_in_it(extract_from, text, present):
    assert present <= stances(extract_from(text))


def test_relations_an_opposing_party_is_not_the_party_named_before(extract_from):
    found = stances(extract_from("The Green Harvest Party nominated Ana Ruiz for mayor. Her candidacy was "
                                 "later challenged by the opposing military party."))
    assert not {s for s in found if s[0] == "Green Harvest Party" and s[1] == "opposes"}, found


@pytest.mark.parametrize("text, present", [
    ("Israel allowed aid trucks to enter Gaza on Monday.", ("Israel", "backs", "aid trucks to enter Gaza")),
    ("Chile will not allow the merger.", ("Chile", "opposes", "merger")),
])
def test_relations_allowing_an_act_backs_it(extract_from, text, present):
    assert present in stances(extract_from(text))


def test_relations_letting_a_measure_lapse_does_not_back_it(extract_from):
    assert not {s for s in stances(extract_from("Chile allowed the ban to lapse.")) if s[1] == "backs"}


def test_relations_a_quoted_purpose_after_the_object_leaves_the_object_the_target(extract_from):
    found = stances(extract_from('Oxfam pledged a grant of two million euros "to help flood victims rebuild".'))
    assert any(who == "Oxfam" and "grant" in what for who, _, what in found), found


@pytest.mark.parametrize("text, allowed", [
    # what a law or a thing makes possible is no one's stance, even when a country is named in it
    ("Peruvian law allows ten days for the court to name a new judge.", "judge"),
    ("Chile passed a reform. The reform allows farmers to sell water rights.", "farmers"),
    ("Broad wings allow the Andean condor to glide for hours.", "glide"),
])
def test_relations_no_stance_on_what_a_thing_allows(extract_from, text, allowed):
    found = stances(extract_from(text))
    assert not {s for s in found if allowed in s[2]}, found


def test_relations_co_sponsors_listed_with_their_states_each_back_it(extract_from):
    found = stances(extract_from("Senator Ana Ruiz proposed a ban on fur farming. The bill was co-sponsored by Senators Tom "
                                 "Hart of Ohio, Mia Cole of Utah, and Dan Ortiz of Iowa, all Democrats."))
    assert {who for who, relation, _ in found if relation == "backs"} == {"Tom Hart", "Mia Cole", "Dan Ortiz"}


@pytest.mark.parametrize("text, present", [
    ("Mayor Ana Ruiz says she will veto any budget that does not include funding for a new bridge.",
     ("Ana Ruiz", "proposes", "funding for a new bridge")),
    ("Mayor Ana Ruiz rejected a plan that did not protect the river.", ("Ana Ruiz", "proposes", "protect the river")),
])
def test_relations_refusing_what_lacks_something_demands_it(extract_from, text, present):
    found = stances(extract_from(text))
    assert present in found and any(s[1] == "opposes" for s in found), found


@pytest.mark.parametrize("text, present", [
    ("France said it would never agree to the tariff plan.", ("France", "opposes", "tariff plan")),
    ("The Kremlin said it would back the ceasefire plan.", ("Kremlin", "backs", "ceasefire plan")),
    ("The Green Party announced they would vote against the budget.", ("Green Party", "opposes", "budget")),
])
def test_relations_it_in_what_a_body_says_is_that_body(extract_from, text, present):
    assert present in stances(extract_from(text))
