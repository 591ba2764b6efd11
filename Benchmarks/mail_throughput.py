#!/usr/bin/env python3
"""Durable bookings per second with e-mail on against e-mail off, in one run.

With mail on, every booking writes its confirmation into the outbox in its
own transaction, and the delivery worker sends it to an SMTP server on
loopback (aiosmtpd, Tests/MailTests/python/smtp_server.py --discard, from
.venv/: it accepts each message and keeps nothing, as a relay queues it)
and settles its runs in the same single writer the bookings wait for.
With --no-mail nothing is sent. Each side books on a fresh copy of the
bench database; the rounds alternate. The target: mail on at least 0.9x
mail off.

    python3 Benchmarks/mail_throughput.py [--seconds 10] [--connections 64] [--rounds 2]
"""
import argparse
import os
import shutil
import subprocess
import tempfile

import benchlib

VENV_PYTHON = os.path.join(benchlib.ROOT, ".venv", "bin", "python3")
SMTP_SERVER = os.path.join(benchlib.ROOT, "Tests", "MailTests", "python", "smtp_server.py")


def start_smtp(work):
    """aiosmtpd on a free port, accepting and dropping every message; returns (process, port)."""
    process = subprocess.Popen([VENV_PYTHON, SMTP_SERVER, work, "--discard"], stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    if not line.startswith("ready "):
        raise SystemExit(f"the SMTP server did not start: {line}")
    return process, int(line.split()[1])


def run(binary, template, work, mail, args):
    """One side's bookings on a fresh copy of the bench database: (bookings/s, created, sent, others)."""
    side = tempfile.mkdtemp(prefix="side-", dir=work)
    shutil.copy(os.path.join(template, "bench.sqlite"), os.path.join(side, "bench.sqlite"))
    smtp, extra = None, ["--no-mail"]
    if mail:
        smtp, smtp_port = start_smtp(side)
        extra = ["--smtp-url", f"smtp://127.0.0.1:{smtp_port}"]
    port = benchlib.free_port()
    server = benchlib.start_terminbuch(binary, side, port, workers=2, core=args.server_cores,
                                       extra=["--no-access-log", "--blocking-threads", str(args.blocking_threads), *extra])
    try:
        benchlib.wait_for(port)
        starts = benchlib.bench_starts(port)
        script, starts_file = benchlib.write_booking_script(side, starts)
        statuses, _ = benchlib.wrk_bookings(port, script, starts_file, args.seconds, args.connections)
    finally:
        benchlib.stop(server)
        if smtp:
            benchlib.stop(smtp)
    sent = subprocess.run(["sqlite3", os.path.join(side, "bench.sqlite"), "SELECT count(*) FROM outbox WHERE status = 'sent'"],
                          capture_output=True, text=True, check=True).stdout.strip()
    created = statuses.get(201, 0)
    return created / args.seconds, created, int(sent), {s: n for s, n in statuses.items() if s != 201}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--blocking-threads", type=int, default=32)
    parser.add_argument("--server-cores", default="0,1", help="cores the server may use (taskset list); wrk runs on core 1")
    args = parser.parse_args()

    benchlib.require("wrk", "taskset", "sqlite3")
    if not os.access(VENV_PYTHON, os.X_OK):
        raise SystemExit("aiosmtpd is missing from .venv/: scripts/setup --python installs it")
    binary = benchlib.build_release()
    work = tempfile.mkdtemp(prefix="tb-bench-", dir=benchlib.ROOT)  # the disk the database lives on
    try:
        template = tempfile.mkdtemp(prefix="template-", dir=work)
        benchlib.bench_database(binary, template)
        results = {"mail off": [], "mail on": []}
        for round_ in range(args.rounds):
            for name in results:
                rate, created, sent, others = run(binary, template, work, name == "mail on", args)
                results[name].append(rate)
                print(f"round {round_ + 1}  {name:<8} {rate:7.0f} durable bookings/s  ({created} created, {sent} e-mails sent, "
                      f"other answers {others or 'none'})", flush=True)
                if any(status >= 500 for status in others):
                    raise SystemExit(f"{name}: 5xx answers")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    off, on = benchlib.median(results["mail off"]), benchlib.median(results["mail on"])
    print(f"\nmail off (--no-mail): {off:.0f} durable bookings/s")
    print(f"mail on (SMTP on loopback): {on:.0f} durable bookings/s")
    print(f"ratio on/off: {on / off:.2f}; required 0.90")
    if on < 0.9 * off:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
