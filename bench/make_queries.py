#!/usr/bin/env python3
"""Writes bench/queries.txt: the fixed mixed query set of the benchmark.

Run once from Reuters-21578 and commit the output; the benchmark itself only
reads queries.txt, so the set never changes under it. Deterministic: the same
source gives the same file (selection uses a fixed hash, not `random`).

Usage: bench/make_queries.py [--source reuters21578.jsonl] [-o bench/queries.txt]
"""

import argparse
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SOURCE = os.path.normpath(os.path.join(
    HERE, "..", "..", "shared", "data", "reuters21578", "reuters21578.jsonl"))

# Companies the project's gazetteer knows and Reuters-21578 mentions, so that a
# company filter selects something on both engines (the FTS5 side gets the same
# extracted names; see fts5_load.sql).
COMPANIES = ["IBM", "Apple", "Microsoft", "Intel", "Sony", "Fujitsu", "Siemens",
             "Texas Instruments", "General Motors", "Goldman Sachs"]
# Reuters' own "people" codes (indexed as persons with --field persons=people).
PERSONS = ["james-baker", "reagan", "volcker", "yeutter", "nakasone", "lawson",
           "miyazawa", "stoltenberg", "lyng", "greenspan", "sumita", "balladur"]

STOP = set("""a about above after again against all also am an and any are as at be
because been before being below between both but by can could did do does doing down
during each few for from further had has have having he her here hers him his how i if
in into is it its itself just me more most my no nor not now of off on once only or
other our out over own same she should so some such than that the their them then
there these they this those through to too under until up very was we were what when
where which while who whom why will with would you your said mln dlrs dlr pct cts
reuter year years last first new one two three four five six seven eight nine ten
told says week weeks month months company companies inc corp ltd share shares per
vs net qtr shr revs billion million may since april march june""".split())

MASK64 = (1 << 64) - 1


def mix(x):
    x = (x + 0x9E3779B97F4A7C15) & MASK64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & MASK64
    return x ^ (x >> 31)


class Picker:
    def __init__(self, seed):
        self.state = seed

    def index(self, n):
        self.state = mix(self.state)
        return self.state % n

    def pick(self, seq):
        return seq[self.index(len(seq))]

    def take(self, seq, k):
        """k distinct items of seq, deterministic."""
        pool = list(seq)
        out = []
        while pool and len(out) < k:
            out.append(pool.pop(self.index(len(pool))))
        return out


WORD = re.compile(r"[a-z]+")


def load(path):
    df = collections.Counter()
    bigrams = collections.Counter()
    docs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            words = WORD.findall((rec["title"] + " " + rec["body"]).lower())
            docs.append(set(w for w in words if len(w) > 3 and w not in STOP))
            df.update(docs[-1])
            for a, b in zip(words, words[1:]):
                if len(a) > 2 and len(b) > 2 and a not in STOP and b not in STOP:
                    bigrams[(a, b)] += 1
    return df, bigrams, docs


