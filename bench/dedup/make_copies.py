#!/usr/bin/env python3
"""Writes a list with no true duplicates across its parts: a labelled list copied until it has N records, every
copy's ids, names, phones, e-mail and web hosts and business ids changed, so no two copies share an entity
while their streets, postal codes and towns stay the same (the test of a review queue on a large list).

    make_copies.py LABELLED.csv N OUT.csv

Ids become `C<copy>-<id>` and clusters `C<copy>-<cluster>` (the part of a record is what precedes the first
"-"). Each copy's names get the copy's own made-up place word in front ("Vuokalan Kuopion Omaishoitajat ry"),
its phones the last four digits shifted per copy (the same number stays the same within a copy, so
the copy's own duplicates still share it), its hosts the copy word before the top-level domain and its
business ids another register number with a valid check digit. Python 3 standard library only; deterministic.
"""
import csv
import re
import sys

SYLLABLES = ["va", "ko", "lu", "mi", "sa", "te", "ri", "no", "pe", "ju", "ka", "le", "ta", "vi", "ro", "hu"]


def copy_word(k):
    """A pronounceable word per copy: vakola, kolumi, ... (distinct for every k)."""
    letters, n = [], k + 17
    while n:
        letters.append(SYLLABLES[n % len(SYLLABLES)])
        n //= len(SYLLABLES)
    return "".join(letters) + "la"


def phone(value, k):
    """The last four digits shifted by k * 7919 (mod 10,000): 7919 is prime to 10,000, so no two copies of
    one number are equal, and the same number stays the same within a copy."""
    digits = [i for i, c in enumerate(value) if c.isdigit()]
    if len(digits) < 5:
        return value
    chars = list(value)
    last4 = (int("".join(chars[i] for i in digits[-4:])) + 7919 * k) % 10_000
    for i, d in zip(digits[-4:], f"{last4:04d}"):
        chars[i] = d
    return "".join(chars)


def host(value, word):
    return re.sub(r"([A-Za-z0-9-]+)\.([A-Za-z]{2,6})(?=$|[/:?#])", lambda m: f"{m.group(1)}-{word}.{m.group(2)}",
                  value, count=1)


def business_id(value, k):
    digits = re.sub(r"\D", "", value)
    if len(digits) != 8:
        return ""
    base = (int(digits[:7]) + 104729 * k) % 10_000_000
    body = f"{base:07d}"
    remainder = sum(int(d) * w for d, w in zip(body, [7, 9, 10, 5, 8, 4, 2])) % 11
    if remainder == 1:
        return ""
    return f"{body}-{0 if remainder == 0 else 11 - remainder}"


def main():
    source, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(source, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header, rows = reader.fieldnames, list(reader)
    written = 0
    with open(out, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        k = 0
        while written < n:
            word = copy_word(k)
            for row in rows:
                if written >= n:
                    break
                r = dict(row)
                r["id"] = f"C{k:03d}-{row['id']}"
                r["true_cluster"] = f"C{k:03d}-{row['true_cluster']}"
                if row["name"].strip():
                    r["name"] = f"{word.capitalize()}n {row['name'].strip()}"
                r["phone"] = phone(row["phone"], k)
                r["email"] = host(row["email"], word)
                r["website"] = host(row["website"], word)
                r["business_id"] = business_id(row["business_id"], k) if row["business_id"].strip() else ""
                writer.writerow(r)
                written += 1
            k += 1


if __name__ == "__main__":
    main()
