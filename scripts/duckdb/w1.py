#!/usr/bin/env python3
"""W1 side by side: the status report (FORMAT.md §3–§4) computed by DuckDB over Parquet, in SQL
written from FORMAT.md's definitions, independently of jobbro's code; and the harness that runs
jobbro and DuckDB on the same data, asserts their answers equal and times both.

    w1.py convert TIMELINE.jsonl DIR        a timeline file to one Parquet file per record type
    w1.py status DIR --as-of D (--programme ID | --all-programmes)
                                            the report(s) as jobbro's `report status --format json`
    w1.py compare JOBBRO.json DUCKDB.json   exit 1 with a readable diff when they differ
    w1.py bench --jobbro BIN --db URL --key-file F --parquet DIR --programme ID --dates D,D,D
                [--runs 5] [--label sqlite] [--check-only]
                                            both sides on every date, one programme and all
                                            programmes: equality asserted, medians and ratios

It never writes to the timeline or to jobbro's database; it reads the timeline file only to
convert it. The data it handles in tests and benchmarks is generated (fictional people).
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time


def ensure_duckdb():
    """Imports duckdb, installing it from PyPI with pip (pip itself with apt) when missing."""
    try:
        import duckdb  # noqa: F401

        return duckdb
    except ImportError:
        pass

    def pip(*extra):
        return subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             *extra, "duckdb"],
            stdout=sys.stderr,
        ).returncode == 0

    has_pip = subprocess.run([sys.executable, "-m", "pip", "--version"],
                             capture_output=True).returncode == 0
    if not has_pip:
        print("w1.py: installing python3-pip with apt", file=sys.stderr)
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        install = sudo + ["apt-get", "install", "-y", "--no-install-recommends", "python3-pip"]
        if subprocess.run(install, env=env).returncode != 0:
            subprocess.run(sudo + ["apt-get", "update"], env=env, check=True)
            subprocess.run(install, env=env, check=True)
    print("w1.py: installing duckdb from PyPI with pip", file=sys.stderr)
    # A Debian-managed Python refuses plain installs (PEP 668); this is a tool, not an app.
    if not (pip() or pip("--user") or pip("--break-system-packages")):
        sys.exit("w1.py: could not install the duckdb package with pip")
    import importlib
    import site

    importlib.invalidate_caches()
    if site.getusersitepackages() not in sys.path:
        sys.path.append(site.getusersitepackages())
    import duckdb  # noqa: F811

    return duckdb


SITUATIONS = ["job_full_time", "education", "job_part_time", "wage_subsidy", "internship",
              "leave", "language_school", "coaching"]
LEAVE_REASONS = ["job", "education", "completed", "moved", "illness", "rehabilitation",
                 "maternity", "referred_elsewhere", "jobcentre_decision", "dropped_out", "other"]
GENDERS = ["female", "male", "other", "unknown"]
BENEFITS = ["cash_benefit", "education_benefit", "integration_benefit", "self_supporting",
            "unemployment_insurance", "sickness_benefit", "other"]
AGE_BANDS = ["<25", "25-29", "30-39", "40-49", "50+", "unknown"]

# ------------------------------------------------------------------------------------ convert

# The columns of each record type (FORMAT.md §2), typed; `line` is the line's place in the file,
# which orders events of one enrolment on the same date ("in file order").
COLUMNS = {
    "programme": """id, j->>'$.name' AS name, (j->>'$.start')::DATE AS start,
        (j->>'$.end')::DATE AS "end", j->>'$.operator' AS operator, j->>'$.funder' AS funder,
        (j->'$.rules.full_time_hours')::DOUBLE AS full_time_hours,
        from_json(j->'$.rules.follow_up_months', '["INTEGER"]') AS follow_up_months,
        from_json(j->'$.goals', '[{"indicator": "VARCHAR", "target": "UBIGINT"}]') AS goals,
        j->'$.rules' AS rules""",
    "person": """id, j->>'$.gender' AS gender, (j->>'$.birth_date')::DATE AS birth_date,
        (j->'$.birth_year')::INTEGER AS birth_year, j->>'$.origin_country' AS origin_country,
        j->>'$.benefit' AS benefit, (j->>'$.benefit_since')::DATE AS benefit_since,
        (j->'$.education_level')::INTEGER AS education_level, j->>'$.danish_level' AS danish_level,
        from_json(j->'$.languages', '["VARCHAR"]') AS languages""",
    "company": """id, j->>'$.name' AS name, j->>'$.cvr' AS cvr, j->>'$.sector' AS sector""",
    "caseworker": """id, j->>'$.name' AS name""",
    "referred": """line, id, (j->>'$.date')::DATE AS date, j->>'$.programme' AS programme,
        j->>'$.person' AS person, j->>'$.referrer' AS referrer, j->>'$.caseworker' AS caseworker""",
    "intake": """line, id, j->>'$.enrolment' AS enrolment, (j->>'$.date')::DATE AS date,
        j->>'$.decision' AS decision, j->>'$.reason' AS reason""",
    "activity_started": """line, id, j->>'$.enrolment' AS enrolment, (j->>'$.date')::DATE AS date,
        j->>'$.kind' AS kind, (j->>'$.planned_end')::DATE AS planned_end,
        j->>'$.company' AS company, (j->'$.hours_per_week')::DOUBLE AS hours_per_week,
        j->>'$.title' AS title""",
    "activity_extended": """line, id, j->>'$.activity' AS activity, (j->>'$.date')::DATE AS date,
        (j->>'$.planned_end')::DATE AS planned_end""",
    "activity_ended": """line, id, j->>'$.activity' AS activity, (j->>'$.date')::DATE AS date,
        j->>'$.reason' AS reason""",
    "contact": """line, id, j->>'$.enrolment' AS enrolment, (j->>'$.date')::DATE AS date,
        j->>'$.kind' AS kind, coalesce((j->'$.attended')::BOOLEAN, true) AS attended,
        j->>'$.interpreter_language' AS interpreter_language, j->>'$.caseworker' AS caseworker""",
    "assigned": """line, id, j->>'$.enrolment' AS enrolment, (j->>'$.date')::DATE AS date,
        j->>'$.caseworker' AS caseworker""",
    "left": """line, id, j->>'$.enrolment' AS enrolment, (j->>'$.date')::DATE AS date,
        j->>'$.reason' AS reason""",
    "follow_up": """line, id, j->>'$.enrolment' AS enrolment, (j->>'$.date')::DATE AS date,
        (j->'$.months')::INTEGER AS months, j->>'$.status' AS status""",
    "void": """line, id, (j->>'$.date')::DATE AS date, j->>'$.record_type' AS record_type,
        j->>'$.record' AS record, j->>'$.reason' AS reason""",
}


def convert(timeline, out_dir):
    duckdb = ensure_duckdb()
    os.makedirs(out_dir, exist_ok=True)
    con = duckdb.connect()
    # One VARCHAR column per line (no delimiter or quote can occur raw in a JSON line);
    # row_number() OVER () keeps the file's order (DuckDB's documented order preservation).
    con.execute(
        """CREATE TEMP TABLE raw AS
           SELECT line, j, j->>'$.type' AS type, j->>'$.id' AS id FROM (
             SELECT row_number() OVER () AS line, column0 AS j
             FROM read_csv(?, columns = {'column0': 'VARCHAR'}, header = false,
                           delim = chr(1), quote = '', escape = '', auto_detect = false,
                           max_line_size = 100000000))
           WHERE trim(j) <> '' AND NOT starts_with(ltrim(j), '#')""",
        [timeline],
    )
    counts = {}
    for record_type, columns in COLUMNS.items():
        path = os.path.join(out_dir, f"{record_type}.parquet")
        con.execute(
            f"COPY (SELECT {columns} FROM raw WHERE type = '{record_type}' ORDER BY line) "
            f"TO '{path}' (FORMAT parquet)"
        )
        counts[record_type] = con.execute(f"SELECT count(*) FROM '{path}'").fetchone()[0]
    unknown = con.execute(
        "SELECT DISTINCT type FROM raw WHERE type NOT IN (SELECT unnest(?))", [list(COLUMNS)]
    ).fetchall()
    if unknown:
        sys.exit(f"w1.py convert: unknown record types {[u[0] for u in unknown]}")
    return counts


# ------------------------------------------------------------------------------------ status

# FORMAT.md §3–§4, one row per enrolment referred on or before $d. Every definition below is
# quoted from FORMAT.md where it is applied. `ord` orders the events of an enrolment: by date,
# then in file order.
PER_ENROLMENT = """
CREATE OR REPLACE TEMP TABLE st AS
WITH
-- "a void makes the event it names count as if it had never been recorded, for every date"
voided AS (SELECT DISTINCT record_type, record FROM void),
prog AS (
    SELECT id AS programme, coalesce(full_time_hours, 30) AS full_time_hours
    FROM programme WHERE $all OR id = $programme
),
-- "voiding a referred voids its whole enrolment"; "referred counts enrolments with referred <= D"
enr AS (
    SELECT r.id AS enrolment, r.programme, r.person, p.full_time_hours
    FROM referred r
    JOIN prog p ON p.programme = r.programme
    ANTI JOIN voided v ON v.record_type = 'referred' AND v.record = r.id
    WHERE r.date <= $d
),
-- "only events dated on or before D count"
intakes AS (
    SELECT i.enrolment,
           min(i.date) FILTER (WHERE i.decision = 'accepted') AS accepted,
           arg_max(i.decision, ord(i.date, i.line)) AS last_decision
    FROM intake i
    ANTI JOIN voided v ON v.record_type = 'intake' AND v.record = i.id
    WHERE i.date <= $d
    GROUP BY i.enrolment
),
leavings AS (
    SELECT l.enrolment, min(l.date) AS left_date, arg_min(l.reason, ord(l.date, l.line)) AS reason
    FROM "left" l
    ANTI JOIN voided v ON v.record_type = 'left' AND v.record = l.id
    WHERE l.date <= $d
    GROUP BY l.enrolment
),
-- 1. no intake yet, or last intake waitlisted: waiting; declined: declined.
-- 2. a left dated <= D: ended ("an ended enrolment that was never accepted counts as declined").
-- 3. otherwise (accepted): active.
base AS (
    SELECT e.*, i.accepted, l.left_date, l.reason AS left_reason,
           CASE
               WHEN l.left_date IS NOT NULL AND i.accepted IS NOT NULL THEN 'ended'
               WHEN l.left_date IS NOT NULL THEN 'declined'
               WHEN i.last_decision = 'accepted' THEN 'active'
               WHEN i.last_decision = 'declined' THEN 'declined'
               ELSE 'waiting'
           END AS status
    FROM enr e
    LEFT JOIN intakes i USING (enrolment)
    LEFT JOIN leavings l USING (enrolment)
),
accepted AS (
    SELECT *, CASE WHEN status = 'active' THEN $d ELSE left_date - 1 END AS last_day
    FROM base WHERE status IN ('active', 'ended')
),
-- "voiding an activity_started voids that activity with its extensions and end"; an activity
-- is open on D when "started <= D and, if it has ended, ended >= D" (the first end recorded).
ends AS (
    SELECT x.activity, min(x.date) AS end_date
    FROM activity_ended x
    ANTI JOIN voided v ON v.record_type = 'activity_ended' AND v.record = x.id
    WHERE x.date <= $d
    GROUP BY x.activity
),
activities AS (
    SELECT a.enrolment, a.date AS start, ends.end_date,
           -- the situation list, best first
           CASE a.kind
               WHEN 'job' THEN CASE WHEN a.hours_per_week >= b.full_time_hours THEN 1 ELSE 3 END
               WHEN 'education' THEN 2
               WHEN 'apprenticeship' THEN 2
               WHEN 'wage_subsidy' THEN 4
               WHEN 'internship' THEN 5
               WHEN 'leave' THEN 6
               WHEN 'language_school' THEN 7
               ELSE 8
           END AS rank
    FROM activity_started a
    JOIN accepted b ON b.enrolment = a.enrolment
    ANTI JOIN voided v ON v.record_type = 'activity_started' AND v.record = a.id
    LEFT JOIN ends ON ends.activity = a.id
    WHERE a.date <= $d
),
-- situation: the best activity open on D (coaching when none); best outcome: "the highest
-- situation that held on any day from acceptance up to D (and before its left date)".
outcomes AS (
    SELECT b.enrolment,
           coalesce(min(a.rank) FILTER (
               WHERE b.status = 'active' AND (a.end_date IS NULL OR a.end_date >= $d)), 8)
               AS situation,
           coalesce(min(a.rank) FILTER (
               WHERE a.start <= b.last_day AND b.accepted <= b.last_day
                 AND coalesce(a.end_date, DATE '9999-12-31') >= b.accepted), 8)
               AS best
    FROM accepted b
    LEFT JOIN activities a USING (enrolment)
    GROUP BY b.enrolment
)
SELECT b.enrolment, b.programme, b.status, b.left_date, b.left_reason,
       CASE WHEN b.status = 'active' THEN o.situation END AS situation,
       o.best,
       -- "A person without the attribute is grouped under unknown; country codes are upper case"
       coalesce(p.gender, 'unknown') AS gender,
       coalesce(p.benefit, 'unknown') AS benefit,
       CASE
           WHEN age IS NULL THEN 'unknown'
           WHEN age < 25 THEN '<25'
           WHEN age < 30 THEN '25-29'
           WHEN age < 40 THEN '30-39'
           WHEN age < 50 THEN '40-49'
           ELSE '50+'
       END AS age_band,
       coalesce(upper(p.origin_country), 'unknown') AS country