def band(df, lo, hi):
    return sorted(w for w, n in df.items() if lo <= n <= hi)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", default=DEFAULT_SOURCE)
    ap.add_argument("-o", "--output", default=os.path.join(HERE, "queries.txt"))
    ap.add_argument("--entities", help="WORK/entities.jsonl of a benchmark run on Reuters: "
                                       "take the company filters from what ainews extracted")
    args = ap.parse_args()
    global COMPANIES
    if args.entities:
        counts = collections.Counter()
        with open(args.entities, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    counts.update(set(json.loads(line).get("companies") or []))
        # The ten most mentioned companies that are still selective filters.
        picked = [c for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
                  if 10 <= n <= 1500][:10]
        if len(picked) >= 5:
            COMPANIES = picked
        print("make_queries: companies %s" % ", ".join(
            "%s (%d)" % (c, counts[c]) for c in COMPANIES))
    if not os.path.isfile(args.source):
        print("make_queries: %s is absent" % args.source, file=sys.stderr)
        return 3
    df, bigrams, docs = load(args.source)
    p = Picker(20260427)
    common = band(df, 1500, 6000)    # e.g. "trade", "bank"
    middle = band(df, 150, 1499)
    rare = band(df, 10, 149)
    phrases = sorted(" ".join(b) for b, n in bigrams.most_common(400) if n >= 40)

    lines = []

    def add(kind, query, **opts):
        order = ["company", "person", "since", "until", "sort", "facets"]
        parts = []
        for key in order:
            if key in opts:
                vals = opts[key] if isinstance(opts[key], list) else [opts[key]]
                for v in vals:
                    parts.append("%s=%s" % (key, v))
        lines.append("%s\t%s\t%s" % (kind, query, ";".join(parts)))

    facets = "company,person,month"
    # Plain words: one word from each frequency band, some two-word ORs.
    for w in p.take(common, 12) + p.take(middle, 16) + p.take(rare, 12):
        add("word", w)
    for _ in range(15):
        a, b = p.pick(middle), p.pick(common + middle)
        add("or", "%s OR %s" % (a, b))
    # Two-word ANDs: words that occur together.
    for _ in range(30):
        a = p.pick(common + middle)
        together = collections.Counter()
        for d in docs:
            if a in d:
                together.update(d)
        cands = sorted(w for w, n in together.items() if w != a and 20 <= n <= 400)
        add("and", "%s AND %s" % (a, p.pick(cands)))
    # Phrases.
    for ph in p.take(phrases, 25):
        add("phrase", '"%s"' % ph)
    # Company filters, with and without words.
    business = ["computer", "computers", "chips", "semiconductor", "sales", "market",
                "profit", "earnings", "japan", "trade", "software", "stake"]
    for c in COMPANIES:
        add("company", p.pick(business), company=c)
        add("company", "", company=c, sort="newest")
    # Person filters.
    for who in PERSONS:
        add("person", p.pick(common + middle), person=who)
    for who in p.take(PERSONS, 6):
        add("person", "", person=who, sort="newest")
    # Date ranges (Reuters spans 1987-02-26 .. 1987-10-20).
    days = ["1987-02-26", "1987-03-02", "1987-03-09", "1987-03-16", "1987-03-23",
            "1987-03-30", "1987-04-06", "1987-04-13", "1987-06-01", "1987-06-15",
            "1987-10-19"]
    months = ["1987-02", "1987-03", "1987-04", "1987-06", "1987-10"]
    for i in range(25):
        q = p.pick(common + middle + phrases[:0])
        shape = i % 5
        if shape == 0:
            add("date", q, since=p.pick(days))
        elif shape == 1:
            add("date", q, until=p.pick(days))
        elif shape == 2:
            a, b = sorted(p.take(days, 2))
            add("date", q, since=a, until=b)
        elif shape == 3:
            m = p.pick(months)
            add("date", q, since=m, until=m)
        else:
            a = p.pick(days)
            add("date", q, since=a, until=a, sort="newest")
    # Combinations.
    for i in range(12):
        kind = i % 3
        if kind == 0:
            add("combo", p.pick(business), company=p.pick(COMPANIES), since="1987-03")
        elif kind == 1:
            add("combo", '"%s"' % p.pick(phrases), person=p.pick(PERSONS),
                until="1987-04")
        else:
            add("combo", p.pick(common), since="1987-03-15", until="1987-04-15")
    # Facets over the whole match (exact counts), on every kind of query.
    for kind, query, opts in [(l.split("\t")[0], l.split("\t")[1], l.split("\t")[2])
                              for l in p.take(lines, 25)]:
        lines.append("%s+facets\t%s\t%s" % (kind, query,
                                            (opts + ";" if opts else "") + "facets=" + facets))
    with open(args.output, "w", encoding="utf-8") as out:
        out.write("# ainews benchmark query set (generated by bench/make_queries.py; "
                  "do not edit by hand).\n")
        out.write("# kind<TAB>query<TAB>options. query: words, AND, OR, \"phrase\" "
                  "(explicit operators, so both engines agree); empty = all articles.\n")
        out.write("# options (';'-separated): company=NAME person=NAME since=DATE "
                  "until=DATE sort=newest facets=a,b,c\n")
        for l in lines:
            out.write(l + "\n")
    print("make_queries: %d queries -> %s" % (len(lines), args.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
