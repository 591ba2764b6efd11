"""Schemathesis hooks for scripts/conformance (named in schemathesis.toml).

Who calls:
- Operations open to everyone (catalogue, availability, holds, bookings)
  run anonymously, as a citizen online.
- Account administration carries the demo admin's session; the routes on
  one account act on `conformance-target`, made for the run.
- The catalogue's administration carries it too; the routes on one item
  act on the run's sandbox (conformance.py), and deleting or replacing
  the whole catalogue is only previewed, so the demo's catalogue stays.
- Operations that need a sign-in (search, schedule, session) carry the
  session cookie of `staff-mitte`, which scripts/conformance obtained from
  POST /api/v1/session before the run: the sign-in throttle would refuse a
  sign-in made after schemathesis has sent wrong passwords from this address.
- Operations on a booking code carry that booking's manage token when the
  booking was made in this run (citizens' access, taken from the 201 of
  POST /api/v1/bookings), otherwise the staff cookie (staff's access).
- POST and DELETE /api/v1/session never get the cookie: a successful sign-in
  ends the session it came with and a sign-out ends it, and every later
  request would be anonymous. The first DELETE signs out a spare session
  instead, so a real sign-out is exercised too.

And two checks of our own: every response carries the security headers of
docs/architecture.md "Security" and every API error is application/problem+json
(`security_headers`); every operation is really reached
(`every_operation_is_reached`).
"""

import os
import re
import threading

import schemathesis

SESSION_COOKIE = "__Host-terminbuch-session"
SIGNED_IN_ONLY = ["searchBookings", "getSchedule", "getSession",
                  # The front desk: staff of the office only, never a manage token.
                  "getScheduleCSV", "getScheduleICS", "checkInBooking", "markNoShow", "completeBooking", "issueWalkIn",
                  "listWalkIns", "walkInDone", "walkInNoShow", "getQueue", "callNext", "createFeed", "renewFeeds", "revokeFeeds"]
BY_CODE = ["getBooking", "getBookingCalendar", "cancelBooking", "rescheduleBooking", "getPersonalData", "erasePersonalData"]
# The office's side of the call centre: staff-mitte's session, never a manage token.
STAFF_ONLY = ["listCallbacks", "listMemos", "completeCallback", "completeMemo", "getBookingHistory",
              # The office's closures, counters, list to contact and statistics.
              "listClosures", "createClosure", "deleteClosure", "listCapacityChanges", "createCapacityChange",
              "deleteCapacityChange", "listAffectedBookings", "markAffectedBookingHandled", "getStatistics",
              "getStatisticsCsv"]
# Filing callbacks and memos is for agents: the demo agent's session.
AGENT_ONLY = ["createCallback", "createMemo"]
# Accounts are for admins: the demo admin's session. The routes on one
# account act on an account of the run's own (TARGET_ACCOUNT), never on
# one whose session the run signs in with.
ADMIN_ONLY = ["listAccounts", "createAccount", "disableAccount", "enableAccount", "setAccountPassword"]
ON_ONE_ACCOUNT = ["disableAccount", "enableAccount", "setAccountPassword"]
TARGET_ACCOUNT = "conformance-target"
# The catalogue for admins, also the demo admin's session. The run must not
# wreck the catalogue the other operations book on, so every route on one
# item acts on the sandbox of scripts/python/conformance.py (a municipality,
# an office with a rule and a closure, a service of their own), and the
# changes that would take the demo's away are previews: every DELETE, and
# PUT of the whole catalogue (a schema-valid catalogue is never the demo's).
# Adding is real: new items sit beside the demo's and take nothing from it.
CATALOGUE = ["getAdminCatalogue", "replaceCatalogue", "getAudit"] + [
    verb + "Admin" + kind
    for kind in ["Municipality", "Service", "Office", "OpeningRule", "CatalogueClosure"]
    for verb in ["create", "get", "update", "delete"]
] + ["listAdminMunicipalities", "listAdminServices", "listAdminOffices", "listAdminOpeningRules", "listAdminCatalogueClosures"]
ADMIN_ONLY += CATALOGUE
SANDBOX = {"municipalityId": "conformance-leer", "officeId": "conformance-amt", "serviceId": "conformance-dienst",
           "ruleId": "conformance-regel", "closureId": "conformance-zu"}
EMPTY_OFFICE = "conformance-leeramt"
IDENTIFIER = re.compile(r"^[a-z0-9-]{1,64}$")  # components.schemas.Identifier
PREVIEW_ONLY = ["replaceCatalogue"] + ["deleteAdmin" + kind for kind in
                                       ["Municipality", "Service", "Office", "OpeningRule", "CatalogueClosure"]]

