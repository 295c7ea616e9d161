"""Names and languages for the demo's collection floor in Singapore, Malaysia
and Indonesia. Plain functions of a seeded ``random.Random``: the same seed
gives the same people.

How each naming convention fills ``first_name`` and ``last_name``
(docs/people.md says the same for real records):

- Chinese: the given name first, the family name last (``Wei Ming`` / ``Tan``,
  or an English given name, ``Kelvin`` / ``Tan``).
- Malay: the personal name first, the father's name with its connector last
  (``Nur Aisyah`` / ``binte Ahmad``; *binte* in Singapore, *binti* in
  Malaysia and Indonesia; ``bin`` for a son).
- Indian: the personal name first, then ``s/o`` or ``d/o`` and the father's
  name (``Priya`` / ``d/o Raman``), or the second or family name
  (``Suresh`` / ``Kumar``, ``Kavitha`` / ``Nair``, ``Harpreet`` / ``Singh``).
- Indonesian: two names as given and family name (``Dewi`` / ``Lestari``); a
  single name (``Sutrisno``) is the last name, with no first name, as a
  passport writes it.
"""

import random
import re
from dataclasses import dataclass

CHINESE, MALAY, INDIAN, INDONESIAN = "chinese", "malay", "indian", "indonesian"

COUNTRY_OF = {
    "Singapore": "SG",
    "Johor Bahru": "MY",
    "Kuala Lumpur": "MY",
    "Penang": "MY",
    "Batam": "ID",
    "Jakarta": "ID",
}
# Who sits on a floor in each country, in percent.
MIX = {
    "SG": ((CHINESE, 62), (MALAY, 18), (INDIAN, 14), (INDONESIAN, 6)),
    "MY": ((MALAY, 50), (CHINESE, 30), (INDIAN, 15), (INDONESIAN, 5)),
    "ID": ((INDONESIAN, 90), (MALAY, 7), (INDIAN, 3)),
}

# Family names with their weight, roughly as common as on a Singapore payroll.
CHINESE_FAMILY = {
    "Tan": 11, "Lim": 8, "Lee": 7, "Ng": 5, "Ong": 4, "Wong": 4, "Goh": 3,
    "Chua": 3, "Chan": 3, "Koh": 3, "Teo": 3, "Ang": 3, "Yeo": 2, "Tay": 2,
    "Ho": 2, "Low": 2, "Toh": 2, "Sim": 2, "Chong": 2, "Chia": 2, "Seah": 1,
    "Foo": 1, "Leong": 1, "Yap": 1, "Loh": 1, "Kwek": 1, "Quek": 1, "Heng": 1,
    "Liew": 1, "Cheah": 1, "Khoo": 1, "Tee": 1, "Lau": 1, "Soh": 1,
}  # fmt: skip
CHINESE_GIVEN = [
    "Wei Ming", "Jia Hui", "Xin Yi", "Jun Jie", "Zhi Hao", "Kai Xiang",
    "Yi Ling", "Shu Fen", "Li Ting", "Hui Min", "Wen Jie", "Jia Wei",
    "Mei Ling", "Wei Ling", "Pei Shan", "Li Na", "Hong Wei", "Shi Min",
    "Yu Xuan", "Zi Qi", "Boon Huat", "Swee Lan", "Kok Leong", "Siew Mei",
    "Chee Keong", "Soo Lin", "Wai Keong", "Kah Wai", "Poh Choo", "Siew Ling",
]  # fmt: skip
ENGLISH_GIVEN = [
    "Kelvin", "Darren", "Benjamin", "Jonathan", "Ethan", "Eugene", "Desmond",
    "Jeremy", "Bryan", "Melvin", "Alvin", "Gabriel", "Jason", "Rachel",
    "Michelle", "Jasmine", "Vivian", "Cheryl", "Shirley", "Felicia", "Joanne",
    "Sharon", "Irene", "Wendy", "Serene", "Adeline", "Charmaine", "Germaine",
]  # fmt: skip

