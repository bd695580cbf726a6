#!/usr/bin/env python3
"""The ainews benchmark driver (run it through bench/run.sh; see bench/README.md).

Builds the same input with ainews-index, scriptindex (xapian-omega) and SQLite FTS5,
alternating the engines run by run, then runs the fixed query set in process through
the library, FTS5 and raw Xapian, then times one search from a fresh process. Prints
Markdown tables on standard output (progress goes to standard error) and keeps them,
with the raw numbers as JSON, in the work folder. Asserts nothing about timings: exits
0 when every step ran, 1 when a step failed, 2 on a usage error.

Standard library only.
"""

import argparse
import datetime
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
REUTERS = os.path.normpath(os.path.join(ROOT, "..", "shared", "data", "reuters21578",
                                        "reuters21578.jsonl"))
TINY_LINES = 300
FRESH_QUERIES = ["trade", '"interest rates"']
FAILURES = []


def log(msg):
    print("[bench] " + msg, file=sys.stderr, flush=True)


def fail(msg):
    FAILURES.append(msg)
    log("FAILED: " + msg)


# ---------------------------------------------------------------------------------
# Tools and inputs


def which_or(path_or_name):
    if os.path.sep in path_or_name:
        return path_or_name if os.access(path_or_name, os.X_OK) else None
    return shutil.which(path_or_name)


def ensure_built(build, targets):
    """Builds missing project targets with cmake (never anything else)."""
    missing = [t for t, p in targets.items() if not os.access(p, os.X_OK)]
    if not missing:
        return
    log("building missing targets with cmake: " + " ".join(missing))
    r = subprocess.run(["cmake", "--build", build, "-j", str(os.cpu_count() or 2),
                        "--target"] + missing)
    if r.returncode != 0:
        log("cmake --build failed for: " + " ".join(missing))


def count_lines(path):
    n = 0
    with open(path, "rb") as f:
        for line in f:
            if line.strip():
                n += 1
    return n


def head_lines(src, dst, n):
    with open(src, "rb") as f, open(dst, "wb") as out:
        for i, line in enumerate(f):
            if i >= n:
                break
            out.write(line)


DATE_RE = re.compile(r'"date"\s*:\s*"(\d{4}-\d{2}-\d{2})')


def date_span(path):
    lo, hi = None, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = DATE_RE.search(line)
            if m:
                d = m.group(1)
                if lo is None or d < lo:
                    lo = d
                if hi is None or d > hi:
                    hi = d
    return lo, hi


def disk_usage(path):
    """Bytes on disk, like du."""
    if os.path.isfile(path):
        return os.stat(path).st_blocks * 512
    total = 0
    for d, _, files in os.walk(path):
        for f in files:
            try:
                total += os.stat(os.path.join(d, f)).st_blocks * 512
            except OSError:
                pass
    return total


def remove(path):
    if os.path.isdir(path):
        shutil.rmtree(path)
    elif os.path.exists(path):
        os.remove(path)


# ---------------------------------------------------------------------------------
# Preparation (not timed)