_lock = threading.Lock()
_manage_tokens = {}  # booking code -> manage token, from this run's 201s
_spare = {"token": os.environ.get("TERMINBUCH_CONFORMANCE_SPARE_SESSION")}


@schemathesis.auth(refresh_interval=None).apply_to(operation_id=SIGNED_IN_ONLY + BY_CODE)
class StaffOrOwner:
    """The staff-mitte session cookie, or the manage token of a booking of this run."""

    def get(self, case, context):
        token = os.environ.get("TERMINBUCH_CONFORMANCE_SESSION")
        if not token:
            raise RuntimeError("TERMINBUCH_CONFORMANCE_SESSION is not set: run scripts/conformance")
        return token

    def set(self, case, data, context):
        code = (case.path_parameters or {}).get("code")
        with _lock:
            manage_token = _manage_tokens.get(code)
        if manage_token:
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {manage_token}"}
        else:
            _with_session(case, data)


def _with_session(case, token):
    """The session cookie, sent as a browser on the server's own pages sends
    it: the API refuses a cookie on an unsafe request from another site."""
    case.cookies = {**(case.cookies or {}), SESSION_COOKIE: token}
    case.headers = {**(case.headers or {}), "Sec-Fetch-Site": "same-origin"}


def _session(variable):
    token = os.environ.get(variable)
    if not token:
        raise RuntimeError(f"{variable} is not set: run scripts/conformance")
    return token


@schemathesis.auth(refresh_interval=None).apply_to(operation_id=STAFF_ONLY)
class Staff:
    """The staff-mitte session cookie."""

    def get(self, case, context):
        return _session("TERMINBUCH_CONFORMANCE_SESSION")

    def set(self, case, data, context):
        _with_session(case, data)


@schemathesis.auth(refresh_interval=None).apply_to(operation_id=AGENT_ONLY)
class Agent:
    """The demo agent's session cookie (both demo municipalities)."""

    def get(self, case, context):
        return _session("TERMINBUCH_CONFORMANCE_AGENT_SESSION")

    def set(self, case, data, context):
        _with_session(case, data)


@schemathesis.auth(refresh_interval=None).apply_to(operation_id=ADMIN_ONLY)
class Admin:
    """The demo admin's session cookie (unscoped)."""

    def get(self, case, context):
        return _session("TERMINBUCH_CONFORMANCE_ADMIN_SESSION")

    def set(self, case, data, context):
        _with_session(case, data)


@schemathesis.hook("before_call").apply_to(operation_id=ON_ONE_ACCOUNT)
def act_on_the_runs_own_account(context, case, kwargs):
    case.path_parameters = {**(case.path_parameters or {}), "username": TARGET_ACCOUNT}


@schemathesis.hook("before_call").apply_to(operation_id=CATALOGUE)
def act_on_the_sandbox(context, case, kwargs):
    """Items by id are the sandbox's (an id the document's pattern refuses
    is left as generated, for the server to refuse); a changed item keeps
    its id (the body's must be the address's), so a valid change can be
    accepted at all. An office is removed (in preview) where it takes
    nothing with it."""
    parameters = case.path_parameters or {}
    sandbox = dict(SANDBOX, officeId=EMPTY_OFFICE) if case.method.upper() == "DELETE" and case.path.endswith("{officeId}") else SANDBOX
    case.path_parameters = {**parameters, **{name: sandbox[name] for name, value in parameters.items()
                                             if name in sandbox and isinstance(value, str) and IDENTIFIER.match(value)}}
    item = next((SANDBOX[name] for name in ("ruleId", "closureId", "serviceId", "municipalityId") if name in parameters),
                SANDBOX["officeId"] if case.path.endswith("{officeId}") else None)
    if case.method.upper() == "PUT" and item and isinstance(case.body, dict) and "id" in case.body:
        case.body = {**case.body, "id": item}


@schemathesis.hook("before_call").apply_to(operation_id=PREVIEW_ONLY)
def only_preview(context, case, kwargs):
    case.query = {**(case.query or {}), "preview": "true"}


@schemathesis.hook("after_call").apply_to(operation_id="createBooking")
def remember_manage_token(context, case, response):
    if response.status_code != 201:
        return
    try:
        created = response.json()
        code, token = created["booking"]["code"], created["manageToken"]
    except (ValueError, KeyError, TypeError):
        return  # response_schema_conformance reports it
    with _lock:
        _manage_tokens[code] = token


