#!/usr/bin/env python3
"""The booking rush: the moment a new day opens, at a fixed request rate.

The demo offices open a new day every morning at 07:00, 42 days ahead. The
server starts on the demo database with its clock at 06:59:50 on a Monday
(`--now`), so at 07:00 the Monday six weeks later opens. As soon as it
appears in `days`, an open-loop load begins: requests are scheduled on a
timeline, not sent when the previous one returns, so a slow server faces
the same arrivals as a fast one. The rate ramps linearly from 0 to --rate
requests/s over --ramp seconds and stays there until --seconds.

Each request is one simulated citizen's step, spread over five offices and
seven (office, service) pairs, two of which take two slots per booking:
  35 %  GET  days of the office for the service (the whole window)
  35 %  GET  slots of the new day
  25 %  POST /api/v1/bookings on a random start of the new day, own contact
   5 %  POST /api/v1/holds on a random start of the new day
Every request is its own citizen: the server trusts 127.0.0.1 as a proxy and
each request names a distinct client in X-Forwarded-For, so the per-client
hold limits (3 live, 10 per 10 minutes) measure what a crowd meets, not one
host hoarding. They go over keep-alive connections opened as needed (a citizen's browser),
up to --connections; a request that finds none free waits for one, and that
wait counts. Latency is measured from the scheduled send time, so a stall
shows up in full (no coordinated omission); the generator's own lag
(submitted - scheduled) and the wait for a free connection are reported
separately, and so is the server's processor time per request.

Afterwards, with the server still running, the schedule API (as admin) gives
every slot's capacity on the new day; then the server stops and sqlite3
reads the database file read-only: PRAGMA integrity_check and
foreign_key_check, slot_usage.booked <= total and equal to the bookings
counted per slot, bookings per slot within the bookable capacity and online
bookings plus holds outside the unreleased phone reserve, and as many
bookings and holds in the file as 201s were answered. Exit status 1 on any
5xx, transport error, request still unanswered 15 s after the profile's end,
or invariant violation.

Server on core 0 (one event loop), client on core 1, database on the
repository's disk (as booking_throughput.py).

    python3 Benchmarks/booking_rush.py [--rate 2000] [--seconds 60] [--ramp 10] [--connections 2000]
                                       [--mix days:35,slots:35,book:25,hold:5] [--binary path/to/terminbuch]
"""
import argparse
import asyncio
import collections
import datetime
import json
import os
import random
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request

import benchlib

# (office, service): what the citizens of each office come for. kfz-zulassung-neu
# (30 min in 15-min slots) and personalausweis at St. Lorenz (15 min in
# 10-min slots) take two slots per booking.
TARGETS = [
    ("buergerbuero-mitte", "personalausweis"),
    ("buergerbuero-mitte", "reisepass"),
    ("buergerbuero-nord", "personalausweis"),
    ("kfz-zulassung", "kfz-zulassung-neu"),
    ("kfz-zulassung", "kfz-abmeldung"),
    ("fuehrerscheinstelle", "fuehrerschein-umtausch"),
    ("stadtteilbuero-luebeck-st-lorenz", "personalausweis"),
]
OFFICES = sorted({office for office, _ in TARGETS})
MIX = [("days", 35), ("slots", 35), ("book", 25), ("hold", 5)]
CLIENT_IDLE_SECONDS = 10  # a browser drops an idle connection before the server's 15 s


class Request:
    __slots__ = ("kind", "at", "data", "submitted", "sent", "status", "problem", "latency")

    def __init__(self, kind, at, data):
        self.kind, self.at, self.data = kind, at, data
        self.submitted = self.sent = self.status = self.problem = self.latency = None


class Connection(asyncio.Protocol):
    def __init__(self, pool):
        self.pool = pool
        self.transport = None
        self.request = None
        self.buffer = bytearray()
        self.idle_since = 0.0

    def connection_made(self, transport):
        self.transport = transport

    def send(self, request):
        self.request = request
        request.sent = self.pool.clock()
        self.transport.write(request.data)

    def data_received(self, data):
        if self.pool.closing:
            return  # the profile is over: what arrives now is not counted
        self.buffer += data
        while self.request is not None:
            head_end = self.buffer.find(b"\r\n\r\n")
            if head_end < 0:
                return
            head = bytes(self.buffer[:head_end]).decode("latin-1")
            match = re.search(r"\r\ncontent-length:\s*(\d+)", head, re.I)
            length = int(match.group(1)) if match else 0
            if len(self.buffer) < head_end + 4 + length:
                return
            body = bytes(self.buffer[head_end + 4:head_end + 4 + length])
            del self.buffer[:head_end + 4 + length]
            request, self.request = self.request, None
            request.status = int(head[9:12])
            if request.status >= 400:
                problem = re.search(rb'"type"\s*:\s*"[^"]*/([^"/]+)"', body)
                request.problem = problem.group(1).decode() if problem else "-"
            closing = re.search(r"\r\nconnection:\s*close", head, re.I) is not None
            self.pool.finished(request)
            if closing:
                self.transport.close()
            else:
                self.pool.release(self)

    def connection_lost(self, exc):
        if self.pool.closing:
            return
        self.pool.lost(self)
        if self.request is not None:
            request, self.request = self.request, None
            request.status = 0
            request.problem = f"connection lost ({exc or 'closed by the server'})"
            self.pool.finished(request)