FROM base b
LEFT JOIN outcomes o USING (enrolment)
LEFT JOIN person p ON p.id = b.person,
-- age at D: from the birth date (birthday reached or not), else the birth year's
LATERAL (SELECT CASE
    WHEN p.birth_date IS NOT NULL THEN CASE WHEN p.birth_date <= $d THEN
        year($d) - year(p.birth_date)
        - CASE WHEN month($d) * 100 + day($d) < month(p.birth_date) * 100 + day(p.birth_date)
               THEN 1 ELSE 0 END END
    WHEN p.birth_year <= year($d) THEN year($d) - p.birth_year
END AS age)
"""


def count_columns(prefix=""):
    """`active`, `accepted`, one count per situation (active) and per best outcome (accepted)."""
    cols = [
        "count(*) FILTER (WHERE status = 'active') AS active",
        "count(*) FILTER (WHERE status IN ('active', 'ended')) AS accepted",
    ]
    for i, s in enumerate(SITUATIONS, 1):
        cols.append(f"count(*) FILTER (WHERE situation = {i}) AS {prefix}situation_{s}")
    for i, s in enumerate(SITUATIONS, 1):
        cols.append(f"count(*) FILTER (WHERE best = {i}) AS {prefix}best_{s}")
    return ",\n       ".join(cols)


HEADLINE = f"""
SELECT p.programme,
       count(st.enrolment) AS referred,
       count(*) FILTER (WHERE status = 'waiting') AS waiting,
       count(*) FILTER (WHERE status = 'declined') AS declined,
       count(*) FILTER (WHERE status = 'ended') AS ended,
       {count_columns()}