@schemathesis.hook("before_call").apply_to(operation_id="signOut")
def sign_out_the_spare_session(context, case, kwargs):
    with _lock:
        token, _spare["token"] = _spare["token"], None
    if token:
        _with_session(case, token)


# What every response carries (docs/architecture.md "Security"; Sources/WebApp/SecurityHeaders.swift).
REQUIRED_HEADERS = ("X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Content-Security-Policy")


@schemathesis.check
def security_headers(ctx, response, case):
    """nosniff, no framing, a referrer policy and a CSP without inline code; API errors as problems."""

    def value(name):
        values = response.headers.get(name.lower())
        return values[0] if values else None

    missing = [name for name in REQUIRED_HEADERS if value(name) is None]
    if missing:
        raise AssertionError(f"Response without {', '.join(missing)}")
    if value("X-Content-Type-Options").lower() != "nosniff":
        raise AssertionError("X-Content-Type-Options is not nosniff")
    csp = value("Content-Security-Policy")
    if "frame-ancestors 'none'" not in csp or "unsafe-inline" in csp or "unsafe-eval" in csp:
        raise AssertionError(f"Content-Security-Policy allows framing or inline code: {csp}")
    if response.status_code >= 400 and case.path.startswith("/api/"):
        content_type = (value("Content-Type") or "").split(";")[0].strip().lower()
        if content_type != "application/problem+json":
            raise AssertionError(f"API error {response.status_code} is {content_type or 'without a body type'}, "
                                 "not application/problem+json")


@schemathesis.check
class every_operation_is_reached:
    """Proof that the sign-in, the dictionaries and the links really reach
    each operation, rather than 401s and 404s alone: every operation answers
    with a 2xx at least once in the run; those that need a hold or booking
    the run made by chance at least get past authentication."""

    # A hold or booking of this run (or of the demo data) is in the path:
    # the run makes them, but how often depends on the seed.
    NEED_A_RESOURCE = {
        "DELETE /api/v1/holds/{holdId}",
        "GET /api/v1/bookings/{code}",
        "GET /api/v1/bookings/{code}/calendar.ics",
        "POST /api/v1/bookings/{code}/cancel",
        "POST /api/v1/bookings/{code}/reschedule",
        "GET /api/v1/bookings/{code}/history",
        "POST /api/v1/callbacks/{id}/done",
        "POST /api/v1/memos/{id}/done",
        # The desk's steps need a booking of today in the right state, a
        # ticket of today, or someone waiting.
        "POST /api/v1/bookings/{code}/check-in",
        "POST /api/v1/bookings/{code}/no-show",
        "POST /api/v1/bookings/{code}/complete",
        "POST /api/v1/offices/{officeId}/walk-ins/{number}/done",
        "POST /api/v1/offices/{officeId}/walk-ins/{number}/no-show",
        "POST /api/v1/offices/{officeId}/queue/call-next",
        # A closure or capacity change the run made, or a booking one listed.
        "DELETE /api/v1/offices/{officeId}/closures/{closureId}",
        "DELETE /api/v1/offices/{officeId}/capacity-changes/{changeId}",
        "POST /api/v1/offices/{officeId}/affected-bookings/{code}/handled",
    }
    # Needs the demo password, which no generator guesses (and the document
    # does not carry); 401 is its answer.
    # The opt-in's token is only in the e-mail (OptInAPITests confirm with
    # it); 404 is the answer to every other.
    EXEMPT = {"POST /api/v1/session", "POST /api/v1/bookings/{code}/confirm"}
    # Previewed only (hooks above): a generated catalogue in place of the
    # demo's would remove what bookings name, which is 409.
    REFUSED_BY_DESIGN = {"PUT /api/v1/admin/catalogue"}

    def __init__(self):
        self.tested = set()
        self.succeeded = set()
        self.authenticated = set()

    def after_response(self, ctx, response, case):
        label = case.operation.label
        self.tested.add(label)
        if 200 <= response.status_code < 300:
            self.succeeded.add(label)
        if response.status_code not in (401, 403):
            self.authenticated.add(label)

    def after_run(self, ctx):
        problems = []
        never = sorted(self.tested - self.succeeded - self.NEED_A_RESOURCE - self.EXEMPT - self.REFUSED_BY_DESIGN)
        if never:
            problems.append("no 2xx answer in the whole run from: " + ", ".join(never))
        refused = sorted(self.tested - self.authenticated - self.EXEMPT)
        if refused:
            problems.append("only 401/403 answers (is the session set?) from: " + ", ".join(refused))
        if problems:
            raise AssertionError("; ".join(problems))
