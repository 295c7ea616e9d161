import itertools
import random

import pytest

from deskbook.personal_data.detection import (
    KIND_ADDRESS,
    KIND_BANK_ACCOUNT,
    KIND_CARD,
    KIND_EMAIL,
    KIND_NAME,
    KIND_NIK,
    KIND_NRIC,
    KIND_PHONE,
    KIND_PLATE,
    KIND_POSTCODE,
    KINDS,
    Finding,
    find_pii,
    is_valid_nric,
    passes_luhn,
    redact,
)

# (text, kind, the text found)
TRUE_POSITIVES = [
    # Phone numbers
    ("Call me on 9123 4567 tonight.", KIND_PHONE, "9123 4567"),
    ("Office line 6123-4567.", KIND_PHONE, "6123-4567"),
    ("Mobile 81234567", KIND_PHONE, "81234567"),
    ("Landline 3158 1234 (rare)", KIND_PHONE, "3158 1234"),
    ("WhatsApp +65 9123 4567", KIND_PHONE, "+65 9123 4567"),
    ("Tel: (+65) 6123 4567", KIND_PHONE, "(+65) 6123 4567"),
    ("sms 6591234567 now", KIND_PHONE, "6591234567"),
    ("Tel: +65-6123-4567", KIND_PHONE, "+65-6123-4567"),
    ("Jakarta office +62 812-3456-7890", KIND_PHONE, "+62 812-3456-7890"),
    ("London: +44 20 7946 0958.", KIND_PHONE, "+44 20 7946 0958"),
    ("US desk +1 (415) 555-0132", KIND_PHONE, "+1 (415) 555-0132"),
    ("HP 0812 3456 7890", KIND_PHONE, "0812 3456 7890"),
    ("Hotline 1800 123 4567", KIND_PHONE, "1800 123 4567"),
    # E-mail addresses
    ("Write to john.tan@example.com.sg today", KIND_EMAIL, "john.tan@example.com.sg"),
    ("<siti+debt@mail.co.id>", KIND_EMAIL, "siti+debt@mail.co.id"),
    # NRIC/FIN
    ("NRIC S1234567D on file", KIND_NRIC, "S1234567D"),
    ("nric s1234567d", KIND_NRIC, "s1234567d"),
    ("IC: T1234567J.", KIND_NRIC, "T1234567J"),
    ("FIN F1234567N", KIND_NRIC, "F1234567N"),
    ("FIN G1234567X", KIND_NRIC, "G1234567X"),
    ("FIN (2022 series) M1234567K", KIND_NRIC, "M1234567K"),
    ("FIN M7865797Q", KIND_NRIC, "M7865797Q"),
    ("(S5908301E)", KIND_NRIC, "S5908301E"),
    # Indonesian NIK
    ("NIK 3171234501900001", KIND_NIK, "3171234501900001"),
    ("KTP: 3273015708850002.", KIND_NIK, "3273015708850002"),
    ("NIK 1271031203780005 (Medan)", KIND_NIK, "1271031203780005"),
    # Vehicle plates
    ("Car SBA 1234 A was seen", KIND_PLATE, "SBA 1234 A"),
    ("plate SGX1234B.", KIND_PLATE, "SGX1234B"),
    ("an old E 1234 K", KIND_PLATE, "E 1234 K"),
    ("bus SBS 3229 P", KIND_PLATE, "SBS 3229 P"),
    ("Jakarta plate B 1234 XYZ", KIND_PLATE, "B 1234 XYZ"),
    ("Bandung plate D 1234 AB", KIND_PLATE, "D 1234 AB"),
    ("Yogyakarta plate AB 5678 CD", KIND_PLATE, "AB 5678 CD"),
    # Bank accounts and cards
    ("Pay into account 123-456789-0 today", KIND_BANK_ACCOUNT, "123-456789-0"),
    ("A/C no. 0123456789", KIND_BANK_ACCOUNT, "0123456789"),
    ("rekening BCA 1234567890123", KIND_BANK_ACCOUNT, "1234567890123"),
    ("Acct: 123 456 789", KIND_BANK_ACCOUNT, "123 456 789"),
    ("DBS Bank 012-3-456789", KIND_BANK_ACCOUNT, "012-3-456789"),
    ("card 4111 1111 1111 1111 expired", KIND_CARD, "4111 1111 1111 1111"),
    ("card 5500-0000-0000-0004", KIND_CARD, "5500-0000-0000-0004"),
    ("Amex 3782 822463 10005", KIND_CARD, "3782 822463 10005"),
    ("card no 4012888888881881", KIND_CARD, "4012888888881881"),
    # Postcodes and addresses
    ("Singapore 560123", KIND_POSTCODE, "560123"),
    ("SINGAPORE 049315", KIND_POSTCODE, "049315"),
    ("Anson Road S(079903)", KIND_POSTCODE, "S(079903)"),
    ("postal code 018989", KIND_POSTCODE, "018989"),
    ("Postcode: 238801", KIND_POSTCODE, "238801"),
    (
        "at Blk 123 Ang Mo Kio Ave 3 #05-1234 since",
        KIND_ADDRESS,
        "Blk 123 Ang Mo Kio Ave 3 #05-1234",
    ),
    ("BLK 88 Jurong West Street 42", KIND_ADDRESS, "BLK 88 Jurong West Street 42"),
    ("Block 5 Tampines Central 1", KIND_ADDRESS, "Block 5 Tampines Central 1"),
    ("office at 10 Anson Road #12-08.", KIND_ADDRESS, "10 Anson Road #12-08"),
    ("unit #05-1234 only", KIND_ADDRESS, "#05-1234"),
    ("lives at 123 Orchard Road", KIND_ADDRESS, "123 Orchard Road"),
    ("25 Jalan Besar", KIND_ADDRESS, "25 Jalan Besar"),
    ("Blk 88 Lorong 8 Toa Payoh", KIND_ADDRESS, "Blk 88 Lorong 8 Toa Payoh"),
    ("Jalan Sudirman No. 45, Jakarta", KIND_ADDRESS, "Jalan Sudirman No. 45"),
    ("7 Marina Boulevard", KIND_ADDRESS, "7 Marina Boulevard"),
]