def extract_entities(ainews_index, help_text, field_args, source, out_path, work):
    """companies per record id from `ainews-index --extract`, as {"id","companies"} lines."""
    ids = []
    with open(source, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                ids.append(json.loads(line)["id"])
    known = set(ids)
    if "--extract" not in help_text:
        if ainews_index and os.access(ainews_index, os.X_OK):
            log("ainews-index has no --extract: baselines get no company names")
        else:
            log("no ainews-index: baselines get no company names")
        open(out_path, "w").close()
        return 0
    raw = os.path.join(work, "extract.jsonl")
    with open(raw, "w") as out, open(os.path.join(work, "extract.log"), "w") as err:
        r = subprocess.run([ainews_index, "--extract"] + field_args + [source],
                           stdout=out, stderr=err)
    if r.returncode != 0:
        fail("ainews-index --extract exited %d (see %s/extract.log)" % (r.returncode, work))
        open(out_path, "w").close()
        return 0
    records = []
    with open(raw, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                records.append(json.loads(line))

    def resolve(x):
        if x in known:
            return x
        for sep in (":", "#", "/"):
            if sep in x:
                tail = x.split(sep, 1)[1]
                if tail in known:
                    return tail
        return None

    resolved = [resolve(r.get("id", "")) for r in records]
    if any(x is None for x in resolved):
        if len(records) == len(ids):
            log("extract ids do not name records; matching them by order")
            resolved = ids
        else:
            fail("cannot match %d extracted articles to %d records" % (len(records), len(ids)))
            resolved = [x or "" for x in resolved]
    n = 0
    with open(out_path, "w", encoding="utf-8") as out:
        for rid, rec in zip(resolved, records):
            comps = rec.get("companies") or []
            comps = [c["name"] if isinstance(c, dict) else c for c in comps]
            if comps:
                n += 1
            out.write(json.dumps({"id": rid, "companies": comps}, ensure_ascii=False) + "\n")
    return n


def map_queries(src, dst, corpus_span, query_span=("1987-02-26", "1987-10-20")):
    """Copies the query set, moving its date bounds linearly from the Reuters span onto
    the corpus's span when the two do not overlap (the scale corpus is dated 2015-2026)."""
    lo, hi = corpus_span
    if not lo or (lo <= query_span[1] and hi >= query_span[0]):
        shutil.copyfile(src, dst)
        return False
    q0 = datetime.date.fromisoformat(query_span[0])
    q1 = datetime.date.fromisoformat(query_span[1])
    c0 = datetime.date.fromisoformat(lo)
    c1 = datetime.date.fromisoformat(hi)
    scale = (c1 - c0).days / max(1, (q1 - q0).days)

    def move(value, is_end):
        if len(value) == 4:
            value += "-12-31" if is_end else "-01-01"
        elif len(value) == 7:
            if is_end:
                y, m = int(value[:4]), int(value[5:])
                nxt = datetime.date(y + (m == 12), m % 12 + 1, 1)
                value = (nxt - datetime.timedelta(days=1)).isoformat()
            else:
                value += "-01"
        d = datetime.date.fromisoformat(value)
        days = round((d - q0).days * scale)
        out = min(max(c0 + datetime.timedelta(days=days), c0), c1)
        return out.isoformat()

    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                out.write(line)
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) > 2:
                opts = []
                for opt in cols[2].split(";"):
                    if opt.startswith("since="):
                        opt = "since=" + move(opt[6:], False)
                    elif opt.startswith("until="):
                        opt = "until=" + move(opt[6:], True)
                    opts.append(opt)
                cols[2] = ";".join(opts)
            out.write("\t".join(cols) + "\n")
    return True


# ---------------------------------------------------------------------------------
# Timed builds


def timed(cmd, env_extra, log_path):
    """Runs one whole process; returns (ok, wall s, peak RSS KiB, cpu s)."""
    tf = log_path + ".time"
    env = dict(os.environ)
    env.update(env_extra)
    with open(log_path, "w") as lg:
        t0 = time.perf_counter()
        r = subprocess.run(["/usr/bin/time", "-f", "%e %M %U %S", "-o", tf] + cmd,
                           stdout=lg, stderr=subprocess.STDOUT, env=env)
        wall = time.perf_counter() - t0
    rss = cpu = 0.0
    try:
        with open(tf) as f:
            last = [l for l in f.read().split("\n") if l.strip()][-1].split()
            rss = float(last[1])
            cpu = float(last[2]) + float(last[3])
    except (OSError, IndexError, ValueError):
        pass
    return r.returncode == 0, wall, rss, cpu


def build_engines(ctx, input_path, sidx, fts_sql, runs, only=None, tag=""):
    """A B C D, A B C D ...: returns {engine: [ {wall, rss, cpu, size}, ... ]}."""
    engines = [
        ("ainews", lambda out: ([ctx.ainews_index, "--db", out] + ctx.field_args + ctx.jobs_args
                                + ctx.quiet_args + [input_path], {}), "db"),
        ("scriptindex", lambda out: ([ctx.scriptindex, "--overwrite", out,
                                      os.path.join(HERE, "ainews.script"), sidx], {}), "db"),
        ("scriptindex flush=1000", lambda out: ([ctx.scriptindex, "--overwrite", out,
                                                 os.path.join(HERE, "ainews.script"), sidx],
                                                {"XAPIAN_FLUSH_THRESHOLD": "1000"}), "db"),
        ("fts5", lambda out: ([ctx.sqlite3, "-bail", out, ".read " + fts_sql], {}), "file"),
    ]
    if only:
        engines = [e for e in engines if e[0] in only]
    results = {name: [] for name, _, _ in engines}
    outputs = {}
    for run in range(1, runs + 1):
        for name, make, _kind in engines:
            slug = name.replace(" ", "-").replace("=", "")
            out = os.path.join(ctx.work, "idx-" + slug + tag + (".sqlite" if name == "fts5" else ""))
            remove(out)
            cmd, env = make(out)
            log_path = os.path.join(ctx.work, "build-%s%s-%d.log" % (slug, tag, run))
            ok, wall, rss, cpu = timed(cmd, env, log_path)
            size = disk_usage(out) if os.path.exists(out) else 0
            if not ok:
                fail("%s build (run %d) failed: see %s" % (name, run, log_path))
                with open(log_path, errors="replace") as f:
                    tail = f.read()[-2000:]
                log(tail)
            log("build %-24s run %d/%d: %.2f s, %.0f MiB peak, %.1f MiB index"
                % (name, run, runs, wall, rss / 1024, size / 1048576))
            results[name].append({"ok": ok, "wall": wall, "rss_kib": rss, "cpu": cpu,
                                  "size": size})
            outputs[name] = out
    return results, outputs


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def pair_ratio(ours, theirs, key):
    rs = [a[key] / b[key] for a, b in zip(ours, theirs) if a["ok"] and b["ok"] and b[key]]
    return median(rs)


def fmt(x, spec="%.2f"):
    return "n/a" if x is None else spec % x


def build_table(results, docs, mb):
    ours = results.get("ainews", [])
    rows = ["| engine | build s | docs/s | MB/s | CPU s | peak RSS MiB | index MiB "
            "| ours÷theirs: time | RSS | size |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    summary = {}
    for name, runs in results.items():
        good = [r for r in runs if r["ok"]]
        wall = median([r["wall"] for r in good])
        rss = median([r["rss_kib"] / 1024 for r in good])
        cpu = median([r["cpu"] for r in good])
        size = median([r["size"] / 1048576 for r in good])
        dps = docs / wall if wall else None
        mbs = mb / wall if wall else None
        if name == "ainews" or not ours:
            ratios = ("", "", "")
        else:
            ratios = tuple(fmt(pair_ratio(ours, runs, k), "%.2f×")
                           for k in ("wall", "rss_kib", "size"))
        rows.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            name, fmt(wall), fmt(dps, "%.0f"), fmt(mbs), fmt(cpu), fmt(rss, "%.0f"),
            fmt(size, "%.1f"), *ratios))
        summary[name] = {"wall_s": wall, "docs_per_s": dps, "mb_per_s": mbs, "cpu_s": cpu,
                         "peak_rss_mib": rss, "index_mib": size,
                         "runs": len(runs), "ok_runs": len(good)}
        if name != "ainews" and ours:
            summary[name]["ratio_time"] = pair_ratio(ours, runs, "wall")
            summary[name]["ratio_rss"] = pair_ratio(ours, runs, "rss_kib")
            summary[name]["ratio_size"] = pair_ratio(ours, runs, "size")
    return "\n".join(rows), summary


