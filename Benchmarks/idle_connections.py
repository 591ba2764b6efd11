#!/usr/bin/env python3
"""10,000 idle keep-alive connections held while normal traffic is served.

A Python client (core 1) opens --connections connections with non-blocking
connects, sends one request on each (the `slots` endpoint, as a browser
would before it goes quiet) and reads the whole response, so every
connection is a kept-alive one between requests, not a fresh one. It then
holds them all while two `wrk` runs (core 1: the `slots` endpoint and a
static file, 16 connections each) measure normal traffic for --hold seconds.

The server (one event loop, core 0) runs with a long idle timeout
(--idle-timeout-ms, 120 s) so that the hold fits inside it; its peak
resident memory (VmHWM) is reset just before the first connection is
opened, so the demo seeding's 128 MiB scrypt hashing does not count.
Afterwards the script waits for the idle timeout and checks that the server
closes every idle connection then: not before, and not much after.

Target: peak RSS under 150 MB, no errors for the normal traffic, every idle
connection kept through the hold and closed at its idle timeout; the exit
status is 1 when missed.

    python3 Benchmarks/idle_connections.py [--connections 10000] [--hold 30] [--idle-timeout-ms 120000]
"""
import argparse
import datetime
import errno
import os
import select
import shutil
import socket
import tempfile
import time
import urllib.request

import benchlib

NORMAL_CONNECTIONS = 16


class IdleClient:
    """Many connections, each with one completed request, watched by epoll."""

    def __init__(self, port, request):
        self.port = port
        self.request = request
        self.poll = select.epoll()
        self.sockets = {}       # fd -> socket
        self.completed = {}     # fd -> time the response was complete
        self.closed = {}        # fd -> time the server closed it
        self.failures = 0

    def open(self, count, in_flight=500):
        """Opens `count` connections, at most `in_flight` at a time; each
        sends the request and reads the whole response."""
        pending = {}  # fd -> [socket, state, buffer]
        opened = 0
        while len(self.completed) + self.failures < count:
            while opened < count and len(pending) < in_flight:
                s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                s.setblocking(False)
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                code = s.connect_ex(("127.0.0.1", self.port))
                if code not in (0, errno.EINPROGRESS):
                    raise SystemExit(f"connect failed: {os.strerror(code)}")
                pending[s.fileno()] = [s, "connecting", b""]
                self.poll.register(s.fileno(), select.EPOLLOUT)
                opened += 1
            for fd, events in self.poll.poll(1.0):
                entry = pending.get(fd)
                if entry is None:
                    continue
                s, state, buffer = entry
                if state == "connecting":
                    if s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR):
                        self._fail(pending, fd)
                        continue
                    s.send(self.request)
                    entry[1] = "reading"
                    self.poll.modify(fd, select.EPOLLIN)
                    continue
                try:
                    data = s.recv(65536)
                except OSError:
                    self._fail(pending, fd)
                    continue
                if not data:
                    self._fail(pending, fd)
                    continue
                buffer += data
                entry[2] = buffer
                if complete(buffer):
                    if not buffer.startswith(b"HTTP/1.1 200") or b"\r\nConnection: close" in buffer:
                        self._fail(pending, fd)
                        continue
                    del pending[fd]
                    self.sockets[fd] = s
                    self.completed[fd] = time.time()
                    # From now on only a close (or stray bytes) may wake us.
                    self.poll.modify(fd, select.EPOLLIN | select.EPOLLRDHUP)

    def _fail(self, pending, fd):
        s = pending.pop(fd)[0]
        self.poll.unregister(fd)
        s.close()
        self.failures += 1

    def watch(self, timeout):
        """Records the idle connections the server has closed; returns how many are still open."""
        for fd, _ in self.poll.poll(timeout):
            s = self.sockets.get(fd)
            if s is None or fd in self.closed:
                continue
            try:
                data = s.recv(65536)
            except OSError:
                data = b""
            if not data:
                self.closed[fd] = time.time()
                self.poll.unregister(fd)
                s.close()
            else:
                self.failures += 1  # an idle connection was sent something
        return len(self.sockets) - len(self.closed)