NEAR_MISSES = [
    "Promised to pay on 2025-08-14.",
    "Due 14/08/2025",
    "Jatuh tempo 14.08.2025",
    "Call back at 14:30",
    "Balance SGD 12,345.67",
    "Settled $1,234,567 in total",
    "Tagihan Rp 15.000.000",
    "Transfer Rp 1 500 000 000 via bank",
    "Recovery rate 12.5% (+3%)",
    "Case MRS-2025-04417 closed",
    "See CASE-000123",
    "Invoice INV-2025-000981",
    "Invoice no. 100234567",
    "In 2025 we grew",
    "Reference 12345678",
    "Reference 21234567",
    "Reference 41234567",
    "Reference 51234567",
    "Reference 71234567",
    "Wrong check letter S1234567A",
    "Wrong check letter M1234567L",
    "Wrong check letter T1234567Z",
    "card 4111 1111 1111 1112",
    "card 4111111111111112",
    "NIK-shaped but month 13: 3171234513900001",
    "Follow the SOP before DPD 30; log the PTP.",
    "Wagtail 8.0.1 and Python 3.11, release v2.3.1",
    "B2B and H1B and P2P",
    "SGD 100 K target",
    "Block 2 of the course",
    "the code 560123 alone",
    "Singapore 2025 conference",
    "ISO 27001 A.5 controls",
    "COVID-19 measures",
]


def kinds_and_texts(text, **options):
    return [(f.kind, f.text) for f in find_pii(text, **options)]


@pytest.mark.parametrize(("text", "kind", "expected"), TRUE_POSITIVES)
def test_finds_each_kind_of_personal_data(text, kind, expected):
    findings = find_pii(text)
    assert [(f.kind, f.text) for f in findings] == [(kind, expected)]
    finding = findings[0]
    assert text[finding.start : finding.end] == finding.text
    assert (finding.label, finding.replacement) == KINDS[kind]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_are_not_personal_data(text):
    assert find_pii(text) == []


def test_tables_are_big_enough():
    assert len(TRUE_POSITIVES) >= 40 and len(NEAR_MISSES) >= 25
    assert {kind for _, kind, _ in TRUE_POSITIVES} == set(KINDS) - {KIND_NAME}


ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def published_m_series_check_letter(digits: str) -> str:
    """The 2022 M-series rule as published: P = 11 - R, letter P of KLJNPQRTUWX."""
    weights = (2, 7, 6, 5, 4, 3, 2)
    weighted = sum(w * int(d) for w, d in zip(weights, digits, strict=True))
    remainder = (weighted + 3) % 11
    return "KLJNPQRTUWX"[11 - remainder - 1]


