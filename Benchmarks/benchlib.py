"""Shared pieces of the benchmarks: building, starting servers on core 0,
running wrk on core 1, reading peak memory, printing tables."""
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def require(*tools):
    for tool in tools:
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is missing: apt-get install nginx-light wrk util-linux sqlite3")


def build_release():
    subprocess.run(["swift", "build", "-c", "release", "--product", "terminbuch"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    return subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout.strip() + "/terminbuch"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"nothing listening on {port}")


def peak_rss_kib(pids):
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total


def reset_peak_rss(pids):
    """Forgets the peak so far (Linux: 5 > clear_refs), so the figure is the
    peak under the measured load, not of start-up work such as hashing the
    demo accounts' passwords."""
    for pid in pids:
        try:
            with open(f"/proc/{pid}/clear_refs", "w") as f:
                f.write("5")
        except OSError:
            pass


def children(pid):
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def to_ms(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(url, seconds, connections, core="1", script=None):
    """Runs wrk pinned to `core`; returns (requests/s, p50 ms, p99 ms)."""
    command = ["taskset", "-c", core, "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        command += ["-s", script]
    out = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    if re.search(r"Non-2xx or 3xx responses: (\d+)", out) or re.search(r"Socket errors: (.*)", out):
        print(out, file=sys.stderr)
        raise SystemExit("wrk saw errors")
    return rps, p50, p99


def start_nginx(work, port, root):
    """nginx with one worker on core 0, serving `root` under /static/."""
    conf = os.path.join(work, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""
worker_processes 1;
daemon off;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    types {{ application/json json; }}
    access_log {work}/nginx-access.log;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_requests 1000000;
    keepalive_timeout 15s;
    open_file_cache max=1000 inactive=60s;
    open_file_cache_valid 60s;
    server {{
        listen 127.0.0.1:{port};
        location /static/ {{ alias {root}/; }}
    }}
}}
""")
    return subprocess.Popen(["taskset", "-c", "0", "nginx", "-c", conf, "-p", work],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def start_terminbuch(binary, work, port, extra=(), workers=1, core="0", wrapper=(), stdin=None):
    """`wrapper` goes before everything, e.g. ["prlimit", "--nofile=1024:"];
    `stdin=subprocess.PIPE` for a server that reads its test clock there.

    Every client of a benchmark is one host, 127.0.0.1, holding up to 10,000
    connections: the per-client connection cap is raised past that, so the
    benchmarks keep measuring the event loop under that many connections.
    Without a mail flag in `extra` it sends no e-mail (`--no-mail`): the
    other benchmarks measure what they always did, and write no Maildir."""
    mail_flags = ("--mail-dir", "--smtp-url", "--sendmail", "--no-mail")
    mail = [] if any(str(flag).split("=")[0] in mail_flags for flag in extra) else ["--no-mail"]
    log = open(os.path.join(work, f"terminbuch-{port}.log"), "w")
    command = [*wrapper, "taskset", "-c", core, binary, "serve", "--port", str(port), "--workers", str(workers),
               "--database", os.path.join(work, "bench.sqlite"), "--public", os.path.join(ROOT, "Public"),
               "--connections-per-client", "1000000", *mail, *extra]
    return subprocess.Popen(command, stdin=stdin, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)


def stop(*processes):
    for process in processes:
        process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def median(values):
    values = sorted(values)
    return values[len(values) // 2]


def compare(name_a, url_a, name_b, url_b, rounds, seconds, connections, pids=()):
    """Alternating rounds of a and b; returns {name: [(rps, p50, p99)]}.
    The peak memory of `pids` is reset once, before the first round."""
    results = {name_a: [], name_b: []}
    reset_peak_rss(pids)
    for round_ in range(rounds):
        for name, url in ((name_a, url_a), (name_b, url_b)):
            subprocess.run(["taskset", "-c", "1", "wrk", "-t1", "-c8", "-d1s", url], capture_output=True)  # warm-up
            rps, p50, p99 = wrk(url, seconds, connections)
            results[name].append((rps, p50, p99))
            print(f"round {round_ + 1}  {name:<11} {rps:>10.0f} req/s   p50 {p50:6.3f} ms   p99 {p99:6.3f} ms", flush=True)
    return results


def report(title, results, memory, baseline, subject, required):
    print(f"\n{title}")
    print(f"{'server':<11} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'peak RSS':>10}")
    summary = {}
    for name, rows in results.items():
        rps, p50, p99 = (median([r[i] for r in rows]) for i in range(3))
        summary[name] = rps
        print(f"{name:<11} {rps:>10.0f} {p50:>8.3f} {p99:>8.3f} {memory[name] / 1024:>8.1f} MB")
    ratio = summary[subject] / summary[baseline]
    pairs = [s[0] / b[0] for b, s in zip(results[baseline], results[subject])]
    print(f"ratio {subject}/{baseline}: {ratio:.2f} (pairs: {', '.join(f'{r:.2f}' for r in pairs)}); required {required:.2f}")
    return ratio >= required


BENCH_OFFICE = "bench-office"
BENCH_SERVICE = "bench-service"

# The benchmark office (Examples/bench/catalogue.json), with room for a million
# bookings: 200 counters, 5-minute slots, 07:00-20:00 every day, no notice, no
# holidays, no contact limit to speak of.
BENCH_CATALOGUE = os.path.join(ROOT, "Examples", "bench", "catalogue.json")


def bench_database(binary, work):
    """A database with the schema (made by the server itself) and the bench
    office, imported as a city imports its catalogue."""
    port = free_port()
    server = start_terminbuch(binary, work, port, extra=["--no-demo"])
    wait_for(port)
    stop(server)
    subprocess.run([binary, "catalogue", "import", BENCH_CATALOGUE, "--database", os.path.join(work, "bench.sqlite")],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def fsync_rate(directory, seconds=3.0):
    """What the disk under `directory` can do: 4 KiB appends, each fsynced."""
    path = os.path.join(directory, "fsync-probe")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    block = b"x" * 4096
    count = 0
    started = time.time()
    while time.time() - started < seconds:
        os.write(fd, block)
        os.fsync(fd)
        count += 1
    elapsed = time.time() - started
    os.close(fd)
    os.unlink(path)
    return count / elapsed


BOOKING_SCRIPT = """
-- Books random starts of the bench office with a unique contact each;
-- counts answers by status per thread and prints them at the end.
local starts = dofile(os.getenv("TB_STARTS"))
local counter = 0
statuses = {}
local threads = {}
math.randomseed(os.time())

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function request()
  counter = counter + 1
  local start = starts[math.random(#starts)]
  local body = '{"officeId":"bench-office","services":[{"id":"bench-service","quantity":1}],"start":"' .. start ..
    '","contact":{"name":"Bench ' .. id .. '-' .. counter .. '","email":"b' .. id .. '-' .. counter .. '@example.org"}}'
  return wrk.format("POST", "/api/v1/bookings", {["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, n in pairs(counts) do totals[status] = (totals[status] or 0) + n end
  end
  for status, n in pairs(totals) do io.write(string.format("status %d %d\\n", status, n)) end
  io.write(string.format("latency p50 %d\\nlatency p99 %d\\n", latency:percentile(50), latency:percentile(99)))
end
"""


def bench_starts(port, days=42, per_day=None):
    """Every start of the bench office over the next `days` days, as a Lua file's table."""
    import json
    import urllib.request
    base = f"http://127.0.0.1:{port}/api/v1/offices/{BENCH_OFFICE}"
    listing = json.loads(urllib.request.urlopen(f"{base}/days?services={BENCH_SERVICE}").read())["days"][:days]
    starts = []
    for day in listing:
        slots = json.loads(urllib.request.urlopen(f"{base}/slots?services={BENCH_SERVICE}&date={day['date']}").read())["slots"]
        starts += [slot["start"] for slot in slots][:per_day]
    return starts


def write_booking_script(work, starts):
    starts_file = os.path.join(work, "starts.lua")
    with open(starts_file, "w") as f:
        f.write("return {" + ",".join(f'"{s}"' for s in starts) + "}\n")
    script = os.path.join(work, "book.lua")
    with open(script, "w") as f:
        f.write(BOOKING_SCRIPT)
    return script, starts_file


def wrk_bookings(port, script, starts_file, seconds, connections, threads=1, core="1"):
    """Runs the booking script; returns (statuses dict, wrk output)."""
    env = dict(os.environ, TB_STARTS=starts_file)
    out = subprocess.run(["taskset", "-c", core, "wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
                          "-s", script, f"http://127.0.0.1:{port}"], capture_output=True, text=True, check=True, env=env).stdout
    statuses = {int(m.group(1)): int(m.group(2)) for m in re.finditer(r"status (\d+) (\d+)", out)}
    return statuses, out


# --- Shared by the load and attack scripts (slow clients, idle connections, booking rush) ---

def wrk_start(url, seconds, connections, core="1", timeout="2s", headers=()):
    """Starts wrk pinned to `core` without waiting; `wrk_result` reads it."""
    command = ["taskset", "-c", core, "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency",
               f"--timeout={timeout}"]
    for header in headers:
        command += ["-H", header]
    return subprocess.Popen(command + [url], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def wrk_result(process):
    """Waits for a `wrk_start` run; returns requests/s, p50/p90/p99/max ms,
    the request count and the errors wrk saw (socket errors, non-2xx/3xx)."""
    out, _ = process.communicate()
    if process.returncode != 0 or "Requests/sec" not in out:
        raise SystemExit(f"wrk failed:\n{out}")
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "max": to_ms(re.search(r"Latency\s+\S+\s+\S+\s+(\S+)", out).group(1)),
        "errors": 0,
        "output": out,
    }
    for percent in (50, 90, 99):
        result[f"p{percent}"] = to_ms(re.search(rf"^\s+{percent}%\s+(\S+)", out, re.M).group(1))
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if socket_errors:
        result["errors"] += sum(int(n) for n in socket_errors.groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_2xx:
        result["errors"] += int(non_2xx.group(1))
    return result


def rss_kib(pid):
    """Current resident memory (VmRSS) of one process."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def established(port):
    """Established TCP connections whose local port is `port`: the server's side."""
    out = subprocess.run(["ss", "-Htn", "state", "established", f"( sport = :{port} )"],
                         capture_output=True, text=True).stdout
    return sum(1 for line in out.splitlines() if line.strip())


def raise_open_files_limit(needed):
    """Raises this process's soft RLIMIT_NOFILE to the hard limit; fails when
    the hard limit is below `needed`."""
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if hard != resource.RLIM_INFINITY and hard < needed:
        raise SystemExit(f"the open-files limit is {hard}, {needed} are needed: ulimit -Hn {needed} (as root)")
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def weekday_morning(weekday=0, weeks_ahead=1):
    """The date of a coming weekday (0 = Monday), at least a week ahead, as
    the demo's `--now` days are picked."""
    import datetime
    today = datetime.date.today()
    return today + datetime.timedelta(days=(weekday - today.weekday()) % 7 + 7 * weeks_ahead)


def berlin_offset(date):
    """The UTC offset of Europe/Berlin on `date` as `+01:00` or `+02:00`."""
    import datetime
    from zoneinfo import ZoneInfo
    moment = datetime.datetime(date.year, date.month, date.day, 12, tzinfo=ZoneInfo("Europe/Berlin"))
    return moment.strftime("%z")[:3] + ":" + moment.strftime("%z")[3:]


def percentile(sorted_values, percent):
    """Nearest-rank percentile of an already sorted list (None when empty)."""
    if not sorted_values:
        return None
    import math
    rank = math.ceil(percent / 100 * len(sorted_values))
    return sorted_values[max(0, min(len(sorted_values), rank) - 1)]


def busy_processes(exclude=(), seconds=1.0, threshold=10.0):
    """Other processes using more than `threshold` % of a core over `seconds`:
    the noise of a shared machine, printed next to the figures it disturbs."""
    def sample():
        ticks = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as f:
                        text = f.read()
                except OSError:
                    continue
                name = text[text.index("(") + 1:text.rindex(")")]
                fields = text.rsplit(")", 1)[1].split()
                ticks[int(entry)] = (name, int(fields[11]) + int(fields[12]))
        return ticks
    first = sample()
    time.sleep(seconds)
    second = sample()
    hertz = os.sysconf("SC_CLK_TCK")
    busy = []
    for pid, (name, ticks) in second.items():
        if pid in exclude or pid == os.getpid() or pid not in first:
            continue
        percent = (ticks - first[pid][1]) / hertz / seconds * 100
        if percent >= threshold:
            busy.append((name, round(percent)))
    return sorted(busy, key=lambda entry: -entry[1])


def describe_noise(exclude=()):
    busy = busy_processes(exclude)
    return "other load: " + (", ".join(f"{name} {percent}%" for name, percent in busy) if busy else "none") \
        + f" (load average {os.getloadavg()[0]:.2f})"