# ---------------------------------------------------------------------------------
# Queries


RESULT_RE = re.compile(r"^RESULT (.*)$")


def run_query_driver(name, exe, db, queries, rounds, work, extra):
    dump = os.path.join(work, "dump-%s.tsv" % name)
    log_path = os.path.join(work, "queries-%s.log" % name)
    cmd = [exe, "--db", db, "--queries", queries, "--rounds", str(rounds), "--dump", dump] + extra
    log("queries: " + name)
    with open(log_path, "w") as err:
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=err, text=True)
    if r.returncode != 0:
        fail("%s query driver exited %d (see %s)" % (name, r.returncode, log_path))
    out = []
    for line in r.stdout.splitlines():
        m = RESULT_RE.match(line)
        if m:
            d = dict(kv.split("=", 1) for kv in m.group(1).split())
            out.append(d)
    if not out:
        fail("%s query driver printed no RESULT line" % name)
    return out, dump


def load_dump(path):
    d = {}
    if not os.path.exists(path):
        return d
    with open(path) as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) >= 3:
                d[(p[0], p[1])] = p[2:]
    return d


def agreement(a, b, mode="plain"):
    keys = [k for k in a if k[1] == mode and k in b]
    if not keys:
        return None
    same = sum(1 for k in keys if a[k][0] == b[k][0])
    close = sum(1 for k in keys
                if abs(int(a[k][0]) - int(b[k][0])) <= 0.1 * max(1, int(a[k][0]), int(b[k][0])))
    return same, close, len(keys)


