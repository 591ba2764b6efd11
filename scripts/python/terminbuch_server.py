"""A freshly seeded Terminbuch server for the scripts that test it from outside
(scripts/conformance, scripts/redbot-scan): the real executable, a new
database in a temporary folder, a free port, a fixed clock.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# A Monday morning: the demo data is seeded around it, the offices open at
# 08:00 the next day, and schemathesis.toml's dictionaries name starts of
# those first days. Fixed, so that every run sees the same server.
NOW = "2026-11-30T07:05:00+01:00"

SESSION_COOKIE = "__Host-terminbuch-session"


def executable():
    """TERMINBUCH_EXECUTABLE, or the debug build (`swift build` made it)."""
    path = os.environ.get("TERMINBUCH_EXECUTABLE") or os.path.join(ROOT, ".build", "debug", "terminbuch")
    if not os.access(path, os.X_OK):
        sys.exit(f"{path} is missing: run `swift build` first (or set TERMINBUCH_EXECUTABLE)")
    return path


@contextmanager
def demo_server(now=NOW, extra_arguments=(), output=None):
    """Yields the base URL (`http://127.0.0.1:PORT`) of a new demo server and
    stops it afterwards; its output goes to standard error, prefixed. With
    `output` (a `ServerOutput`), its access log is on and every line it says
    is kept there too."""
    folder = tempfile.mkdtemp(prefix="terminbuch-")
    quiet = [] if output is not None else ["--no-access-log"]
    process = subprocess.Popen(
        [executable(), "serve", "--port", "0", "--database", os.path.join(folder, "terminbuch.sqlite"),
         "--public", os.path.join(ROOT, "Public"), "--now", now, *quiet, "--mail-dir", os.path.join(folder, "mail"),
         *extra_arguments],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    port = _wait_for_port(process, output)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process, timeout=30)
        shutil.rmtree(folder, ignore_errors=True)
        if process.returncode not in (0, -signal.SIGTERM):
            sys.exit(f"terminbuch exited with {process.returncode}")


def stop(process, timeout):
    """SIGTERM, which drains; SIGKILL when that takes longer than `timeout` seconds."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _wait_for_port(process, output=None):
    lines = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
        if match:
            # Keep reading, so the server never blocks on a full pipe, and
            # show what it says (crashes, handler errors) where CI shows it.
            threading.Thread(target=_relay, args=(process.stdout, output), daemon=True).start()
            return int(match.group(1))
    process.kill()
    sys.exit("terminbuch did not start:\n" + "".join(lines))


def _relay(stream, output):
    for line in stream:
        sys.stderr.write("terminbuch| " + line)
        if output is not None:
            output.add(line)


class ServerOutput:
    """The lines a server said, as they come: `wait_for` returns once a
    predicate over them holds (each line wakes it), or fails after `timeout`."""

    def __init__(self):
        self.lines = []
        self.changed = threading.Condition()

    def add(self, line):
        with self.changed:
            self.lines.append(line)
            self.changed.notify_all()

    def wait_for(self, predicate, timeout=10):
        with self.changed:
            return self.changed.wait_for(lambda: predicate(self.lines), timeout=timeout)


def sign_in(base_url, username, password="demo"):
    """The session token of a new session (POST /api/v1/session)."""
    request = urllib.request.Request(
        base_url + "/api/v1/session", method="POST",
        data=json.dumps({"username": username, "password": password}).encode(),
        headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            cookies = response.headers.get_all("Set-Cookie") or []
    except urllib.error.HTTPError as error:
        sys.exit(f"sign-in as {username} failed: {error.code} {error.read()[:300]!r}")
    for cookie in cookies:
        name, _, rest = cookie.partition("=")
        if name == SESSION_COOKIE:
            return rest.split(";", 1)[0]
    sys.exit(f"sign-in as {username} set no {SESSION_COOKIE} cookie: {cookies}")
