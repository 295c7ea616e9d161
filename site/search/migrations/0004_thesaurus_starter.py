"""A starter thesaurus for collection work, in English, Malay and Indonesian.

Editors own it from here on (Settings → Search thesaurus); this migration only
adds groups to an empty table and never touches the groups on the way back.
"""

from django.db import migrations

# (terms, one_way)
STARTER = [
    # Who owes.
    ("debtor, customer, borrower, hirer, account holder, obligor, penghutang, "
     "peminjam, pelanggan, nasabah, debitur, debitor", False),
    ("guarantor, surety, penjamin", False),
    # Money owed and paid.
    ("debt, arrears, outstanding balance, hutang, utang, tunggakan", False),
    ("instalment, installment, ansuran, angsuran, cicilan", False),
    ("instalment plan, installment plan, payment plan, repayment plan, "
     "pelan ansuran, rancangan bayaran, rencana cicilan", False),
    ("payment, repayment, bayaran, pembayaran, bayar", False),
    ("settlement, full and final, penyelesaian, pelunasan", False),
    ("promise to pay, janji bayar, janji membayar", False),
    ("PTP, promise to pay", True),
    ("DPD, days past due", True),
    ("LOD, letter of demand", True),
    ("RPC, right party contact", True),
    ("POD, proof of debt", True),
    ("PDPA, personal data protection", True),
    ("QA, quality assurance", True),
    ("AHT, average handle time", True),
    ("proof of debt, bukti hutang, bukti utang", False),
    ("letter of demand, demand letter, surat tuntutan, surat somasi, somasi", False),
    ("hardship, financial difficulty, kesusahan kewangan, kesulitan keuangan, "
     "keringanan", False),
    ("bankrupt, bankruptcy, insolvent, insolvency, muflis, kebankrapan, pailit, "
     "bangkrut", False),
    # Life events.
    ("deceased, passed away, died, death, meninggal, meninggal dunia, kematian", False),
    ("retrenched, retrenchment, laid off, lost job, job loss, dibuang kerja, "
     "diberhentikan, phk", False),
    ("abroad, overseas, luar negara, luar negeri", False),
    # Contact.
    ("stop calling, cease contact, stop contact, do not call, berhenti menghubungi",
     False),
    ("call, phone call, panggilan, telefon, telepon", False),
    ("sms, text message, mesej, pesan singkat", False),
    ("field visit, home visit, door visit, lawatan, lawatan lapangan, kunjungan, "
     "kunjungan lapangan", False),
    ("skip tracing, tracing, trace, jejak, pelacakan", False),
    ("complaint, grievance, aduan, keluhan, pengaduan", False),
    ("journalist, reporter, press, media, wartawan", False),
    # Scams.
    ("scam, fraud, scammer, fraudster, penipuan, penipu", False),
    ("fake, bogus, impostor, palsu", False),
    ("debt collector, collector, collection agent, pemungut hutang, penagih hutang, "
     "penagih utang, penagih", False),
]


def add_starter(apps, schema_editor):
    SynonymGroup = apps.get_model("deskbook_search", "SynonymGroup")
    if SynonymGroup.objects.exists():
        return
    SynonymGroup.objects.bulk_create(
        SynonymGroup(terms=terms, one_way=one_way, note="starter set")
        for terms, one_way in STARTER
    )


class Migration(migrations.Migration):
    dependencies = [("deskbook_search", "0003_synonym_group")]

    operations = [migrations.RunPython(add_starter, migrations.RunPython.noop)]
