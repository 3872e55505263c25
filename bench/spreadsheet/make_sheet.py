#!/usr/bin/env python3
"""Writes a synthetic coordinator's list in the columns of mappings/spreadsheet/jarjestot.yaml.

    make_sheet.py ROWS OUT.csv [--encoding utf-8-sig|cp1252] [--seed N]

Municipalities, needs and categories are drawn from mappings/taxonomy, so every row is valid; the same
seed gives the same file, so a second upload of it changes nothing.
"""
import argparse
import csv
import random

HEADER = ["Tunnus", "Nimi", "Esittely", "Y-tunnus", "Toimintakunnat", "Käyntiosoite", "Postinumero",
          "Postitoimipaikka", "Sähköposti", "Kotisivu", "Tarpeet ja diagnoosit", "Toimintamuodot", "Avainsanat",
          "Ylläpitäjien sähköpostit", "Jäseniä", "Työntekijöitä", "Vapaaehtoisia", "Vapaaehtoistunteja vuodessa",
          "Vapaaehtoistoiminta ammatillisesti tuettua", "Sektori", "Koulutustausta", "Puhelin 1",
          "Puhelin 1 käyttötarkoitus", "Puhelin 2", "Puhelin 2 käyttötarkoitus"]


def column(path, name):
    with open(path, encoding="utf-8") as f:
        return [row[name] for row in csv.DictReader(f)]


def business_id(rng):
    digits = [rng.randrange(10) for _ in range(7)]
    while True:
        remainder = sum(d * w for d, w in zip(digits, [7, 9, 10, 5, 8, 4, 2])) % 11
        if remainder != 1:
            return "".join(map(str, digits)) + "-" + str(0 if remainder == 0 else 11 - remainder)
        digits[0] = (digits[0] + 1) % 10


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("rows", type=int)
    parser.add_argument("out")
    parser.add_argument("--encoding", default="utf-8-sig")
    parser.add_argument("--seed", type=int, default=20261122)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    municipalities = column("mappings/taxonomy/municipalities.csv", "name_fi")
    needs = column("mappings/taxonomy/needs.csv", "label_fi")
    categories = column("mappings/taxonomy/activity-categories.csv", "code")
    with open(args.out, "w", encoding=args.encoding, newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADER)
        for i in range(args.rows):
            home = rng.choice(municipalities)
            domain = f"yhdistys{i}.example.com"
            writer.writerow([
                f"B-{i:06d}", f"Yhdistys {i} ry", "Vertaistukea ja toimintaa; tervetuloa mukaan.",
                business_id(rng), ", ".join(rng.sample(municipalities, rng.randint(1, 3))) if i % 10 else "koko Suomi",
                f"Testikatu {i % 200 + 1}", f"{rng.randrange(100, 99999):05d}", home, f"info@{domain}", domain,
                ", ".join(rng.sample(needs, rng.randint(1, 3))), ", ".join(rng.sample(categories, rng.randint(1, 2))),
                "vertaistuki; kerho", f"puheenjohtaja@{domain}", str(rng.randint(5, 5000)), str(rng.randint(0, 20)),
                str(rng.randint(0, 200)), str(rng.randint(0, 10000)), rng.choice(["kyllä", "ei"]), "järjestö",
                "sosionomi", f"040 {rng.randrange(1000000, 9999999)}", "Toimisto ma–pe 9–15", "", ""])


if __name__ == "__main__":
    main()
