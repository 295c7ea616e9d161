"""A labelled relevance set over the demo SOPs, lessons and articles.

Queries and judgements were written by reading the demo documents (their
titles, summaries and bodies), before any engine was run on them: the way staff
and readers would put it mid-call, in six kinds. Grades: 2 the document that
answers the query, 1 also useful. Documents are named by their slugs.

The Malay and Indonesian queries have no word in common with the documents,
which are all in English: only a thesaurus can find them.
"""

KEYWORDS = "keywords"
QUESTION = "question"
PARAPHRASE = "paraphrase"
TYPO = "typo"
MALAY = "malay"
INDONESIAN = "indonesian"
KINDS = (KEYWORDS, QUESTION, PARAPHRASE, TYPO, MALAY, INDONESIAN)

# (kind, query, {slug: grade})
JUDGED = [
    # -- keywords: what the title would say ------------------------------
    (
        KEYWORDS,
        "letter of demand",
        {
            "letter-of-demand": 2,
            "how-to-verify-a-letter-of-demand": 1,
            "letter-of-demand-ended-eight-months-silence": 1,
            "profile-search-found-address-for-letter-of-demand": 1,
        },
    ),
    (KEYWORDS, "warrant to act", {"warrant-to-act": 2}),
    (
        KEYWORDS,
        "skip tracing",
        {
            "skip-tracing-and-contact-update": 2,
            "seafarer-almost-marked-skip": 1,
            "debtor-relocated-to-batam": 1,
        },
    ),
    (
        KEYWORDS,
        "field visit safety",
        {
            "field-visit-safety": 2,
            "field-officer-bitten-by-loose-dog": 1,
            "relative-threatened-officer-in-corridor": 1,
        },
    ),
    (
        KEYWORDS,
        "GIRO mandate",
        {
            "giro-mandate-rejected-plan-lapsed": 2,
            "payment-channels-and-receipts": 1,
        },
    ),
    (KEYWORDS, "deepfake voice", {"deepfake-voice-calls": 2}),
    (KEYWORDS, "QR code scam", {"qr-code-payment-scams": 2}),
    (
        KEYWORDS,
        "bankruptcy check",
        {
            "bankruptcy-check-before-action": 2,
            "bankruptcy-found-after-payments-accepted": 2,
        },
    ),
    (KEYWORDS, "call recording consent", {"call-recording-and-consent": 2}),
    (
        KEYWORDS,
        "press release",
        {
            "publishing-a-press-release": 2,
            "press-enquiries": 1,
        },
    ),
    (
        KEYWORDS,
        "cash receipt field",
        {
            "cash-handling-in-the-field": 2,
            "receipt-book-left-in-taxi": 2,
            "elderly-customer-offered-cash-above-limit": 1,
        },
    ),
    (
        KEYWORDS,
        "phishing SMS",
        {
            "phishing-sms-asking-for-payment": 2,
            "phishing-sms-campaign-using-our-name": 2,
        },
    ),
    # -- natural questions ---------------------------------------------------
    (
        QUESTION,
        "how do I handle a customer who says the debt is not theirs",
        {
            "disputed-debt-handling": 2,
            "suspected-scam-victim": 1,
            "account-opened-with-stolen-identity": 1,
        },
    ),
    (
        QUESTION,
        "what should I do if the customer has died",
        {
            "deceased-customer-accounts": 2,
            "reminder-sms-sent-after-deceased-flag": 1,
        },
    ),
    (
        QUESTION,
        "what if the customer misses a promised payment",
        {
            "broken-promise-follow-up": 2,
            "handling-a-promise-to-pay": 1,
            "customer-changed-numbers-after-each-promise": 1,
        },
    ),
    (
        QUESTION,
        "who can I talk to about the account if the customer is not on the line",
        {
            "third-party-calls": 2,
            "right-party-verification": 1,
            "disclosure-to-sister-reported-to-pdpc": 1,
        },
    ),
    (
        QUESTION,
        "how often should we call customers in each bucket",
        {
            "days-past-due-call-cadence": 2,
        },
    ),
    (
        QUESTION,
        "can a field officer accept cash",
        {
            "cash-handling-in-the-field": 2,
            "elderly-customer-offered-cash-above-limit": 1,
        },
    ),
    (QUESTION, "what do I say when a journalist calls", {"press-enquiries": 2}),
    (
        QUESTION,
        "how do I know a letter of demand is real",
        {
            "how-to-verify-a-letter-of-demand": 2,
            "check-a-collector-verification-service": 1,
        },
    ),
    (
        QUESTION,
        "when can we refer an account to lawyers",
        {
            "handing-an-account-to-legal": 2,
            "lapsed-plan-referred-to-legal": 1,
        },
    ),
    (
        QUESTION,
        "how do I set up a payment plan for a customer",
        {
            "setting-up-an-instalment-plan": 2,
            "instalment-plans-explained": 1,
            "instalment-set-without-affordability-check": 1,
        },
    ),
    (
        QUESTION,
        "what should I do if I already paid a scammer",
        {
            "what-to-do-if-you-already-paid-a-scammer": 2,
        },
    ),
    (
        QUESTION,
        "can the customer move the due date to payday",
        {
            "due-date-change-requests": 2,
            "due-date-change-prevented-first-default": 1,
            "fortnightly-plan-aligned-with-payday": 1,
        },
    ),
    # -- paraphrases: none of the answer's title words ------------------------
    (
        PARAPHRASE,
        "debtor passed away",
        {
            "deceased-customer-accounts": 2,
            "reminder-sms-sent-after-deceased-flag": 1,
        },
    ),
    (PARAPHRASE, "journalists asking questions", {"press-enquiries": 2}),
    (
        PARAPHRASE,
        "borrower moved abroad",
        {
            "debtor-relocated-to-batam": 2,
            "impersonation-calls-to-debtor-in-jakarta": 1,
            "skip-tracing-and-contact-update": 1,
            "seafarer-almost-marked-skip": 1,
        },
    ),
    (
        PARAPHRASE,
        "customer cannot afford repayments after losing job",
        {
            "hardship-and-payment-holiday": 2,
            "instalments-missed-after-retrenchment": 2,
            "vulnerable-customers": 1,
        },
    ),
    (
        PARAPHRASE,
        "someone pretending to be our collector at the door",
        {
            "fake-field-agents-at-the-door": 2,
            "elderly-customer-paid-fake-field-officer": 2,
            "how-to-recognise-a-fake-debt-collector": 1,
        },
    ),
    (
        PARAPHRASE,
        "check we are allowed to collect for a new creditor",
        {
            "warrant-to-act": 2,
            "new-client-due-diligence": 2,
        },
    ),
    (
        PARAPHRASE,
        "documents showing the customer owes the money",
        {
            "proof-of-debt": 2,
        },
    ),
    (
        PARAPHRASE,
        "agent attacked by an animal",
        {
            "field-officer-bitten-by-loose-dog": 2,
            "field-visit-safety": 1,
        },
    ),
    (
        PARAPHRASE,
        "customer keeps switching phone numbers",
        {
            "customer-changed-numbers-after-each-promise": 2,
            "skip-tracing-and-contact-update": 1,
            "change-of-address-and-contact-details": 1,
        },
    ),
    (
        PARAPHRASE,
        "knife threat during home visit",
        {
            "relative-threatened-officer-in-corridor": 2,
            "field-visit-safety": 1,
        },
    ),
    (
        PARAPHRASE,
        "scammers asking to install software on your mobile",
        {
            "remote-access-app-requests": 2,
        },
    ),
    (
        PARAPHRASE,
        "full and final payment below balance",
        {
            "settlement-and-settlement-form": 2,
            "fake-settlement-discount-offers": 1,
        },
    ),
    # -- typos ----------------------------------------------------------------
    (
        TYPO,
        "instalmnet plan",
        {
            "setting-up-an-instalment-plan": 2,
            "instalment-plans-explained": 1,
        },
    ),
    (
        TYPO,
        "setlement form",
        {
            "settlement-and-settlement-form": 2,
            "signed-settlement-form-resolved-balance-dispute": 1,
        },
    ),
    (
        TYPO,
        "bankrupcy",
        {
            "bankruptcy-check-before-action": 2,
            "bankruptcy-found-after-payments-accepted": 2,
        },
    ),
    (
        TYPO,
        "deceaced customer",
        {
            "deceased-customer-accounts": 2,
            "reminder-sms-sent-after-deceased-flag": 1,
        },
    ),
    (TYPO, "harship payment holiday", {"hardship-and-payment-holiday": 2}),
    (TYPO, "vulnerble customers", {"vulnerable-customers": 2}),
    (TYPO, "skip tracng", {"skip-tracing-and-contact-update": 2}),
    (
        TYPO,
        "impersonaton scam",
        {
            "how-impersonation-scams-are-changing-collections": 2,
            "impersonation-calls-to-debtor-in-jakarta": 1,
            "statement-on-the-featured-impersonation-case": 1,
        },
    ),
    (TYPO, "complant escalation", {"complaint-escalation": 2}),
    (
        TYPO,
        "letter of demnd",
        {
            "letter-of-demand": 2,
            "how-to-verify-a-letter-of-demand": 1,
        },
    ),
    (TYPO, "warrent to act", {"warrant-to-act": 2}),
    (TYPO, "verfication right party", {"right-party-verification": 2}),
    # -- Malay ----------------------------------------------------------------
    (
        MALAY,
        "pelan ansuran",
        {
            "setting-up-an-instalment-plan": 2,
            "instalment-plans-explained": 1,
        },
    ),
    (
        MALAY,
        "surat tuntutan",
        {
            "letter-of-demand": 2,
            "how-to-verify-a-letter-of-demand": 1,
        },
    ),
    (
        MALAY,
        "panggilan penipuan",
        {
            "calls-spoofing-our-number": 2,
            "how-to-recognise-a-fake-debt-collector": 1,
            "caller-id-spoofing-our-hotline": 1,
        },
    ),
    (MALAY, "pelanggan meninggal dunia", {"deceased-customer-accounts": 2}),
    (
        MALAY,
        "janji bayar",
        {
            "handling-a-promise-to-pay": 2,
            "broken-promise-follow-up": 1,
        },
    ),
    (
        MALAY,
        "kesusahan kewangan",
        {
            "hardship-and-payment-holiday": 2,
            "vulnerable-customers": 1,
        },
    ),
    (MALAY, "penyelesaian hutang", {"settlement-and-settlement-form": 2}),
    (MALAY, "aduan pelanggan", {"complaint-escalation": 2}),
    (
        MALAY,
        "lawatan lapangan",
        {
            "field-visit-safety": 2,
            "field-visit-report": 2,
        },
    ),
    (
        MALAY,
        "muflis",
        {
            "bankruptcy-check-before-action": 2,
            "bankruptcy-found-after-payments-accepted": 1,
        },
    ),
    # -- Indonesian -----------------------------------------------------------
    (
        INDONESIAN,
        "cicilan",
        {
            "setting-up-an-instalment-plan": 2,
            "instalment-plans-explained": 1,
        },
    ),
    (
        INDONESIAN,
        "penagih utang palsu",
        {
            "how-to-recognise-a-fake-debt-collector": 2,
            "fake-field-agents-at-the-door": 1,
        },
    ),
    (INDONESIAN, "debitur meninggal", {"deceased-customer-accounts": 2}),
    (INDONESIAN, "surat somasi", {"letter-of-demand": 2}),
    (INDONESIAN, "keringanan pembayaran", {"hardship-and-payment-holiday": 2}),
    (INDONESIAN, "pelunasan utang", {"settlement-and-settlement-form": 2}),
    (INDONESIAN, "keluhan nasabah", {"complaint-escalation": 2}),
    (
        INDONESIAN,
        "penipuan SMS",
        {
            "phishing-sms-asking-for-payment": 2,
            "phishing-sms-campaign-using-our-name": 2,
        },
    ),
    (
        INDONESIAN,
        "kunjungan lapangan",
        {
            "field-visit-safety": 2,
            "field-visit-report": 2,
        },
    ),
    (INDONESIAN, "bukti utang", {"proof-of-debt": 2}),
]
