"""Times GET /api/v1/admin/analytics on a host seeded by run.sh and writes the results (markdown).

Sequential requests over one keep-alive connection with a bearer token of the demo admin: for each case
(last 30 / 90 / 365 days × all clinics / one clinic) W warm-ups, then N timed requests; p50 / p95 / max (nearest rank).
Per case it also reads pg_stat_statements (which statements the requests ran, how long they took in PostgreSQL; the outbox\npollers' statements left out, other background work included) and the
CPU used by the host, PostgreSQL and everything else from /proc. Then one profiled request per case with
log_min_duration_statement = 0: its statements are read back from the CSV server log, their parameters substituted,
and the slowest ones of a case over the target (or the slowest of all, if none is) are run under EXPLAIN (ANALYZE, BUFFERS).
Standard library only; psql for the database.
"""
import argparse
import base64
import csv
import datetime as dt
import hashlib
import hmac
import http.client
import json
import math
import os
import re
import struct
import subprocess
import sys
import time
import urllib.parse

TARGET_MS = 300.0
EMAIL = "admin@demo.telemed.dev"
PASSWORD = "Telemed-demo-2026"

ap = argparse.ArgumentParser()
ap.add_argument("--base-url", required=True)
ap.add_argument("--psql", required=True, help="psql command line (connection options included)")
ap.add_argument("--pg-log", required=True, help="the cluster's CSV log")
ap.add_argument("--host-pid", type=int)
ap.add_argument("--pg-pid", type=int)
ap.add_argument("--endpoint", default="/api/v1/admin/analytics", help="another GET endpoint with the same query, to try the script out")
ap.add_argument("--n", type=int, default=30)
ap.add_argument("--warmups", type=int, default=3)
ap.add_argument("--explain-top", type=int, default=3)
ap.add_argument("--generation-seconds", type=int)
ap.add_argument("--uptime-before", default="")
ap.add_argument("--results", required=True)
ap.add_argument("--docs")
ap.add_argument("--title", default="latest run")
args = ap.parse_args()


def psql(sql, fmt="-At"):
    out = subprocess.run(args.psql.split() + [fmt, "-v", "ON_ERROR_STOP=1", "-c", sql], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"psql failed: {out.stderr.strip()}\n{sql[:500]}")
    return out.stdout


# --- sign in ---------------------------------------------------------------------------------------------------
def demo_key(email):
    """Same derivation as DemoClinicSeeder.AuthenticatorKeyFor: base32 of SHA-1("telemed-demo:" + e-mail)."""
    return base64.b32encode(hashlib.sha1(("telemed-demo:" + email).encode()).digest()).decode().rstrip("=")


def totp(key_b32, at):
    key = base64.b32decode(key_b32 + "=" * (-len(key_b32) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    o = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[o:o + 4])[0] & 0x7FFFFFFF) % 1_000_000)


url = urllib.parse.urlparse(args.base_url)
conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)


def call(method, path, body=None, headers=None):
    h = {"Accept": "application/json", **(headers or {})}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        h["Content-Type"] = "application/json"
    start = time.perf_counter()
    conn.request(method, path, body=data, headers=h)
    r = conn.getresponse()
    payload = r.read()
    return r.status, payload, (time.perf_counter() - start) * 1000


token = None
for attempt in range(3):
    status, payload, _ = call("POST", "/api/v1/auth/tokens", {"email": EMAIL, "password": PASSWORD, "mfaCode": totp(demo_key(EMAIL), time.time() + 30 * attempt)})
    if status == 200:
        token = json.loads(payload)["accessToken"]
        break
    print(f"   sign-in attempt {attempt + 1}: {status} {payload[:300]!r}", file=sys.stderr)
if token is None:
    sys.exit("could not sign in as the demo admin")
auth = {"Authorization": "Bearer " + token}

