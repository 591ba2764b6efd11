#!/usr/bin/env python3
"""The daily retention run over a million bookings while bookings keep arriving.

Builds the bench office's database (Examples/bench/catalogue.json) with
--bookings bookings written by sqlite3 in the schema's own shape (contacts
with their keys, services, slots, slot usage, audit lines with the agents'
and clerks' "on behalf of", sent confirmations in the outbox), checks the
invariants the server keeps (integrity, foreign keys, slot_usage equal to
the bookings per slot and within its counters), then starts the server on
it with its clock (`--now`, moved through standard input) at 02:50 on day
D, before the 03:00 retention time.

The bookings end between D-14 and D+20, so the start-up run finds nothing
due (14 retention days: nothing ended before D-14) and the daily run at
03:00 on D+31 finds every booking that ended before D+17 and every
cancellation, about nine in ten; the rest are not due yet and must be
passed over. (A clock moved 31 days makes one run do what 31 daily runs
would: the worst case, a server that was down for a month, or the first
run after an upgrade.)

Meanwhile an open-loop stream of bookings (--rate per second, keep-alive
connections, each booking its own contact on a random free start 32-41
days after D, within the booking window before and after the move) is
measured from each request's scheduled send time: first --anchor seconds
without a run, then from the moment the clock passes 03:00 of D+31 until
the server's process line says the daily run finished, then --anchor
seconds more without a run. The last tells what the run costs bookings
from what the stream's own bookings cost: each decision reads its day's
bookings up to its time (`OccupationRows.counted`), so bookings get
dearer as the rush's days fill, run or no run. Prints booking
p50/p99/max and count side by side, the run's duration and rows erased
per second; exits 1 if the booking p99 during the run is 50 ms or more,
on any 5xx or transport error, or if the run erased too little or too
much.

Server on --server-cores (core 0, one event loop), client on core 1,
database on the repository's disk (as booking_throughput.py).

    python3 Benchmarks/retention_run.py [--bookings 1000000] [--rate 200] [--anchor 15]
                                        [--server-cores 0] [--binary path/to/terminbuch]
"""
import argparse
import asyncio
import datetime
import json
import os
import random
import shutil
import subprocess
import tempfile
import time
import urllib.request
from zoneinfo import ZoneInfo

import benchlib
from booking_rush import Pool, Request, drain, sqlite

BERLIN = ZoneInfo("Europe/Berlin")
RETENTION_DAYS = 14          # the bench municipality's, in its catalogue
FIRST_DAY, LAST_DAY = -14, 20  # the bookings' days, relative to D
RUN_DAY = 31                 # the daily run: 03:00 of D+31
RUSH_DAYS = range(32, 42)    # the new bookings' days: in the window (42 days) at D and at D+31
SLOTS_PER_DAY = 156          # 07:00-20:00 in 5-minute slots
COUNTERS = 200
TARGET_P99_MS = 50.0
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def local(day, hour, minute=0, second=0):
    return datetime.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=BERLIN)


def code_of(number):
    """SQL for a distinct booking code (`K7M-4QX-9TD`, BookingCode's alphabet) per number,
    in the numbers' order, so the codes' index is written in order, not at random."""
    symbols = [f"substr('{CODE_ALPHABET}', (({number} >> {5 * k}) & 31) + 1, 1)" for k in reversed(range(9))]
    return " || '-' || ".join(" || ".join(symbols[k:k + 3]) for k in (0, 3, 6))