def query_table(results):
    rows = ["| engine | mode | q/s | mean ms | p50 ms | p95 ms | p99 ms | CPU ms/q "
            "| q/s ours÷theirs | CPU/q ours÷theirs |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    ours = {r["mode"]: r for r in results.get("ainews", [])}
    for name, rs in results.items():
        for r in rs:
            ratio = cratio = ""
            if name != "ainews" and r["mode"] in ours:
                o = ours[r["mode"]]
                ratio = "%.2f×" % (float(o["qps"]) / float(r["qps"]))
                if float(o.get("cpu_ms", 0)) > 0 and float(r.get("cpu_ms", 0)) > 0:
                    cratio = "%.2f×" % (float(o["cpu_ms"]) / float(r["cpu_ms"]))
            rows.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                name, r["mode"], r["qps"], r["mean_ms"], r["p50_ms"], r["p95_ms"],
                r["p99_ms"], r.get("cpu_ms", "n/a"), ratio, cratio))
    return "\n".join(rows)


# ---------------------------------------------------------------------------------
# Fresh process


def fresh_process(ctx, outputs, runs):
    cmds = {}
    for q in FRESH_QUERIES:
        row = []
        if "ainews" in outputs:
            row.append(("ainews-search", [ctx.ainews_search, "--db", outputs["ainews"], q]))
        if "scriptindex" in outputs:
            row.append(("quest", [ctx.quest, "-d", outputs["scriptindex"], q]))
        if "fts5" in outputs:
            fq = (q if q.startswith('"') else '"%s"' % q).replace("'", "''")
            row.append(("sqlite3", [ctx.sqlite3, outputs["fts5"],
                                    "SELECT d.id, d.title FROM fts JOIN docs d ON d.rowid = fts.rowid "
                                    "WHERE fts MATCH '%s' ORDER BY rank LIMIT 10" % fq]))
        cmds[q] = row
    times = {q: {name: [] for name, _ in row} for q, row in cmds.items()}
    for q, row in cmds.items():
        for i in range(-2, runs):  # two warm-up rounds
            for name, cmd in row:   # alternating A B C A B C ...
                t0 = time.perf_counter()
                r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                dt = (time.perf_counter() - t0) * 1000
                if r.returncode != 0:
                    fail("fresh %s %s exited %d: %s" % (name, q, r.returncode,
                                                       r.stderr.decode(errors="replace")[-300:]))
                    continue
                if i >= 0:
                    times[q][name].append(dt)
    rows = ["| query | ainews-search ms | quest ms | sqlite3 ms | ours/quest | ours/sqlite3 |",
            "|---|---:|---:|---:|---:|---:|"]
    summary = {}
    for q, per in times.items():
        med = {k: median(v) for k, v in per.items()}

        def pr(other):
            a, b = per.get("ainews-search", []), per.get(other, [])
            rs = [x / y for x, y in zip(a, b) if y]
            return fmt(median(rs), "%.2f×")

        rows.append("| `%s` | %s | %s | %s | %s | %s |" % (
            q, fmt(med.get("ainews-search")), fmt(med.get("quest")), fmt(med.get("sqlite3")),
            pr("quest"), pr("sqlite3")))
        summary[q] = med
    return "\n".join(rows), summary