FROM prog p LEFT JOIN st USING (programme)
GROUP BY p.programme
"""

LEFT_REASONS = """
SELECT programme, left_reason, count(*) FROM st WHERE status = 'ended' GROUP BY ALL
"""

# "follow_up[M]: enrolments that left with reason job or education at least M months before D
# are due; retained have a follow-up at M months with status job or education, not_retained one
# with benefit, unknown none or unknown" (the latest such follow-up dated <= D; months added
# "same day of month, clamped to the month's end", as DuckDB's interval arithmetic does).
FOLLOW_UP = """
WITH months AS (
    SELECT id AS programme, unnest(list_distinct(list_append(coalesce(follow_up_months, [6]), 6)))
        AS months
    FROM programme WHERE $all OR id = $programme
),
latest AS (
    SELECT f.enrolment, f.months, arg_max(f.status, ord(f.date, f.line)) AS status
    FROM follow_up f
    ANTI JOIN (SELECT DISTINCT record_type, record FROM void) v
        ON v.record_type = 'follow_up' AND v.record = f.id
    WHERE f.date <= $d
    GROUP BY ALL
)
SELECT st.programme, m.months,
       count(*) AS due,
       count(*) FILTER (WHERE l.status IN ('job', 'education')) AS retained,
       count(*) FILTER (WHERE l.status = 'benefit') AS not_retained,
       count(*) FILTER (WHERE l.status IS NULL OR l.status = 'unknown') AS unknown