# --- cases -----------------------------------------------------------------------------------------------------
clinic_id, clinic_name = psql('SELECT "Id" || \'|\' || "Name" FROM directory.clinics ORDER BY "Name" LIMIT 1').strip().split("|", 1)
today = dt.datetime.now(dt.timezone.utc).date()
cases = []
for days in (30, 90, 365):
    for clinic in (None, clinic_id):
        q = {"from": (today - dt.timedelta(days=days - 1)).isoformat(), "to": today.isoformat()}
        if clinic:
            q["clinicId"] = clinic
        cases.append({"name": f"last {days} days, " + (f"one clinic ({clinic_name})" if clinic else "all clinics"),
                      "days": days, "clinic": clinic, "path": args.endpoint + "?" + urllib.parse.urlencode(q), "query": q})


def percentile(sorted_values, p):
    return sorted_values[max(0, math.ceil(p / 100 * len(sorted_values)) - 1)]


# --- CPU from /proc ---------------------------------------------------------------------------------------------
def proc_ticks(pid, reaped=False):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12]) + (int(fields[13]) + int(fields[14]) if reaped else 0)
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return 0


def children(ppid):
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == ppid:
                        out.append(int(entry))
            except (FileNotFoundError, ProcessLookupError):
                pass
    return out


def cpu_sample():
    with open("/proc/stat") as f:
        parts = [int(x) for x in f.readline().split()[1:]]
    busy = sum(parts) - parts[3] - parts[4]
    host = proc_ticks(args.host_pid) if args.host_pid else 0
    # The postmaster's own time plus its reaped children's (parallel workers come and go) plus its live children's.
    pg = (proc_ticks(args.pg_pid, reaped=True) + sum(proc_ticks(p) for p in children(args.pg_pid))) if args.pg_pid else 0
    return time.perf_counter(), busy, host, pg, proc_ticks(os.getpid())


def cpu_split(a, b):
    seconds = (b[0] - a[0]) * os.sysconf("SC_CLK_TCK")
    machine, host, pg, client = ((b[i] - a[i]) / seconds for i in range(1, 5))
    return {"machine": machine, "host": host, "postgres": pg, "client": client, "other": max(0.0, machine - host - pg - client)}


# --- statement log -----------------------------------------------------------------------------------------------
PARAM = re.compile(r"\$(\d+) = ('(?:[^']|'')*'|NULL)")
DURATION = re.compile(r"^duration: ([\d.]+) ms\s+(execute|statement)[^:]*: (.*)$", re.S)


def logged_statements(offset):
    """Statements logged after byte offset: (ms, sql with parameters substituted)."""
    time.sleep(1.0)  # the logging collector writes asynchronously
    rows = []
    with open(args.pg_log, newline="") as f:
        f.seek(offset)
        for rec in csv.reader(f):
            if len(rec) < 15 or rec[2] != "telemed":
                continue
            m = DURATION.match(rec[13])
            if not m:
                continue
            sql = m.group(3)
            if ".outbox AS o" in sql:  # the outbox pollers, not the request
                continue
            params = dict(PARAM.findall(rec[14] or ""))
            # Replace the highest-numbered first so that $1 does not eat into $10.
            for k in sorted(params, key=int, reverse=True):
                sql = re.sub(r"\$" + k + r"(?!\d)", lambda _m, v=params[k]: v, sql)
            rows.append((float(m.group(1)), sql))
    return rows


def set_statement_logging(on):
    psql(f"ALTER SYSTEM SET log_min_duration_statement = {0 if on else -1}")
    psql("SELECT pg_reload_conf()")
    time.sleep(0.5)