MALAY_MALE = [
    "Muhammad Hafiz", "Muhammad Amir", "Ahmad Faizal", "Mohd Irfan",
    "Mohamad Rizal", "Khairul Anuar", "Shahrul Nizam", "Muhammad Syafiq",
    "Mohd Hazwan", "Nazri", "Firdaus", "Zulkifli", "Luqman Hakim",
    "Muhammad Danial", "Izzat", "Hairul", "Azhar", "Fadzil", "Haziq", "Aiman",
]  # fmt: skip
MALAY_FEMALE = [
    "Nur Aisyah", "Nurul Huda", "Siti Aminah", "Nur Syafiqah", "Farah Hanim",
    "Nadia", "Zulaikha", "Nur Hidayah", "Nur Izzati", "Norhayati", "Rosnah",
    "Fatimah", "Nurul Ain", "Amirah", "Syazwani", "Aqilah", "Nabilah",
    "Hazirah", "Faridah", "Liyana",
]  # fmt: skip
MALAY_FATHERS = [
    "Ahmad", "Rahman", "Ismail", "Abdullah", "Hassan", "Yusof", "Hamid",
    "Salleh", "Osman", "Ibrahim", "Mohamed", "Razak", "Aziz", "Kassim", "Ali",
    "Jaafar", "Omar", "Sulaiman", "Hashim", "Mahmud", "Idris", "Rashid",
    "Harun", "Zainal", "Latif", "Jamil", "Karim", "Mansor", "Bakar", "Samad",
]  # fmt: skip
DAUGHTER_OF = {"SG": "binte", "MY": "binti", "ID": "binti"}

INDIAN_MALE = [
    "Suresh", "Rajesh", "Arjun", "Vikram", "Ganesh", "Naveen", "Karthik",
    "Prakash", "Ramesh", "Dinesh", "Muthu", "Sivakumar", "Ravi", "Anand",
    "Vijay", "Saravanan", "Kumaresan", "Thinesh", "Hari", "Manoj",
]  # fmt: skip
INDIAN_FEMALE = [
    "Priya", "Kavitha", "Shalini", "Lakshmi", "Deepa", "Meena", "Revathi",
    "Anitha", "Malathi", "Divya", "Sangeetha", "Nirmala", "Vanitha", "Thivya",
    "Kalaivani", "Yamuna", "Sharmila", "Janani", "Pavithra", "Geetha",
]  # fmt: skip
INDIAN_FATHERS = [
    "Raman", "Subramaniam", "Krishnan", "Muthusamy", "Rajendran",
    "Govindasamy", "Ramasamy", "Arumugam", "Velu", "Perumal", "Selvaraj",
    "Balakrishnan", "Maniam", "Nadarajan", "Sinnathamby", "Kannan", "Murugan",
    "Ponnusamy", "Shanmugam", "Gopal",
]  # fmt: skip
INDIAN_FAMILY = ["Nair", "Menon", "Pillai"]
SIKH_MALE = ["Harpreet", "Gurdeep", "Jaswant", "Manjit", "Ranjit"]
SIKH_FEMALE = ["Harpreet", "Gurpreet", "Jasleen", "Manpreet", "Simran"]

INDONESIAN_MALE = [
    "Budi", "Agus", "Eko", "Andi", "Hendra", "Bayu", "Rizky", "Joko", "Dedi",
    "Adi", "Yudi", "Teguh", "Arif", "Fajar", "Wahyu",
]  # fmt: skip
INDONESIAN_FEMALE = [
    "Dewi", "Sri", "Rina", "Putri", "Yuni", "Fitri", "Dian", "Wulan", "Indah",
    "Ayu", "Ratna", "Eka", "Lina", "Novi", "Maya",
]  # fmt: skip
INDONESIAN_FAMILY_MALE = [
    "Setiawan", "Santoso", "Wijaya", "Pratama", "Saputra", "Nugroho",
    "Kurniawan", "Hidayat", "Gunawan", "Hartono", "Prasetyo", "Susanto",
    "Siregar", "Simanjuntak", "Nasution", "Harahap",
]  # fmt: skip
INDONESIAN_FAMILY_FEMALE = [
    "Lestari", "Wulandari", "Rahayu", "Sari", "Permata", "Handayani",
    "Utami", "Anggraini", "Puspitasari", "Kusuma", "Maharani", "Siregar",
]  # fmt: skip
INDONESIAN_SINGLE = [
    "Sutrisno", "Sugiarto", "Wahyudi", "Suparman", "Mulyadi", "Haryanto",
    "Rudianto", "Purwanto", "Slamet", "Supriyadi", "Suwarni", "Sriyani",
    "Sumarni", "Sukarti", "Mardiyah", "Wartini", "Suyatmi", "Kartini",
]  # fmt: skip


