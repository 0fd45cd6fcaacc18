#!/usr/bin/env python3
"""Generates the labelled redaction corpus: realistic business documents (invoices,
contracts, e-mails, CSV and JSON exports) in Polish, Czech, Russian, Persian and English
(GB, US), holding personal data in the formats people write and hard decoys beside it.

Every positive is checked by an independent validator (python-stdnum, phonenumbers, or
for the two formats stdnum lacks, the published algorithm written out below) and every
decoy is checked not to be what it looks like. The output is a directory of documents
and `labels.json`:

    {"documents": [{"file": ..., "region": "CZ", "positives": [{"kind": ..., "value": ...}],
                    "decoys": [{"what": ..., "value": ...}]}]}

Usage: generate.py --seed 1 --documents 300 --out tests/corpus
Needs: pip install python-stdnum phonenumbers   (only to regenerate; the test reads
the committed output).
"""

import argparse
import json
import os
import random

import phonenumbers
from stdnum import iban, luhn
from stdnum.iso7064 import mod_97_10
from stdnum.cz import bankaccount as cz_account, dic as cz_dic, rc as cz_rc
from stdnum.pl import nip as pl_nip, pesel as pl_pesel, regon as pl_regon
from stdnum.ru import inn as ru_inn
from stdnum.us import ssn as us_ssn

PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
R = random.Random()


def digits(n, first="0123456789"):
    return R.choice(first) + "".join(R.choice("0123456789") for _ in range(n - 1))


# --- validated generators -------------------------------------------------------------

def phone(region, mobile=True):
    """A valid national number of `region` (digits only, national form)."""
    starts = {
        "CZ": ["60", "70", "72", "73", "77", "79"] if mobile else ["2", "31", "37", "46", "59"],
        "PL": ["50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88"] if mobile
        else ["12", "22", "32", "42", "58", "61", "71", "81", "85", "91"],
        "RU": ["89"] if mobile else ["849", "8812", "8343"],
        "IR": ["091", "093", "099", "090"] if mobile else ["021", "031", "051", "071"],
        "GB": ["07"] if mobile else ["020", "0161", "0113", "0121"],
        "US": ["2", "3", "4", "5", "6", "7", "8", "9"],
    }[region]
    length = {"CZ": 9, "PL": 9, "RU": 11, "IR": 11, "GB": 11, "US": 10}[region]
    while True:
        start = R.choice(starts)
        number = start + digits(length - len(start))
        parsed = phonenumbers.parse(number, region)
        if phonenumbers.is_valid_number(parsed) and (
            not mobile or phonenumbers.number_type(parsed) in (
                phonenumbers.PhoneNumberType.MOBILE,
                phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)):
            return number, parsed