def complete(buffer):
    head_end = buffer.find(b"\r\n\r\n")
    if head_end < 0:
        return False
    head = buffer[:head_end].decode("latin-1").lower()
    length = 0
    for line in head.split("\r\n")[1:]:
        name, _, value = line.partition(":")
        if name.strip() == "content-length":
            length = int(value)
    return len(buffer) >= head_end + 4 + length


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--connections", type=int, default=10_000)
    parser.add_argument("--hold", type=int, default=30, help="seconds of normal traffic while the connections are held")
    parser.add_argument("--idle-timeout-ms", type=int, default=120_000)
    parser.add_argument("--target-mb", type=float, default=150.0)
    parser.add_argument("--binary", help="a terminbuch executable to measure instead of a fresh release build")
    args = parser.parse_args()
    idle_timeout = args.idle_timeout_ms / 1000

    benchlib.require("wrk", "taskset")
    benchlib.raise_open_files_limit(args.connections + 200)
    os.sched_setaffinity(0, {1})  # the client shares core 1 with wrk; the server has core 0
    binary = args.binary or benchlib.build_release()
    work = tempfile.mkdtemp(prefix="tb-bench-")
    monday = benchlib.weekday_morning(0)
    now = f"{monday - datetime.timedelta(days=7)}T07:30:00{benchlib.berlin_offset(monday)}"
    port = benchlib.free_port()
    server = benchlib.start_terminbuch(binary, work, port,
                                       extra=["--now", now, "--idle-timeout-ms", str(args.idle_timeout_ms)])
    path = f"/api/v1/offices/buergerbuero-mitte/slots?services=personalausweis&date={monday}"
    urls = {"slots": f"http://127.0.0.1:{port}{path}",
            "static": f"http://127.0.0.1:{port}/static/css/terminbuch.css"}
    try:
        benchlib.wait_for(port)
        for url in urls.values():
            urllib.request.urlopen(url).read()
        noise_before = benchlib.describe_noise([server.pid])
        benchlib.reset_peak_rss([server.pid])
        rss_before = benchlib.rss_kib(server.pid)
        client = IdleClient(port, f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        started = time.time()
        client.open(args.connections)
        opened_in = time.time() - started
        held = len(client.sockets)
        rss_open = benchlib.rss_kib(server.pid)
        print(f"{held} idle keep-alive connections in {opened_in:.1f} s ({client.failures} failed); "
              f"server RSS {rss_before / 1024:.1f} MB before, {rss_open / 1024:.1f} MB with them "
              f"({(rss_open - rss_before) / max(1, held) * 1024:.0f} bytes each)", flush=True)

        runs = {name: benchlib.wrk_start(url, args.hold, NORMAL_CONNECTIONS) for name, url in urls.items()}
        server_established = []
        while any(run.poll() is None for run in runs.values()):
            client.watch(0.5)
            server_established.append(benchlib.established(port))
        results = {name: benchlib.wrk_result(run) for name, run in runs.items()}
        peak, rss_hold = benchlib.peak_rss_kib([server.pid]), benchlib.rss_kib(server.pid)
        noise_after = benchlib.describe_noise([server.pid])
        closed_during_hold = len(client.closed)
        still_open = held - closed_during_hold

        # Now the idle timeout: every connection must go at its own deadline.
        last = max(client.completed.values())
        while client.watch(0.2) and time.time() < last + idle_timeout + 30:
            pass
        rss_after = benchlib.rss_kib(server.pid)
    finally:
        benchlib.stop(server)
        shutil.rmtree(work, ignore_errors=True)

    lifetimes = sorted(client.closed[fd] - client.completed[fd] for fd in client.closed)
    print(f"\nnormal traffic during the hold ({args.hold} s, 2 x wrk -t1 -c{NORMAL_CONNECTIONS}):")
    for name, r in results.items():
        print(f"  {name:<7} {r['rps']:>9.0f} req/s  p50 {r['p50']:7.2f}  p90 {r['p90']:7.2f}  p99 {r['p99']:7.2f}  "
              f"max {r['max']:7.1f} ms  errors {r['errors']}")
    print(f"server: peak RSS {peak / 1024:.1f} MB (VmHWM since the reset before the first connection), "
          f"RSS {rss_hold / 1024:.1f} MB after the hold, {rss_after / 1024:.1f} MB after the idle close")
    print(f"server-side established during the hold: min {min(server_established)}, max {max(server_established)}")
    print(f"idle connections: {held} held, {closed_during_hold} closed during the hold, "
          f"{len(lifetimes)} closed in all; idle time before the close: "
          + (f"min {lifetimes[0]:.2f} s, median {lifetimes[len(lifetimes) // 2]:.2f} s, max {lifetimes[-1]:.2f} s "
             f"(idle timeout {idle_timeout:.0f} s)" if lifetimes else "none closed"))

    print(f"before: {noise_before}\nafter the hold: {noise_after}")
    missed = []
    if held < args.connections:
        missed.append(f"only {held} of {args.connections} connections were opened")
    if peak / 1024 >= args.target_mb:
        missed.append(f"peak RSS {peak / 1024:.1f} MB >= {args.target_mb:.0f} MB")
    if any(r["errors"] for r in results.values()):
        missed.append("errors in the normal traffic")
    if closed_during_hold or still_open < held:
        missed.append(f"{closed_during_hold} idle connections closed during the hold")
    if len(lifetimes) < held:
        missed.append(f"{held - len(lifetimes)} idle connections not closed after the idle timeout")
    elif lifetimes[0] < idle_timeout - 0.5 or lifetimes[-1] > idle_timeout + 5:  # client-side times: a little late
        missed.append(f"idle connections closed after {lifetimes[0]:.2f}-{lifetimes[-1]:.2f} s, not at {idle_timeout:.0f} s")
    if client.failures:
        missed.append(f"{client.failures} client failures")
    for line in missed:
        print("MISSED:", line)
    print(f"target: peak RSS < {args.target_mb:.0f} MB with {args.connections} idle connections: "
          f"{'missed' if missed else 'met'}")
    raise SystemExit(1 if missed else 0)


if __name__ == "__main__":
    main()
