"""What a proposal is for, said with it, is proposed too; other purposes are no plans."""

import pytest

from test_proposals import proposals_of


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
