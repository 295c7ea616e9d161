"""Find personal data in text before it goes on the public site.

Phone numbers, e-mail addresses, NRIC/FIN (checksum-validated), Indonesian NIK,
vehicle plates, bank account and card numbers (Luhn), addresses and postcodes,
and the names of a case's parties. Each finding carries its position and a
suggested redaction. Plain functions, standard library only.
"""

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

KIND_PHONE = "phone"
KIND_EMAIL = "email"
KIND_NRIC = "nric"
KIND_NIK = "nik"
KIND_PLATE = "vehicle_plate"
KIND_BANK_ACCOUNT = "bank_account"
KIND_CARD = "card"
KIND_ADDRESS = "address"
KIND_POSTCODE = "postcode"
KIND_NAME = "name"

# kind → (label, replacement). No replacement may itself look like personal data,
# so redacted text checks clean.
KINDS = {
    KIND_PHONE: ("Phone number", "[phone number]"),
    KIND_EMAIL: ("E-mail address", "[e-mail]"),
    KIND_NRIC: ("NRIC/FIN", "[NRIC]"),
    KIND_NIK: ("NIK (Indonesian ID number)", "[NIK]"),
    KIND_PLATE: ("Vehicle plate", "[vehicle plate]"),
    KIND_BANK_ACCOUNT: ("Bank account number", "[account number]"),
    KIND_CARD: ("Card number", "[card number]"),
    KIND_ADDRESS: ("Address", "[address]"),
    KIND_POSTCODE: ("Postcode", "[postcode]"),
    KIND_NAME: ("Name", "[name]"),
}

# Between two findings over the same text, the kind listed first wins: checksums
# and strict formats are surer than guesses from shape or context.
PRECEDENCE = (
    KIND_EMAIL,
    KIND_NRIC,
    KIND_NIK,
    KIND_CARD,
    KIND_PHONE,
    KIND_BANK_ACCOUNT,
    KIND_POSTCODE,
    KIND_PLATE,
    KIND_ADDRESS,
    KIND_NAME,
)


@dataclass(frozen=True)
class Finding:
    """One piece of personal data found in a text."""

    kind: str  # one of the KIND_* constants
    start: int  # index in the text
    end: int  # exclusive
    text: str  # text[start:end]
    label: str  # for people: "Phone number", "NRIC/FIN"
    replacement: str  # suggested redaction: "[phone number]", "[NRIC]"


def _finding(kind: str, text: str, start: int, end: int) -> Finding:
    label, replacement = KINDS[kind]
    return Finding(kind, start, end, text[start:end], label, replacement)


# A number must stand alone: not glued to letters, nor a piece of a longer number,
# date, amount or reference (MRS-2025-04417, 14.08.2025, $1,234,567).
NUMBER_START = r"(?<![\w+\#$.,/-])(?<!\d[ -])"
NUMBER_END = r"(?![\w])(?![.,/-]?\d)(?![ -]\d)"

PHONE = re.compile(
    NUMBER_START
    + r"""
    (?:
        (?:\(\+65\)|\+65|65)[ -]?[3689]\d{3}[ -]?\d{4}   # Singapore, country code
      | \+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,6}            # any country, +CC first
      | [3689]\d{3}[ -]?\d{4}                            # Singapore, 8 digits
      | 1800[ -]?\d{3}[ -]?\d{4}                         # Singapore toll-free
      | 08\d{2}[ -]?\d{3,4}[ -]?\d{3,5}                  # Indonesian mobile
    )"""
    + NUMBER_END,
    re.VERBOSE,
)

EMAIL = re.compile(
    r"""
    (?<![\w.%+-])
    [\w.%+-]+ @ (?:[A-Za-z0-9-]+\.)+ [A-Za-z]{2,}    # local part @ domain
    (?![\w-])
    """,
    re.VERBOSE,
)

NRIC = re.compile(r"(?<!\w)[STFGM]\d{7}[A-Z](?!\w)", re.IGNORECASE)

NIK = re.compile(NUMBER_START + r"\d{16}" + NUMBER_END)

CARD = re.compile(
    NUMBER_START
    + r"""
    (?:
        \d{13,19}                                  # ungrouped
      | \d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,4})?    # in fours
      | \d{4}[ -]\d{6}[ -]\d{4,5}                  # American Express, Diners
    )"""
    + NUMBER_END,
    re.VERBOSE,
)

