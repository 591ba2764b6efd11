"""The office's exports read by independent parsers: the CSV in both
dialects with Python's csv module, the iCalendar files with icalendar —
values round-trip (umlauts, separators, quotes, line breaks), formulas are
neutralised, events keep their local times across both DST changes, and a
mobile office's event is where its band is held.
"""
import csv
import io
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import icalendar

BERLIN = ZoneInfo("Europe/Berlin")
OFFICE = "buergerbuero-mitte"

# Names as people (and attackers) type them. Names may not contain line
# breaks (the API refuses control characters there), so the line breaks
# travel in the note, which is exported too.
PEOPLE = [
    ("Jürgen Müller; \"Sohn\"", "Zeile 1\r\nZeile 2\nZeile 3; mit \"Zitat\", Komma"),
    ("=HYPERLINK(\"http://evil.example\";\"klick\")", "=1+2"),
    ("@SUM(A1:A9)", "+49 nicht anrufen"),
    ("-Ölgemälde-Händlerin, Zoë", "\tTab am Anfang"),
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class GermanExcel(csv.excel):
    """What German Excel writes and reads: `;` between fields (the comma is the decimal mark)."""
    delimiter = ";"


# The day's columns in the machine format and as the German Excel file names them.
GERMAN_HEADERS = {
    "date": "Datum", "start": "Beginn", "end": "Ende", "code": "Buchungscode", "status": "Status", "channel": "Kanal",
    "services": "Leistungen", "quantity": "Anzahl", "name": "Name", "email": "E-Mail", "phone": "Telefon",
    "documents": "Unterlagen", "note": "Hinweis",
}
GERMAN_STATUSES = {"confirmed": "Gebucht", "pendingConfirmation": "Noch nicht bestätigt"}
GERMAN_CHANNELS = {"online": "Online", "phone": "Telefon", "desk": "Vor Ort"}


def expected_cell(value):
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def stored_note(note):
    """Notes are kept with LF line breaks, whatever the client sent."""
    return note.replace("\r\n", "\n").replace("\r", "\n")


def book_people(server, date, people):
    """Books one appointment per person on `date` (online); returns {code: (name, note, start)}."""
    slots = server.json("GET", f"/api/v1/offices/{OFFICE}/slots?services=personalausweis&date={date}")["slots"]
    assert len(slots) >= len(people), f"{date}: only {len(slots)} free starts"
    booked = {}
    for index, (name, note) in enumerate(people):
        start = slots[index * 2]["start"]
        body = {"officeId": OFFICE, "services": [{"id": "personalausweis", "quantity": 1}], "start": start,
                "contact": {"name": name, "email": f"person{index}-{date}@example.org"}, "note": note}
        booking = server.json("POST", "/api/v1/bookings", body, expect=201)["booking"]
        booked[booking["code"]] = (name, note, start)
    return booked


def fetch(server, path):
    status, headers, payload = server.request("GET", path)
    assert status == 200, f"{path}: {status} {payload[:300]!r}"
    return headers, payload


def test_csv_round_trips_in_both_dialects_and_neutralises_formulas(start_server):
    server = start_server("2026-11-23T07:05:00+01:00")
    date = "2026-11-23"
    booked = book_people(server, date, PEOPLE)
    server.sign_in()

    headers, standard = fetch(server, f"/api/v1/offices/{OFFICE}/schedule.csv?date={date}")
    assert headers["content-type"].startswith("text/csv")
    assert not standard.startswith(b"\xef\xbb\xbf")
    assert standard.split(b"\n", 1)[0].endswith(b"\r"), "records end with CRLF"
    rows = list(csv.reader(io.StringIO(standard.decode("utf-8"), newline=""), dialect="excel"))

    _, excel = fetch(server, f"/api/v1/offices/{OFFICE}/schedule.csv?date={date}&excel=1")
    assert excel.startswith(b"\xef\xbb\xbf"), "a UTF-8 byte-order mark for Excel"
    excel_rows = list(csv.reader(io.StringIO(excel.decode("utf-8-sig"), newline=""), dialect=GermanExcel))
    assert len(excel_rows) == len(rows)
    german_header = excel_rows[0]
    assert german_header == list(GERMAN_HEADERS.values()), "German headers for people"
    assert rows[0] == list(GERMAN_HEADERS), "English headers in the machine format"
    for english, german in zip(rows[1:], excel_rows[1:]):
        english, german = dict(zip(rows[0], english)), dict(zip(german_header, german))
        assert german["Datum"] == datetime.strptime(english["date"], "%Y-%m-%d").strftime("%d.%m.%Y"), "TT.MM.JJJJ"
        assert german["Status"] == GERMAN_STATUSES[english["status"]]
        assert german["Kanal"] == GERMAN_CHANNELS[english["channel"]]
        for key in ("start", "end", "code", "name", "email", "phone", "note"):
            assert german[GERMAN_HEADERS[key]] == english[key], f"the same {key} in both dialects"

    header = rows[0]
    assert header[:4] == ["date", "start", "end", "code"]
    by_code = {row[header.index("code")]: dict(zip(header, row)) for row in rows[1:]}
    assert all(len(row) == len(header) for row in rows)
    for code, (name, note, start) in booked.items():
        row = by_code[code]
        assert row["name"] == expected_cell(name)
        assert row["note"] == expected_cell(stored_note(note))
        assert row["date"] == date
        assert row["start"] == datetime.fromisoformat(start).astimezone(BERLIN).strftime("%H:%M")
        assert row["status"] == "confirmed" and row["channel"] == "online"
    for row in rows[1:]:
        for value in row:
            assert not value.startswith(FORMULA_STARTS), f"a cell a spreadsheet would run: {value!r}"


def check_calendar(payload, booked):
    calendar = icalendar.Calendar.from_ical(payload)
    zones = [component for component in calendar.walk("VTIMEZONE")]
    assert [str(zone["TZID"]) for zone in zones] == ["Europe/Berlin"]
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    uids = [str(event["UID"]) for event in calendar.walk("VEVENT")]
    assert len(uids) == len(set(uids)), "one event per appointment"
    for code, (name, _, start) in booked.items():
        event = events[f"{code}@terminbuch"]
        assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
        begins = event["DTSTART"].dt
        expected = datetime.fromisoformat(start)
        assert begins.astimezone(timezone.utc) == expected.astimezone(timezone.utc), (code, begins, expected)
        assert begins.replace(tzinfo=None) == expected.astimezone(BERLIN).replace(tzinfo=None), "local wall-clock time"
        assert begins.utcoffset() == expected.utcoffset()
        assert name in str(event["SUMMARY"])
    return events


def book_around_dst(server, dates):
    server_booked = {}
    for date in dates:
        server_booked.update(book_people(server, date, PEOPLE[:2]))
    return server_booked


def test_ics_keeps_local_times_across_the_spring_change(start_server):
    # Sunday 29 March 2026: 02:00 CET becomes 03:00 CEST. Friday is +01:00, Monday +02:00.
    server = start_server("2026-03-23T07:05:00+01:00")
    friday, monday = "2026-03-27", "2026-03-30"
    booked = book_around_dst(server, [friday, monday])
    server.sign_in()
    offsets = set()
    for date in (friday, monday):
        _, payload = fetch(server, f"/api/v1/offices/{OFFICE}/schedule.ics?date={date}")
        todays = {code: value for code, value in booked.items() if value[2].startswith(date)}
        events = check_calendar(payload, todays)
        schedule = server.json("GET", f"/api/v1/offices/{OFFICE}/schedule?date={date}")
        active = [a for a in schedule["appointments"] if a["status"] != "cancelled"]
        assert len(events) == len(active), "one VEVENT per appointment of the day"
        offsets |= {event["DTSTART"].dt.utcoffset() for event in events.values()}
    assert offsets == {timedelta(hours=1), timedelta(hours=2)}


def test_feed_covers_the_autumn_change_and_needs_only_its_secret(start_server):
    # Sunday 25 October 2026: 03:00 CEST becomes 02:00 CET.
    server = start_server("2026-10-19T07:05:00+02:00")
    friday, monday = "2026-10-23", "2026-10-26"
    booked = book_around_dst(server, [friday, monday])
    server.sign_in()
    for date in (friday, monday):
        _, payload = fetch(server, f"/api/v1/offices/{OFFICE}/schedule.ics?date={date}")
        check_calendar(payload, {c: v for c, v in booked.items() if v[2].startswith(date)})

    feed = server.json("POST", f"/api/v1/offices/{OFFICE}/feeds", expect=201)["path"]
    server.cookie = None  # calendar programs poll without a session
    headers, payload = fetch(server, feed)
    assert headers["content-type"] == "text/calendar; charset=utf-8"
    events = check_calendar(payload, booked)
    offsets = {events[f"{code}@terminbuch"]["DTSTART"].dt.utcoffset() for code in booked}
    assert offsets == {timedelta(hours=2), timedelta(hours=1)}
    assert server.request("GET", f"/api/v1/offices/{OFFICE}/schedule.ics?date={friday}")[0] == 401

    server.sign_in()
    status, _, _ = server.request("DELETE", f"/api/v1/offices/{OFFICE}/feeds")
    assert status == 204
    assert server.request("GET", feed)[0] == 404, "a revoked address opens nothing"


def test_a_mobile_offices_branch_is_the_events_location(start_server):
    # Tuesday 24 November 2026: the Mobiler Bürgerservice is in the Stadtbibliothek Leherheide.
    server = start_server("2026-11-23T07:05:00+01:00")
    mobil, date = "buergerservice-mobil", "2026-11-24"
    body = {"officeId": mobil, "services": [{"id": "personalausweis", "quantity": 1}],
            "start": f"{date}T09:20:00+01:00", "contact": {"name": "Zoë Müller", "email": "zoe@example.org"}}
    booking = server.json("POST", "/api/v1/bookings", body, expect=201)["booking"]
    assert booking["location"] == {"name": "Stadtbibliothek Leherheide",
                                   "address": {"street": "Am Leher Markt 1", "postalCode": "27578", "city": "Bremerhaven"}}
    server.sign_in("admin")
    _, payload = fetch(server, f"/api/v1/offices/{mobil}/schedule.ics?date={date}")
    event = icalendar.Calendar.from_ical(payload).walk("VEVENT")[0]
    assert str(event["UID"]) == f"{booking['code']}@terminbuch"
    assert str(event["LOCATION"]) == "Stadtbibliothek Leherheide, Am Leher Markt 1, 27578 Bremerhaven"


def test_statistics_csv_reads_back_in_both_dialects(start_server):
    server = start_server("2026-11-23T07:05:00+01:00")
    date = "2026-11-23"
    book_people(server, date, PEOPLE[:2])
    server.sign_in()
    path = f"/api/v1/offices/{OFFICE}/statistics.csv?from={date}&to={date}"
    _, standard = fetch(server, path)
    rows = list(csv.reader(io.StringIO(standard.decode("utf-8"), newline=""), dialect="excel"))
    _, excel = fetch(server, path + "&excel=1")
    excel_rows = list(csv.reader(io.StringIO(excel.decode("utf-8-sig"), newline=""), dialect=GermanExcel))
    assert rows[0] == ["figure", "group", "value", "base"]
    assert excel_rows[0] == ["Kennzahl", "Gruppe", "Wert", "Basis"]
    assert ["period", "from", date, ""] in rows
    assert ["Zeitraum", "von", "23.11.2026", ""] in excel_rows
    online = next(row for row in rows if row[:2] == ["bookings", "online"])
    assert int(online[2]) >= 2, "ours among the demo's"
    assert ["Termine", "Online"] + online[2:] in excel_rows
    desk = next(row for row in rows if row[:2] == ["bookings", "desk"])
    assert ["Termine", "Vor Ort"] + desk[2:] in excel_rows
    assert len(excel_rows) == len(rows)
    assert any(row[:2] == ["Auslastung", "Montag 09:00"] for row in excel_rows), excel_rows
    for english, german in zip(rows[3:], excel_rows[3:]):
        assert german[2:] == [value.replace(".", ",") for value in english[2:]], "the same counts, decimal commas"
