"""Every message Terminbuch sends, as a citizen and an office get it.

The real server delivers through a real SMTP server in this process
(aiosmtpd, STARTTLS required, on a certificate made here with openssl and
verified by the server against `--smtp-ca-file`). Each message is read by
Python's `email` package (Tests/MailTests/python/mail_json.py: headers
decoded, parts found, defects listed), its `.ics` by PyPI's icalendar, and
its links are followed over HTTP to do what they say.
"""
import base64
import html
import json
import queue
import re
import socket
import ssl
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

import icalendar
import pytest
from aiosmtpd.controller import Controller

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "Tests" / "MailTests" / "python"))
from mail_json import parsed  # noqa: E402

NOW = "2026-11-16T07:30:00+01:00"
OFFICE = "buergerbuero-mitte"


class Inbox:
    """The SMTP server's side: every message accepted, parsed, in order."""

    def __init__(self):
        self.messages = queue.Queue()

    async def handle_DATA(self, server, session, envelope):
        record = parsed(envelope.original_content)
        record["rcpt_tos"] = envelope.rcpt_tos
        record["tls"] = session.ssl is not None
        self.messages.put(record)
        return "250 OK: queued"

    def next_to(self, address, timeout=30):
        """The next message to `address`; others on the way are kept for later."""
        kept = []
        try:
            while True:
                message = self.messages.get(timeout=timeout)
                if address in message["rcpt_tos"]:
                    return message
                kept.append(message)
        except queue.Empty:
            pytest.fail(f"no message to {address} within {timeout} s", pytrace=False)
        finally:
            for message in kept:
                self.messages.put(message)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp():
    """A STARTTLS-only SMTP server on loopback and the CA file that vouches for it."""
    directory = Path(tempfile.mkdtemp(prefix="terminbuch-smtp-"))
    ca_key, ca, key, request, cert = (directory / name for name in ("ca.key", "ca.pem", "key.pem", "req.pem", "cert.pem"))
    run = lambda *args: subprocess.run(["openssl", *args], check=True, capture_output=True)  # noqa: E731
    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca_key, "-out", ca, "-days", "2",
        "-subj", "/CN=Terminbuch test CA")
    run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", request, "-subj", "/CN=localhost")
    extensions = directory / "san.cnf"
    extensions.write_text("subjectAltName=DNS:localhost,IP:127.0.0.1\n")
    run("x509", "-req", "-in", request, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial", "-out", cert, "-days", "2",
        "-extfile", extensions)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, server_hostname="localhost",
                            tls_context=context, require_starttls=True)
    controller.start()
    yield inbox, f"smtp://localhost:{port}?tls=required", str(ca)
    controller.stop()


def links(message):
    return re.findall(r"https?://[^\s<>\"]+", message["text"])


def link_to(message, fragment):
    found = [link for link in links(message) if fragment in link]
    assert found, f"no link with {fragment} in:\n{message['text']}"
    return found[0]


def check_well_formed(message, recipient):
    """What every message must be: parsed without defects, multipart text
    and HTML, sent over TLS, no personal data in the subject."""
    assert message["defects"] == [], message["defects"]
    assert message["tls"], "sent over STARTTLS"
    assert message["to"] == [["", recipient]]
    assert message["text"] and message["html"], message["parts"]
    assert "multipart/alternative" in message["parts"]
    assert message["message_id"].startswith("<tb.") and message["message_id"].endswith(">")
    assert message["longest_line"] <= 998
    assert dict(message["headers"]).get("Auto-Submitted") == "auto-generated"


def calendar_of(message):
    attachment = next(a for a in message["attachments"] if a["filename"] == "termin.ics")
    return icalendar.Calendar.from_ical(base64.b64decode(attachment["data"])).walk("VEVENT")[0]