def phone_written(region):
    """A phone number as people of `region` write it, and whether it is international."""
    mobile = R.random() < 0.75
    national, parsed = phone(region, mobile)
    cc = str(parsed.country_code)
    nsn = phonenumbers.national_significant_number(parsed)
    style = R.randrange(6)
    if region in ("CZ", "PL"):
        if not mobile and region == "PL":
            forms = [f"{nsn[:2]} {nsn[2:]}", f"{nsn[:2]} {nsn[2:5]} {nsn[5:7]} {nsn[7:]}"]
        else:
            forms = [f"{nsn[:3]} {nsn[3:6]} {nsn[6:]}", f"{nsn[:3]}-{nsn[3:6]}-{nsn[6:]}", nsn]
        forms += [f"+{cc} {nsn[:3]} {nsn[3:6]} {nsn[6:]}", f"00{cc} {nsn[:3]} {nsn[3:6]} {nsn[6:]}"]
    elif region == "RU":
        forms = [f"8 ({nsn[:3]}) {nsn[3:6]}-{nsn[6:8]}-{nsn[8:]}",
                 f"8-{nsn[:3]}-{nsn[3:6]}-{nsn[6:8]}-{nsn[8:]}",
                 f"8 {nsn[:3]} {nsn[3:6]} {nsn[6:8]} {nsn[8:]}", "8" + nsn,
                 f"+7 ({nsn[:3]}) {nsn[3:6]}-{nsn[6:8]}-{nsn[8:]}", f"+7 {nsn[:3]} {nsn[3:6]} {nsn[6:]}"]
    elif region == "IR":
        forms = ["0" + nsn, f"0{nsn[:3]} {nsn[3:6]} {nsn[6:]}", f"0{nsn[:2]} {nsn[2:6]} {nsn[6:]}",
                 ("0" + nsn).translate(PERSIAN), f"+98 {nsn[:3]} {nsn[3:6]} {nsn[6:]}",
                 f"0098 {nsn[:3]} {nsn[3:6]} {nsn[6:]}".translate(PERSIAN)]
    elif region == "GB":
        forms = ["0" + nsn, f"0{nsn[:4]} {nsn[4:]}", f"0{nsn[:4]} {nsn[4:7]} {nsn[7:]}",
                 f"+44 {nsn[:4]} {nsn[4:]}", f"0044 {nsn[:4]} {nsn[4:]}", f"+44 (0){nsn[:4]} {nsn[4:]}"]
    else:
        forms = [f"{nsn[:3]}-{nsn[3:6]}-{nsn[6:]}", f"{nsn[:3]}.{nsn[3:6]}.{nsn[6:]}",
                 f"1-{nsn[:3]}-{nsn[3:6]}-{nsn[6:]}", f"({nsn[:3]}) {nsn[3:6]}-{nsn[6:]}",
                 f"+1 {nsn[:3]} {nsn[3:6]} {nsn[6:]}", f"+1 ({nsn[:3]}) {nsn[3:6]}-{nsn[6:]}"]
    return forms[style % len(forms)]


def iban_of(country, bban_len):
    while True:
        bban = digits(bban_len)
        if country == "CZ":
            bban = R.choice(["0800", "0100", "0300", "2010", "0600"]) + bban[4:]
        if country == "IR":
            bban = "0" + R.choice(["17", "54", "12", "56", "55", "62"]) + bban[3:]
        candidate = iban.calc_check_digits(country + "00" + bban)
        value = country + candidate + bban
        if iban.is_valid(value) or (country == "IR" and mod_97_10.is_valid(iban_numeric(value))):
            return value


def iban_numeric(value):
    """The IBAN's digits as ISO 7064 checks them (stdnum's registry lacks Iran)."""
    moved = value[4:] + value[:4]
    return "".join(str(int(c, 36)) for c in moved)


def grouped(value, size=4):
    return " ".join(value[i:i + size] for i in range(0, len(value), size))


def pl_nrb():
    value = iban_of("PL", 24)[2:]
    return R.choice([value, value[:2] + " " + grouped(value[2:])])


CZ_BANKS = ["0100", "0300", "0600", "0710", "0800", "2010", "2700", "3030", "5500", "6100", "6210"]


def cz_domestic_account():
    while True:
        prefix = R.choice(["", "", "19", "35", "670100", "000000"])
        prefix = "" if prefix == "000000" else prefix
        number = digits(R.choice([6, 8, 10]), "123456789")
        text = (f"{prefix}-" if prefix else "") + f"{number}/{R.choice(CZ_BANKS)}"
        if cz_account.is_valid(text):
            return text


RU_BIK_WEIGHTS = [7, 1, 3] * 8


def ru_account_with_bik():
    """A 20-digit settlement account with the BIK of its bank: the control digit (the
    ninth) is set by the Bank of Russia's key algorithm over the BIK's last three digits
    and the account."""
    bik = "04" + digits(7)
    while True:
        account = "40702810" + "0" + digits(11)
        key = bik[-3:] + account
        total = sum(int(d) * w for d, w in zip(key, RU_BIK_WEIGHTS)) % 10
        account = account[:8] + str((total * 3) % 10) + account[9:]
        key = bik[-3:] + account
        if sum(int(d) * w for d, w in zip(key, RU_BIK_WEIGHTS)) % 10 == 0:
            return account, bik


