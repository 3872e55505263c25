#!/usr/bin/env python3
"""Pairwise precision, recall and F1 of a predicted clustering against the true one.

    evaluate.py TRUTH.csv PREDICTED.csv [--json]

TRUTH.csv is a labelled set (columns `id` and `true_cluster`, see src/test/resources/dedup/README.md);
PREDICTED.csv is a dedupe tool's output (`record_id,entity_id,score,decided_by`, one row per input record).
A pair is an unordered pair of distinct records, counted once. True pairs are those inside one true cluster,
predicted pairs those inside one predicted entity; precision = |true ∩ predicted| / |predicted|,
recall = |true ∩ predicted| / |true|, F1 their harmonic mean (1.0 when a side has no pairs at all).

Exit status 1 (with a message) on malformed input: a missing column or file, an empty or duplicate id, an
empty cluster or entity id, a predicted record not in the truth or a truth record missing from the prediction.
Python 3 standard library only; counts pairs from the contingency table, so 200,000 records take seconds.
"""
import argparse
import collections
import csv
import json
import sys


class Malformed(Exception):
    pass


def read(path, id_col, label_col):
    try:
        f = open(path, encoding="utf-8-sig", newline="")
    except OSError as e:
        raise Malformed(f"{path}: {e.strerror}")
    with f:
        reader = csv.DictReader(f)
        missing = [c for c in (id_col, label_col) if c not in (reader.fieldnames or [])]
        if missing:
            raise Malformed(f"{path}: no column {', '.join(missing)} (header: {reader.fieldnames})")
        labels = {}
        for line, row in enumerate(reader, 2):
            rid, label = (row[id_col] or "").strip(), (row[label_col] or "").strip()
            if not rid:
                raise Malformed(f"{path}:{line}: empty {id_col}")
            if not label:
                raise Malformed(f"{path}:{line}: empty {label_col} for {rid}")
            if rid in labels:
                raise Malformed(f"{path}:{line}: duplicate {id_col} {rid}")
            labels[rid] = label
    if not labels:
        raise Malformed(f"{path}: no records")
    return labels


def pairs(n):
    return n * (n - 1) // 2


def evaluate(truth, predicted):
    extra = [r for r in predicted if r not in truth]
    if extra:
        raise Malformed(f"{len(extra)} predicted record(s) not in the truth, e.g. {', '.join(extra[:5])}")
    absent = [r for r in truth if r not in predicted]
    if absent:
        raise Malformed(f"{len(absent)} record(s) of the truth missing from the prediction, e.g. {', '.join(absent[:5])}")
    true_sizes = collections.Counter(truth.values())
    pred_sizes = collections.Counter(predicted.values())
    both = collections.Counter((truth[r], predicted[r]) for r in truth)
    true_pairs = sum(pairs(n) for n in true_sizes.values())
    pred_pairs = sum(pairs(n) for n in pred_sizes.values())
    correct = sum(pairs(n) for n in both.values())
    precision = correct / pred_pairs if pred_pairs else 1.0
    recall = correct / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"records": len(truth), "true_clusters": len(true_sizes), "predicted_entities": len(pred_sizes),
            "true_pairs": true_pairs, "predicted_pairs": pred_pairs, "correct_pairs": correct,
            "precision": precision, "recall": recall, "f1": f1}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("truth")
    parser.add_argument("predicted")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    args = parser.parse_args()
    try:
        m = evaluate(read(args.truth, "id", "true_cluster"), read(args.predicted, "record_id", "entity_id"))
    except Malformed as e:
        print(f"evaluate.py: {e}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(m))
    else:
        print(f"records {m['records']:,}  true clusters {m['true_clusters']:,}  predicted entities {m['predicted_entities']:,}")
        print(f"pairs: true {m['true_pairs']:,}  predicted {m['predicted_pairs']:,}  correct {m['correct_pairs']:,}")
        print(f"precision {m['precision']:.4f}  recall {m['recall']:.4f}  F1 {m['f1']:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
