#!/usr/bin/env python3
"""Durable bookings per second against the disk's own fsync rate, measured
in the same run on the same file system.

Every booking is acknowledged only after its commit is on disk
(synchronous=FULL), so one commit per booking could never beat the disk's
fsync rate; the single writer's group commit puts the bookings that queued
up during one fsync into the next commit. The target is at least as
many durable bookings per second as the disk does fsyncs.

    python3 Benchmarks/booking_throughput.py [--seconds 10] [--connections 64]
"""
import argparse
import re
import shutil
import tempfile

import benchlib


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--blocking-threads", type=int, default=32)
    parser.add_argument("--server-cores", default="0,1",
                        help="cores the server may use (taskset list); wrk runs on core 1")
    args = parser.parse_args()

    benchlib.require("wrk", "taskset", "sqlite3")
    binary = benchlib.build_release()
    work = tempfile.mkdtemp(prefix="tb-bench-", dir=benchlib.ROOT)  # the disk the database lives on
    try:
        benchlib.bench_database(binary, work)
        port = benchlib.free_port()
        server = benchlib.start_terminbuch(binary, work, port, workers=2, core=args.server_cores,
                                            extra=["--no-access-log", "--blocking-threads", str(args.blocking_threads)])
        try:
            benchlib.wait_for(port)
            starts = benchlib.bench_starts(port)
            script, starts_file = benchlib.write_booking_script(work, starts)
            fsyncs_before = benchlib.fsync_rate(work)
            benchlib.reset_peak_rss([server.pid])
            statuses, out = benchlib.wrk_bookings(port, script, starts_file, args.seconds, args.connections)
            fsyncs_after = benchlib.fsync_rate(work)
            memory = benchlib.peak_rss_kib([server.pid])
        finally:
            benchlib.stop(server)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    created = statuses.get(201, 0)
    others = {s: n for s, n in statuses.items() if s != 201}
    p50 = float(re.search(r"latency p50 ([\d.]+)", out).group(1)) / 1000
    p99 = float(re.search(r"latency p99 ([\d.]+)", out).group(1)) / 1000
    rate = created / args.seconds
    fsyncs = (fsyncs_before + fsyncs_after) / 2
    print(f"{len(starts)} starts to choose from, {args.connections} connections, {args.seconds} s")
    print(f"disk: {fsyncs:.0f} fsyncs/s (before {fsyncs_before:.0f}, after {fsyncs_after:.0f})")
    print(f"terminbuch: {rate:.0f} durable bookings/s ({created} created, other answers {others or 'none'}), "
          f"p50 {p50:.2f} ms, p99 {p99:.2f} ms, peak RSS {memory / 1024:.1f} MB")
    print(f"ratio bookings/fsyncs: {rate / fsyncs:.2f}; required 1.00")
    if any(status >= 500 for status in others) or rate < fsyncs:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
