"""The column-at-once check of account references gives the personal-data
detector's own answer for every reference."""

from deskbook.personal_data.detection import KINDS, find_pii
from training.qa.services.log_import import has_padded_cell
from training.qa.services.pseudonyms import personal_data_kinds

REFERENCES = [
    "ACC-10042",
    "ACC-K7QX",
    "91234567",  # a Singapore mobile number
    "ACC 91234567",
    "+62 812 3456 7890",
    "S1234567D",  # an NRIC with its right check letter
    "S1234567A",  # a wrong one: not an NRIC
    "aisyah@example.com",
    "3171234567890001",  # an Indonesian NIK
    "4111111111111111",  # a card number (Luhn)
    "4111111111111112",
    "Blk 123 Ang Mo Kio Ave 3 #05-1234",
    "Singapore 560123",
    "acct",  # a bank-account word before the next reference's number…
    "123456789012",  # …which alone is no bank account
    "account 123456789012",
    "B 1234 XYZ",
    "SBA1234A",
    "Jalan Besar",
    "LN-2026-000123",
    "",
    "x\x00y",
]


def test_the_column_check_finds_what_the_detector_finds_one_by_one():
    expected = {
        value: KINDS[find_pii(value)[0].kind][0].lower()
        for value in REFERENCES
        if find_pii(value)
    }
    assert {"91234567", "S1234567D", "aisyah@example.com"} <= expected.keys()
    assert "123456789012" not in expected and "ACC-10042" not in expected
    assert personal_data_kinds(REFERENCES) == expected
    assert personal_data_kinds(list(reversed(REFERENCES))) == expected


def test_a_csv_with_a_blank_at_a_cells_edge_is_found_and_one_without_is_not():
    assert not has_padded_cell(b"a,b\nC1,2026-03-02 10:00\n")
    assert has_padded_cell(b"a,b\nC1 ,x\n")
    assert has_padded_cell(b"a,b\nC1, x\n")
    assert has_padded_cell(b'a,b\n"C1\t",x\n')
    assert has_padded_cell(b"a,b\nC1,x \n")
    assert has_padded_cell(b" a,b\nC1,x")
    assert has_padded_cell(b"a,b\nC1,x\xc2\xa0")