FROM st
JOIN months m ON m.programme = st.programme
LEFT JOIN latest l ON l.enrolment = st.enrolment AND l.months = m.months
WHERE st.status = 'ended' AND st.left_reason IN ('job', 'education')
  AND (st.left_date + to_months(m.months))::DATE <= $d
GROUP BY ALL
"""

ATTRIBUTES = ["gender", "benefit", "age_band", "country"]
BREAKDOWN = f"""
SELECT programme, grouping(gender, benefit, age_band, country) AS which,
       gender, benefit, age_band, country,
       {count_columns()}
FROM st WHERE status IN ('active', 'ended')
GROUP BY GROUPING SETS ((programme, gender), (programme, benefit), (programme, age_band),
                        (programme, country))
"""

PROGRAMMES = """
SELECT id, coalesce(follow_up_months, [6]), coalesce(goals, [])
FROM programme WHERE $all OR id = $programme
"""


def connect_parquet(parquet_dir):
    duckdb = ensure_duckdb()
    con = duckdb.connect()
    for record_type in COLUMNS:
        path = os.path.join(parquet_dir, f"{record_type}.parquet").replace("'", "''")
        con.execute(f"CREATE VIEW \"{record_type}\" AS SELECT * FROM read_parquet('{path}')")
    con.execute(
        "CREATE MACRO ord(d, l) AS date_diff('day', DATE '1970-01-01', d)::BIGINT * 1000000000 + l"
    )
    return con


def figures(row, names):
    return dict(zip(names, row))


def status(parquet_dir, as_of, programme=None):
    """The report of `programme` (all programmes when None) on `as_of`: a dict, or a list of
    dicts in programme-id order, shaped like jobbro's JSON."""
    con = connect_parquet(parquet_dir)
    params = {"d": as_of, "all": programme is None, "programme": programme or ""}

    def run(sql, names=("d", "all", "programme")):
        used = {k: v for k, v in params.items() if f"${k}" in sql and k in names}
        return con.execute(sql, used)

    as_of_date = con.execute("SELECT $d::DATE", {"d": as_of}).fetchone()[0]
    params["d"] = as_of_date
    progs = run(PROGRAMMES).fetchall()
    if programme is not None and not progs:
        sys.exit(f"w1.py status: unknown programme {programme}")
    con.execute(
        "CREATE TEMP TABLE prog AS SELECT id AS programme FROM programme "
        "WHERE $all OR id = $programme",
        {"all": params["all"], "programme": params["programme"]},
    )
    run(PER_ENROLMENT)

    count_names = (["active", "accepted"] + [f"situation_{s}" for s in SITUATIONS]
                   + [f"best_{s}" for s in SITUATIONS])

    def counts_of(values):
        f = figures(values, count_names)
        return f, {s: f[f"situation_{s}"] for s in SITUATIONS}, {
            s: f[f"best_{s}"] for s in SITUATIONS}

    reports = {}
    for pid, months, goals in progs:
        reports[pid] = {"months": sorted(months), "goals": goals}
    for row in con.execute(HEADLINE).fetchall():
        pid, referred, waiting, declined, ended = row[:5]
        f, situation, best = counts_of(row[5:])
        reports[pid].update(
            referred=referred, waiting=waiting, declined=declined, accepted=f["accepted"],
            active=f["active"], ended=ended, situation=situation, best_outcome=best,
            left_reasons={}, follow_up={}, breakdown={a: {} for a in ATTRIBUTES},
        )
    left = {}
    for pid, reason, n in con.execute(LEFT_REASONS).fetchall():
        left.setdefault(pid, {})[reason] = n
    follow = {}
    for pid, months, *c in run(FOLLOW_UP).fetchall():
        follow[(pid, months)] = dict(zip(["due", "retained", "not_retained", "unknown"], c))
    groups = {}
    for pid, which, *rest in con.execute(BREAKDOWN).fetchall():
        keys, values = rest[:4], rest[4:]
        # grouping() sets a bit for every column left out: the one kept has bit 0
        attribute = next(a for i, a in enumerate(ATTRIBUTES) if not which & (1 << (3 - i)))
        key = keys[ATTRIBUTES.index(attribute)]
        f, situation, best = counts_of(values)
        groups.setdefault(pid, {}).setdefault(attribute, {})[key] = {
            "active": f["active"], "accepted": f["accepted"],
            "situation": situation, "best_outcome": best,
        }

    out = []
    for pid in sorted(reports):
        r = reports[pid]
        zero = {"due": 0, "retained": 0, "not_retained": 0, "unknown": 0}
        fu = {m: follow.get((pid, m), zero) for m in r["months"]}
        six = follow.get((pid, 6), zero)
        job = r["best_outcome"]["job_full_time"] + r["best_outcome"]["job_part_time"]
        education = r["best_outcome"]["education"]
        actual = {
            "participants": r["accepted"], "job": job, "education": education,
            "job_or_education": job + education, "retained_6m": six["retained"],
        }
        g = groups.get(pid, {})
        out.append({
            "programme": pid,
            "as_of": str(as_of_date),
            **{k: r[k] for k in ["referred", "waiting", "declined", "accepted", "active",
                                 "ended", "situation", "best_outcome"]},
            "left_reasons": {k: left[pid][k] for k in LEAVE_REASONS if k in left.get(pid, {})},
            "follow_up": {str(m): c for m, c in fu.items()},
            "goals": [{"indicator": x["indicator"], "target": x["target"],
                       "actual": actual[x["indicator"]]} for x in r["goals"]],
            "breakdown": {
                "gender": ordered(g.get("gender", {}), GENDERS),
                "benefit": ordered(g.get("benefit", {}), BENEFITS),
                "age_band": ordered(g.get("age_band", {}), AGE_BANDS),
                "origin_country": ordered(g.get("country", {}), []),
            },
        })
    return out if programme is None else out[0]


