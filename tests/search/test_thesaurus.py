"""Turning a query's words into concepts and rephrasings (no database)."""

from deskbook.search.thesaurus import Thesaurus

WORDS = Thesaurus([("debtor, customer", False), ("ptp, promise to pay", True)])


def test_rephrasings_swap_one_term_at_a_time_and_leave_a_partial_word():
    assert WORDS.rephrasings(["debtor", "ptp", "hards"], limit=5) == [
        "customer ptp hards",
        "debtor promise to pay hards",
    ]
    assert WORDS.rephrasings(["debtor", "ptp"], limit=1) == ["customer ptp"]


def test_a_one_way_group_rephrases_only_its_first_term():
    assert WORDS.rephrasings(["promise", "to", "pay"], limit=5) == []
    assert WORDS.rephrasings(["promis"], limit=5) == []