# ---------------------------------------------------------------------------------


class Ctx:
    pass


def main():
    ap = argparse.ArgumentParser(description="ainews benchmark (see bench/README.md)")
    ap.add_argument("--input", help="JSON Lines articles (default: Reuters-21578 from ../shared)")
    ap.add_argument("--runs", type=int, help="build runs per engine (default 5; --tiny 1)")
    ap.add_argument("--rounds", type=int, help="timed rounds of the query set (default 5; --tiny 1)")
    ap.add_argument("--fresh-runs", type=int, help="fresh-process runs per command (default 30; --tiny 3)")
    ap.add_argument("--tiny", action="store_true",
                    help="CI smoke run: %d articles, one run of everything" % TINY_LINES)
    ap.add_argument("--scale", type=int, metavar="N",
                    help="generate an N-article corpus with gen_corpus.py and benchmark it")
    ap.add_argument("--jobs", type=int, help="pass --jobs N to ainews-index")
    ap.add_argument("--engines", help="comma-separated subset of: ainews,scriptindex,"
                                      "scriptindex flush=1000,fts5")
    ap.add_argument("--no-queries", action="store_true", help="skip the query benchmark")
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build"))
    ap.add_argument("--work", help="scratch folder (default BUILD/bench-work)")
    ap.add_argument("--queries", default=os.path.join(HERE, "queries.txt"))
    args = ap.parse_args()

    ctx = Ctx()
    ctx.build = os.path.abspath(args.build_dir)
    ctx.work = os.path.abspath(args.work or os.path.join(ctx.build, "bench-work"))
    os.makedirs(ctx.work, exist_ok=True)
    runs = args.runs or (1 if args.tiny else 5)
    rounds = args.rounds or (1 if args.tiny else 5)
    fresh_runs = args.fresh_runs or (3 if args.tiny else 30)
    only = set(e.strip() for e in args.engines.split(",")) if args.engines else None

    # Tools.
    ctx.ainews_index = os.path.join(ctx.build, "ainews-index")
    ctx.ainews_search = os.path.join(ctx.build, "ainews-search")
    drivers = {
        "ainews": os.path.join(ctx.build, "bench", "ainews_query_bench"),
        "fts5": os.path.join(ctx.build, "bench", "fts5_query_bench"),
        "xapian": os.path.join(ctx.build, "bench", "xapian_query_bench"),
    }
    with_ainews = only is None or "ainews" in only
    targets = {"fts5_query_bench": drivers["fts5"], "xapian_query_bench": drivers["xapian"]}
    if with_ainews:
        targets.update({"ainews-index": ctx.ainews_index, "ainews-search": ctx.ainews_search,
                        "ainews_query_bench": drivers["ainews"]})
    ensure_built(ctx.build, targets)
    needed = {"scriptindex": "xapian-omega", "quest": "xapian-omega", "sqlite3": "sqlite3",
              "/usr/bin/time": "time"}
    missing = []
    for tool, pkg in needed.items():
        p = which_or(tool)
        if not p:
            missing.append("%s (Debian package %s)" % (tool, pkg))
        setattr(ctx, os.path.basename(tool), p)
    for path in targets.values():
        if not os.access(path, os.X_OK):
            missing.append(path)
    if missing:
        log("missing: " + ", ".join(missing))
        return 1

    help_text = ""
    if os.access(ctx.ainews_index, os.X_OK):
        help_text = subprocess.run([ctx.ainews_index, "--help"], stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True).stdout
    # persons come from Reuters' "people" list; "companies=" (empty key) makes ainews
    # ignore the input's always-empty "companies" list and extract companies itself.
    ctx.field_args = (["--field", "persons=people", "--field", "companies="]
                      if "--field" in help_text else [])
    if with_ainews and not ctx.field_args:
        log("ainews-index has no --field option: persons are extracted, not read from 'people'")
    ctx.jobs_args = ["--jobs", str(args.jobs)] if args.jobs else []
    ctx.quiet_args = ["--quiet"] if "--quiet" in help_text else []

    # Input.
    entity_source = None
    if args.input:
        if not os.path.isfile(args.input):
            log("no such input: " + args.input)
            return 2
        input_path = os.path.abspath(args.input)
        label = os.path.basename(input_path)
    elif args.scale:
        if not os.path.isfile(REUTERS):
            print("SKIP: %s is absent; the scale corpus is made from it." % REUTERS)
            return 0
        input_path = os.path.join(ctx.work, "scale-%d.jsonl" % args.scale)
        if not os.path.isfile(input_path):
            log("generating %d articles -> %s" % (args.scale, input_path))
            r = subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"),
                                "-n", str(args.scale), input_path])
            if r.returncode != 0:
                fail("gen_corpus.py exited %d" % r.returncode)
                return 1
        entity_source = REUTERS
        label = "generated %d articles (gen_corpus.py)" % args.scale
    elif args.tiny:
        input_path = os.path.join(ctx.work, "tiny.jsonl")
        if os.path.isfile(REUTERS):
            head_lines(REUTERS, input_path, TINY_LINES)
            label = "first %d Reuters-21578 articles" % TINY_LINES
        else:
            log("%s is absent: using a synthetic tiny corpus" % REUTERS)
            r = subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"),
                                "--synthetic", "-n", str(TINY_LINES), input_path])
            if r.returncode != 0:
                fail("gen_corpus.py --synthetic exited %d" % r.returncode)
                return 1
            label = "%d synthetic articles (gen_corpus.py --synthetic)" % TINY_LINES
    else:
        if not os.path.isfile(REUTERS):
            print("SKIP: %s is absent (give --input FILE.jsonl, or --tiny)." % REUTERS)
            return 0
        input_path = REUTERS
        label = "Reuters-21578"
    if entity_source is None:
        entity_source = input_path

    docs = count_lines(input_path)
    mb = os.path.getsize(input_path) / 1e6
    log("input: %s: %d articles, %.1f MB" % (input_path, docs, mb))

    # Preparation (untimed): entities for the baselines, scriptindex input, FTS5 script.
    ents = os.path.join(ctx.work, "entities.jsonl")
    n = extract_entities(ctx.ainews_index, help_text, ctx.field_args, entity_source, ents, ctx.work)
    log("entities: %d source records with companies" % n)
    sidx = os.path.join(ctx.work, "input.sidx")
    r = subprocess.CompletedProcess([], 0)
    if only is None or any(e.startswith("scriptindex") for e in only):
        r = subprocess.run([sys.executable, os.path.join(HERE, "to_scriptindex.py"), input_path,
                            sidx, "--entities", ents])
    if r.returncode != 0:
        fail("to_scriptindex.py exited %d" % r.returncode)
        return 1
    fts_sql = os.path.join(ctx.work, "fts5_load.run.sql")
    with open(os.path.join(HERE, "fts5_load.sql"), encoding="utf-8") as f:
        sql = f.read().replace("@INPUT@", input_path).replace("@ENTITIES@", ents)
    with open(fts_sql, "w", encoding="utf-8") as f:
        f.write(sql)
    queries = os.path.join(ctx.work, "queries.txt")
    if map_queries(args.queries, queries, date_span(input_path)):
        log("query dates moved onto the corpus's date span")

    report = {"input": input_path, "label": label, "docs": docs, "mb": mb, "runs": runs,
              "rounds": rounds, "started": datetime.datetime.now().isoformat(timespec="seconds")}
    md = ["## ainews benchmark: %s (%d articles, %.1f MB)" % (label, docs, mb), ""]

    # Builds.
    results, outputs = build_engines(ctx, input_path, sidx, fts_sql, runs, only)
    table, summary = build_table(results, docs, mb)
    report["build"] = summary
    report["build_runs"] = results
    md += ["### Build (whole process, median of %d alternating runs)" % runs, "", table, ""]

    if args.scale and "ainews" in results:
        # The small-corpus rate the scale target is measured against.
        small = REUTERS
        sres, _ = build_engines(ctx, small, None, None, runs, only={"ainews"}, tag="-small")
        good = [r for r in sres["ainews"] if r["ok"]]
        small_docs = count_lines(small)
        small_rate = small_docs / median([r["wall"] for r in good]) if good else None
        small_cpu_rate = small_docs / median([r["cpu"] for r in good]) if good else None
        big = summary["ainews"]
        cpu_rate = docs / big["cpu_s"] if big["cpu_s"] else None
        rate_share = big["docs_per_s"] / small_rate if small_rate and big["docs_per_s"] else None
        cpu_share = cpu_rate / small_cpu_rate if cpu_rate and small_cpu_rate else None
        report["scale"] = {"small_docs_per_s": small_rate, "share": rate_share,
                           "docs_per_cpu_s": cpu_rate, "small_docs_per_cpu_s": small_cpu_rate,
                           "cpu_share": cpu_share}
        md += ["Scale: ainews %s docs/s here vs %s docs/s on Reuters-21578 = %s of the "
               "small-corpus rate (target ≥ 70%%); per CPU second %s vs %s = %s (the same "
               "comparison, less moved by other load on the machine); peak RSS %s MiB "
               "(target < 1024)." % (
                   fmt(big["docs_per_s"], "%.0f"), fmt(small_rate, "%.0f"),
                   fmt(rate_share and rate_share * 100, "%.0f%%"),
                   fmt(cpu_rate, "%.0f"), fmt(small_cpu_rate, "%.0f"),
                   fmt(cpu_share and cpu_share * 100, "%.0f%%"),
                   fmt(big["peak_rss_mib"], "%.0f")), ""]

    # Queries.
    if not args.no_queries:
        qres = {}
        dumps = {}
        extra = []
        if "ainews" in outputs:
            qres["ainews"], dumps["ainews"] = run_query_driver(
                "ainews", drivers["ainews"], outputs["ainews"], queries, rounds, ctx.work, extra)
        if "fts5" in outputs:
            qres["fts5"], dumps["fts5"] = run_query_driver(
                "fts5", drivers["fts5"], outputs["fts5"], queries, rounds, ctx.work, extra)
        xdb = outputs.get("scriptindex") or outputs.get("scriptindex flush=1000")
        if xdb:
            qres["xapian (scriptindex db)"], dumps["xapian"] = run_query_driver(
                "xapian", drivers["xapian"], xdb, queries, rounds, ctx.work, extra)
        nq = sum(1 for l in open(queries) if l.strip() and not l.startswith("#"))
        md += ["### Queries in process (%d queries × %d rounds, top 10 with snippets, exact totals)"
               % (nq, rounds), "", query_table(qres), ""]
        report["queries"] = qres
        d_a = load_dump(dumps.get("ainews", ""))
        notes = []
        for other in ("fts5", "xapian"):
            ag = agreement(d_a, load_dump(dumps.get(other, "")))
            if ag:
                notes.append("ainews and %s report the same total for %d of %d queries "
                             "(within 10%%: %d)" % (other, ag[0], ag[2], ag[1]))
                report.setdefault("agreement", {})[other] = ag
        if notes:
            md += ["Result totals: " + "; ".join(notes) + ".", ""]

        # Fresh process.
        ftable, fsum = fresh_process(ctx, outputs, fresh_runs)
        report["fresh"] = fsum
        md += ["### One search from a fresh process (median of %d alternating runs, ms)"
               % fresh_runs, "", ftable, ""]

    text = "\n".join(md)
    print(text)
    with open(os.path.join(ctx.work, "results.md"), "w", encoding="utf-8") as f:
        f.write(text + "\n")
    report["failures"] = FAILURES
    with open(os.path.join(ctx.work, "results.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1, ensure_ascii=False)
    log("results kept in %s/results.md and results.json" % ctx.work)
    if FAILURES:
        log("%d step(s) failed:\n  %s" % (len(FAILURES), "\n  ".join(FAILURES)))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