def ordered(groups, order):
    """Known codes in their order, then the others by code, `unknown` last (as jobbro shows)."""
    keys = [k for k in order if k in groups and k != "unknown"]
    keys += sorted(k for k in groups if k not in order and k != "unknown")
    keys += ["unknown"] if "unknown" in groups else []
    return {k: groups[k] for k in keys}


# ------------------------------------------------------------------------------------ compare

def differences(a, b, path="", out=None, limit=40):
    """Where `a` (jobbro) and `b` (DuckDB) differ, as readable lines."""
    out = [] if out is None else out
    if len(out) >= limit:
        return out
    if isinstance(a, dict) and isinstance(b, dict):
        for k in list(a) + [k for k in b if k not in a]:
            where = f"{path}.{k}" if path else str(k)
            if k not in b:
                out.append(f"{where}: jobbro {json.dumps(a[k])}, DuckDB has no such key")
            elif k not in a:
                out.append(f"{where}: DuckDB {json.dumps(b[k])}, jobbro has no such key")
            else:
                differences(a[k], b[k], where, out, limit)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{path}: jobbro has {len(a)} items, DuckDB {len(b)}")
        for i, (x, y) in enumerate(zip(a, b)):
            label = x.get("programme", i) if isinstance(x, dict) else i
            differences(x, y, f"{path}[{label}]", out, limit)
    elif a != b or type(a) is not type(b):
        out.append(f"{path}: jobbro {json.dumps(a)}, DuckDB {json.dumps(b)}")
    return out