class Pool:
    """Keep-alive connections opened on demand, used oldest-idle first."""

    def __init__(self, port, limit, started):
        self.port, self.limit, self.started = port, limit, started
        self.loop = asyncio.get_running_loop()
        self.idle = collections.deque()
        self.waiting = collections.deque()
        self.open = 0
        self.connecting = 0
        self.peak_open = 0
        self.done = []
        self.outstanding = 0
        self.closing = False

    def clock(self):
        return self.loop.time() - self.started

    def submit(self, request):
        self.outstanding += 1
        now = self.clock()
        request.submitted = now
        while self.idle:
            connection = self.idle.popleft()
            if now - connection.idle_since < CLIENT_IDLE_SECONDS:
                connection.send(request)
                return
            connection.transport.close()
        self.waiting.append(request)
        if self.open + self.connecting < self.limit:
            self.connecting += 1
            self.loop.create_task(self.connect())

    async def connect(self):
        try:
            _, connection = await self.loop.create_connection(lambda: Connection(self), "127.0.0.1", self.port)
        except OSError as error:
            self.connecting -= 1
            if self.waiting:
                request = self.waiting.popleft()
                request.status, request.problem = 0, f"connect failed ({error})"
                self.finished(request)
            return
        self.connecting -= 1
        self.open += 1
        self.peak_open = max(self.peak_open, self.open)
        self.release(connection)

    def release(self, connection):
        if self.waiting:
            connection.send(self.waiting.popleft())
        else:
            connection.idle_since = self.clock()
            self.idle.append(connection)

    def lost(self, connection):
        self.open -= 1
        try:
            self.idle.remove(connection)
        except ValueError:
            pass

    def finished(self, request):
        request.latency = self.clock() - request.at
        self.outstanding -= 1
        self.done.append(request)


def schedule(rate, seconds, ramp):
    """Send times of a linear ramp 0 -> rate over `ramp` s, then `rate` until `seconds`."""
    times = []
    k = 0
    while True:
        k += 1
        # Invert the cumulative count C(t) = rate t^2 / (2 ramp), then rate (t - ramp / 2).
        if ramp > 0 and k <= rate * ramp / 2:
            t = (2 * ramp * k / rate) ** 0.5
        else:
            t = k / rate + ramp / 2
        if t >= seconds:
            return times
        times.append(t)


def build_requests(times, port, day, starts, seed, mix):
    rng = random.Random(seed)
    kinds = [kind for kind, weight in mix for _ in range(weight)]
    bookable = [target for target in TARGETS if starts[target]]
    host = f"Host: 127.0.0.1:{port}\r\n"
    requests = []
    for index, at in enumerate(times):
        kind = rng.choice(kinds)
        client = f"X-Forwarded-For: 10.{index >> 16 & 255}.{index >> 8 & 255}.{index & 255}\r\n"
        office, service = rng.choice(TARGETS if kind in ("days", "slots") else bookable)
        if kind == "days":
            data = f"GET /api/v1/offices/{office}/days?services={service} HTTP/1.1\r\n{host}{client}\r\n".encode()
        elif kind == "slots":
            data = f"GET /api/v1/offices/{office}/slots?services={service}&date={day} HTTP/1.1\r\n{host}{client}\r\n".encode()
        else:
            body = {"officeId": office, "services": [{"id": service, "quantity": 1}],
                    "start": rng.choice(starts[(office, service)])}
            if kind == "book":
                body["contact"] = {"name": f"Rush Citizen {index}", "email": f"rush-{seed}-{index}@example.org"}
            payload = json.dumps(body, separators=(",", ":")).encode()
            path = "/api/v1/bookings" if kind == "book" else "/api/v1/holds"
            data = (f"POST {path} HTTP/1.1\r\n{host}{client}Content-Type: application/json\r\n"
                    f"Content-Length: {len(payload)}\r\n\r\n").encode() + payload
        requests.append(Request(kind, at, data))
    return requests