BANK_ACCOUNT = re.compile(NUMBER_START + r"\d+(?:[ -]\d+){0,4}" + NUMBER_END)
ACCOUNT_WORD = re.compile(r"\b(?:account|acct?|a/c|bank|rekening|rek)\b", re.IGNORECASE)
# "Transfer Rp 1 500 000 000 to the bank" is an amount, whatever the words around.
CURRENCY_BEFORE = re.compile(
    r"(?:\b(?:rp|idr|sgd|usd|myr|rm)\.?|\$)\s*$", re.IGNORECASE
)
ACCOUNT_CONTEXT = 30  # characters before the number searched for an account word

POSTCODE = re.compile(
    r"""
    \b(?:Singapore|post(?:al)?\ ?code)  # the word that makes six digits a postcode
    [\s:,(]*
    (?P<pii>\d{6})
    (?!\w)
    """,
    re.VERBOSE | re.IGNORECASE,
)
POSTCODE_IN_BRACKETS = re.compile(r"\bS\(\s*(\d{6})\s*\)", re.IGNORECASE)

# Street-type words that are rarely anything else, and ones that often are
# ("Park", "View"), allowed only after a block number.
STREET_TYPE = r"""(?i:Avenue|Ave|Road|Rd|Street|St|Drive|Dr|Lane|Ln|Crescent|Cres
    |Boulevard|Blvd)\b\.?"""
PLACE_TYPE = r"""(?i:Central|Close|Walk|Way|Place|Link|Rise|Grove|View|Terrace
    |Circle|Loop|Park|Hill|Heights)\b"""
PROPER_WORD = r"(?!No\b)[A-Z][A-Za-z'-]*"  # "No." starts a house number
STREET_NUMBER = r"(?:\ +\d{1,3}[A-Z]?\b)?"  # Ang Mo Kio Ave 3
ROAD_FIRST = (  # Jalan Besar, Lorong 1 Toa Payoh, Jl. Sudirman No. 45
    r"(?:Jalan|JALAN|Jln\.?|Jl\.|Lorong|Lor\.?)\ +(?:" + PROPER_WORD + r"|\d{1,3})"
    r"(?:\ +" + PROPER_WORD + r"){0,3}(?:\ +(?:No\.?\ *)?\d{1,4}[A-Z]?\b)?"
)
STREET = (
    r"(?:(?:" + PROPER_WORD + r"\ +){1,4}" + STREET_TYPE + STREET_NUMBER
    + r"|" + ROAD_FIRST + r")"
)  # fmt: skip
BLOCK_STREET = (
    r"(?:(?:" + PROPER_WORD + r"\ +){1,4}(?:" + STREET_TYPE + r"|" + PLACE_TYPE
    + r")" + STREET_NUMBER + r"|" + ROAD_FIRST + r")"
)  # fmt: skip
UNIT = r"(?<![\w\#])\#\d{1,3}-\d{1,5}[A-Z]?(?![\w-])"  # #05-1234

BLOCK_NUMBER = r"\d{1,4}[A-Z]?\b"
OPTIONAL_UNIT = r"(?:,?\ *" + UNIT + ")?"
ADDRESS = re.compile(
    "|".join(
        (
            # Blk 123 Ang Mo Kio Ave 3 #05-1234
            r"\b(?i:Blk\.?)\ *" + BLOCK_NUMBER
            + r"(?:,?\ +" + BLOCK_STREET + ")?" + OPTIONAL_UNIT,
            # "Block 2" alone is an ordinary phrase: a street or a unit must follow.
            r"\b(?i:Block)\ +" + BLOCK_NUMBER
            + r"(?:,?\ +" + BLOCK_STREET + OPTIONAL_UNIT + r"|,?\ *" + UNIT + ")",
            # 10 Anson Road #12-08
            r"(?<![\w.,/\#$-])\d{1,5}[A-Z]?\ +" + STREET + OPTIONAL_UNIT,
            r"\b" + ROAD_FIRST + OPTIONAL_UNIT,
            UNIT,
        )
    ),
    re.VERBOSE,
)  # fmt: skip

