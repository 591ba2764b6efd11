"""The export tests: the real server, read back with Python's csv module and
PyPI's icalendar (an independent reader, not our own code).

Run by scripts/python-tests, which builds the server and installs what is
missing. Nothing here is ever skipped: a missing binary is a failure.
"""
import http.client
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A skip is a failure here: the export tests run, or CI fails."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped:
        report.outcome = "failed"
        report.longrepr = f"export tests must not be skipped: {report.longrepr}"


class Server:
    """A demo server whose clock starts at `now`, and a small HTTP client.
    `extra` flags are added to `serve`; with `clock`, the test moves the
    server's clock (`set_clock`) through its standard input."""

    def __init__(self, now, extra=(), clock=False):
        binary = Path(os.environ.get("TERMINBUCH_BINARY", REPO / ".build" / "debug" / "terminbuch"))
        if not binary.exists():
            pytest.fail(f"no server binary at {binary}: run swift build first", pytrace=False)
        self.directory = tempfile.mkdtemp(prefix="terminbuch-exports-")
        self.database = os.path.join(self.directory, "terminbuch.sqlite")
        # Mail into a Maildir of its own, unless `extra` says where it goes.
        sends = any(flag in ("--mail-dir", "--smtp-url", "--sendmail", "--no-mail") for flag in extra)
        mail = [] if sends else ["--mail-dir", os.path.join(self.directory, "mail")]
        self.process = subprocess.Popen(
            [str(binary), "serve", "--port", "0", "--database", self.database, "--public", str(REPO / "Public"),
             "--now", now, "--no-access-log", *(["--test-clock-on-stdin"] if clock else []), *mail, *extra],
            cwd=REPO, stdin=subprocess.PIPE if clock else subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True,
            env=dict(os.environ, TERMINBUCH_TEST_MODE="1") if clock else None)
        self.port = None
        lines = []
        deadline = time.time() + 60
        while time.time() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            lines.append(line)
            found = re.search(r"listening on http://[^:]+:(\d+)", line)
            if found:
                self.port = int(found.group(1))
                break
        if self.port is None:
            self.stop()
            pytest.fail("the server did not start:\n" + "".join(lines), pytrace=False)
        self.cookie = None

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = dict(headers or {})
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            sent["Content-Type"] = "application/json"
        if self.cookie:
            sent["Cookie"] = self.cookie
            if method not in ("GET", "HEAD", "OPTIONS"):
                # As a browser on the server's own pages would: the API
                # refuses a session cookie on an unsafe request without it.
                sent.setdefault("Origin", f"http://127.0.0.1:{self.port}")
        connection.request(method, path, body=data, headers=sent)
        response = connection.getresponse()
        payload = response.read()
        result = (response.status, {k.lower(): v for k, v in response.getheaders()}, payload)
        connection.close()
        return result

    def json(self, method, path, body=None, expect=200):
        status, _, payload = self.request(method, path, body)
        assert status == expect, f"{method} {path}: {status} {payload[:400]!r}"
        return json.loads(payload) if payload else None

    def sign_in(self, username="staff-mitte", password="demo"):
        status, headers, payload = self.request("POST", "/api/v1/session", {"username": username, "password": password})
        assert status == 200, payload
        self.cookie = headers["set-cookie"].split(";")[0]

    def set_clock(self, instant):
        """Moves the server's clock to `instant` (RFC 3339) and returns once it holds."""
        self.process.stdin.write(instant + "\n")
        self.process.stdin.flush()
        while True:
            line = self.process.stdout.readline()
            assert line, "the server ended while its clock was set"
            if line.strip() == f"terminbuch: clock set to {instant}":
                return

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.directory, ignore_errors=True)


@pytest.fixture
def start_server():
    """`start_server(now)` → a running demo server; all stopped afterwards."""
    started = []

    def start(now, extra=(), clock=False):
        server = Server(now, extra, clock)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