def card():
    if R.random() < 0.4:
        prefix = R.choice(["603799", "589210", "610433", "502229", "505785", "603769",
                           "603770", "639607", "627412", "621986"])
    else:
        prefix = R.choice(["4", "51", "52", "53", "54", "55", "2221"])
    while True:
        body = prefix + digits(15 - len(prefix))
        value = body + luhn.calc_check_digit(body)
        if luhn.is_valid(value):
            return R.choice([value, grouped(value), "-".join(value[i:i + 4] for i in range(0, 16, 4))])


def pesel():
    while True:
        year, month, day = R.randint(1940, 2009), R.randint(1, 12), R.randint(1, 28)
        mm = month + (20 if year >= 2000 else 0)
        body = f"{year % 100:02d}{mm:02d}{day:02d}" + digits(4)
        value = body + pl_pesel.calc_check_digit(body)
        if pl_pesel.is_valid(value):
            return value


def nip():
    while True:
        value = digits(10, "123456789")
        if pl_nip.is_valid(value):
            return value


def regon():
    while True:
        body = digits(8, "123456789")
        value = body + pl_regon.calc_check_digit(body)
        if pl_regon.is_valid(value):
            return value


def ico():
    while True:
        body = digits(7)
        try:
            value = body + cz_dic.calc_check_digit_legal(body)
        except Exception:
            continue
        if cz_dic.is_valid(value) and value[0] != "9":
            return value


def rodne_cislo(old=False):
    while True:
        if old:
            year = R.randint(1920, 1953)
        else:
            year = R.randint(1954, 2005)
        month = R.randint(1, 12) + (50 if R.random() < 0.5 else 0)
        day = R.randint(1, 28)
        head = f"{year % 100:02d}{month:02d}{day:02d}"
        if old:
            value = head + digits(3)
        else:
            tail = digits(3)
            check = int(head + tail) % 11 % 10
            value = head + tail + str(check)
        if cz_rc.is_valid(value):
            return value


def inn():
    while True:
        body = digits(9, "123456789")
        value = body + ru_inn.calc_company_check_digit(body)
        if ru_inn.is_valid(value):
            return value


def ir_code_valid(code):
    if len(code) != 10 or len(set(code)) == 1:
        return False
    total = sum(int(code[i]) * (10 - i) for i in range(9)) % 11
    check = int(code[9])
    return check == total if total < 2 else check == 11 - total


def ir_national_code():
    while True:
        value = digits(10)
        if ir_code_valid(value):
            return value


def ssn():
    while True:
        value = f"{R.randint(1, 665):03d}{R.randint(1, 99):02d}{R.randint(1, 9999):04d}"
        if us_ssn.is_valid(value) and value[:3] != "000":
            return value


def email(name):
    user = "".join(c for c in name.lower() if c.isascii() and c.isalpha())[:8] or "info"
    return f"{user}{R.randint(1, 99)}@{R.choice(['firma.cz', 'seznam.cz', 'wp.pl', 'mail.ru', 'gmail.com', 'yahoo.co.uk'])}"


# --- decoys ----------------------------------------------------------------------------

def date_decoy(region):
    d, m, y = R.randint(1, 28), R.randint(1, 12), R.randint(1990, 2026)
    forms = {
        "PL": [f"{d:02d}.{m:02d}.{y}", f"{d:02d}-{m:02d}-{y}", f"{y}-{m:02d}-{d:02d}"],
        "CZ": [f"{d:02d}.{m:02d}.{y}", f"{d}. {m}. {y}", f"{d:02d}/{m:02d}/{y}"],
        "RU": [f"{d:02d}.{m:02d}.{y}", f"{d:02d}/{m:02d}/{y}"],
        "IR": [f"{R.randint(1370, 1405)}/{m:02d}/{d:02d}".translate(PERSIAN), f"{y}/{m:02d}/{d:02d}"],
        "GB": [f"{d:02d}/{m:02d}/{y}", f"{d:02d}.{m:02d}.{y}"],
        "US": [f"{m:02d}/{d:02d}/{y}", f"{m}/{d}/{y}"],
    }[region]
    return R.choice(forms)


