#!/usr/bin/env python3
"""JSON Lines articles -> scriptindex dump records (the input of bench/ainews.script).

Usage: to_scriptindex.py INPUT.jsonl OUTPUT.sidx [--entities ENTITIES.jsonl]

Writes the same fields ainews indexes: id, title, body, date (YYYYMMDD), month
(YYYYMM), source, persons (Reuters "people"), and companies. Companies come from
--entities (one JSON object a line: {"id": ..., "companies": [...]}, keyed by the
record's orig_id or id), which bench.py writes from `ainews-index --extract`, so
scriptindex and FTS5 filter on exactly the names ainews found. Standard library only.
"""

import json
import sys


def esc(value):
    # scriptindex: a newline inside a value continues on a line starting with '='.
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\n=")


def load_entities(path):
    out = {}
    if not path:
        return out
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                out[rec["id"]] = rec.get("companies") or []
    return out


def main(argv):
    args = [a for a in argv[1:]]
    entities = None
    if "--entities" in args:
        i = args.index("--entities")
        entities = args[i + 1]
        del args[i:i + 2]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    companies_of = load_entities(entities)
    with open(args[0], encoding="utf-8") as src, \
            open(args[1], "w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
        for line in src:
            if not line.strip():
                continue
            r = json.loads(line)
            w = out.write
            w("id=" + esc(r["id"]) + "\n")
            title = r.get("title") or ""
            if title:
                w("title=" + esc(title) + "\n")
            date = (r.get("date") or "")[:10]
            if len(date) == 10:
                w("date=" + date.replace("-", "") + "\n")
                w("month=" + date[:4] + date[5:7] + "\n")
            if r.get("source"):
                w("source=" + esc(r["source"]) + "\n")
            persons = r.get("people") or []
            for p in persons:
                w("person=" + esc(p) + "\n")
            if persons:
                w("persons=" + esc("\n".join(persons)) + "\n")
            companies = companies_of.get(r.get("orig_id") or r["id"], [])
            for c in companies:
                w("company=" + esc(c) + "\n")
            if companies:
                w("companies=" + esc("\n".join(companies)) + "\n")
            w("body=" + esc(r.get("body") or "") + "\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
