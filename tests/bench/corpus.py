"""A deterministic corpus of debt-collection SOPs, lessons and articles, with a
labelled query set: each query has planted documents that should rank first."""

import random
from dataclasses import dataclass

DEPARTMENTS = ["Sales", "Administrative", "Operations", "Marketing & Communications"]
STAGES = ["pre-collection", "early", "late"]
TOPICS = [
    "first reminder call script with the debt collector disclosure",
    "right party verification before discussing the debt",
    "handling a promise to pay",
    "setting up an instalment plan",
    "settlement and settlement form issue",
    "proof of debt request",
    "warrant to act from the creditor",
    "letter of demand template",
    "lawful profile search and skip tracing",
    "field visit safety",
    "complaint escalation to the ombudsman",
    "vulnerable customers and hardship",
    "handling a suspected scam victim",
    "data privacy and consent",
    "press enquiries and media statements",
    "disputed debts and evidence",
    "call recording and quality checks",
    "payment channels and receipts",
]
SENTENCES = [
    "The collector confirms the customer's identity with two data points before any detail of the account is shared.",
    "Every call opens with the disclosure that this is a debt collector attempting to collect a debt.",
    "Record the promise to pay with the amount, the date and the payment channel in the case notes.",
    "If the customer mentions illness, job loss or bereavement, pause collection and offer the hardship review.",
    "Never threaten legal action that the agency is not instructed or entitled to take.",
    "A settlement offer must be confirmed in writing on the approved settlement form before payment.",
    "Field agents share their route and expected return time with the team lead before each visit.",
    "The letter of demand states the creditor, the outstanding balance and the response deadline.",
    "Customers who report a scam call are told that we never ask for payment into a personal account.",
    "Escalate any complaint that mentions harassment to the compliance officer the same day.",
    "Instalment plans longer than twelve months need team lead approval and an affordability check.",
    "Proof of debt includes the signed agreement, the statement of account and the assignment notice.",
    "A warrant to act must be on file before any contact is made on behalf of a new creditor.",
    "Profile searches use licensed data sources only and are logged with a lawful purpose.",
    "Press enquiries are passed to Marketing and Communications without comment.",
    "QA analysts sample five calls per collector each month and score them on the weighted scorecard.",
    "Right-party contact is recorded only when the customer has confirmed their identity.",
    "Payments are accepted through the bank transfer reference, the payment portal or at the counter.",
    "Disputed balances are put on hold until the creditor returns the supporting evidence.",
    "Personal data is kept for the retention period and deleted when the account closes.",
]
LESSON_EVENTS = [
    "a caller impersonated the agency and asked the customer to pay a fake settlement account",
    "the debtor avoided contact for months and changed numbers twice",
    "the customer defaulted on the third instalment after a change of job",
    "a settlement was agreed the week after the letter of demand was delivered",
    "a complaint about call frequency was escalated to the regulator",
    "a field visit was cut short when the agent felt unsafe at the address",
]
ARTICLE_ANGLES = [
    "How to spot a scam call that uses our name",
    "Press release: new hardship support for customers",
    "Five signs a payment request is fake",
    "What a real letter of demand looks like",
    "Industry insight: collection after the pandemic",
]


@dataclass(frozen=True)
class Document:
    kind: str
    title: str
    summary: str
    body: str
    department: str
    stage: str


# query → the distinctive title of the planted document(s) it should find first
LABELLED_QUERIES = {
    "right party verification": "Right-party verification checklist for desk collectors",
    "letter of demand template": "Letter of demand template and delivery rules",
    "fake settlement account": "Lesson: fake settlement account impersonation",
    "instalment default": "Lesson: instalment default after a job change",
    "field visit safety": "Field visit safety procedure",
    "vulnerable customer": "Vulnerable customer identification and referral",
    "warrant to act": "Warrant to act: what must be on file",
    "proof of debt": "Proof of debt pack for disputed accounts",
    "promise to pay": "Handling a promise to pay on the first call",
    "scam victim": "Supporting a suspected scam victim",
    "complaint escalation": "Complaint escalation ladder and deadlines",
    "press enquiry": "Press enquiry handling for all staff",
    "data privacy": "Data privacy rules for collection calls",
    "settlement form": "Settlement form: issuing and countersigning",
    "skip tracing": "Lawful skip tracing and profile search",
    "hardship review": "Hardship review: pausing collection",
    "debt collector disclosure": "The debt collector disclosure script",
    "call recording": "Call recording retention and QA sampling",
    "payment portal": "Payment portal receipts and reconciliation",
    "disputed balance": "Disputed balance hold procedure",
    "instalments defaulted": "Lesson: instalment default after a job change",
    "verifying identity": "Right-party verification checklist for desk collectors",
    "fake account scam": "Lesson: fake settlement account impersonation",
    "letters of demand": "Letter of demand template and delivery rules",
    "unsafe field visits": "Field visit safety procedure",
    "evasive debtor": "Lesson: evasive debtor traced through employer",
    "ombudsman complaint": "Complaint escalation ladder and deadlines",
    "scam call signs": "Five signs a scam call is not from us",
    "hardship support press release": "Press release: hardship support scheme",
    "affordability check": "Instalment plan affordability check",
}

