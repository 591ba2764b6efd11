"""scripts/conformance: schemathesis holds a freshly seeded server to its own
OpenAPI document (GET /api/v1/openapi.json), with the configuration of
schemathesis.toml: every check, a bounded number of examples, a fixed seed.
Extra arguments go to `schemathesis run` (e.g. `--max-examples 200`).
"""

import json
import os
import subprocess
import sys
import time
import urllib.request

from terminbuch_server import ROOT, SESSION_COOKIE, demo_server, sign_in

# A hang, not a slow run: a run takes about a minute on two cores.
TIME_LIMIT_SECONDS = 600


def admin_post(base_url, session, path, body):
    request = urllib.request.Request(
        base_url + path, method="POST", data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Cookie": f"{SESSION_COOKIE}={session}",
                 "Sec-Fetch-Site": "same-origin"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 201, response.status


def add_account(base_url, session, username):
    """A staff account for the run to disable, enable and re-password."""
    admin_post(base_url, session, "/api/v1/admin/accounts",
               {"username": username, "password": "conformance-password", "role": "staff", "officeIds": ["buergerbuero-mitte"]})


def add_sandbox(base_url, session):
    """The catalogue items the run changes and previews the removal of
    (schemathesis_hooks.SANDBOX), beside the demo's: an empty municipality;
    in another, two offices sharing a service, one with a rule and a closure,
    and an office offering nothing, to remove."""
    address = {"street": "Probestraße 1", "postalCode": "27568", "city": "Bremerhaven"}
    for path, body in [
        ("/api/v1/admin/municipalities", {"id": "conformance-leer", "name": "Leer"}),
        ("/api/v1/admin/municipalities", {"id": "conformance-stadt", "name": "Conformance-Stadt"}),
        *[("/api/v1/admin/offices", {"id": office, "municipality": "conformance-stadt", "name": office, "kind": "citizensOffice",
                                     "land": "HB", "address": address})
          for office in ("conformance-amt", "conformance-zweitamt", "conformance-leeramt")],
        ("/api/v1/admin/services", {"id": "conformance-dienst", "name": "Dienst", "baseMinutes": 15,
                                    "offices": [{"office": "conformance-amt"}, {"office": "conformance-zweitamt"}]}),
        ("/api/v1/admin/offices/conformance-amt/rules", {"id": "conformance-regel", "weekdays": ["monday"],
                                                         "band": {"start": "08:00", "end": "12:00"}, "counters": 1, "slotMinutes": 15}),
        ("/api/v1/admin/offices/conformance-amt/closures", {"id": "conformance-zu", "from": "2026-12-31", "reason": "Silvester"}),
    ]:
        admin_post(base_url, session, path, body)


def main():
    schemathesis = os.path.join(os.path.dirname(sys.executable), "schemathesis")
    started = time.monotonic()
    with demo_server() as base_url:
        # Signed in before schemathesis sends its wrong passwords from this
        # address, which the sign-in throttle then answers with 429.
        admin = sign_in(base_url, "admin")
        env = dict(os.environ,
                   TERMINBUCH_CONFORMANCE_SESSION=sign_in(base_url, "staff-mitte"),
                   TERMINBUCH_CONFORMANCE_SPARE_SESSION=sign_in(base_url, "staff-mitte"),
                   TERMINBUCH_CONFORMANCE_AGENT_SESSION=sign_in(base_url, "agent"),
                   TERMINBUCH_CONFORMANCE_ADMIN_SESSION=admin)
        add_account(base_url, admin, "conformance-target")
        add_sandbox(base_url, admin)
        # No `--checks all`: every check is on by default in schemathesis 4,
        # and a check named on the command line would override the few
        # per-operation exceptions schemathesis.toml explains.
        command = [schemathesis, "run", base_url + "/api/v1/openapi.json", "--no-color", *sys.argv[1:]]
        print("conformance:", " ".join(command), flush=True)
        try:
            code = subprocess.run(command, cwd=ROOT, env=env, timeout=TIME_LIMIT_SECONDS).returncode
        except subprocess.TimeoutExpired:
            print(f"conformance: schemathesis did not finish within {TIME_LIMIT_SECONDS} s", file=sys.stderr)
            code = 1
    verdict = "passed" if code == 0 else f"FAILED (exit {code})"
    print(f"conformance: {verdict} in {time.monotonic() - started:.0f} s", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