def amount_decoy(region):
    whole = R.randint(1000, 9_999_999)
    cents = R.randint(0, 99)
    if region in ("PL", "CZ", "RU"):
        text = f"{whole:,}".replace(",", " ") + f",{cents:02d}"
        return text + " " + {"PL": "zł", "CZ": "Kč", "RU": "руб."}[region]
    if region == "IR":
        return (f"{whole * 1000:,}".replace(",", "٬")).translate(PERSIAN) + " ریال"
    return {"GB": "£", "US": "$"}[region] + f"{whole:,}.{cents:02d}"


def postal_decoy(region):
    return {
        "PL": f"{R.randint(0, 99):02d}-{R.randint(0, 999):03d}",
        "CZ": f"{R.randint(100, 799)} {R.randint(0, 99):02d}",
        "RU": f"{R.randint(101000, 690000)}",
        "IR": digits(10, "13456789"),
        "GB": R.choice(["SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH"]),
        "US": f"{R.randint(10000, 99950)}",
    }[region]


def invoice_number_decoy(region):
    y = R.randint(2019, 2026)
    return R.choice([
        f"{y}/{R.randint(1, 12):02d}/{R.randint(1, 9999):04d}",
        f"{y}{R.randint(1, 99999):05d}",
        f"{R.randint(100000, 999999)}",
        f"{y}-{R.randint(1, 999999):06d}",
    ])


def wrong_check(value, valid):
    """`value` with its last digit changed so that `valid` refuses it."""
    for d in "0123456789":
        candidate = value[:-1] + d
        if candidate != value and not valid(candidate):
            return candidate
    return None


# --- documents -------------------------------------------------------------------------

NAMES = {
    "PL": ["Katarzyna Wiśniewska", "Paweł Zieliński", "Agnieszka Wójcik", "Tomasz Kowalczyk"],
    "CZ": ["Jana Nováková", "Petr Svoboda", "Lucie Dvořáková", "Martin Černý"],
    "RU": ["Ирина Смирнова", "Дмитрий Кузнецов", "Ольга Попова", "Алексей Соколов"],
    "IR": ["مریم احمدی", "علی رضایی", "زهرا محمدی", "حسین کریمی"],
    "GB": ["Olivia Hughes", "Harry Patel", "Amelia Clarke", "George Evans"],
    "US": ["Emily Johnson", "Michael Brown", "Sarah Miller", "David Garcia"],
}

WORDS = {
    "PL": dict(phone=["tel.", "telefon:", "kom.", "nr tel."], invoice="Faktura VAT nr", date="Data wystawienia:",
               amount="Do zapłaty:", postal="kod pocztowy", order="Zamówienie nr", account="Nr rachunku:",
               card="karta", text="Dziękujemy za współpracę. Prosimy o terminową płatność.", and_="oraz"),
    "CZ": dict(phone=["tel.", "telefon:", "mobil:", "tel. č."], invoice="Faktura č.", date="Datum vystavení:",
               amount="Celkem k úhradě:", postal="PSČ", order="Objednávka č.", account="Číslo účtu:",
               card="karta", text="Děkujeme za Vaši objednávku. Zboží bude expedováno do tří dnů.", and_="a"),
    "RU": dict(phone=["тел.", "телефон:", "моб.", "тел:"], invoice="Счёт №", date="Дата:",
               amount="Итого к оплате:", postal="индекс", order="Заказ №", account="р/с",
               card="карта", text="Благодарим за сотрудничество. Оплата в течение пяти дней.", and_="и"),
    "IR": dict(phone=["تلفن:", "تلفن همراه:", "شماره تماس:", "موبایل:"], invoice="فاکتور شماره", date="تاریخ:",
               amount="مبلغ قابل پرداخت:", postal="کد پستی", order="سفارش شماره", account="شماره حساب:",
               card="کارت", text="از همکاری شما سپاسگزاریم. لطفاً مبلغ را تا پایان هفته واریز کنید.", and_="و"),
    "GB": dict(phone=["Tel:", "Phone:", "Mobile:", "call"], invoice="Invoice No.", date="Date:",
               amount="Total due:", postal="Postcode", order="Order no.", account="Account:",
               card="card", text="Thank you for your business. Payment is due within 14 days.", and_="and"),
    "US": dict(phone=["Phone:", "Tel.", "Cell:", "call"], invoice="Invoice #", date="Date:",
               amount="Amount due:", postal="ZIP", order="Order #", account="Account:",
               card="card", text="Thanks for choosing us. Please remit payment within 30 days.", and_="and"),
}