def test_m_series_follows_the_published_rule():
    rng = random.Random(2022)
    for _ in range(500):
        digits = f"{rng.randrange(10**7):07d}"
        right = published_m_series_check_letter(digits)
        assert is_valid_nric(f"M{digits}{right}")
        wrong = [c for c in ALPHABET if c != right]
        assert not any(is_valid_nric(f"M{digits}{c}") for c in wrong)


def test_every_nric_number_has_exactly_one_check_letter_per_series():
    for prefix in "STFGM":
        valid = [c for c in ALPHABET if is_valid_nric(f"{prefix}7654321{c}")]
        assert len(valid) == 1


def test_luhn():
    assert passes_luhn("4111 1111 1111 1111") and passes_luhn("378282246310005")
    assert not passes_luhn("4111 1111 1111 1112")


def test_offsets_point_at_the_found_text():
    text = "Ms Lim (S1234567D, 9123 4567) lives at 10 Anson Road #12-08."
    findings = find_pii(text, names=["Lim Hui Min"])
    assert [f.kind for f in findings] == [
        KIND_NAME,
        KIND_NRIC,
        KIND_PHONE,
        KIND_ADDRESS,
    ]
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text


def test_the_longer_finding_wins_an_overlap():
    # The unit number is part of the block address; the surname part of the e-mail.
    text = "Blk 123 Ang Mo Kio Ave 3 #05-1234, john.tan@example.com"
    assert kinds_and_texts(text, names=["John Tan"]) == [
        (KIND_ADDRESS, "Blk 123 Ang Mo Kio Ave 3 #05-1234"),
        (KIND_EMAIL, "john.tan@example.com"),
    ]


def test_the_full_name_wins_over_its_parts():
    assert kinds_and_texts("Tan Mei Ling paid.", names=["Tan Mei Ling"]) == [
        (KIND_NAME, "Tan Mei Ling")
    ]


def test_on_the_same_text_the_more_specific_kind_wins():
    # Also an account-shaped number after "bank", and a phone number in any format.
    assert kinds_and_texts("Call the bank on 1800 123 4567") == [
        (KIND_PHONE, "1800 123 4567")
    ]
    assert kinds_and_texts("+65 9123 4567") == [(KIND_PHONE, "+65 9123 4567")]


def test_findings_are_sorted_and_never_overlap():
    findings = find_pii(PARAGRAPH, names=PARTIES)
    assert findings
    for before, after in itertools.pairwise(findings):
        assert before.end <= after.start


def test_redact_replaces_each_finding():
    text = "Mr Tan (S1234567D) on 9123 4567, tan@example.com, Singapore 560123."
    redacted = redact(text, find_pii(text, names=["Tan Ah Kow"]))
    assert redacted == (
        "Mr [name] ([NRIC]) on [phone number], [e-mail], Singapore [postcode]."
    )


def test_redact_holds_offsets_whatever_the_order_of_the_findings():
    text = "A: 9123 4567; B: 6123-4567; C: S1234567D; D: x@example.com"
    findings = find_pii(text)
    expected = "A: [phone number]; B: [phone number]; C: [NRIC]; D: [e-mail]"
    assert redact(text, findings) == expected
    assert redact(text, reversed(findings)) == expected
    shuffled = findings[:]
    random.Random(1).shuffle(shuffled)
    assert redact(text, shuffled) == expected


def test_redacting_twice_changes_nothing_more():
    redacted = redact(PARAGRAPH, find_pii(PARAGRAPH, names=PARTIES))
    assert find_pii(redacted, names=PARTIES) == []
    assert redact(redacted, find_pii(redacted, names=PARTIES)) == redacted
    # Findings of the original text no longer match: they are skipped.
    assert redact(redacted, find_pii(PARAGRAPH, names=PARTIES)) == redacted


def test_redaction_placeholders_are_not_personal_data():
    placeholders = " ".join(replacement for _, replacement in KINDS.values())
    assert find_pii(placeholders) == []


