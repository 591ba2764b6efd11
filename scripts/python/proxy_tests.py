"""scripts/proxy-tests: Debian's nginx with deploy/nginx/terminbuch.conf (only
its ports, paths and certificate file names changed) in front of a demo
Terminbuch started with --trusted-proxies 127.0.0.1/32 and an https
--public-url, spoken to over HTTPS and HTTP/2 by curl with a CA this script
makes. Checks what docs/operations.md promises: cookies Secure, HSTS, links
https://, the client behind the proxy is the address the request came from
(and not what the client wrote into X-Forwarded-For), and an untrusted
peer's X-Forwarded-For is ignored, both shown by the per-client hold limit.
Fails on any mismatch; cleans up its processes and files.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

from terminbuch_server import ROOT, SESSION_COOKIE, ServerOutput, demo_server, stop

CONF = os.path.join(ROOT, "deploy", "nginx", "terminbuch.conf")
OFFICE = "buergerbuero-mitte"
DATE = "2026-12-01"  # the day after terminbuch_server.NOW, with free starts
HSTS = "max-age=31536000; includeSubDomains"
LIVE_HOLDS = 3  # the demo office's maxLiveHolds per client


class Checks:
    def __init__(self):
        self.passed, self.failed = 0, 0

    def check(self, ok, what, detail=""):
        if ok:
            self.passed += 1
            print(f"proxy-tests: ok   {what}", flush=True)
        else:
            self.failed += 1
            print(f"proxy-tests: FAIL {what} {detail}", flush=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(*command, folder):
    subprocess.run(command, cwd=folder, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def make_certificates(folder):
    """A CA and a certificate for localhost and 127.0.0.1 signed by it."""
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
    run("openssl", "req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
        "-subj", "/CN=Terminbuch proxy-tests CA", "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign", folder=folder)
    run("openssl", "req", *ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost", folder=folder)
    with open(os.path.join(folder, "server.ext"), "w") as ext:
        ext.write("subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                  "keyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n")
    run("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "server.pem", "-days", "2", "-extfile", "server.ext", folder=folder)


def substituted(https_port, http_port, upstream_port, folder):
    """The deployment file with its ports and certificate paths changed, and
    nothing else: each replaced text must be there exactly once."""
    with open(CONF) as file:
        text = file.read()
    for old, new in [
        ("listen 443 ssl http2;", f"listen {https_port} ssl http2;"),
        ("listen [::]:443 ssl http2;", f"listen [::]:{https_port} ssl http2;"),
        ("listen 80;", f"listen {http_port};"),
        ("listen [::]:80;", f"listen [::]:{http_port};"),
        ("server 127.0.0.1:8080;", f"server 127.0.0.1:{upstream_port};"),
        ("/etc/ssl/terminbuch/fullchain.pem", os.path.join(folder, "server.pem")),
        ("/etc/ssl/terminbuch/privkey.pem", os.path.join(folder, "server.key")),
        ("/var/log/nginx/terminbuch.access.log", os.path.join(folder, "access.log")),
    ]:
        count = 2 if old.endswith(".log") else 1  # the log is both servers'
        if text.count(old) != count:
            sys.exit(f"proxy-tests: {CONF} should hold {old!r} {count} times, holds it {text.count(old)} times")
        text = text.replace(old, new)
    return text


def start_nginx(folder, site):
    """nginx in the foreground, everything it writes in `folder`."""
    with open(os.path.join(folder, "terminbuch.conf"), "w") as file:
        file.write(site)
    with open(os.path.join(folder, "nginx.conf"), "w") as file:
        file.write(f"""worker_processes 1;
pid {folder}/nginx.pid;
error_log stderr warn;
events {{ worker_connections 128; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/terminbuch.conf;
}}
""")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    return subprocess.Popen([nginx, "-p", folder, "-c", os.path.join(folder, "nginx.conf"), "-e", "stderr",
                             "-g", "daemon off;"])


def wait_for(port, process, what):
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"proxy-tests: {what} exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    sys.exit(f"proxy-tests: {what} did not listen on {port}")


class Curl:
    """curl over HTTPS and HTTP/2 against our CA: status, headers (names
    lowercased, each with its values), body and the HTTP version spoken."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, url, method="GET", json_body=None, headers=(), source=None, http2=True):
        command = ["curl", "-sS", "--max-time", "10", "--cacert", os.path.join(self.folder, "ca.pem"),
                   "-X", method, "-D", "-", "-o", os.path.join(self.folder, "answer"), "-w", "%{http_version}"]
        if http2:
            command.append("--http2")
        if source:
            command += ["--interface", source]
        for name, value in headers:
            command += ["-H", f"{name}: {value}"]
        if json_body is not None:
            command += ["-H", "Content-Type: application/json", "--data-binary", json.dumps(json_body)]
        output = subprocess.run(command + [url], check=True, capture_output=True, text=True).stdout
        # Text mode reads curl's CRLF as LF.
        head, _, version = output.rpartition("\n\n")
        lines = head.split("\n")
        status = int(lines[0].split()[1])
        fields = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            fields.setdefault(name.strip().lower(), []).append(value.strip())
        with open(os.path.join(self.folder, "answer"), "rb") as file:
            body = file.read().decode()
        return status, fields, body, version.strip()


