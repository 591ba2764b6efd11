"""scripts/redbot-scan: REDbot (PyPI `redbot`, by Mark Nottingham) checks the
HTTP of the main URLs of a freshly seeded server, or of the server at the URL
given: headers, caching, validators, conditional and range requests, content
negotiation. Fails on any note of level "bad"; reports warnings.

The URLs: MAIN below (each kind of answer the server gives: JSON, problems,
the calendar, static files, the plain 404), plus every page reachable by
links from the start page (so new pages are scanned as they are linked).
"""

import re
import sys
import time
import urllib.parse
import urllib.request
from configparser import ConfigParser

import thor
from httplint.note import levels
from redbot.resource import HttpResource

from terminbuch_server import SESSION_COOKIE, demo_server, sign_in

# (label, path, who asks). Who: None (anyone), "staff" (staff-mitte's
# session cookie) or "owner" (the manage token of a booking made for the scan).
MAIN = [
    ("health", "/health", None),
    ("stylesheet", "/static/css/terminbuch.css", None),
    ("static 404", "/static/nothing.css", None),
    ("OpenAPI document", "/api/v1/openapi.json", None),
    ("offices", "/api/v1/offices", None),
    ("office", "/api/v1/offices/buergerbuero-mitte", None),
    ("services", "/api/v1/services", None),
    ("days", "/api/v1/offices/buergerbuero-mitte/days?services=personalausweis", None),
    ("slots", "/api/v1/offices/buergerbuero-mitte/slots?services=personalausweis&date=2026-12-01", None),
    ("slots 422", "/api/v1/offices/buergerbuero-mitte/slots?services=personalausweis", None),
    ("booking", "/api/v1/bookings/{code}", "owner"),
    ("booking calendar", "/api/v1/bookings/{code}/calendar.ics", "owner"),
    ("booking 404", "/api/v1/bookings/K7M-4QX-9TD", None),
    ("search", "/api/v1/bookings?query=Schmidt", "staff"),
    ("search 401", "/api/v1/bookings?query=Schmidt", None),
    ("schedule", "/api/v1/offices/buergerbuero-mitte/schedule?date=2026-12-01", "staff"),
    ("session", "/api/v1/session", "staff"),
    ("API 404", "/api/v1/nothing", None),
    ("404", "/nothing", None),
]

# Pages found by following links from here, at most this many.
START_PAGE = "/"
MAX_PAGES = 25


def main():
    started = time.monotonic()
    if len(sys.argv) > 1:
        base_url = sys.argv[1].rstrip("/")
        return report(scan(targets(base_url, staff=None, owner=None)), started)
    with demo_server() as base_url:
        staff = sign_in(base_url, "staff-mitte")
        owner = book(base_url)
        return report(scan(targets(base_url, staff, owner)), started)


def book(base_url):
    """A booking for the owner's URLs: (code, manage token)."""
    import json
    body = {"officeId": "buergerbuero-mitte", "services": [{"id": "personalausweis"}],
            "start": "2026-12-01T11:45:00+01:00", "contact": {"name": "REDbot", "email": "redbot@example.org"}}
    request = urllib.request.Request(base_url + "/api/v1/bookings", data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        created = json.load(response)
    return created["booking"]["code"], created["manageToken"]


def targets(base_url, staff, owner):
    result = []
    for label, path, who in MAIN:
        headers = []
        if who == "staff":
            if not staff:
                continue
            headers = [("Cookie", f"{SESSION_COOKIE}={staff}")]
        elif who == "owner":
            if not owner:
                continue
            path = path.format(code=owner[0])
            headers = [("Authorization", f"Bearer {owner[1]}")]
        result.append((label, base_url + path, headers))
    for path in pages(base_url):
        result.append(("page " + path, base_url + path, []))
    return result


def pages(base_url):
    """Same-origin pages linked from the start page, breadth first: the
    HTML answers of GET, without query strings or fragments."""
    found, queue, seen = [], [START_PAGE], {START_PAGE}
    while queue and len(found) < MAX_PAGES:
        path = queue.pop(0)
        try:
            with urllib.request.urlopen(base_url + path, timeout=30) as response:
                if not response.headers.get("Content-Type", "").startswith("text/html"):
                    continue
                html = response.read().decode("utf-8", "replace")
        except (urllib.error.HTTPError, urllib.error.URLError):
            continue
        found.append(path)
        for href in re.findall(r'<a\s[^>]*href="([^"#?]+)', html):
            link = urllib.parse.urljoin(base_url + path, href)
            if link.startswith(base_url + "/"):
                linked = link[len(base_url):]
                if linked not in seen:
                    seen.add(linked)
                    queue.append(linked)
    return found


def scan(targets):
    """Runs REDbot on every target at once; returns [(label, url, resource)]."""
    parser = ConfigParser()
    parser.read_dict({"redbot": {"enable_local_access": "True"}})
    config = parser["redbot"]
    resources = []
    pending = set()
    for label, url, headers in targets:
        resource = HttpResource(config, descend=False)
        resource.set_request(url, headers=headers)
        resources.append((label, url, resource))
        pending.add(id(resource))

        def done(resource=resource):
            pending.discard(id(resource))
            if not pending:
                thor.stop()

        thor.events.on(resource)(check_done_handler(done))
    for _, _, resource in resources:
        resource.check()
    if pending:
        thor.run()
    return resources


def check_done_handler(done):
    def check_done():
        done()
    return check_done


def flatten(notes):
    for note in notes:
        yield note
        yield from flatten(note.subnotes or [])


def report(resources, started):
    errors = warnings = 0
    for label, url, resource in resources:
        if resource.fetch_error is not None:
            print(f"ERROR {label} {url}: {resource.fetch_error.desc}")
            errors += 1
            continue
        notes = list(flatten(resource.response.notes))
        bad = [note for note in notes if note.level == levels.BAD]
        warned = [note for note in notes if note.level == levels.WARN]
        status = resource.response.status_code
        print(f"{'BAD ' if bad else 'ok  '} {status} {label}: {url}")
        for note in bad:
            print(f"       bad:     {note.summary}")
        for note in warned:
            print(f"       warning: {note.summary}")
        errors += len(bad)
        warnings += len(warned)
    elapsed = time.monotonic() - started
    print(f"redbot-scan: {len(resources)} URLs, {errors} errors, {warnings} warnings in {elapsed:.0f} s")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