class Browser:
    """Cookies and forms, as a citizen's browser without JavaScript."""

    def __init__(self, server):
        self.server = server
        self.cookies = {}

    def path_of(self, link):
        parts = urllib.parse.urlsplit(link)
        assert parts.port == self.server.port, f"{link} leads elsewhere than the server"
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def request(self, method, path, form=None):
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://127.0.0.1:{self.server.port}"
        import http.client
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        payload = response.read().decode("utf-8", "replace")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                pair = value.split(";")[0]
                cookie, _, content = pair.partition("=")
                if content:
                    self.cookies[cookie] = content
                else:
                    self.cookies.pop(cookie, None)
        location = response.getheader("Location")
        connection.close()
        return response.status, location, payload

    def get(self, path):
        """GET, following redirects; the last page's status and body."""
        for _ in range(5):
            status, location, payload = self.request("GET", path)
            if status not in (301, 302, 303, 307, 308):
                return status, path, payload
            path = location
        pytest.fail(f"too many redirects from {path}")

    def submit(self, page, action_fragment, extra=None):
        """Posts the form whose action contains `action_fragment` with its
        hidden fields (the CSRF token among them) and `extra`; answers the
        page it leads to (after its redirect, if it answers with one)."""
        forms = re.findall(r'<form[^>]*action="([^"]+)"[^>]*>(.*?)</form>', page, re.S)
        found = [(html.unescape(action), body) for action, body in forms if action_fragment in html.unescape(action)]
        assert found, f"no form posting to {action_fragment}"
        action, body = found[0]
        fields = {html.unescape(name): html.unescape(value) for name, value in
                  re.findall(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', body)}
        fields.update(extra or {})
        status, location, payload = self.request("POST", action, fields)
        if status == 303:
            return self.get(location)
        return status, action, payload


def book(server, start, email, name="Erika Mustermann", office=OFFICE, language=None):
    body = {"officeId": office, "services": [{"id": "personalausweis", "quantity": 1}], "start": start,
            "contact": {"name": name, "email": email}}
    if language:
        body["language"] = language
    return server.json("POST", "/api/v1/bookings", body, expect=201)


def free_starts(server, date, office=OFFICE):
    return [slot["start"] for slot in
            server.json("GET", f"/api/v1/offices/{office}/slots?services=personalausweis&date={date}")["slots"]]


def test_a_citizens_messages_arrive_and_their_links_do_what_they_say(start_server, smtp):
    inbox, url, ca = smtp
    server = start_server(NOW, ["--smtp-url", url, "--smtp-ca-file", ca], clock=True)
    browser = Browser(server)

    # Confirmation: the booking, its manage link, the calendar entry; English as asked.
    starts = free_starts(server, "2026-11-24")
    made = book(server, starts[0], "erika@example.org", language="en")
    code = made["booking"]["code"]
    confirmation = inbox.next_to("erika@example.org")
    check_well_formed(confirmation, "erika@example.org")
    assert "Erika" not in confirmation["subject"] and "Bürgerbüro Mitte" in confirmation["subject"]
    assert confirmation["subject"].startswith("Your appointment"), confirmation["subject"]
    assert code in confirmation["text"] and code in confirmation["html"]
    event = calendar_of(confirmation)
    assert str(event["UID"]) == f"{code}@terminbuch"
    assert event.decoded("DTSTART").isoformat() == starts[0]
    manage = link_to(confirmation, f"/termin/verwalten/{code}")
    status, _, page = browser.get(browser.path_of(manage))
    assert status == 200 and code in page

    # Moved, through the manage link's pages: the new time, an updated calendar entry.
    later = free_starts(server, "2026-11-25")[0]
    status, _, page = browser.get(f"/termin/verwalten/{code}/zeit?date=2026-11-25")
    assert status == 200 and f'value="{later}"' in page, "the time page offers the free start"
    status, _, page = browser.submit(page, "/zeit", {"start": later})
    assert status == 200
    moved = inbox.next_to("erika@example.org")
    check_well_formed(moved, "erika@example.org")
    assert calendar_of(moved).decoded("DTSTART").isoformat() == later
    assert str(calendar_of(moved)["UID"]) == f"{code}@terminbuch", "the same event, moved"

    # Reminder, a day before, with its cancel link: following it cancels.
    server.set_clock("2026-11-24T09:00:00+01:00")
    reminder = inbox.next_to("erika@example.org")
    check_well_formed(reminder, "erika@example.org")
    assert code in reminder["text"]
    status, path, page = browser.get(browser.path_of(link_to(reminder, code)))
    assert status == 200
    if "/absagen" not in path:
        status, path, page = browser.get(f"/termin/verwalten/{code}/absagen")
    status, _, page = browser.submit(page, "/absagen")
    assert status == 200
    cancelled = inbox.next_to("erika@example.org")
    check_well_formed(cancelled, "erika@example.org")
    assert str(calendar_of(cancelled)["STATUS"]) == "CANCELLED"
    status, _, payload = server.request("GET", f"/api/v1/bookings/{code}", None,
                                        {"Authorization": f"Bearer {made['manageToken']}"})
    assert status == 200 and b'"cancelled"' in payload


def test_a_closure_tells_the_booked_and_resend_brings_the_links(start_server, smtp):
    inbox, url, ca = smtp
    server = start_server(NOW, ["--smtp-url", url, "--smtp-ca-file", ca])
    browser = Browser(server)
    start = free_starts(server, "2026-12-02")[0]
    made = book(server, start, "karl@example.org", name="Karl Klein")
    code = made["booking"]["code"]
    inbox.next_to("karl@example.org")

    # Staff close that day: the booked citizen hears why, with a link to choose a new time.
    server.sign_in("staff-mitte")
    server.json("POST", f"/api/v1/offices/{OFFICE}/closures", {"from": "2026-12-02", "reason": "Wasserschaden"},
                expect=201)
    affected = inbox.next_to("karl@example.org")
    check_well_formed(affected, "karl@example.org")
    assert "Wasserschaden" in affected["text"]
    status, _, page = Browser(server).get(browser.path_of(link_to(affected, code)))
    assert status == 200 and code in page

    # Resend my links: the same answer either way; the links open the bookings.
    server.cookie = None
    for address in ("karl@example.org", "nobody@example.org"):
        status, _, _ = server.request("POST", "/api/v1/booking-links", {"email": address})
        assert status == 202
    links_message = inbox.next_to("karl@example.org")
    check_well_formed(links_message, "karl@example.org")
    status, _, page = Browser(server).get(browser.path_of(link_to(links_message, code)))
    assert status == 200 and code in page


def test_a_memo_and_a_callback_reach_the_offices_mailbox_with_their_context(start_server, smtp):
    inbox, url, ca = smtp
    server = start_server(NOW, ["--smtp-url", url, "--smtp-ca-file", ca])
    catalogue = json.loads((REPO / "Examples" / "demo" / "catalogue.json").read_text())
    mailbox = next(office["mailbox"] for office in catalogue["offices"] if office["id"] == OFFICE)
    server.sign_in("agent")
    server.json("POST", "/api/v1/memos", {"officeId": OFFICE, "subject": "Adresse prüfen",
                                          "text": "Umzug gemeldet, Hausnummer fehlt.", "contact": "0471 123456"},
                expect=201)
    memo = inbox.next_to(mailbox)
    check_well_formed(memo, mailbox)
    assert "Hausnummer fehlt" in memo["text"] and "0471 123456" in memo["text"]
    assert "Hausnummer" not in memo["subject"]

    # A callback request: the clerk has the caller, the number and the topic before calling back.
    server.json("POST", "/api/v1/callbacks", {"officeId": OFFICE, "name": "Rita Rückruf", "phone": "0471 654321",
                                              "topic": "Ummeldung mit Kindern", "note": "Fragt nach Unterlagen."},
                expect=201)
    callback = inbox.next_to(mailbox)
    check_well_formed(callback, mailbox)
    for fact in ("Rita Rückruf", "0471 654321", "Ummeldung mit Kindern", "Fragt nach Unterlagen."):
        assert fact in callback["text"], fact
    assert "Rita" not in callback["subject"] and callback["subject"] != memo["subject"]
    status, _, _ = Browser(server).get(Browser(server).path_of(link_to(callback, "/dienst/")))
    assert status in (200, 303), "the link leads to the office's inbox (sign-in first)"


def test_an_opt_in_is_confirmed_by_its_link_and_then_confirmed_by_mail(start_server, smtp):
    # The demo's Mobiler Bürgerservice asks for the double opt-in; on
    # Tuesday 24 November it is in the Stadtbibliothek Leherheide.
    inbox, url, ca = smtp
    server = start_server(NOW, ["--smtp-url", url, "--smtp-ca-file", ca])
    browser = Browser(server)
    made = book(server, free_starts(server, "2026-11-24", office="buergerservice-mobil")[0], "olaf@example.org",
                name="Olaf Opt", office="buergerservice-mobil")
    code = made["booking"]["code"]
    assert made["booking"]["status"] == "pendingConfirmation"
    opt_in = inbox.next_to("olaf@example.org")
    check_well_formed(opt_in, "olaf@example.org")
    assert not opt_in["attachments"], "no calendar entry before it is confirmed"
    confirm = link_to(opt_in, f"/termin/bestaetigen/{code}")
    status, _, page = browser.get(browser.path_of(confirm))
    assert status == 200
    status, _, page = browser.get(browser.path_of(confirm))
    assert status == 200, "looking at the link twice confirms nothing"
    status, _, page = browser.submit(page, f"/termin/bestaetigen/{code}")
    assert status == 200 and code in page
    confirmation = inbox.next_to("olaf@example.org")
    check_well_formed(confirmation, "olaf@example.org")
    assert str(calendar_of(confirmation)["LOCATION"]).startswith("Stadtbibliothek Leherheide")
    status, _, page = Browser(server).get(browser.path_of(confirm))
    assert status == 404, "the link works once"
    status, _, _ = Browser(server).get(browser.path_of(link_to(confirmation, f"/termin/verwalten/{code}")))
    assert status == 200