def hold(curl, base, start, source, forwarded_for):
    status, _, body, _ = curl(base + "/api/v1/holds", "POST", {"officeId": OFFICE, "services": [{"id": "personalausweis"}],
                                                               "start": start},
                              headers=[("X-Forwarded-For", forwarded_for)], source=source)
    return status, body


def main():
    checks = Checks()
    started = time.monotonic()
    folder = tempfile.mkdtemp(prefix="terminbuch-proxy-")
    os.chmod(folder, 0o755)  # nginx's workers (nobody, when run as root) use its temp folders
    nginx = None
    try:
        make_certificates(folder)
        https_port, http_port = free_port(), free_port()
        public = f"https://localhost:{https_port}"
        output = ServerOutput()
        with demo_server(extra_arguments=["--trusted-proxies", "127.0.0.1/32", "--public-url", public,
                                          "--log-format", "json"], output=output) as direct:
            upstream_port = int(direct.rsplit(":", 1)[1])
            nginx = start_nginx(folder, substituted(https_port, http_port, upstream_port, folder))
            wait_for(https_port, nginx, "nginx")
            curl = Curl(folder)
            exercise(checks, curl, public, direct, http_port, output)
    finally:
        if nginx is not None:
            stop(nginx, timeout=10)
        shutil.rmtree(folder, ignore_errors=True)
    print(f"proxy-tests: {checks.passed} passed, {checks.failed} failed in {time.monotonic() - started:.1f} s", flush=True)
    return 1 if checks.failed else 0