async def run_profile(port, requests, connections, drain_seconds=15):
    loop = asyncio.get_running_loop()
    pool = Pool(port, connections, loop.time())
    index = 0
    while index < len(requests):
        now = pool.clock()
        while index < len(requests) and requests[index].at <= now:
            pool.submit(requests[index])
            index += 1
        if index < len(requests):
            await asyncio.sleep(min(0.002, max(0.0, requests[index].at - pool.clock())))
    await drain(pool, requests, drain_seconds)
    return pool


async def drain(pool, requests, drain_seconds):
    """Waits up to `drain_seconds` for the answers still out, then counts
    every request without one as unanswered."""
    end = pool.clock() + drain_seconds
    while pool.outstanding and pool.clock() < end:
        await asyncio.sleep(0.01)
    pool.closing = True
    for request in requests:
        if request.status is None:
            request.status, request.problem, request.latency = 0, f"no answer {drain_seconds} s after the end", pool.clock() - request.at
            pool.done.append(request)


# --- the server and its API, before and after ---

def api(port, path, cookie=None, body=None):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}",
                                     data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Content-Type": "application/json", **({"Cookie": cookie} if cookie else {})})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read()), response.headers


def sign_in(port):
    _, headers = api(port, "/api/v1/session", body={"username": "admin", "password": "demo"})
    return headers["Set-Cookie"].split(";")[0]


def wait_for_release(port, day, timeout=60):
    office, service = TARGETS[0]
    deadline = time.time() + timeout
    while time.time() < deadline:
        listing, _ = api(port, f"/api/v1/offices/{office}/days?services={service}&from={day}&to={day}")
        if any(entry["date"] == day for entry in listing["days"]):
            return
        time.sleep(0.05)
    raise SystemExit(f"{day} did not open within {timeout} s")


def capacities(port, cookie, day):
    return {office: api(port, f"/api/v1/offices/{office}/schedule?date={day}", cookie)[0] for office in OFFICES}