@dataclass(frozen=True)
class DemoName:
    first_name: str  # empty for a person with a single name
    last_name: str
    origin: str


def _pick_origin(rng: random.Random, country: str) -> str:
    origins, weights = zip(*MIX[country], strict=True)
    return rng.choices(origins, weights)[0]


def demo_name(rng: random.Random, location: str) -> DemoName:
    """A name as it would appear on a payroll in ``location``'s country."""
    country = COUNTRY_OF[location]
    origin = _pick_origin(rng, country)
    female = rng.random() < 0.55
    if origin == CHINESE:
        given = rng.choice(ENGLISH_GIVEN if rng.random() < 0.4 else CHINESE_GIVEN)
        family = rng.choices(list(CHINESE_FAMILY), list(CHINESE_FAMILY.values()))[0]
        return DemoName(given, family, origin)
    if origin == MALAY:
        given = rng.choice(MALAY_FEMALE if female else MALAY_MALE)
        connector = DAUGHTER_OF[country] if female else "bin"
        return DemoName(given, f"{connector} {rng.choice(MALAY_FATHERS)}", origin)
    if origin == INDIAN:
        roll = rng.random()
        if roll < 0.1:
            given = rng.choice(SIKH_FEMALE if female else SIKH_MALE)
            return DemoName(given, "Kaur" if female else "Singh", origin)
        given = rng.choice(INDIAN_FEMALE if female else INDIAN_MALE)
        if roll < 0.6:
            child_of = "d/o" if female else "s/o"
            return DemoName(given, f"{child_of} {rng.choice(INDIAN_FATHERS)}", origin)
        if roll < 0.8:
            return DemoName(given, "Devi" if female else "Kumar", origin)
        return DemoName(given, rng.choice(INDIAN_FAMILY), origin)
    if rng.random() < 0.3:
        return DemoName("", rng.choice(INDONESIAN_SINGLE), origin)
    given = rng.choice(INDONESIAN_FEMALE if female else INDONESIAN_MALE)
    family = INDONESIAN_FAMILY_FEMALE if female else INDONESIAN_FAMILY_MALE
    return DemoName(given, rng.choice(family), origin)


def demo_languages(rng: random.Random, name: DemoName, location: str) -> list[str]:
    """Language codes (ISO 639-1) this person calls in: English nearly
    everywhere, and what their upbringing and country add."""
    country = COUNTRY_OF[location]
    spoken = ["en"] if name.origin != INDONESIAN or rng.random() < 0.6 else []
    if name.origin == CHINESE:
        if rng.random() < 0.85:
            spoken.append("zh")
        if country == "MY" and rng.random() < 0.7:
            spoken.append("ms")
    elif name.origin == MALAY:
        spoken.append("ms")
        if country == "ID" or rng.random() < 0.2:
            spoken.append("id")
    elif name.origin == INDIAN:
        if name.last_name not in ("Singh", "Kaur") and rng.random() < 0.75:
            spoken.append("ta")
        if country == "MY" and rng.random() < 0.7:
            spoken.append("ms")
    else:
        spoken.append("id")
        if rng.random() < 0.35:
            spoken.append("ms")
    return spoken


CONNECTORS = {"bin", "binte", "binti", "s/o", "d/o"}


def email_local_part(name: DemoName) -> str:
    """``nur.aisyah.ahmad`` for Nur Aisyah binte Ahmad: the names, without the
    connectors, in lower case, joined by dots."""
    words = f"{name.first_name} {name.last_name}".split()
    kept = [word for word in words if word.lower() not in CONNECTORS]
    return ".".join(re.sub(r"[^a-z0-9]", "", word.lower()) for word in kept)