def test_redact_applies_only_one_of_overlapping_findings():
    text = "call 9123 4567"
    whole = find_pii(text)[0]
    part = Finding(KIND_NAME, 5, 9, "9123", "Name", "[name]")
    assert redact(text, [whole, part]) == "call [phone number]"


def test_names_match_whole_words_in_any_case():
    text = "TAN MEI LING wrote; tan replied; Tanjong Pagar; Mei-Ling's"
    assert kinds_and_texts(text, names=["Tan Mei Ling"]) == [
        (KIND_NAME, "TAN MEI LING"),
        (KIND_NAME, "tan"),
        (KIND_NAME, "Mei"),
        (KIND_NAME, "Ling"),
    ]


def test_surname_alone_and_a_name_across_a_line_break():
    text = "Ask Mr Wong.\nWong\n Kah  Wai called."
    assert kinds_and_texts(text, names=["Wong Kah Wai"]) == [
        (KIND_NAME, "Wong"),
        (KIND_NAME, "Wong\n Kah  Wai"),
    ]


def test_two_letter_surnames_match_only_as_names_are_written():
    text = "Mr Ng and MR NG, but not the ng in a word list"
    assert kinds_and_texts(text, names=["Ng Wei Ming"]) == [
        (KIND_NAME, "Ng"),
        (KIND_NAME, "NG"),
    ]


def test_connectors_and_short_or_empty_names_are_ignored():
    text = "Siti binte Ahmad's file; binte alone; A is a letter; Ahmad"
    names = ["Siti binte Ahmad", "", "   ", "A", "X Y"]
    assert kinds_and_texts(text, names=names) == [
        (KIND_NAME, "Siti binte Ahmad"),
        (KIND_NAME, "Ahmad"),
    ]


def test_no_names_given_finds_no_names():
    assert find_pii("Tan Mei Ling paid in full.") == []


PARTIES = ["Tan Mei Ling", "Budi Santoso"]
PARAGRAPH = (
    "On 14/08/2025 at 14:30, Ms Tan Mei Ling (NRIC S1234567D) called from "
    "9123 4567 about case MRS-2025-04417. She had received a WhatsApp message "
    "from +62 812-3456-7890 asking her to pay SGD 12,345.67 into bank account "
    "123-456789-0 instead of our usual account. The sender, who called himself "
    "Budi Santoso (NIK 3171234501900001, e-mail budi.s@mail.co.id), gave his "
    "address as Blk 123 Ang Mo Kio Ave 3 #05-1234 Singapore 560123 and said his "
    "car SGX1234B, or sometimes B 1234 XYZ, would collect cash. Mdm Tan paid "
    "$1,234 by card 4111 1111 1111 1111 before calling us under SOP 4.2 and the "
    "PTP rules; our office at 10 Anson Road #12-08, S(079903) never collects "
    "cash. Recovery stood at 12.5% in 2025 (DPD 30, Rp 15.000.000 outstanding)."
)


def test_a_realistic_paragraph():
    assert kinds_and_texts(PARAGRAPH, names=PARTIES) == [
        (KIND_NAME, "Tan Mei Ling"),
        (KIND_NRIC, "S1234567D"),
        (KIND_PHONE, "9123 4567"),
        (KIND_PHONE, "+62 812-3456-7890"),
        (KIND_BANK_ACCOUNT, "123-456789-0"),
        (KIND_NAME, "Budi Santoso"),
        (KIND_NIK, "3171234501900001"),
        (KIND_EMAIL, "budi.s@mail.co.id"),
        (KIND_ADDRESS, "Blk 123 Ang Mo Kio Ave 3 #05-1234"),
        (KIND_POSTCODE, "560123"),
        (KIND_PLATE, "SGX1234B"),
        (KIND_PLATE, "B 1234 XYZ"),
        (KIND_NAME, "Tan"),
        (KIND_CARD, "4111 1111 1111 1111"),
        (KIND_ADDRESS, "10 Anson Road #12-08"),
        (KIND_POSTCODE, "S(079903)"),
    ]
    redacted = redact(PARAGRAPH, find_pii(PARAGRAPH, names=PARTIES))
    for kept in ("14/08/2025", "MRS-2025-04417", "SGD 12,345.67", "12.5%"):
        assert kept in redacted
    assert "Ms [name] (NRIC [NRIC]) called from [phone number]" in redacted