# Plates are written in capitals; I and O are never used in Singapore prefixes,
# and the check letter is one of 19.
SG_PLATE = re.compile(
    r"""
    (?<![\w-])
    (?P<prefix>[A-HJ-NP-Z]{1,3}) \ ?
    (?P<number>[1-9]\d{0,3}) \ ?
    [ABCDEGHJKLMPRSTUXYZ]
    (?![\w])(?![.-]\w)
    """,
    re.VERBOSE,
)
# Region codes of Indonesian plates (B Jakarta, D Bandung, BK Medan …).
INDONESIAN_REGIONS = """
    AA AB AD AE AG BA BB BD BE BG BH BK BL BM BN BP DA DB DC DD DE DG DH DK DL DM
    DN DR DS DT EA EB ED KB KH KT KU PA PB
    A B D E F G H K L M N P R S T W Z
"""
INDONESIAN_PLATE = re.compile(
    r"(?<![\w-])(?P<prefix>" + "|".join(INDONESIAN_REGIONS.split()) + r")\ ?"
    r"(?P<number>[1-9]\d{0,3})\ ?[A-Z]{1,3}(?![\w])(?![.-]\w)",
    re.VERBOSE,
)
# Capitalised words that come before a number and a letter in ordinary writing.
NOT_PLATE_PREFIXES = {"DPD", "PTP", "SGD", "USD", "EUR", "GBP", "AUD", "MYR", "HKD"}

NRIC_WEIGHTS = (2, 7, 6, 5, 4, 3, 2)
NRIC_OFFSETS = {"S": 0, "T": 4, "F": 0, "G": 4, "M": 3}
# Check letters indexed by the remainder. The M series (2022) publishes its table
# as "KLJNPQRTUWX" read at 10 - remainder; reversed here to read like the others.
NRIC_CHECK_LETTERS = {
    "S": "JZIHGFEDCBA",
    "T": "JZIHGFEDCBA",
    "F": "XWUTRQPNMLK",
    "G": "XWUTRQPNMLK",
    "M": "XWUTRQPNJLK",
}

# Province codes of the NIK; 93-96 are the Papuan provinces created in 2022.
NIK_PROVINCES = {
    *range(11, 20), 21, *range(31, 37), *range(51, 54), *range(61, 66),
    *range(71, 77), 81, 82, *range(91, 97),
}  # fmt: skip

SINGAPORE_POSTAL_SECTORS = range(1, 83)

NAME_CONNECTORS = {
    "bin", "binte", "binti", "bte", "bt", "s/o", "d/o", "a/l", "a/p", "al", "van",
    "von", "de", "der", "den", "la", "le", "mr", "mrs", "ms", "mdm", "dr",
}  # fmt: skip


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def is_valid_nric(candidate: str) -> bool:
    """True for an NRIC/FIN (S, T, F, G or M series) whose check letter is right."""
    candidate = candidate.upper()
    if not re.fullmatch(r"[STFGM]\d{7}[A-Z]", candidate):
        return False
    prefix, digits, check = candidate[0], candidate[1:8], candidate[8]
    total = NRIC_OFFSETS[prefix] + sum(
        weight * int(digit) for weight, digit in zip(NRIC_WEIGHTS, digits, strict=True)
    )
    return NRIC_CHECK_LETTERS[prefix][total % 11] == check


def passes_luhn(number: str) -> bool:
    """True when the digits of ``number`` pass the Luhn check of card numbers."""
    total = 0
    for position, digit in enumerate(reversed(_digits(number))):
        value = int(digit) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def is_plausible_nik(digits: str) -> bool:
    """Province, regency, birth date (day + 40 for women) and serial all possible."""
    province, regency = int(digits[0:2]), int(digits[2:4])
    day, month, serial = int(digits[6:8]), int(digits[8:10]), int(digits[12:16])
    return (
        province in NIK_PROVINCES
        and regency > 0
        and (1 <= day <= 31 or 41 <= day <= 71)
        and 1 <= month <= 12
        and serial > 0
    )


def _is_phone(match: re.Match) -> bool:
    number = match.group()
    return not number.startswith("+") or 8 <= len(_digits(number)) <= 15


def _is_card(match: re.Match) -> bool:
    digits = _digits(match.group())
    # Issuers' numbers start with 2-6; other leading digits are rarely cards.
    return 13 <= len(digits) <= 19 and digits[0] in "23456" and passes_luhn(digits)


def _is_bank_account(match: re.Match) -> bool:
    if not 9 <= len(_digits(match.group())) <= 14:
        return False
    before = match.string[max(0, match.start() - ACCOUNT_CONTEXT) : match.start()]
    return bool(ACCOUNT_WORD.search(before)) and not CURRENCY_BEFORE.search(before)