# --- run -----------------------------------------------------------------------------------------------------------
results = []
for case in cases:
    for _ in range(args.warmups):
        status, payload, _ = call("GET", case["path"], headers=auth)
        if status != 200:
            sys.exit(f"{case['name']}: {status} {payload[:500]!r}")
    psql("SELECT pg_stat_statements_reset()")
    before = cpu_sample()
    times = []
    size = 0
    for _ in range(args.n):
        status, payload, ms = call("GET", case["path"], headers=auth)
        if status != 200:
            sys.exit(f"{case['name']}: {status} {payload[:500]!r}")
        times.append(ms)
        size = len(payload)
    cpu = cpu_split(before, cpu_sample())
    top = psql("""
        SELECT calls, round(total_exec_time::numeric, 1), round(mean_exec_time::numeric, 2), rows,
               shared_blks_hit + shared_blks_read, regexp_replace(left(query, 160), '\\s+', ' ', 'g')
        FROM pg_stat_statements
        WHERE query NOT ILIKE '%pg_stat_statements%' AND query NOT LIKE '%.outbox AS o%' AND dbid = (SELECT oid FROM pg_database WHERE datname = 'telemed')
        ORDER BY total_exec_time DESC LIMIT 8""")
    totals = psql("""
        SELECT coalesce(sum(calls), 0), coalesce(round(sum(total_exec_time)::numeric, 1), 0) FROM pg_stat_statements
        WHERE query NOT ILIKE '%pg_stat_statements%' AND query NOT LIKE '%.outbox AS o%' AND dbid = (SELECT oid FROM pg_database WHERE datname = 'telemed')""").strip().split("|")
    body = json.loads(payload)
    body = body if isinstance(body, dict) else {}
    s = sorted(times)
    r = {**case, "times": times, "p50": percentile(s, 50), "p95": percentile(s, 95), "max": s[-1], "mean": sum(s) / len(s),
         "bytes": size, "cpu": cpu, "top": [line.split("|", 5) for line in top.strip().splitlines() if line],
         "statements_per_request": int(totals[0]) / args.n, "db_ms_per_request": float(totals[1]) / args.n,
         "interval": body.get("interval"), "visits_total": (body.get("visits") or {}).get("total"), "doctors": len(body.get("doctors") or [])}
    results.append(r)
    print(f"   {case['name']:<45} p50 {r['p50']:7.1f} ms  p95 {r['p95']:7.1f} ms  max {r['max']:7.1f} ms   "
          f"({r['statements_per_request']:.1f} statements, {r['db_ms_per_request']:.1f} ms in PostgreSQL per request; "
          f"visits {r['visits_total']}, {r['doctors']} doctors, {size / 1024:.0f} KB)", flush=True)

# One profiled request per case.
set_statement_logging(True)
try:
    for r in results:
        offset = os.path.getsize(args.pg_log)
        status, _, ms = call("GET", r["path"], headers=auth)
        r["profile_ms"] = ms
        r["profile"] = sorted(logged_statements(offset), key=lambda x: -x[0])
finally:
    set_statement_logging(False)