def fill(database, bookings, d_day, agent, clerk):
    """Writes `bookings` bookings as the server would have, spread evenly
    over the slots of D-14 to D+20, in one sqlite3 transaction."""
    days = LAST_DAY - FIRST_DAY + 1
    slots = days * SLOTS_PER_DAY
    if -(-bookings // slots) > COUNTERS:
        raise SystemExit(f"{bookings} bookings do not fit into {days} days of {SLOTS_PER_DAY} slots x {COUNTERS} counters")
    now = int(local(d_day, 2, 50).timestamp())
    day_rows = ",".join(
        f"({n}, '{day}', {int(local(day, 7).timestamp())}, {1 if n < -FIRST_DAY else 0})"
        for n, day in ((n, d_day + datetime.timedelta(days=FIRST_DAY + n)) for n in range(days)))
    # Who acts: online bookings are the citizen's own (no actor, no "on
    # behalf of"); phone bookings the agent's, desk steps the clerk's.
    sql = f"""
PRAGMA foreign_keys = ON;
PRAGMA cache_size = -1000000;
PRAGMA temp_store = MEMORY;
PRAGMA journal_mode = OFF;
BEGIN;
CREATE TEMP TABLE fill_days(n INTEGER PRIMARY KEY, local_date TEXT, first_slot INTEGER, past INTEGER);
INSERT INTO fill_days VALUES {day_rows};
CREATE TEMP TABLE fill(i INTEGER PRIMARY KEY, day INTEGER, start INTEGER, channel TEXT, status TEXT,
                       code TEXT, name TEXT, email TEXT, phone TEXT, created_at INTEGER, updated_at INTEGER);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {bookings - 1}),
  placed AS (SELECT i, (i * {slots} / {bookings}) / {SLOTS_PER_DAY} AS day, (i * {slots} / {bookings}) % {SLOTS_PER_DAY} AS slot,
                    (i * 7919) % 100 AS draw, i % 10 AS kind FROM n),
  shaped AS (
    SELECT p.i, p.day, d.first_slot + p.slot * 300 AS start,
      CASE WHEN p.kind < 7 THEN 'online' WHEN p.kind < 9 THEN 'phone' ELSE 'desk' END AS channel,
      CASE WHEN p.draw < 10 THEN 'cancelled' WHEN d.past = 0 OR p.draw < 15 THEN 'confirmed'
           WHEN p.draw < 20 THEN 'noShow' ELSE 'completed' END AS status
    FROM placed p JOIN fill_days d ON d.n = p.day)
INSERT INTO fill
SELECT i, day, start, channel, status,
  {code_of('i')},
  'Bürgerin ' || i,
  CASE WHEN channel = 'online' OR i % 2 = 0 THEN 'buergerin' || printf('%07d', i) || '@example.org' END,
  CASE WHEN channel != 'online' OR i % 3 = 0 THEN '+49 471 ' || printf('%07d', i) END,
  min(start - 86400 * (1 + i % 14), {now} - 3600 - i % 3600), 0
FROM shaped;
UPDATE fill SET updated_at = CASE status
  WHEN 'cancelled' THEN min(start - 3600, {now} - 600)
  WHEN 'confirmed' THEN created_at
  ELSE start + 300 END;

INSERT INTO bookings(id, code, office_id, status, channel, start, end, local_date, staff_override,
    contact_name, contact_email, contact_phone, note, manage_token_hash, created_at,
    created_by, created_by_account_id, updated_at, language, confirm_by, confirm_token_hash, erased_at)
SELECT f.i + 1, f.code, '{benchlib.BENCH_OFFICE}', f.status, f.channel, f.start, f.start + 300, d.local_date, 0,
  f.name, f.email, f.phone, CASE WHEN f.i % 20 = 0 THEN 'Kommt mit Rollstuhl, bitte ebenerdig' END,
  randomblob(32), f.created_at,
  CASE f.channel WHEN 'phone' THEN '{agent[1]}' WHEN 'desk' THEN '{clerk[1]}' END,
  CASE f.channel WHEN 'phone' THEN {agent[0]} WHEN 'desk' THEN {clerk[0]} END,
  f.updated_at, CASE WHEN f.i % 7 = 0 THEN 'en' ELSE 'de' END, NULL, NULL, NULL
FROM fill f JOIN fill_days d ON d.n = f.day;
INSERT INTO booking_services(booking_id, service_id, quantity, position)
  SELECT i + 1, '{benchlib.BENCH_SERVICE}', 1, 0 FROM fill;
INSERT INTO booking_slots(booking_id, slot_start) SELECT i + 1, start FROM fill WHERE status != 'cancelled';
INSERT INTO slot_usage(office_id, slot_start, booked, total)
  SELECT '{benchlib.BENCH_OFFICE}', start, count(*), {COUNTERS} FROM fill WHERE status != 'cancelled' GROUP BY start;
INSERT INTO booking_contact_keys(booking_id, key)
  SELECT i + 1, 'e:' || email FROM fill WHERE email IS NOT NULL
  UNION ALL SELECT i + 1, 'p:+49471' || printf('%07d', i) FROM fill WHERE phone IS NOT NULL;

INSERT INTO booking_events(booking_id, at, action, channel, account_id, actor, on_behalf_of, detail)
SELECT i + 1, created_at, 'created', channel,
  CASE channel WHEN 'phone' THEN {agent[0]} WHEN 'desk' THEN {clerk[0]} END,
  CASE channel WHEN 'phone' THEN '{agent[1]}' WHEN 'desk' THEN '{clerk[1]}' END,
  CASE WHEN channel != 'online' THEN name END, NULL FROM fill
UNION ALL
SELECT i + 1, updated_at, 'cancelled', channel,
  CASE channel WHEN 'phone' THEN {agent[0]} WHEN 'desk' THEN {clerk[0]} END,
  CASE channel WHEN 'phone' THEN '{agent[1]}' WHEN 'desk' THEN '{clerk[1]}' END,
  CASE WHEN channel != 'online' THEN name END, NULL FROM fill WHERE status = 'cancelled'
UNION ALL
SELECT i + 1, start - 120, 'checkedIn', 'desk', {clerk[0]}, '{clerk[1]}', name, NULL FROM fill WHERE status = 'completed'
UNION ALL
SELECT i + 1, updated_at, status, 'desk', {clerk[0]}, '{clerk[1]}', name, NULL FROM fill WHERE status IN ('completed', 'noShow');

-- A few e-mails: the last days' confirmations, sent, as the delivery worker leaves them.
INSERT INTO outbox(message_id, kind, language, recipient, office_id, booking_id, facts, created_at, status,
                   attempts, next_attempt_at, settled_at, last_error)
SELECT 'tb.' || lower(hex(randomblob(16))), 'confirmation', 'de', email, '{benchlib.BENCH_OFFICE}', i + 1,
  json_object('booking', json_object('code', code, 'officeId', '{benchlib.BENCH_OFFICE}',
    'services', json_array(json_object('id', '{benchlib.BENCH_SERVICE}', 'quantity', 1)), 'start', start,
    'end', start + 300, 'channel', channel, 'name', name, 'manageToken', lower(hex(randomblob(32))))),
  created_at, 'sent', 1, created_at, created_at + 5, NULL
FROM fill WHERE email IS NOT NULL AND i % 100 = 0;
COMMIT;
PRAGMA journal_mode = WAL;
"""
    subprocess.run(["sqlite3", database], input=sql, text=True, check=True, stdout=subprocess.DEVNULL)




def add_accounts(binary, work):
    """The agent who takes the phone bookings and the clerk at the desk, as
    the office would have them; answers their (id, username)."""
    database = os.path.join(work, "bench.sqlite")
    password = os.path.join(work, "password")
    with open(password, "w") as f:
        f.write("bench-password-1234\n")
    cheap = dict(os.environ, TERMINBUCH_TEST_MODE="1", TERMINBUCH_TEST_PASSWORD_COST="1")  # nobody signs in
    for username, scope in (("bench-agent", ["--role", "agent", "--municipality", "bench"]),
                            ("bench-clerk", ["--role", "staff", "--office", benchlib.BENCH_OFFICE])):
        subprocess.run([binary, "user", "add", "--username", username, *scope, "--password-file", password,
                        "--database", database], check=True, stdout=subprocess.DEVNULL, env=cheap)
    ids = dict((name, int(id_)) for id_, name in sqlite(database, "SELECT id, username FROM accounts"))
    return (ids["bench-agent"], "bench-agent"), (ids["bench-clerk"], "bench-clerk")


def check_filled(database, bookings):
    """What the server's own writes keep true, checked on the filled file."""
    problems = []
    for pragma in ("quick_check", "foreign_key_check"):
        rows = sqlite(database, f"PRAGMA {pragma};")
        if rows != ([["ok"]] if pragma == "quick_check" else []):
            problems.append(f"{pragma}: {rows[:5]}")
    mismatched = sqlite(database, """
        WITH per_slot AS (SELECT b.office_id, s.slot_start, count(*) AS n FROM booking_slots s
                          JOIN bookings b ON b.id = s.booking_id WHERE b.status != 'cancelled' GROUP BY 1, 2)
        SELECT u.slot_start, u.booked, u.total, p.n FROM slot_usage u
        LEFT JOIN per_slot p ON p.office_id = u.office_id AND p.slot_start = u.slot_start
        WHERE u.booked != coalesce(p.n, 0) OR u.booked > u.total
        UNION ALL
        SELECT p.slot_start, NULL, NULL, p.n FROM per_slot p
        LEFT JOIN slot_usage u ON u.office_id = p.office_id AND u.slot_start = p.slot_start WHERE u.slot_start IS NULL
        LIMIT 5;""")
    if mismatched:
        problems.append(f"slot_usage differs from the bookings per slot: {mismatched}")
    cancelled_slots = sqlite(database, "SELECT count(*) FROM booking_slots s JOIN bookings b ON b.id = s.booking_id "
                                       "WHERE b.status = 'cancelled';")[0][0]
    if cancelled_slots != "0":
        problems.append(f"{cancelled_slots} slots still held by cancelled bookings")
    keyless = sqlite(database, "SELECT count(*) FROM bookings b WHERE NOT EXISTS "
                               "(SELECT 1 FROM booking_contact_keys k WHERE k.booking_id = b.id);")[0][0]
    if keyless != "0":
        problems.append(f"{keyless} bookings without a contact key")
    count = int(sqlite(database, "SELECT count(*) FROM bookings;")[0][0])
    if count != bookings:
        problems.append(f"{count} bookings in the file, {bookings} written")
    if problems:
        raise SystemExit("the filled database breaks the server's invariants:\n  " + "\n  ".join(problems))


class ServerLog:
    """The server's JSON log, read as it grows: the line each retention run
    says when it has finished, `terminbuch: retention run (daily) …`."""

    def __init__(self, path):
        self.path, self.offset, self.partial = path, 0, ""
        self.runs = {}

    def run(self, trigger):
        """The line of the run of `trigger` (startup, daily), once said."""
        with open(self.path) as f:
            f.seek(self.offset)
            text = self.partial + f.read()
            self.offset = f.tell()
        *lines, self.partial = text.split("\n")
        for line in lines:
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if entry.get("event") == "retention":
                said = next((name for name in ("startup", "daily") if f"({name})" in entry.get("message", "")), None)
                self.runs[said] = entry
        return self.runs.get(trigger)

    def wait_for(self, trigger, timeout):
        deadline = time.time() + timeout
        while not self.run(trigger):
            if time.time() > deadline:
                raise SystemExit(f"no {trigger} retention run within {timeout} s; the server said:\n"
                                 + open(self.path).read()[-2000:])
            time.sleep(0.05)
        return self.runs[trigger]


def booking_starts(port, d_day):
    """The free starts of the rush's days, as the slots API lists them."""
    base = f"http://127.0.0.1:{port}/api/v1/offices/{benchlib.BENCH_OFFICE}"
    starts = []
    for offset in RUSH_DAYS:
        day = d_day + datetime.timedelta(days=offset)
        listing = json.loads(urllib.request.urlopen(f"{base}/slots?services={benchlib.BENCH_SERVICE}&date={day}").read())
        starts += [slot["start"] for slot in listing["slots"]]
    if len(starts) < len(RUSH_DAYS) * SLOTS_PER_DAY:
        raise SystemExit(f"only {len(starts)} free starts on the rush's days")
    return starts


def booking(port, starts, rng, index, at):
    body = json.dumps({"officeId": benchlib.BENCH_OFFICE, "services": [{"id": benchlib.BENCH_SERVICE, "quantity": 1}],
                       "start": rng.choice(starts),
                       "contact": {"name": f"Rush Citizen {index}", "email": f"rush-{index}@example.org"}},
                      separators=(",", ":")).encode()
    head = (f"POST /api/v1/bookings HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode()
    return Request("book", at, head + body)


async def stream(port, starts, rate, connections, move_at, start_run, run_finished, after, limit, drain_seconds=15):
    """Books at `rate` per second on the schedule (open loop) from 0 s; at
    `move_at` s calls `start_run`; stops `after` s after `run_finished` says
    so (asked every 50 ms), or at `limit` s. Answers the pool, the requests,
    and when the run started and was seen finished (None if not)."""
    loop = asyncio.get_running_loop()
    pool = Pool(port, connections, loop.time())
    rng = random.Random(15)
    requests, started, finished, looked = [], None, None, 0.0
    while (finished is None or pool.clock() < finished + after) and pool.clock() < limit:
        now = pool.clock()
        while len(requests) / rate <= now:
            request = booking(port, starts, rng, len(requests), len(requests) / rate)
            requests.append(request)
            pool.submit(request)
        if started is None and now >= move_at:
            start_run()
            started = pool.clock()
        elif started is not None and finished is None and now - looked >= 0.05:
            looked = now
            if run_finished():
                finished = pool.clock()
        await asyncio.sleep(min(0.002, max(0.0, len(requests) / rate - pool.clock())))
    await drain(pool, requests, drain_seconds)
    return pool, requests, started, finished


def figures(requests, start, end):
    """count, p50, p99, max in ms of the bookings scheduled in [start, end)."""
    latencies = sorted(r.latency * 1000 for r in requests if start <= r.at < end)
    if not latencies:
        return 0, None, None, None
    return len(latencies), latencies[len(latencies) // 2], benchlib.percentile(latencies, 99), latencies[-1]


def expected_erasure(database, run_at):
    """The bookings the run must erase: ended, or cancelled, 14 days before it."""
    cutoff = run_at - RETENTION_DAYS * 86400
    return int(sqlite(database, f"SELECT count(*) FROM bookings WHERE end <= {cutoff} "
                                f"OR (status = 'cancelled' AND updated_at <= {cutoff});")[0][0])


def check_erased(database, run_at, expected):
    """After the run: the due bookings erased, every other one untouched."""
    cutoff = run_at - RETENTION_DAYS * 86400
    due = f"(b.end <= {cutoff} OR (b.status = 'cancelled' AND b.updated_at <= {cutoff}))"
    (erased, kept_data, lost_data, keys_left, behalf_left), = sqlite(database, f"""
        SELECT sum(b.erased_at IS NOT NULL),
          sum({due} AND (b.contact_name != '' OR b.contact_email IS NOT NULL OR b.contact_phone IS NOT NULL
                         OR b.note IS NOT NULL)),
          sum(NOT {due} AND (b.erased_at IS NOT NULL OR b.contact_name = '')),
          (SELECT count(*) FROM booking_contact_keys k JOIN bookings b ON b.id = k.booking_id WHERE {due}),
          (SELECT count(*) FROM booking_events e JOIN bookings b ON b.id = e.booking_id
           WHERE {due} AND e.on_behalf_of IS NOT NULL)
        FROM bookings b;""")
    problems = [text for count, text in (
        (int(erased) - expected, f"{erased} bookings erased, {expected} due"),
        (int(kept_data), f"{kept_data} due bookings keep personal data"),
        (int(lost_data), f"{lost_data} bookings not due lost theirs"),
        (int(keys_left), f"{keys_left} contact keys of due bookings left"),
        (int(behalf_left), f"{behalf_left} 'on behalf of' names of due bookings left")) if count]
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bookings", type=int, default=1_000_000)
    parser.add_argument("--rate", type=float, default=200, help="bookings/s, open loop")
    parser.add_argument("--anchor", type=float, default=15, help="seconds measured without a run")
    parser.add_argument("--warm-up", type=float, default=2, help="seconds of bookings before the anchor, not counted")
    parser.add_argument("--connections", type=int, default=256, help="most keep-alive connections at once")
    parser.add_argument("--run-limit", type=float, default=240, help="seconds the run may take before the benchmark gives up")
    parser.add_argument("--server-cores", default="0")
    parser.add_argument("--workers", type=int, default=1, help="the server's event loops")
    parser.add_argument("--keep", help="a folder that keeps the filled database for the next run (same size, same week)")
    parser.add_argument("--binary", help="a terminbuch executable to measure instead of a fresh release build")
    args = parser.parse_args()

    benchlib.require("taskset", "sqlite3")
    benchlib.raise_open_files_limit(args.connections + 100)
    binary = args.binary or benchlib.build_release()
    os.sched_setaffinity(0, {1})
    d_day = benchlib.weekday_morning(0)
    start_clock = local(d_day, 2, 50)
    run_clock = local(d_day + datetime.timedelta(days=RUN_DAY), 3, 0, 30)
    work = tempfile.mkdtemp(prefix="tb-retention-", dir=benchlib.ROOT)  # the disk the database lives on
    database = os.path.join(work, "bench.sqlite")
    server = None
    try:
        began = time.time()
        kept = args.keep and os.path.join(args.keep, f"retention-{args.bookings}-{d_day}.sqlite")
        if kept and os.path.exists(kept):
            shutil.copy(kept, database)
            print(f"the filled database of an earlier run: {kept}")
        else:
            benchlib.bench_database(binary, work)
            agent, clerk = add_accounts(binary, work)
            fill(database, args.bookings, d_day, agent, clerk)
            filled = time.time()
            check_filled(database, args.bookings)
            print(f"written in {filled - began:.0f} s, invariants checked in {time.time() - filled:.0f} s")
            if kept:
                shutil.copy(database, kept)
        expected = expected_erasure(database, int(run_clock.timestamp()))
        print(f"{args.bookings:,} bookings at {benchlib.BENCH_OFFICE} between {d_day + datetime.timedelta(days=FIRST_DAY)} "
              f"and {d_day + datetime.timedelta(days=LAST_DAY)} ({os.path.getsize(database) / 2**20:.0f} MB); "
              f"{expected:,} due at {run_clock.isoformat()}", flush=True)

        os.environ["TERMINBUCH_TEST_MODE"] = "1"  # for the test clock on standard input
        port = benchlib.free_port()
        extra = ["--now", start_clock.isoformat(), "--test-clock-on-stdin", "--retention-time", "03:00",
                 "--no-access-log", "--log-format", "json"]
        server = benchlib.start_terminbuch(binary, work, port, workers=args.workers, core=args.server_cores, extra=extra,
                                           stdin=subprocess.PIPE)
        log = ServerLog(os.path.join(work, f"terminbuch-{port}.log"))
        benchlib.wait_for(port)
        startup = log.wait_for("startup", timeout=120)
        if startup.get("level") != "info" or startup.get("counts", {}).get("bookings"):
            raise SystemExit(f"the start-up run failed or erased bookings: {startup}")
        starts = booking_starts(port, d_day)
        noise_before = benchlib.describe_noise([server.pid])

        def start_run():  # the clock past 03:00: the daily run starts
            server.stdin.write(f"{run_clock.isoformat()}\n".encode())
            server.stdin.flush()

        move_at = args.warm_up + args.anchor
        pool, requests, run_started, run_ended = asyncio.run(
            stream(port, starts, args.rate, args.connections, move_at, start_run, lambda: log.run("daily") is not None,
                   args.anchor, move_at + args.run_limit + args.anchor))
        noise_after = benchlib.describe_noise([server.pid])
        report = log.run("daily")
        benchlib.stop(server)
        server = None
        recorded = sqlite(database, "SELECT r.started_at, r.finished_at, c.kind, c.rows FROM retention_runs r "
                                    "JOIN retention_run_counts c ON c.run_id = r.id "
                                    "WHERE r.id = (SELECT max(id) FROM retention_runs) ORDER BY c.kind;")
        problems = check_erased(database, int(run_clock.timestamp()), expected) if run_ended else []
    finally:
        if server:
            benchlib.stop(server)
        shutil.rmtree(work, ignore_errors=True)

    without = figures(requests, args.warm_up, move_at)
    during = figures(requests, run_started, run_ended if run_ended else float("inf"))
    after = figures(requests, run_ended, run_ended + args.anchor) if run_ended else (0, None, None, None)
    print(f"\nbookings at {args.rate:.0f}/s over {len(requests)} requests, peak {pool.peak_open} connections; "
          f"server on core(s) {args.server_cores}, client on core 1")
    print(f"{'':<26} {'count':>7} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for name, (count, p50, p99, peak) in ((f"before the run ({args.anchor:.0f} s)", without),
                                          ("during the run", during),
                                          (f"after the run ({args.anchor:.0f} s)", after)):
        print(f"{name:<26} {count:>7} {p50 or 0:>8.2f} {p99 or 0:>8.2f} {peak or 0:>8.1f}")
    print("timeline, 10 s windows of scheduled sends (s from the first): count, p50 / p99 / max ms, answered 201")
    for window in range(0, int(requests[-1].at) + 1, 10):
        count, p50, p99, peak = figures(requests, window, window + 10)
        created = sum(1 for r in requests if window <= r.at < window + 10 and r.status == 201)
        running = run_started is not None and window + 10 > run_started and (run_ended is None or window < run_ended)
        mark = " (run)" if running else ""
        print(f"  {window:>4}-{window + 10:<4} {count:>6} {p50:>9.1f} {p99:>9.1f} {peak:>9.1f} {created:>6}{mark}")
    if without[2] and during[2]:
        print(f"p99 during / before: {during[2] / without[2]:.2f}"
              + (f"; after / before: {after[2] / without[2]:.2f}" if after[2] else ""))
    if run_ended:
        duration = run_ended - run_started
        erased = int(next((rows for _, _, kind, rows in recorded if kind == "bookings"), 0))
        recorded_seconds = int(recorded[0][1]) - int(recorded[0][0]) if recorded else None
        print(f"run: {duration:.1f} s from its start to its end's line "
              f"(recorded {recorded_seconds} s), {erased:,} bookings erased "
              f"({erased / duration:,.0f}/s), {expected:,} due; recorded: "
              + ", ".join(f"{kind} {int(rows):,}" for _, _, kind, rows in recorded))
    else:
        print(f"the run did not finish within {args.run_limit:.0f} s")
    if report:
        print(f"the server said: {report.get('message')}")
    print(f"before: {noise_before}\nafter: {noise_after}")
    statuses = {}
    for request in requests:
        statuses[request.status] = statuses.get(request.status, 0) + 1
    print("booking answers: " + ", ".join(f"{status}: {n}" for status, n in sorted(statuses.items())))
    for line in problems:
        print("WRONG:", line)
    failed = (not run_ended or problems or (report and report.get("level") != "info")
              or during[2] is None or during[2] >= TARGET_P99_MS or any(status == 0 or status >= 500 for status in statuses))
    print(f"booking p99 during the run {during[2] or 0:.2f} ms; required < {TARGET_P99_MS:.0f} ms: "
          f"{'FAILED' if failed else 'ok'}")
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