EXTRA_QUERIES = [
    "payment",
    "customer identity",
    "collector",
    "team lead approval",
    "creditor evidence",
    "retention period",
    "bank transfer reference",
    "harassment",
    "qa scorecard",
    "route return time",
    "licensed data sources",
    "twelve months",
    "signed agreement",
    "personal account",
    "compliance officer",
    "job loss bereavement",
    "new creditor",
    "statement of account",
    "weighted scorecard sample",
    "deadline response",
]


NAMES = ["Tan", "Lim", "Rahman", "Kumar", "Ng", "Ismail", "Wong", "Pillai", "Goh",
         "Abdullah", "Chua", "Menon", "Lee", "Yusof", "Teo", "Raj", "Koh", "Hamid"]  # fmt: skip
PLACES = ["Tampines", "Jurong", "Woodlands", "Bedok", "Yishun", "Clementi", "Serangoon",
          "Punggol", "Bishan", "Toa Payoh", "Ang Mo Kio", "Pasir Ris"]  # fmt: skip
CASE_SENTENCES = [
    "Account {ref} was assigned by {creditor} with a balance of {amount} dollars.",
    "The customer in {place} asked for {months} monthly instalments of {amount}.",
    "Agent {name} called {count} times before reaching the right party.",
    "The visit to {place} on {day} was rescheduled after the customer asked.",
    "{creditor} confirmed the statement of account for reference {ref}.",
    "Notes by {name}: customer disputes {amount} citing a billing error.",
]
CREDITORS = ["Harbour Bank", "Lion Telco", "Merlion Finance", "Orchid Credit",
             "Straits Energy", "Kallang Motors", "Raffles Card"]  # fmt: skip
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


def _case_sentence(rng: random.Random) -> str:
    return rng.choice(CASE_SENTENCES).format(
        ref=f"AC{rng.randint(10000, 99999)}",
        creditor=rng.choice(CREDITORS),
        amount=rng.randint(80, 25000),
        place=rng.choice(PLACES),
        months=rng.randint(3, 24),
        name=rng.choice(NAMES),
        count=rng.randint(2, 9),
        day=rng.choice(DAYS),
    )


def _paragraph(rng: random.Random, sentences: int, topic: int = 0) -> str:
    """Mostly the topic's own guidance, some case detail, a little common text."""
    own = SENTENCES[topic % len(SENTENCES) :][:4] or SENTENCES[:4]
    parts = []
    for _ in range(sentences):
        roll = rng.random()
        if roll < 0.5:
            parts.append(rng.choice(own))
        elif roll < 0.85:
            parts.append(_case_sentence(rng))
        else:
            parts.append(rng.choice(SENTENCES))
    return " ".join(parts)


def generate(count: int, seed: int = 2026) -> list[Document]:
    """``count`` documents: the planted targets first, then generated ones."""
    rng = random.Random(seed)
    documents = [
        Document(
            kind="sop",
            title=title,
            summary=f"{title}. What every collector needs to know.",
            body=_paragraph(rng, 12),
            department=rng.choice(DEPARTMENTS),
            stage=rng.choice(STAGES),
        )
        for title in dict.fromkeys(LABELLED_QUERIES.values())
    ]
    while len(documents) < count:
        n = len(documents)
        kind = rng.choices(["sop", "lesson", "article"], weights=[5, 4, 1])[0]
        topic_number = rng.randrange(len(TOPICS))
        if kind == "sop":
            topic = TOPICS[topic_number]
            title = f"SOP {n}: {topic}"
            summary = f"How the {rng.choice(DEPARTMENTS)} team handles {topic}."
        elif kind == "lesson":
            event = rng.choice(LESSON_EVENTS)
            title = f"Lesson {n}: {event[:60]}"
            summary = f"What happened when {event}, and what we changed."
        else:
            title = f"{rng.choice(ARTICLE_ANGLES)} ({n})"
            summary = "Scam awareness for customers and the public."
        documents.append(
            Document(
                kind=kind,
                title=title,
                summary=summary,
                body=_paragraph(rng, rng.randint(8, 22), topic_number),
                department=rng.choice(DEPARTMENTS),
                stage=rng.choice(STAGES),
            )
        )
    return documents[:count]
