#!/usr/bin/env python3
"""How often a claim's source links to the right entity.

  tools/score-source-entities.py GOLD_DIR PRED.jsonl     (e.g. ../shared/data/seeds)

For every gold claim with a source_id whose content we find (overlap >= 0.5, as the
shared scorer matches claims), compares our source's entity with the gold one. Entity ids
are the system's own, so each of ours is mapped to the gold id its mentions overlap most.
The shared scorer compares source spans only; this measures source resolution."""
import collections, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    gold_dir, pred = sys.argv[1:]
    scorer = os.path.join(gold_dir, "..", "..", "eval")
    if not os.path.exists(os.path.join(scorer, "score.py")):
        scorer = os.path.join(HERE, "..", "..", "shared", "eval")
    sys.path.insert(0, scorer)
    from score import norm_span, overlap  # the shared scorer's span rules

    right = total = 0
    for line in open(pred, encoding="utf-8"):
        d = json.loads(line)
        t = d["text"]
        g = json.load(open(os.path.join(gold_dir, d["doc"].replace(".txt", ".json")), encoding="utf-8"))
        votes = collections.defaultdict(collections.Counter)
        for pe in d["entities"]:
            for ge in g.get("entities", []):
                if pe["start"] < ge["end"] and ge["start"] < pe["end"] and ge.get("id"):
                    votes[pe.get("entity_id")][ge["id"]] += 1
        ours_to_gold = {k: v.most_common(1)[0][0] for k, v in votes.items()}
        for gc in g.get("claims", []):
            if not gc.get("source_id"):
                continue
            content = norm_span(gc["content"], t)
            best = max(d["claims"], key=lambda p: overlap(content, norm_span(p["content"], t)), default=None)
            if not best or overlap(content, norm_span(best["content"], t)) < 0.5:
                continue
            total += 1
            ok = ours_to_gold.get(best.get("source_id")) == gc["source_id"]
            right += ok
            if not ok:
                s = best.get("source")
                print("wrong: gold %s (%s), ours %s (%s)" % (gc["source_id"], gc["source"]["text"],
                      best.get("source_id"), t[s["start"]:s["end"]] if s else None))
    print("source entities right: %d of %d" % (right, total))


if __name__ == "__main__":
    main()
