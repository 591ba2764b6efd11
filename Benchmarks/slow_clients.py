#!/usr/bin/env python3
"""Normal clients while slow and hostile clients hold 1,000 connections.

Debian's `slowhttptest` opens --connections connections against the server
in one of three modes and keeps them busy the slow way:

  headers  slow headers (Slowloris, -H): a request line, then one header
           line every 2 s, never the blank line;
  body     slow body (R-U-Dead-Yet, -B): a POST to /api/v1/bookings that
           declares 64 KiB and sends a few bytes every 2 s;
  read     slow read (-X): three pipelined GETs of the 63 KB OpenAPI file
           with a receive window of 1-512 bytes, reading 32 bytes a second.

Once the server holds all of them, two `wrk` runs measure normal clients at
the same time: the `slots` endpoint and a static file, 16 keep-alive
connections each. The window stays inside the server's deadline for that
mode (10 s for headers, 30 s for bodies and writes), so all attack
connections are held for the whole measurement; afterwards the script
watches the server cut them and says after how long. A round without an
attack comes first, as the baseline the machine gives.

The server (one event loop, demo database, default timeouts) runs on core 0;
slowhttptest and wrk share core 1. Target: p99 under 100 ms and no errors
for the normal clients in every mode; the exit status is 1 when missed.

    apt-get install slowhttptest wrk util-linux iproute2
    python3 Benchmarks/slow_clients.py [--connections 1000] [--seconds 10] [--rounds 2] [--soft-nofile 1024]
"""
import argparse
import datetime
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request

import benchlib

NORMAL_CONNECTIONS = 16  # per wrk run; two runs


def attack_arguments(mode, base):
    """slowhttptest's flags for `mode`, and the server deadline that ends it (s)."""
    if mode == "headers":
        return ["-H", "-i", "2", "-u", f"{base}/api/v1/offices"], 10
    if mode == "body":
        return ["-B", "-i", "2", "-s", "65536", "-t", "POST", "-f", "application/json",
                "-u", f"{base}/api/v1/bookings"], 30
    if mode == "read":
        return ["-X", "-k", "3", "-w", "1", "-y", "512", "-n", "1", "-z", "32",
                "-u", f"{base}/static/api/openapi.json"], 30
    raise ValueError(mode)


def start_attack(mode, base, connections, work):
    arguments, deadline = attack_arguments(mode, base)
    log = open(os.path.join(work, f"slowhttptest-{mode}.log"), "w")
    process = subprocess.Popen(["taskset", "-c", "1", "slowhttptest", *arguments, "-c", str(connections),
                                "-r", str(min(connections, 1000)), "-l", str(deadline + 60), "-p", "3"],
                               stdout=log, stderr=subprocess.STDOUT)
    return process, deadline