def _is_postcode(match: re.Match) -> bool:
    return int(match.group(1)[:2]) in SINGAPORE_POSTAL_SECTORS


def _is_plate(match: re.Match) -> bool:
    prefix, number = match.group("prefix"), match.group("number")
    if prefix in NOT_PLATE_PREFIXES:
        return False
    # Unspaced and short reads as jargon (B2B, H1B, P2P), not a plate.
    return " " in match.group() or len(prefix) + len(number) >= 3


DETECTORS: tuple[tuple[str, re.Pattern, Callable[[re.Match], bool]], ...] = (
    (KIND_PHONE, PHONE, _is_phone),
    (KIND_EMAIL, EMAIL, lambda match: True),
    (KIND_NRIC, NRIC, lambda match: is_valid_nric(match.group())),
    (KIND_NIK, NIK, lambda match: is_plausible_nik(match.group())),
    (KIND_CARD, CARD, _is_card),
    (KIND_BANK_ACCOUNT, BANK_ACCOUNT, _is_bank_account),
    (KIND_POSTCODE, POSTCODE, _is_postcode),
    (KIND_POSTCODE, POSTCODE_IN_BRACKETS, _is_postcode),
    (KIND_ADDRESS, ADDRESS, lambda match: True),
    (KIND_PLATE, SG_PLATE, _is_plate),
    (KIND_PLATE, INDONESIAN_PLATE, _is_plate),
)


# Patterns whose finding is only part of the match: "Singapore" stays in the text.
_SPAN_GROUP = {POSTCODE: "pii"}


def _pattern_findings(text: str) -> Iterator[Finding]:
    for kind, pattern, is_valid in DETECTORS:
        for match in pattern.finditer(text):
            if is_valid(match):
                yield _finding(kind, text, *match.span(_SPAN_GROUP.get(pattern, 0)))


def _name_variants(name: str) -> Iterator[tuple[str, bool]]:
    """(variant, case-insensitive?) pairs: the full name and its distinct parts."""
    parts = name.split()
    if len(parts) > 1 and sum(ch.isalpha() for ch in name) >= 3:
        yield r"\s+".join(re.escape(part) for part in parts), True
    for part in parts:
        if part.lower() in NAME_CONNECTORS:
            continue
        if len(part) >= 3:
            yield re.escape(part), True
        elif len(part) == 2:
            # Two-letter surnames (Ng, Ho, Li) are ordinary words in lower case.
            yield re.escape(part.title()) + "|" + re.escape(part.upper()), False


def _name_findings(text: str, names: Iterable[str]) -> Iterator[Finding]:
    for name in names:
        for variant, ignore_case in _name_variants(name):
            pattern = re.compile(
                r"(?<!\w)(?:" + variant + r")(?!\w)",
                re.IGNORECASE if ignore_case else 0,
            )
            for match in pattern.finditer(text):
                yield _finding(KIND_NAME, text, *match.span())


def _resolve_overlaps(candidates: Iterable[Finding]) -> list[Finding]:
    """Keep the longest finding of each overlapping group, the surest on a tie."""
    ranked = sorted(
        set(candidates),
        key=lambda f: (f.start - f.end, PRECEDENCE.index(f.kind), f.start),
    )
    kept: list[Finding] = []  # sorted by start, never overlapping
    starts: list[int] = []
    for finding in ranked:
        i = bisect.bisect_right(starts, finding.start)
        if (i and kept[i - 1].end > finding.start) or (
            i < len(kept) and kept[i].start < finding.end
        ):
            continue
        kept.insert(i, finding)
        starts.insert(i, finding.start)
    return kept


def find_pii(text: str, *, names: Iterable[str] = ()) -> list[Finding]:
    """Every finding in ``text`` by position; of overlapping ones, the longest."""
    return _resolve_overlaps([*_pattern_findings(text), *_name_findings(text, names)])


def redact(text: str, findings: Iterable[Finding]) -> str:
    """``text`` with each finding replaced by its suggested redaction."""
    limit = len(text)
    # From the end, so that the offsets of the findings still to apply hold.
    for finding in sorted(findings, key=lambda f: f.start, reverse=True):
        # Skip a finding that overlaps one already applied or is not from this text.
        if finding.end > limit or text[finding.start : finding.end] != finding.text:
            continue
        text = text[: finding.start] + finding.replacement + text[finding.end :]
        limit = finding.start
    return text