def assert_equal(jobbro, duck, what):
    diff = differences(jobbro, duck)
    if diff:
        print(f"DIFFERENT: {what}", file=sys.stderr)
        for line in diff:
            print(f"  {line}", file=sys.stderr)
        sys.exit(1)


# ------------------------------------------------------------------------------------ bench

def run_jobbro(args, as_of, programme):
    which = ["--programme", programme] if programme else ["--all-programmes"]
    cmd = [args.jobbro, "--db", args.db, "--key-file", args.key_file, "report", "status",
           *which, "--as-of", as_of, "--format", "json"]
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True,
                          env=dict(os.environ, JOBBRO_LOG="error"))
    took = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"jobbro failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr}")
    return took, json.loads(done.stdout)


def run_duckdb(args, as_of, programme):
    """A fresh process, as an analyst runs it: Python, duckdb, the Parquet files, the SQL."""
    which = ["--programme", programme] if programme else ["--all-programmes"]
    cmd = [sys.executable, os.path.abspath(__file__), "status", args.parquet, "--as-of", as_of,
           *which]
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"DuckDB side failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr}")
    return took, json.loads(done.stdout)


def describe_machine():
    duckdb = ensure_duckdb()
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            kib = int(f.readline().split()[1])
            mem = f"{kib / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} cores ({cpu}), {mem} memory, Linux {platform.release()}, "
            f"Python {platform.python_version()}, duckdb {duckdb.__version__}, "
            f"load average {load}")


