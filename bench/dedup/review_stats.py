#!/usr/bin/env python3
"""What a review queue holds: how many pairs, how many of them are true matches, and how many join two parts of a
list that has no true duplicates across its parts (see make_copies.py; a record's part precedes the first "-").

    review_stats.py TRUTH.csv REVIEW.csv [--json]

REVIEW.csv has `record_id_a,record_id_b` (the dedupe command's clusters.review.csv). Standard library only.
"""
import csv
import json
import sys


def main():
    truth_path, review_path = sys.argv[1], sys.argv[2]
    with open(truth_path, encoding="utf-8-sig", newline="") as f:
        cluster = {row["id"]: row["true_cluster"] for row in csv.DictReader(f)}
    pairs = true = cross = 0
    with open(review_path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            a, b = row["record_id_a"], row["record_id_b"]
            pairs += 1
            true += cluster.get(a) is not None and cluster.get(a) == cluster.get(b)
            cross += "-" in a and "-" in b and a.split("-", 1)[0] != b.split("-", 1)[0]
    stats = {"review_pairs": pairs, "review_true": true, "review_cross_part": cross,
             "review_true_share": true / pairs if pairs else 0.0, "records": len(cluster),
             "review_share_of_records": pairs / len(cluster) if cluster else 0.0}
    if "--json" in sys.argv:
        print(json.dumps(stats))
    else:
        print(f"review pairs {pairs} ({stats['review_share_of_records']:.2%} of {len(cluster)} records), "
              f"{true} true ({stats['review_true_share']:.1%}), {cross} across parts")


if __name__ == "__main__":
    main()