ID_LINES = {
    "PL": [("pl_pesel", "PESEL", pesel, pl_pesel.is_valid), ("pl_nip", "NIP", nip, pl_nip.is_valid),
           ("pl_regon", "REGON", regon, pl_regon.is_valid)],
    "CZ": [("cz_rodne_cislo", "Rodné číslo:", rodne_cislo, cz_rc.is_valid), ("cz_ico", "IČO:", ico, cz_dic.is_valid)],
    "RU": [("ru_inn", "ИНН", inn, ru_inn.is_valid)],
    "IR": [("ir_national_id", "کد ملی", ir_national_code, ir_code_valid)],
    "GB": [],
    "US": [("us_ssn", "SSN", ssn, us_ssn.is_valid)],
}


class Doc:
    def __init__(self, region):
        self.region = region
        self.lines = []
        self.positives = []
        self.decoys = []

    def pos(self, kind, value):
        self.positives.append({"kind": kind, "value": value})
        return value

    def decoy(self, what, value):
        self.decoys.append({"what": what, "value": value})
        return value


def fill(doc):
    """The body of a document: contact lines, identifiers, decoys, in the region's words."""
    r = doc.region
    w = WORDS[r]
    name = R.choice(NAMES[r])
    out = doc.lines
    out.append((w["invoice"], doc.decoy("invoice number", invoice_number_decoy(r))))
    out.append((w["date"], doc.decoy("date", date_decoy(r))))
    out.append(("", name))
    out.append((w["postal"], doc.decoy("postal code", postal_decoy(r))))
    # Phones: half with a keyword, half alone on a line or after a name.
    for _ in range(R.randint(1, 3)):
        number = doc.pos("phone", phone_written(r))
        style = R.randrange(3)
        if style == 0:
            out.append((R.choice(w["phone"]), number))
        elif style == 1:
            out.append((name + ",", number))
        else:
            out.append(("", number))
    out.append(("E-mail:", doc.pos("email", email(name))))
    # Identifiers after their keyword, sometimes with a wrong check digit (a decoy).
    for kind, keyword, make, valid in ID_LINES[r]:
        value = make()
        if kind == "cz_rodne_cislo" and R.random() < 0.3:
            value = rodne_cislo(old=True)
        if kind == "cz_rodne_cislo" and R.random() < 0.5 and len(value) >= 9:
            value = value[:6] + "/" + value[6:]
        if kind == "pl_nip" and R.random() < 0.4:
            value = R.choice([f"{value[:3]}-{value[3:6]}-{value[6:8]}-{value[8:]}", "PL" + value,
                              f"PL {value[:3]}-{value[3:6]}-{value[6:8]}-{value[8:]}"])
        if kind == "cz_ico" and R.random() < 0.25:
            value = " ".join(value[i:i + 2] for i in range(0, 8, 2))
        if kind == "us_ssn" and R.random() < 0.6:
            value = f"{value[:3]}-{value[3:5]}-{value[5:]}"
        out.append((keyword, doc.pos(kind, value)))
        if R.random() < 0.4:
            plain = make()
            bad = wrong_check(plain, valid)
            if bad and not any(v(bad) for k, _, _, v in ID_LINES[r]):
                out.append((keyword, doc.decoy("wrong check digit", bad)))
    if r == "CZ" and R.random() < 0.6:
        value = R.choice([ico(), rodne_cislo()])
        out.append(("DIČ:", doc.pos("cz_ico" if len(value) == 8 else "cz_rodne_cislo", "CZ" + value)))
    if r == "IR" and R.random() < 0.5:
        code = ir_national_code()
        number = phone_written("IR")
        out.append(("کد ملی", f"{doc.pos('ir_national_id', code)} {w['and_']} شماره {doc.pos('phone', number)}"))
    if r == "RU" and R.random() < 0.5:
        bad = wrong_check(inn(), ru_inn.is_valid)
        if bad and not ir_code_valid(bad):
            out.append(("ИНН", doc.decoy("wrong check digit", bad)))
        elif bad:
            out.append(("ИНН", doc.decoy("invalid INN that passes the Iranian check", bad)))
    # Accounts.
    choice = R.randrange(3)
    if r == "PL":
        out.append((w["account"], doc.pos("account", pl_nrb())))
    elif r == "CZ":
        out.append((w["account"], doc.pos("account", cz_domestic_account())))
    elif r == "RU":
        account, bik = ru_account_with_bik()
        out.append((w["account"], f"{doc.pos('account', account)}, БИК {doc.decoy('BIK', bik)}"))
    if choice == 0 or r in ("GB", "IR"):
        country, length = {"PL": ("PL", 24), "CZ": ("CZ", 20), "RU": ("DE", 18), "IR": ("IR", 22),
                           "GB": ("DE", 18), "US": ("DE", 18)}[r]
        value = iban_of(country, length)
        out.append(("IBAN:", doc.pos("iban", R.choice([value, grouped(value)]))))
    if R.random() < 0.5:
        out.append((w["card"], doc.pos("card", card())))
    out.append((w["order"], doc.decoy("order number", invoice_number_decoy(r))))
    out.append((w["amount"], doc.decoy("amount", amount_decoy(r))))
    out.append(("", w["text"]))


