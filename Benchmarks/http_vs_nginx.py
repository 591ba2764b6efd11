#!/usr/bin/env python3
"""Our HTTP server against nginx, serving the same static file, measured side
by side in the same run.

Both servers run on core 0 (nginx with one worker, terminbuch with one event
loop); wrk runs pinned to core 1. Rounds alternate nginx / terminbuch, so a
noisy moment hurts both. Prints requests/s, latency p50/p99 and peak resident
memory for each, and the throughput ratio; exits 1 below the required ratio.

    python3 Benchmarks/http_vs_nginx.py [--rounds 3] [--seconds 10] [--connections 64]
"""
import argparse
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
FILE = "css/terminbuch.css"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, timeout=30):
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
    try:
        out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
        return [int(p) for p in out.split()]
    except FileNotFoundError:
        return []


def to_ms(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(url, seconds, connections):
    out = subprocess.run(
        ["taskset", "-c", "1", "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = to_ms(re.search(r"50%\s+(\S+)", out).group(1))
    p99 = to_ms(re.search(r"99%\s+(\S+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    if errors or socket_errors:
        print(out, file=sys.stderr)
        raise SystemExit("wrk saw errors")
    return rps, p50, p99


def start_nginx(work, port):
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
        location /static/ {{ alias {ROOT}/Public/; }}
    }}
}}
""")
    return subprocess.Popen(["taskset", "-c", "0", "nginx", "-c", conf, "-p", work],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def start_terminbuch(binary, work, port):
    log = open(os.path.join(work, "terminbuch-access.log"), "w")
    return subprocess.Popen(
        ["taskset", "-c", "0", binary, "serve", "--port", str(port), "--workers", "1",
         "--database", os.path.join(work, "bench.sqlite"), "--public", os.path.join(ROOT, "Public")],
        stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--required-ratio", type=float, default=0.75)
    args = parser.parse_args()

    for tool in ("nginx", "wrk", "taskset"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is missing: apt-get install nginx-light wrk util-linux")
    subprocess.run(["swift", "build", "-c", "release", "--product", "terminbuch"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    binary = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout.strip() + "/terminbuch"

    work = tempfile.mkdtemp(prefix="tb-bench-")
    nginx_port, our_port = free_port(), free_port()
    nginx = start_nginx(work, nginx_port)
    ours = start_terminbuch(binary, work, our_port)
    try:
        wait_for(nginx_port)
        wait_for(our_port)
        # The same bytes from both, checked before anything is measured.
        for port in (nginx_port, our_port):
            body = subprocess.run(["curl", "-sf", f"http://127.0.0.1:{port}/static/{FILE}"], capture_output=True).stdout
            if body != open(os.path.join(ROOT, "Public", FILE), "rb").read():
                raise SystemExit(f"port {port} does not serve Public/{FILE}")
        results = {"nginx": [], "terminbuch": []}
        for round_ in range(args.rounds):
            for name, port in (("nginx", nginx_port), ("terminbuch", our_port)):
                subprocess.run(["taskset", "-c", "1", "wrk", "-t1", "-c8", "-d1s", f"http://127.0.0.1:{port}/static/{FILE}"],
                               capture_output=True)  # warm-up
                rps, p50, p99 = run_wrk(f"http://127.0.0.1:{port}/static/{FILE}", args.seconds, args.connections)
                results[name].append((rps, p50, p99))
                print(f"round {round_ + 1}  {name:<11} {rps:>10.0f} req/s   p50 {p50:6.3f} ms   p99 {p99:6.3f} ms",
                      flush=True)
        memory = {"nginx": peak_rss_kib([nginx.pid] + children(nginx.pid)), "terminbuch": peak_rss_kib([ours.pid])}
    finally:
        for process in (nginx, ours):
            process.send_signal(signal.SIGTERM)
        for process in (nginx, ours):
            process.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)

    def median(values):
        values = sorted(values)
        return values[len(values) // 2]

    print(f"\nstatic file /static/{FILE}, {args.connections} connections, {args.rounds} x {args.seconds} s each")
    print(f"{'server':<11} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'peak RSS':>10}")
    summary = {}
    for name in ("nginx", "terminbuch"):
        rps = median([r[0] for r in results[name]])
        p50 = median([r[1] for r in results[name]])
        p99 = median([r[2] for r in results[name]])
        summary[name] = rps
        print(f"{name:<11} {rps:>10.0f} {p50:>8.3f} {p99:>8.3f} {memory[name] / 1024:>8.1f} MB")
    ratio = summary["terminbuch"] / summary["nginx"]
    pair_ratios = [t[0] / n[0] for n, t in zip(results["nginx"], results["terminbuch"])]
    print(f"ratio terminbuch/nginx: {ratio:.2f} (pairs: {', '.join(f'{r:.2f}' for r in pair_ratios)}); "
          f"required {args.required_ratio:.2f}")
    if ratio < args.required_ratio:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