def measure(mode, args, port, server_pid, urls, work):
    """One round of one mode; returns a row for the table."""
    base = f"http://127.0.0.1:{port}"
    row = {"mode": mode, "held_min": 0, "held_median": 0, "cut_after": None}
    attack = None
    seconds = args.seconds
    benchlib.reset_peak_rss([server_pid])
    if mode != "none":
        attack, deadline = start_attack(mode, base, args.connections, work)
        started = time.time()
        while benchlib.established(port) < args.connections:
            if time.time() - started > 20 or attack.poll() is not None:
                attack.terminate()
                raise SystemExit(f"{mode}: slowhttptest got only {benchlib.established(port)} connections "
                                 f"of {args.connections}; see {work}/slowhttptest-{mode}.log")
            time.sleep(0.1)
        row["ramp"] = time.time() - started
        # Measure only while every attack connection is certainly still held.
        seconds = int(min(args.seconds, started + deadline - time.time() - 1.5))
        if seconds < 3:
            raise SystemExit(f"{mode}: the ramp took {row['ramp']:.1f} s of a {deadline} s deadline; lower --connections")
    runs = {name: benchlib.wrk_start(url, seconds, NORMAL_CONNECTIONS) for name, url in urls.items()}
    held = []
    while any(run.poll() is None for run in runs.values()):
        held.append(benchlib.established(port) - NORMAL_CONNECTIONS * len(runs))
        time.sleep(0.25)
    row["results"] = {name: benchlib.wrk_result(run) for name, run in runs.items()}
    row["seconds"] = seconds
    if attack:
        held = sorted(held[2:-2] or held)  # leave out wrk's own connect and close
        row["held_min"], row["held_median"] = held[0], held[len(held) // 2]
        # The server's deadlines, not the attacker, end the attack.
        while benchlib.established(port) > 0 and time.time() - started < deadline + 20:
            time.sleep(0.25)
        row["cut_after"] = time.time() - started if benchlib.established(port) == 0 else None
        attack.terminate()
        attack.wait()
    row["peak_rss"] = benchlib.peak_rss_kib([server_pid])
    return row


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--connections", type=int, default=1000, help="attack connections held at once")
    parser.add_argument("--seconds", type=int, default=10, help="wrk window per mode (at most the deadline allows)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--modes", default="none,headers,body,read")
    parser.add_argument("--target-p99-ms", type=float, default=100.0)
    parser.add_argument("--soft-nofile", type=int,
                        help="start the server with this soft open-files limit (as many systems do: 1024); "
                             "it should raise it to the hard limit itself")
    parser.add_argument("--binary", help="a terminbuch executable to measure instead of a fresh release build")
    args = parser.parse_args()

    benchlib.require("slowhttptest", "wrk", "taskset", "ss")
    benchlib.raise_open_files_limit(args.connections + 200)
    binary = args.binary or benchlib.build_release()
    work = tempfile.mkdtemp(prefix="tb-bench-")
    monday = benchlib.weekday_morning(0)
    now = f"{monday - datetime.timedelta(days=7)}T07:30:00{benchlib.berlin_offset(monday)}"
    port = benchlib.free_port()
    wrapper = ["prlimit", f"--nofile={args.soft_nofile}:"] if args.soft_nofile else []
    server = benchlib.start_terminbuch(binary, work, port, extra=["--now", now], wrapper=wrapper)
    rows = []
    try:
        benchlib.wait_for(port)
        with open(f"/proc/{server.pid}/limits") as limits:
            print(next(line for line in limits if line.startswith("Max open files")).strip(), flush=True)
        urls = {
            "slots": f"http://127.0.0.1:{port}/api/v1/offices/buergerbuero-mitte/slots?services=personalausweis&date={monday}",
            "static": f"http://127.0.0.1:{port}/static/css/terminbuch.css",
        }
        for url in urls.values():
            urllib.request.urlopen(url).read()
        print(benchlib.describe_noise([server.pid]), flush=True)
        for round_ in range(args.rounds):
            for mode in args.modes.split(","):
                row = measure(mode, args, port, server.pid, urls, work)
                row["round"] = round_ + 1
                rows.append(row)
                print_row(row, flush=True)
        print(benchlib.describe_noise([server.pid]), flush=True)
    finally:
        benchlib.stop(server)
        log = open(os.path.join(work, f"terminbuch-{port}.log")).read()
        shutil.rmtree(work, ignore_errors=True)
    failed = report(rows, args)
    errors = [line for line in log.splitlines() if "handler error" in line or
              ("terminbuch:" in line and "signal 15" not in line and "stopped" not in line)]
    if errors:
        print("server said:", *errors[:10], sep="\n  ")
    raise SystemExit(1 if failed else 0)


def print_row(row, flush=False):
    held = f"{row['held_min']:>5}/{row['held_median']:<5}" if row["mode"] != "none" else f"{'-':>5}/{'-':<5}"
    cut = f"{row['cut_after']:5.1f} s" if row["cut_after"] else "      -"
    for name, r in row["results"].items():
        print(f"round {row['round']}  {row['mode']:<8} {held} {name:<7} {r['rps']:>9.0f} req/s  "
              f"p50 {r['p50']:7.2f}  p90 {r['p90']:7.2f}  p99 {r['p99']:7.2f}  max {r['max']:7.1f} ms  "
              f"errors {r['errors']:<4} {row['seconds']:>2} s  cut {cut}  peak RSS {row['peak_rss'] / 1024:6.1f} MB",
              flush=flush)


def report(rows, args):
    print(f"\n{args.connections} slow connections per mode; normal clients: 2 x wrk -t1 -c{NORMAL_CONNECTIONS} "
          f"(slots, static file); held = attack connections the server held during the window (min/median); "
          f"cut = seconds from the attack's start until the server had closed every attack connection")
    failed = False
    for row in rows:
        for name, r in row["results"].items():
            if r["p99"] >= args.target_p99_ms or r["errors"]:
                print(f"MISSED: round {row['round']} {row['mode']} {name}: p99 {r['p99']:.2f} ms, {r['errors']} errors")
                failed = True
        if row["mode"] != "none" and row["held_min"] < args.connections:
            print(f"MISSED: round {row['round']} {row['mode']}: only {row['held_min']} attack connections held")
            failed = True
    print(f"target: p99 < {args.target_p99_ms:.0f} ms and no errors in every mode: {'missed' if failed else 'met'}")
    return failed


if __name__ == "__main__":
    main()
