#!/usr/bin/env python3
"""How the cost of availability grows with the bookings in the database.

Fills the bench office (Examples/bench/catalogue.json) through the real booking
API to N, 10 N and 100 N bookings and measures, at each size, the `slots`
of one day and the `days` of the whole six-week window, uncached (a cookie
makes every request skip the shared answer cache, so each one reads the
database and runs the allocator). Prints requests/s and latency per size
and the growth factor against the first size.

    python3 Benchmarks/availability_scaling.py [--base 1000] [--seconds 5]
"""
import argparse
import re
import shutil
import subprocess
import tempfile

import benchlib


def measure(url, seconds):
    out = subprocess.run(["taskset", "-c", "1", "wrk", "-t1", "-c8", f"-d{seconds}s", "--latency",
                          "-H", "Cookie: bench=uncached", url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = benchlib.to_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = benchlib.to_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    return rps, p50, p99


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", type=int, default=5000)
    parser.add_argument("--seconds", type=int, default=5)
    args = parser.parse_args()

    benchlib.require("wrk", "taskset", "sqlite3")
    binary = benchlib.build_release()
    work = tempfile.mkdtemp(prefix="tb-bench-", dir=benchlib.ROOT)
    rows = []
    try:
        benchlib.bench_database(binary, work)
        port = benchlib.free_port()
        server = benchlib.start_terminbuch(binary, work, port, extra=["--no-access-log", "--blocking-threads", "32"])
        try:
            benchlib.wait_for(port)
            starts = benchlib.bench_starts(port)
            script, starts_file = benchlib.write_booking_script(work, starts)
            day = starts[len(starts) // 2][:10]
            base = f"http://127.0.0.1:{port}/api/v1/offices/{benchlib.BENCH_OFFICE}"
            slots_url = f"{base}/slots?services={benchlib.BENCH_SERVICE}&date={day}"
            days_url = f"{base}/days?services={benchlib.BENCH_SERVICE}"
            database = f"{work}/bench.sqlite"
            for target in (args.base, args.base * 10, args.base * 100):
                while True:
                    count = int(subprocess.run(["sqlite3", database, "SELECT count(*) FROM bookings"],
                                               capture_output=True, text=True, check=True).stdout)
                    if count >= target:
                        break
                    missing = target - count
                    benchlib.wrk_bookings(port, script, starts_file, max(1, min(20, missing // 2000 + 1)), 64)
                slots = measure(slots_url, args.seconds)
                days = measure(days_url, args.seconds)
                rows.append((count, slots, days))
                print(f"{count:>8} bookings: slots {slots[0]:8.0f} req/s p50 {slots[1]:6.2f} ms p99 {slots[2]:6.2f} ms | "
                      f"days {days[0]:7.0f} req/s p50 {days[1]:6.2f} ms p99 {days[2]:6.2f} ms", flush=True)
        finally:
            benchlib.stop(server)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    first = rows[0]
    print("\ncost per request relative to the first size (1.00 = no growth):")
    for count, slots, days in rows:
        print(f"{count:>8} bookings: slots x{first[1][0] / slots[0]:.2f}, days x{first[2][0] / days[0]:.2f}")


if __name__ == "__main__":
    main()