slow = [r for r in results if r["p95"] > TARGET_MS]
for r in (slow or [max(results, key=lambda x: x["p95"])]):
    r["explains"] = []
    for ms, sql in r["profile"][: args.explain_top if slow else 1]:
        try:
            plan = psql("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        except RuntimeError as e:
            plan = f"(EXPLAIN failed: {e})"
        r["explains"].append((ms, sql, plan))

# --- report ----------------------------------------------------------------------------------------------------------
shape = psql("""
    SELECT format('| doctors (bench + demo) | %s |', (SELECT count(*) FROM directory.doctors))
    UNION ALL SELECT format('| weekly hours rows | %s |', (SELECT count(*) FROM scheduling.weekly_hours))
    UNION ALL SELECT format('| appointments | %s (%s) from %s to %s |', (SELECT count(*) FROM scheduling.appointments),
        (SELECT string_agg(format('%s %s %%', "Status", pct), ', ' ORDER BY c DESC)
         FROM (SELECT "Status", count(*) AS c, round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS pct FROM scheduling.appointments GROUP BY 1) s),
        (SELECT min("Start")::date FROM scheduling.appointments), (SELECT max("Start")::date FROM scheduling.appointments))
    UNION ALL SELECT format('| consultations | %s (%s booked, %s on demand) |', (SELECT count(*) FROM consultations.consultations),
        (SELECT count(*) FROM consultations.consultations WHERE "Origin" = 'Booked'), (SELECT count(*) FROM consultations.consultations WHERE "Origin" = 'OnDemand'))
    UNION ALL SELECT format('| payments | %s (%s) |', (SELECT count(*) FROM billing.payments),
        (SELECT string_agg(format('%s %s', "Status", c), ', ' ORDER BY c DESC) FROM (SELECT "Status", count(*) AS c FROM billing.payments GROUP BY 1) s))
    UNION ALL SELECT format('| payment movements | %s (%s) |', (SELECT count(*) FROM billing.payment_movements),
        (SELECT string_agg(format('%s %s', "Type", c), ', ' ORDER BY c DESC) FROM (SELECT "Type", count(*) AS c FROM billing.payment_movements GROUP BY 1) s))
    UNION ALL SELECT format('| reviews with an NPS answer | %s |', (SELECT count(*) FROM feedback.reviews WHERE "Nps" IS NOT NULL))
    UNION ALL SELECT format('| table sizes | %s |', (SELECT string_agg(format('%s.%s %s', n.nspname, c.relname, pg_size_pretty(pg_total_relation_size(c.oid))), ', ' ORDER BY pg_total_relation_size(c.oid) DESC)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND (n.nspname, c.relname) IN (('scheduling', 'appointments'), ('consultations', 'consultations'), ('billing', 'payments'),
              ('billing', 'payment_movements'), ('feedback', 'reviews'))))
""").strip()
uptime_after = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30

summary = [
    f"Run {now} on {os.cpu_count()} cores / {mem_gb:.0f} GB, PostgreSQL 15 (durable commits, shared_buffers 1 GB), host in Release; "
    f"{args.warmups} warm-ups then {args.n} sequential requests per case over one keep-alive connection (bearer token of the demo admin).",
    f"Load average before: `{args.uptime_before.strip()}`; after: `{uptime_after}`." if args.uptime_before else f"Load average after: `{uptime_after}`.",
    "",
    "| case | from – to | interval | p50 ms | p95 ms | max ms | ≤ 300 ms | SQL statements / request | PostgreSQL ms / request | response | CPU cores: host / postgres / other |",
    "| --- | --- | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |",
]
for r in results:
    c = r["cpu"]
    summary.append(f"| {r['name']} | {r['query']['from']} – {r['query']['to']} | {r['interval']} | {r['p50']:.0f} | {r['p95']:.0f} | {r['max']:.0f} | "
                   f"{'yes' if r['p95'] <= TARGET_MS else '**no**'} | {r['statements_per_request']:.1f} | {r['db_ms_per_request']:.1f} | "
                   f"{r['bytes'] / 1024:.0f} KB | {c['host']:.2f} / {c['postgres']:.2f} / {c['other']:.2f} |")
summary += ["", "Data (generated by `bench/analytics/generate.sql`" + (f" in {args.generation_seconds} s" if args.generation_seconds else "") + "):", "",
            "| | |", "| --- | --- |"] + shape.splitlines()

details = ["", "## Statements per case (pg_stat_statements over the timed requests)", ""]
for r in results:
    details += [f"### {r['name']}", "", "| calls | total ms | mean ms | rows | buffers | statement |", "| ---: | ---: | ---: | ---: | ---: | --- |"]
    details += [f"| {t[0]} | {t[1]} | {t[2]} | {t[3]} | {t[4]} | `{t[5].replace('|', '¦')}` |" for t in r["top"]]
    prof = r["profile"]
    details += ["", f"Profiled request: {r['profile_ms']:.0f} ms end to end, {len(prof)} statements logged, {sum(p[0] for p in prof):.1f} ms in PostgreSQL "
                f"(slowest: {', '.join(f'{p[0]:.1f}' for p in prof[:5])} ms).", ""]
    for ms, sql, plan in r.get("explains", []):
        details += [f"EXPLAIN (ANALYZE, BUFFERS) of a statement that took {ms:.1f} ms:", "", "```sql", sql.strip(), "```", "", "```", plan.rstrip(), "```", ""]

os.makedirs(os.path.dirname(args.results), exist_ok=True)
with open(args.results, "w") as f:
    f.write(f"# Clinic analytics at scale: {args.title} (generated by bench/analytics/run.sh)\n\n" + "\n".join(summary + details) + "\n")
print("\n".join(summary))
print(f"\n   results: {args.results}")

if args.docs:
    begin, end = "<!-- analytics-bench:begin", "<!-- analytics-bench:end -->"
    text = open(args.docs).read()
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        tail = rest.split(end, 1)[1]
        text = head + begin + " (generated by bench/analytics/run.sh; edit outside these markers) -->\n" + "\n".join(summary) + "\n" + end + tail
        open(args.docs, "w").write(text)
        print(f"   updated {args.docs}")
    else:
        print(f"   {args.docs} has no analytics-bench markers: left alone")
