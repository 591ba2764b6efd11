"""The office's day as a clerk clicks through it: the schedule, the print
view, a check-in, a walk-in ticket, the statistics."""
import base64
import io
import json
import re
import urllib.error
import urllib.request

from pypdf import PdfReader
from selenium.webdriver.common.by import By

from citizen import click_link, heading, navigate
from conftest import NOW
from console import button, sign_in

OFFICE = "buergerbuero-mitte"
OFFICE_NAME = "Bürgerbüro Mitte"
# The server's first day: the demo books Bürgerbüro Mitte's first
# appointments on it, and check-in is allowed only on the appointment's day.
TODAY = NOW[:10]
# A Tuesday in the booking window that no other test books into.
FULL_DAY = "2030-03-12"


def open_schedule(driver, base, visit=lambda name: None):
    """Signs in as the clerk of Mitte and opens today's schedule."""
    sign_in(driver, base, "staff-mitte", visit)
    assert heading(driver) == "Dienststelle"
    visit("staff home")
    driver.get(f"{base}/dienst/{OFFICE}/tagesplan?date={TODAY}")
    assert heading(driver).startswith("Tagesplan"), heading(driver)
    visit("schedule")


def print_view(driver, visit=lambda name: None):
    """Opens the print view from the schedule; returns the booking codes it lists."""
    click_link(driver, "Druckansicht")
    assert heading(driver).startswith(OFFICE_NAME + ":"), heading(driver)
    rows = driver.find_elements(By.CSS_SELECTOR, ".print-table tbody tr")
    assert rows, "today has appointments to print"
    visit("print view")
    return [re.search(r"\b[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}\b", row.text).group(0) for row in rows]


def book_full_day(base, date, wanted=30):
    """Books up to `wanted` appointments at Mitte on `date` through the API,
    each with its own contact, the way a busy Bürgerbüro day fills up;
    returns their codes."""
    def call(method, path, body=None):
        request = urllib.request.Request(base + path, method=method, data=body and json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request) as answer:
                return answer.status, json.load(answer)
        except urllib.error.HTTPError as error:
            return error.code, None
    codes = []
    for service in ("personalausweis", "wohnsitz-anmelden", "reisepass"):
        status, free = call("GET", f"/api/v1/offices/{OFFICE}/slots?services={service}&date={date}")
        assert status == 200, status
        for slot in free["slots"]:
            if len(codes) == wanted:
                return codes
            n = len(codes)
            status, made = call("POST", "/api/v1/bookings", {
                "officeId": OFFICE, "services": [{"id": service, "quantity": 1}], "start": slot["start"],
                "contact": {"name": f"Vollertag Person {n}", "phone": f"0471 5550{n:03d}"}})
            if status == 201:
                codes.append(made["booking"]["code"])
    return codes


def print_to_pdf(driver, artifacts, name="office-day-print"):
    """Chromium's own print to PDF on A4, as the clerk's print button does;
    returns the PDF's pages."""
    answer = driver.execute_cdp_cmd("Page.printToPDF", {
        "paperWidth": 8.27, "paperHeight": 11.69, "preferCSSPageSize": True, "printBackground": False,
    })
    data = base64.b64decode(answer["data"])
    (artifacts / f"{name}.pdf").write_bytes(data)
    return PdfReader(io.BytesIO(data)).pages


def check_in(driver, visit=lambda name: None):
    """Checks in the day's first appointment still waiting; returns its code."""
    buttons = driver.find_elements(By.CSS_SELECTOR, 'button[id^="checkIn-"]')
    assert buttons, "nobody to check in on " + driver.current_url
    code = buttons[0].get_attribute("id").removeprefix("checkIn-")
    row = driver.find_element(By.ID, f"appointment-{code}")
    assert row.get_attribute("data-status") == "confirmed"
    navigate(driver, buttons[0])
    assert driver.find_element(By.ID, "desk-banner").text == f"{code} ist angekommen."
    row = driver.find_element(By.ID, f"appointment-{code}")
    assert row.get_attribute("data-status") == "checkedIn"
    assert "Angekommen" in row.text
    assert not driver.find_elements(By.ID, f"checkIn-{code}"), "checked in once only"
    visit("checked in")
    return code


def walk_in(driver, visit=lambda name: None):
    """Issues a walk-in ticket for one identity card; returns its number."""
    navigate(driver, driver.find_element(By.ID, "nav-walk-in"))
    assert heading(driver) == "Wartenummer ausgeben"
    visit("walk-in form")
    form = driver.find_element(By.ID, "walk-in-form")
    form.find_element(By.CSS_SELECTOR, 'label[for="' + form.find_element(
        By.CSS_SELECTOR, 'input[name="services"][value="personalausweis"]').get_attribute("id") + '"]').click()
    navigate(driver, driver.find_element(By.ID, "walk-in-submit"))
    number = driver.find_element(By.ID, "walk-in-number").text
    assert re.fullmatch(r"W-\d{3}", number), number
    estimated = driver.find_element(By.ID, "walk-in-estimated").text
    assert re.fullmatch(r"Voraussichtlicher Aufruf: \d{1,2}:\d{2}( Uhr)?", estimated), estimated
    visit("walk-in issued")
    # The ticket is on the day's schedule too.
    navigate(driver, driver.find_element(By.ID, "nav-schedule"))
    assert number in driver.find_element(By.ID, "walk-ins").text
    return number


def statistics(driver, base, artifacts, name, visit=lambda name: None):
    """The office's statistics: at least two charts drawn, each named by its title."""
    driver.get(f"{base}/dienst/{OFFICE}/statistik")
    assert heading(driver) == "Statistik"
    charts = driver.find_elements(By.CSS_SELECTOR, 'svg[role="img"]')
    assert len(charts) >= 2, f"{len(charts)} charts"
    for chart in charts:
        size = chart.size
        assert size["width"] > 0 and size["height"] > 0, size
        title = chart.find_element(By.CSS_SELECTOR, "title").get_attribute("textContent").strip()
        assert title, "every chart has a title"
        assert chart.get_attribute("aria-labelledby")
    assert "}}" not in driver.find_element(By.TAG_NAME, "body").text, "no template text on the page"
    driver.execute_script("arguments[0].scrollIntoView()", charts[0])
    driver.save_screenshot(str(artifacts / f"{name}.png"))
    for index, chart in enumerate(charts):
        chart.screenshot(str(artifacts / f"{name}-chart-{index + 1}.png"))
    visit("statistics")
    return len(charts)
