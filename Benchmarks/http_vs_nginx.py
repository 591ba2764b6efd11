#!/usr/bin/env python3
"""Our HTTP server against nginx, serving the same static file from Public/,
measured side by side in the same run.

Both servers run on core 0 (nginx with one worker, terminbuch with one event
loop); wrk runs pinned to core 1. Rounds alternate nginx / terminbuch, so a
noisy moment hurts both. Prints requests/s, latency p50/p99 and peak resident
memory for each, and the throughput ratio; exits 1 below the required ratio.

    python3 Benchmarks/http_vs_nginx.py [--rounds 3] [--seconds 10] [--connections 64]
"""
import argparse
import os
import shutil
import subprocess
import tempfile

import benchlib

FILE = "css/terminbuch.css"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--required-ratio", type=float, default=0.75)
    args = parser.parse_args()

    benchlib.require("nginx", "wrk", "taskset", "curl")
    binary = benchlib.build_release()
    work = tempfile.mkdtemp(prefix="tb-bench-")
    nginx_port, our_port = benchlib.free_port(), benchlib.free_port()
    nginx = benchlib.start_nginx(work, nginx_port, os.path.join(benchlib.ROOT, "Public"))
    ours = benchlib.start_terminbuch(binary, work, our_port, extra=["--no-demo"])
    try:
        benchlib.wait_for(nginx_port)
        benchlib.wait_for(our_port)
        expected = open(os.path.join(benchlib.ROOT, "Public", FILE), "rb").read()
        for port in (nginx_port, our_port):
            body = subprocess.run(["curl", "-sf", f"http://127.0.0.1:{port}/static/{FILE}"], capture_output=True).stdout
            if body != expected:
                raise SystemExit(f"port {port} does not serve Public/{FILE}")
        results = benchlib.compare("nginx", f"http://127.0.0.1:{nginx_port}/static/{FILE}",
                                   "terminbuch", f"http://127.0.0.1:{our_port}/static/{FILE}",
                                   args.rounds, args.seconds, args.connections,
                                   pids=[ours.pid, nginx.pid] + benchlib.children(nginx.pid))
        memory = {"nginx": benchlib.peak_rss_kib([nginx.pid] + benchlib.children(nginx.pid)),
                  "terminbuch": benchlib.peak_rss_kib([ours.pid])}
    finally:
        benchlib.stop(nginx, ours)
        shutil.rmtree(work, ignore_errors=True)
    ok = benchlib.report(f"static file /static/{FILE}, {args.connections} connections, {args.rounds} x {args.seconds} s",
                         results, memory, "nginx", "terminbuch", args.required_ratio)
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
