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
    p50 = to_ms(re.search(r"50%\s+(\S+)", out).group(1))
    p99 = to_ms(re.search(r"99%\s+(\S+)", out).group(1))
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


def start_terminbuch(binary, work, port, extra=(), workers=1, core="0"):
    log = open(os.path.join(work, f"terminbuch-{port}.log"), "w")
    command = ["taskset", "-c", core, binary, "serve", "--port", str(port), "--workers", str(workers),
               "--database", os.path.join(work, "bench.sqlite"), "--public", os.path.join(ROOT, "Public"), *extra]
    return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)


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


def compare(name_a, url_a, name_b, url_b, rounds, seconds, connections):
    """Alternating rounds of a and b; returns {name: [(rps, p50, p99)]}."""
    results = {name_a: [], name_b: []}
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
