#!/usr/bin/env python3
"""Deterministic scale corpus for the ainews benchmark.

Makes N news articles (default 1,000,000) as JSON Lines from Reuters-21578:
the source is read again and again (streaming, constant memory), and every copy
gets its own id (several shapes, some long), a date spread over 2015-01-01 ..
2026-12-31, and a matching dateline. Title, body and the entity lists (people,
orgs, places, topics, companies, exchanges) are kept exactly, so every entity
mention of the source survives and extraction finds the same names again.
Each record also says which Reuters record it copies ("orig_id"), so a
benchmark can reuse what it learnt about the source record.

Without the Reuters file, --synthetic builds a small source from templates
(for CI on a machine without ../shared); the output format is the same.

Standard library only. Same arguments, same bytes out.
"""

import argparse
import datetime
import json
import os
import sys

MASK64 = (1 << 64) - 1
DEFAULT_SOURCE = os.path.normpath(os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data",
    "reuters21578", "reuters21578.jsonl"))
FIRST_DAY = datetime.date(2015, 1, 1)
LAST_DAY = datetime.date(2026, 12, 31)
MONTHS = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug",
          "Sept", "Oct", "Nov", "Dec"]
SITES = ["wire.example.com", "news.example.org", "markets.example.net",
         "www.example-business.com"]


def splitmix64(x):
    """One step of SplitMix64: a well-mixed 64-bit hash of x."""
    x = (x + 0x9E3779B97F4A7C15) & MASK64
    z = x
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return z ^ (z >> 31)


def slug(text, limit=60):
    out = []
    dash = False
    for ch in text.lower():
        if ch.isalnum() and ch.isascii():
            out.append(ch)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    s = "".join(out).strip("-")
    return s[:limit].rstrip("-") or "story"


def make_id(k, h, day, title):
    """Varied id shapes: short numeric, URL-like (long), hex, dated."""
    shape = h % 4
    if shape == 0:
        return "reuters-%d" % (k + 1)
    if shape == 1:
        site = SITES[(h >> 8) % len(SITES)]
        return "https://%s/%04d/%02d/%02d/%s-%d" % (
            site, day.year, day.month, day.day, slug(title), k)
    if shape == 2:
        return "%016x-%x" % (splitmix64(h), k)
    return "wire/%04d%02d%02d/%07d" % (day.year, day.month, day.day, k)


SPAN_DAYS = (LAST_DAY - FIRST_DAY).days + 1


def synthetic_source(count=400):
    """A small, deterministic, AI-news-flavoured source without Reuters."""
    companies = ["OpenAI", "Microsoft", "Nvidia", "Google", "Anthropic", "Meta",
                 "IBM", "Intel", "Apple", "Amazon", "Mistral AI", "xAI"]
    people = [("Sam Altman", "sam-altman"), ("Satya Nadella", "satya-nadella"),
              ("Jensen Huang", "jensen-huang"), ("Sundar Pichai", "sundar-pichai"),
              ("Dario Amodei", "dario-amodei"), ("Lisa Su", "lisa-su")]
    verbs = ["announced", "released", "invested in", "partnered with", "acquired",
             "sued", "hired from", "licensed models to"]
    things = ["a new language model", "custom chips", "a data centre in Texas",
              "an agent platform", "a safety framework", "quarterly results",
              "a funding round at a higher valuation", "open-weight models"]
    places = ["usa", "uk", "france", "japan", "canada", "germany"]
    records = []
    for i in range(count):
        h = splitmix64(i + 12345)
        c1 = companies[h % len(companies)]
        c2 = companies[(h >> 5) % len(companies)]
        pname, pslug = people[(h >> 10) % len(people)]
        verb = verbs[(h >> 15) % len(verbs)]
        thing = things[(h >> 20) % len(things)]
        sentences = []
        for j in range(3 + (h >> 25) % 6):
            hj = splitmix64(h + j)
            sentences.append("%s %s %s, %s said, adding that %s shares rose %d pct "
                             "in trading on %s." % (
                                 companies[hj % len(companies)],
                                 verbs[(hj >> 7) % len(verbs)],
                                 things[(hj >> 12) % len(things)], pname,
                                 companies[(hj >> 17) % len(companies)],
                                 1 + (hj >> 22) % 30,
                                 ["Monday", "Tuesday", "Wednesday", "Thursday",
                                  "Friday"][(hj >> 27) % 5]))
        records.append({
            "id": "synthetic-%d" % (i + 1),
            "title": "%s %s %s" % (c1.upper(), verb.upper(), thing.upper()),
            "date": "1987-03-01T00:00:00Z",
            "dateline": "NEW YORK, March 1",
            "body": "%s %s %s, the company said.\n    %s\n" % (
                c1, verb, c2 if verb in ("partnered with", "acquired", "sued",
                                          "invested in") else thing,
                "\n    ".join(sentences)),
            "people": [pslug] if (h >> 30) % 3 == 0 else [],
            "orgs": [], "places": [places[(h >> 33) % len(places)]], "topics": [],
            "companies": [], "exchanges": [], "source": "Reuters",
        })
    return records


def source_records(path, synthetic):
    if synthetic:
        yield from synthetic_source()
        return
    with open(path, "r", encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                yield json.loads(line)


def generate(out, count, path, synthetic, seed):
    k = 0
    passes = 0
    while k < count:
        produced = 0
        for rec in source_records(path, synthetic):
            if k >= count:
                break
            h = splitmix64((seed << 32) ^ k)
            day = FIRST_DAY + datetime.timedelta(days=h % SPAN_DAYS)
            secs = (h >> 20) % 86400
            new = dict(rec)
            new["id"] = make_id(k, h >> 32, day, rec.get("title") or "")
            new["orig_id"] = rec.get("id", "")
            new["date"] = "%04d-%02d-%02dT%02d:%02d:%02dZ" % (
                day.year, day.month, day.day, secs // 3600, secs // 60 % 60, secs % 60)
            place = (rec.get("dateline") or "").split(",")[0].strip()
            new["dateline"] = "%s, %s %d" % (place, MONTHS[day.month - 1], day.day) \
                if place else ""
            out.write(json.dumps(new, ensure_ascii=False))
            out.write("\n")
            k += 1
            produced += 1
        if produced == 0:
            raise SystemExit("gen_corpus: the source has no records")
        passes += 1
    return passes


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("output", help="JSON Lines file to write ('-' for standard output)")
    ap.add_argument("-n", "--count", type=int, default=1_000_000,
                    help="articles to write (default 1,000,000)")
    ap.add_argument("--source", default=DEFAULT_SOURCE,
                    help="Reuters-21578 JSON Lines (default: ../shared/data/"
                         "reuters21578/reuters21578.jsonl beside the repository)")
    ap.add_argument("--synthetic", action="store_true",
                    help="use a small built-in template source instead of Reuters")
    ap.add_argument("--seed", type=int, default=1, help="variation seed (default 1)")
    args = ap.parse_args()
    if args.count < 0:
        ap.error("--count must not be negative")
    if not args.synthetic and not os.path.isfile(args.source):
        print("gen_corpus: %s is absent (pass --source FILE or --synthetic)" % args.source,
              file=sys.stderr)
        return 3
    if args.output == "-":
        generate(sys.stdout, args.count, args.source, args.synthetic, args.seed)
        return 0
    tmp = args.output + ".part"
    with open(tmp, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
        generate(out, args.count, args.source, args.synthetic, args.seed)
    os.replace(tmp, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