def bench(args):
    if not args.check_only:
        print(f"machine: {describe_machine()}", flush=True)
        floor = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", "import duckdb"], check=True)
            floor.append(time.perf_counter() - start)
        print(f"DuckDB side's floor (start Python, import duckdb): "
              f"{statistics.median(floor):.3f} s median", flush=True)
    rows = []
    for as_of in args.dates.split(","):
        for programme in [args.programme, None]:
            scope = f"programme {programme}" if programme else "all programmes"
            j_times, d_times = [], []
            for i in range(args.runs):
                took, j = run_jobbro(args, as_of, programme)
                j_times.append(took)
                took, d = run_duckdb(args, as_of, programme)
                d_times.append(took)
                if i == 0:
                    assert_equal(j, d, f"{args.label}, {scope}, as of {as_of}")
            jm, dm = statistics.median(j_times), statistics.median(d_times)
            rows.append((as_of, scope, jm, dm))
            if args.check_only:
                print(f"  {args.label} {as_of} {scope}: equal", flush=True)
            else:
                print(f"  {args.label} {as_of} {scope}: equal; jobbro median {jm:.3f} s, "
                      f"DuckDB median {dm:.3f} s, jobbro/DuckDB {jm / dm:.2f} "
                      f"({args.runs} runs each)", flush=True)
    if not args.check_only:
        print()
        print(f"| date | scope | jobbro ({args.label}) | DuckDB | jobbro/DuckDB |")
        print("| --- | --- | --- | --- | --- |")
        for as_of, scope, jm, dm in rows:
            print(f"| {as_of} | {scope} | {jm:.3f} s | {dm:.3f} s | {jm / dm:.2f} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("convert")
    c.add_argument("timeline")
    c.add_argument("dir")
    s = sub.add_parser("status")
    s.add_argument("dir")
    s.add_argument("--as-of", required=True)
    which = s.add_mutually_exclusive_group(required=True)
    which.add_argument("--programme")
    which.add_argument("--all-programmes", action="store_true")
    k = sub.add_parser("compare")
    k.add_argument("jobbro")
    k.add_argument("duckdb")
    b = sub.add_parser("bench")
    b.add_argument("--jobbro", required=True)
    b.add_argument("--db", required=True)
    b.add_argument("--key-file", required=True)
    b.add_argument("--parquet", required=True)
    b.add_argument("--programme", required=True)
    b.add_argument("--dates", required=True)
    b.add_argument("--runs", type=int, default=5)
    b.add_argument("--label", default="")
    b.add_argument("--check-only", action="store_true")
    sub.add_parser("machine")
    args = parser.parse_args()

    if args.command == "convert":
        start = time.perf_counter()
        counts = convert(args.timeline, args.dir)
        total = sum(counts.values())
        print(f"converted {total} records to Parquet in {args.dir} "
              f"({time.perf_counter() - start:.1f} s): "
              + ", ".join(f"{k} {v}" for k, v in counts.items()))
    elif args.command == "status":
        report = status(args.dir, args.as_of, None if args.all_programmes else args.programme)
        json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
        print()
    elif args.command == "compare":
        with open(args.jobbro) as a, open(args.duckdb) as b:
            assert_equal(json.load(a), json.load(b), f"{args.jobbro} and {args.duckdb}")
        print("equal")
    elif args.command == "bench":
        bench(args)
    elif args.command == "machine":
        print(describe_machine())


if __name__ == "__main__":
    main()
