#!/usr/bin/env python3
"""The `slots` endpoint against nginx serving the very same bytes as a file.

terminbuch runs on the demo database with its clock set (`--now`) to a
weekday morning, one event loop, on core 0; nginx serves the body that
endpoint returned, saved to a file, with one worker on core 0; wrk on core 1.
The target is at least 0.6x nginx's throughput.

    python3 Benchmarks/slots_vs_nginx.py [--rounds 3] [--seconds 10] [--connections 64]
"""
import argparse
import datetime
import json
import os
import shutil
import subprocess
import tempfile
import urllib.request

import benchlib


def next_monday_morning():
    today = datetime.date.today()
    monday = today + datetime.timedelta(days=(7 - today.weekday()) % 7 or 7)
    return monday


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--required-ratio", type=float, default=0.6)
    args = parser.parse_args()

    benchlib.require("nginx", "wrk", "taskset")
    binary = benchlib.build_release()
    work = tempfile.mkdtemp(prefix="tb-bench-")
    monday = next_monday_morning()
    now = f"{monday - datetime.timedelta(days=7)}T07:30:00+01:00"
    date = str(monday)
    our_port, nginx_port = benchlib.free_port(), benchlib.free_port()
    ours = benchlib.start_terminbuch(binary, work, our_port, extra=["--now", now])
    path = f"/api/v1/offices/buergerbuero-mitte/slots?services=personalausweis&date={date}"
    static_root = os.path.join(work, "static")
    os.makedirs(static_root)
    os.chmod(work, 0o755)  # nginx's worker runs as another user and must read the file
    nginx = None
    try:
        benchlib.wait_for(our_port)
        body = urllib.request.urlopen(f"http://127.0.0.1:{our_port}{path}").read()
        slots = json.loads(body)["slots"]
        if not slots:
            raise SystemExit(f"no slots on {date}: nothing to measure")
        with open(os.path.join(static_root, "slots.json"), "wb") as f:
            f.write(body)
        nginx = benchlib.start_nginx(work, nginx_port, static_root)
        benchlib.wait_for(nginx_port)
        print(f"{len(slots)} slots, {len(body)} bytes per response", flush=True)
        results = benchlib.compare("nginx", f"http://127.0.0.1:{nginx_port}/static/slots.json",
                                   "terminbuch", f"http://127.0.0.1:{our_port}{path}",
                                   args.rounds, args.seconds, args.connections,
                                   pids=[ours.pid, nginx.pid] + benchlib.children(nginx.pid))
        memory = {"nginx": benchlib.peak_rss_kib([nginx.pid] + benchlib.children(nginx.pid)),
                  "terminbuch": benchlib.peak_rss_kib([ours.pid])}
    finally:
        benchlib.stop(*(p for p in (nginx, ours) if p))
        shutil.rmtree(work, ignore_errors=True)
    ok = benchlib.report(f"GET {path}, {args.connections} connections, {args.rounds} x {args.seconds} s",
                         results, memory, "nginx", "terminbuch", args.required_ratio)
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