def render(doc, form):
    """The document as text: label and value on a line, a CSV row each, or JSON pairs."""
    joined = [f"{label} {value}".strip() for label, value in doc.lines]
    if form == "csv":
        return "\n".join(f"{label.rstrip(':')};{value}" for label, value in doc.lines) + "\n"
    if form == "json":
        pairs = [{label.rstrip(":") or "text": value} for label, value in doc.lines]
        return json.dumps({"document": pairs}, ensure_ascii=False, indent=2) + "\n"
    if form == "email":
        return "Subject: " + joined[0] + "\n\n" + "\n".join(joined[1:]) + "\n"
    return "\n".join(joined) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    R.seed(args.seed)
    os.makedirs(args.out, exist_ok=True)
    labels = []
    regions = ["PL", "CZ", "RU", "IR", "GB", "US"]
    for n in range(args.documents):
        region = regions[n % len(regions)]
        form = R.choice(["invoice", "email", "csv", "json", "contract"])
        doc = Doc(region)
        fill(doc)
        name = f"{n:04d}-{region.lower()}-{form}.{'csv' if form == 'csv' else 'json' if form == 'json' else 'txt'}"
        with open(os.path.join(args.out, name), "w", encoding="utf-8") as f:
            f.write(render(doc, form))
        labels.append({"file": name, "region": region, "positives": doc.positives, "decoys": doc.decoys})
    with open(os.path.join(args.out, "labels.json"), "w", encoding="utf-8") as f:
        json.dump({"seed": args.seed, "documents": labels}, f, ensure_ascii=False, indent=0)


if __name__ == "__main__":
    main()