def processor_seconds(pid):
    """User and system time of a process, all threads, in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def epoch(instant):
    return int(datetime.datetime.fromisoformat(instant).timestamp())


def sqlite(database, sql):
    out = subprocess.run(["sqlite3", "-readonly", "-separator", "|", database, sql],
                         capture_output=True, text=True, check=True).stdout
    return [line.split("|") for line in out.splitlines() if line]


def check_invariants(database, schedules, day, created, holds_created, released):
    """Returns the list of violations (empty when all hold) and a summary."""
    violations = []
    integrity = sqlite(database, "PRAGMA integrity_check;")
    if integrity != [["ok"]]:
        violations.append(f"integrity_check: {integrity[:5]}")
    foreign = sqlite(database, "PRAGMA foreign_key_check;")
    if foreign:
        violations.append(f"foreign_key_check: {foreign[:5]}")
    over = sqlite(database, "SELECT office_id, slot_start, booked, total FROM slot_usage WHERE booked > total OR booked < 0;")
    if over:
        violations.append(f"slot_usage over capacity: {over[:5]}")

    active = "b.status NOT IN ('cancelled')"
    per_slot = {(office, int(slot)): (int(total), int(online)) for office, slot, total, online in sqlite(database, f"""
        SELECT b.office_id, s.slot_start, count(*), sum(b.channel = 'online')
        FROM booking_slots s JOIN bookings b ON b.id = s.booking_id
        WHERE b.local_date = '{day}' AND {active} GROUP BY b.office_id, s.slot_start;""")}
    usage = {(office, int(slot)): (int(booked), int(total)) for office, slot, booked, total in sqlite(database, f"""
        SELECT office_id, slot_start, booked, total FROM slot_usage
        WHERE slot_start IN (SELECT s.slot_start FROM booking_slots s JOIN bookings b ON b.id = s.booking_id
                             WHERE b.local_date = '{day}');""")}
    last_activity = int(sqlite(database, "SELECT coalesce(max(created_at), 0) FROM holds;")[0][0])
    holds = collections.Counter()
    for office, start, end, expires in sqlite(database, "SELECT office_id, start, end, expires_at FROM holds;"):
        if int(expires) > last_activity:
            holds[(office, int(start), int(end))] += 1
    rules = sqlite(database, "SELECT office_id, weekdays, band_start, band_end, phone_reserve FROM opening_rules;")
    weekday = datetime.date.fromisoformat(day).strftime("%A").lower()

    slots_checked = 0
    for office, schedule in schedules.items():
        for row in schedule["capacity"]:
            slot = epoch(row["start"])
            local = datetime.datetime.fromisoformat(row["start"]).strftime("%H:%M")
            bookable = row["total"] - row["walkIn"]
            reserve = 0
            for rule_office, days, band_start, band_end, phone in rules:
                if rule_office == office and weekday in days.split(",") and band_start <= local < band_end:
                    reserve = min(int(phone), bookable)
            booked, online = per_slot.get((office, slot), (0, 0))
            held = sum(n for (o, start, end), n in holds.items() if o == office and start <= slot < end)
            slots_checked += 1
            where = f"{office} {row['start']}"
            if booked > row["total"]:
                violations.append(f"{where}: {booked} bookings > total {row['total']}")
            if booked > bookable:
                violations.append(f"{where}: {booked} bookings > bookable {bookable}")
            if online + held > bookable - reserve:
                violations.append(f"{where}: {online} online bookings + {held} holds > {bookable - reserve} "
                                  f"(bookable {bookable} less the unreleased phone reserve {reserve})")
            if booked != row["booked"]:
                violations.append(f"{where}: the file has {booked} bookings, the schedule API says {row['booked']}")
            if (office, slot) in usage and usage[(office, slot)][0] != booked:
                violations.append(f"{where}: slot_usage.booked {usage[(office, slot)][0]} != {booked} bookings")
    in_file = int(sqlite(database, f"SELECT count(*) FROM bookings WHERE local_date = '{day}' "
                                   f"AND created_at >= {released};")[0][0])
    if in_file != created:
        violations.append(f"{created} bookings answered 201, {in_file} in the file")
    holds_in_file = int(sqlite(database, f"SELECT count(*) FROM holds WHERE created_at >= {released};")[0][0])
    if holds_in_file != holds_created:
        violations.append(f"{holds_created} holds answered 201, {holds_in_file} in the file")
    booked_total = sum(n for n, _ in per_slot.values())
    return violations, (f"{slots_checked} slots of {day} at {len(schedules)} offices checked; {in_file} bookings "
                        f"({booked_total} slot-bookings), {holds_in_file} holds in the file")


def summarize(pool, requests, seconds, mix):
    print(f"\n{len(requests)} requests scheduled over {seconds} s; peak {pool.peak_open} connections open")
    for name, values in (("generator lag (submitted - scheduled)",
                          sorted(r.submitted - r.at for r in requests if r.submitted is not None)),
                         ("wait for a free connection (sent - submitted)",
                          sorted(r.sent - r.submitted for r in requests if r.sent is not None))):
        if values:
            print(f"{name}: p50 {values[len(values) // 2] * 1000:.2f} ms, "
                  f"p99 {benchlib.percentile(values, 99) * 1000:.2f} ms, max {values[-1] * 1000:.1f} ms")
    print(f"{'endpoint':<8} {'count':>7} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8}  statuses")
    for kind, _ in mix:
        rows = [r for r in requests if r.kind == kind]
        if not rows:
            continue
        latencies = sorted(r.latency * 1000 for r in rows)
        statuses = collections.Counter(
            f"{r.status}" + (f" {r.problem}" if r.problem and r.status != 404 else "") for r in rows)
        text = ", ".join(f"{status}: {n}" for status, n in sorted(statuses.items()))
        print(f"{kind:<8} {len(rows):>7} {latencies[len(latencies) // 2]:>8.2f} "
              f"{benchlib.percentile(latencies, 90):>8.2f} {benchlib.percentile(latencies, 99):>8.2f} "
              f"{latencies[-1]:>8.1f}  {text}")
    print("\ntimeline (s after the opening): scheduled req/s, bookings 201/409, holds 201, p50/p99/max ms of all")
    windows = [(t, t + 1) for t in range(min(10, seconds))] + [(t, min(t + 5, seconds)) for t in range(10, seconds, 5)]
    for start, end in windows:
        window = [r for r in requests if start <= r.at < end]
        latencies = sorted(r.latency * 1000 for r in window)
        created = sum(1 for r in window if r.kind == "book" and r.status == 201)
        conflicts = sum(1 for r in window if r.kind == "book" and r.status == 409)
        held = sum(1 for r in window if r.kind == "hold" and r.status == 201)
        if latencies:
            print(f"  {start:>3}-{end:<3} {len(window) / (end - start):>7.0f}   {created:>4}/{conflicts:<6} {held:>4}   "
                  f"{latencies[len(latencies) // 2]:7.2f} {benchlib.percentile(latencies, 99):8.2f} {latencies[-1]:8.1f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=2000, help="requests/s after the ramp")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--ramp", type=float, default=10)
    parser.add_argument("--connections", type=int, default=2000, help="most keep-alive connections at once")
    parser.add_argument("--server-cores", default="0")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--weeks-ahead", type=int, default=1,
                        help="the server's Monday is at least this many weeks from today")
    parser.add_argument("--mix", default=",".join(f"{kind}:{weight}" for kind, weight in MIX),
                        help="percentages of days, slots, book and hold")
    parser.add_argument("--binary", help="a terminbuch executable to measure instead of a fresh release build")
    args = parser.parse_args()
    mix = [(kind, int(weight)) for kind, weight in (part.split(":") for part in args.mix.split(","))]

    benchlib.require("taskset", "sqlite3")
    benchlib.raise_open_files_limit(args.connections + 100)
    binary = args.binary or benchlib.build_release()
    os.sched_setaffinity(0, {1})
    monday = benchlib.weekday_morning(0, args.weeks_ahead)
    day = str(monday + datetime.timedelta(days=42))
    now = f"{monday}T06:59:50{benchlib.berlin_offset(monday)}"
    work = tempfile.mkdtemp(prefix="tb-rush-", dir=benchlib.ROOT)  # the disk the database lives on
    port = benchlib.free_port()
    server = benchlib.start_terminbuch(binary, work, port, workers=args.workers, core=args.server_cores,
                                       extra=["--now", now, "--no-access-log", "--trusted-proxies", "127.0.0.1/32"])
    database = os.path.join(work, "bench.sqlite")
    stopped = False
    try:
        benchlib.wait_for(port)
        cookie = sign_in(port)
        before = capacities(port, cookie, day)
        if sum(len(s["capacity"]) for s in before.values()) == 0:
            raise SystemExit(f"no office opens on {day} (a public holiday?): try --weeks-ahead {args.weeks_ahead + 1}")
        noise_before = benchlib.describe_noise([server.pid])
        wait_for_release(port, day)
        starts = {}
        for office, service in TARGETS:
            listing, _ = api(port, f"/api/v1/offices/{office}/slots?services={service}&date={day}")
            starts[(office, service)] = [slot["start"] for slot in listing["slots"]]
        print(f"server clock started at {now}; {day} opened; {sum(map(len, starts.values()))} starts for "
              f"{len(TARGETS)} (office, service) pairs; profile: 0 -> {args.rate:.0f} req/s over {args.ramp:.0f} s, "
              f"{args.seconds} s in all, up to {args.connections} connections", flush=True)
        times = schedule(args.rate, args.seconds, args.ramp)
        requests = build_requests(times, port, day, starts, args.seed, mix)
        benchlib.reset_peak_rss([server.pid])  # not the demo seeding's scrypt
        cpu_before = processor_seconds(server.pid)
        pool = asyncio.run(run_profile(port, requests, args.connections))
        server_cpu = processor_seconds(server.pid) - cpu_before
        noise_after = benchlib.describe_noise([server.pid])
        after = capacities(port, cookie, day)
        memory = benchlib.peak_rss_kib([server.pid])
        benchlib.stop(server)
        stopped = True
        created = sum(1 for r in requests if r.kind == "book" and r.status == 201)
        held = sum(1 for r in requests if r.kind == "hold" and r.status == 201)
        # created_at is on the server's clock, which was set: the rush began at its 07:00.
        released = epoch(f"{monday}T07:00:00{benchlib.berlin_offset(monday)}")
        violations, checked = check_invariants(database, after, day, created, held, released)
    finally:
        if not stopped:
            benchlib.stop(server)
        log = open(os.path.join(work, f"terminbuch-{port}.log")).read()
        shutil.rmtree(work, ignore_errors=True)

    summarize(pool, requests, args.seconds, mix)
    server_errors = sum(1 for r in requests if r.status >= 500)
    transport_errors = sum(1 for r in requests if r.status == 0 and not r.problem.startswith("no answer"))
    unanswered = sum(1 for r in requests if r.status == 0 and r.problem.startswith("no answer"))
    print(f"\nserver: peak RSS during the rush {memory / 1024:.1f} MB; processor time {server_cpu:.1f} s "
          f"({server_cpu / len(requests) * 1e6:.0f} µs per request)")
    print(f"before the rush: {noise_before}\nafter it: {noise_after}")
    print(f"invariants: {checked}")
    for line in violations:
        print("VIOLATION:", line)
    said = [line for line in log.splitlines() if "error" in line.lower()]
    for line in said[:10]:
        print("server said:", line)
    failed = bool(violations or server_errors or transport_errors or unanswered)
    print(f"5xx: {server_errors}, transport errors: {transport_errors}, unanswered: {unanswered}, "
          f"invariant violations: {len(violations)}: {'FAILED' if failed else 'ok'}")
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