def exercise(checks, curl, public, direct, http_port, output):
    # A citizen's page: HTTP/2 over TLS, HSTS, the CSRF and language cookies Secure.
    status, fields, body, version = curl(public + "/?lang=en")
    checks.check(status == 200 and version == "2", "the start page over HTTPS and HTTP/2", f"{status} HTTP/{version}")
    checks.check(fields.get("strict-transport-security") == [HSTS], "HSTS once", fields.get("strict-transport-security"))
    cookies = fields.get("set-cookie", [])
    checks.check(sorted(c.split("=", 1)[0] for c in cookies) == ["__Host-csrf", "lang"]
                 and all("secure" in [a.strip().lower() for a in c.split(";")] for c in cookies),
                 "every cookie of the page Secure", cookies)
    checks.check('href="/static/css/terminbuch.css"' in body, "the page links its style sheet")
    status, fields, _, _ = curl(public + "/static/css/terminbuch.css")
    checks.check(status == 200 and fields.get("content-type", [""])[0].startswith("text/css")
                 and fields.get("strict-transport-security") == [HSTS], "static files through Terminbuch, with HSTS",
                 f"{status} {fields.get('content-type')}")

    # Plain HTTP says where the service is.
    status, fields, _, _ = curl(f"http://localhost:{http_port}/termin", http2=False)
    checks.check(status == 301 and fields.get("location") == ["https://localhost/termin"], "plain HTTP redirects to https",
                 f"{status} {fields.get('location')}")

    # A booking through the proxy.
    status, _, body, _ = curl(public + f"/api/v1/offices/{OFFICE}/slots?services=personalausweis&date={DATE}")
    starts = [slot["start"] for slot in json.loads(body).get("slots", [])] if status == 200 else []
    checks.check(len(starts) > 3 * LIVE_HOLDS + 4, "free starts to book and hold", f"{status} {len(starts)}")
    if len(starts) <= 3 * LIVE_HOLDS + 4:
        return
    status, _, body, _ = curl(public + "/api/v1/bookings", "POST",
                              {"officeId": OFFICE, "services": [{"id": "personalausweis"}], "start": starts.pop(),
                               "contact": {"name": "Proxy Probe", "email": "proxy@example.de"}})
    checks.check(status == 201 and json.loads(body).get("manageToken"), "a booking over HTTPS", f"{status} {body[:200]}")

    # Staff sign in: the session cookie is Secure; the calendar feed's
    # address is on the public URL, and the API's same-origin check sees
    # the origin the browser named (Host and X-Forwarded-Proto passed on).
    status, fields, _, _ = curl(public + "/api/v1/session", "POST", {"username": "staff-mitte", "password": "demo"})
    session = [c for c in fields.get("set-cookie", []) if c.startswith(SESSION_COOKIE + "=")]
    checks.check(status == 200 and session and "secure" in [a.strip().lower() for a in session[0].split(";")],
                 "the session cookie Secure", f"{status} {session}")
    if not session:
        return
    cookie = ("Cookie", session[0].split(";", 1)[0])
    status, _, body, _ = curl(public + f"/api/v1/offices/{OFFICE}/feeds", "POST", headers=[cookie, ("Origin", "https://evil.example")])
    checks.check(status == 403, "another site's Origin refused behind the proxy", f"{status} {body[:200]}")
    status, _, body, _ = curl(public + f"/api/v1/offices/{OFFICE}/feeds", "POST", headers=[cookie, ("Origin", public)])
    url = json.loads(body).get("url", "") if status == 201 else ""
    checks.check(url.startswith(public + "/feeds/"), "the feed's address on the public https URL", f"{status} {body[:200]}")
    if url:
        status, fields, body, _ = curl(url)
        checks.check(status == 200 and "Proxy Probe" in body, "the feed, fetched at that address, holds the booking",
                     f"{status} {body[:200]}")

    # Behind the proxy the client is the address curl sent from, whatever
    # it wrote into X-Forwarded-For: its holds count together up to the
    # limit, however the header changes, and another address still holds.
    statuses = [hold(curl, public, starts.pop(), "127.0.1.2", f"198.51.100.{n}")[0] for n in range(LIVE_HOLDS + 1)]
    checks.check(statuses == [201] * LIVE_HOLDS + [429], "behind nginx, a forged X-Forwarded-For escapes no hold limit", statuses)
    status, body = hold(curl, public, starts.pop(), "127.0.2.3", "198.51.100.1")
    checks.check(status == 201, "behind nginx, another client address is another client (not the proxy's)", f"{status} {body[:200]}")

    # Straight to Terminbuch from a peer that is not a trusted proxy: its
    # X-Forwarded-For is its own word and ignored.
    statuses = [hold(curl, direct, starts.pop(), "127.0.3.4", f"203.0.113.{n}")[0] for n in range(LIVE_HOLDS + 1)]
    checks.check(statuses == [201] * LIVE_HOLDS + [429], "an untrusted peer's X-Forwarded-For is ignored", statuses)
    # … while the trusted proxy's word is believed: the same header from
    # 127.0.0.1 names a client of its own.
    status, body = hold(curl, direct, starts.pop(), "127.0.0.1", "203.0.113.200")
    checks.check(status == 201, "the trusted proxy's X-Forwarded-For names the client", f"{status} {body[:200]}")

    # Terminbuch's own access log (JSON) names each hold's client as the
    # limits counted it, anonymised to its /24: the network behind the
    # proxy, never the forged one. The clients above sit in /24s of their own
    # (all of 127.0.0.0/8 is loopback), so the log still tells them apart.
    def hold_clients(lines):
        entries = [json.loads(line) for line in lines if line.startswith("{")]
        return [e["client"] for e in entries if e.get("event") == "access" and e.get("route") == "/api/v1/holds"]
    expected = ["127.0.1.0"] * (LIVE_HOLDS + 1) + ["127.0.2.0"] + ["127.0.3.0"] * (LIVE_HOLDS + 1) + ["203.0.113.0"]
    output.wait_for(lambda lines: len(hold_clients(lines)) >= len(expected))
    checks.check(hold_clients(output.lines) == expected,
                 "the access log's client is the network of the address the request came from behind the proxy", hold_clients(output.lines))

    # nginx's access log: every request, no query string, no feed token.
    with open(os.path.join(curl.folder, "access.log")) as file:
        log = file.read()
    token = url.rsplit("/", 1)[-1].removesuffix(".ics")
    checks.check(log.count('"POST /api/v1/holds ') == LIVE_HOLDS + 2 and '"GET /feeds/[redacted].ics ' in log
                 and "/slots " in log and "?" not in log and token not in log,
                 "nginx's log holds the requests without queries or the feed's token", log)


if __name__ == "__main__":
    sys.exit(main())
