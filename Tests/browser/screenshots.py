"""Screenshots of the pages as people see them, at a phone's 390 px and a
desk's 1280 px, for a person to open and look at (not a test: nothing is
asserted beyond what the journeys assert on their way).

    scripts/screenshots            # → .build/screenshots/NN-page-390.png, …-1280.png

It walks the citizen's journey (book, the manage link, move, cancel, erase), the
time step refused when one client holds too much, a name with an invisible
character, the clerk's schedule with held capacity and the calendar feeds
(and a new feed's address), the counters form refusing a reversed range,
the administrator's account and catalogue pages (opening rules with a
change's preview, closures, the audit trail), a mobile office's places, the
double opt-in's pages, "resend my links", "Nicht zugestellt", the pages in
English, and the page a storage fault answers.
"""
import datetime
import email
import email.policy
import json
import mailbox
import os
import re
import selectors
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from selenium.webdriver.common.by import By

import conftest
from citizen import book, choose, click_link, move_and_cancel, navigate, submit
from console import agent_call, sign_in, sign_out
from desk import OFFICE, TODAY

WIDTHS = (390, 1280)
OUT = Path(os.environ.get("TERMINBUCH_SCREENSHOTS", conftest.REPO / ".build" / "screenshots"))


class Camera:
    def __init__(self, driver):
        self.driver = driver
        self.count = 0

    def __call__(self, name):
        self.count += 1
        for width in WIDTHS:
            self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                        dict(width=width, height=900, deviceScaleFactor=1, mobile=width < 600))
            height = self.driver.execute_script("return document.documentElement.scrollHeight")
            self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                        dict(width=width, height=min(height, 5000), deviceScaleFactor=1,
                                             mobile=width < 600))
            path = OUT / f"{self.count:02d}-{name.replace(' ', '-')}-{width}.png"
            self.driver.save_screenshot(str(path))
        self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def hold_until_refused(base, date):
    """Holds at Mitte from this host, as a hoarder would, until the server says no."""
    request = urllib.request.Request(f"{base}/api/v1/offices/{OFFICE}/slots?services=personalausweis&date={date}")
    with urllib.request.urlopen(request) as answer:
        starts = [slot["start"] for slot in json.load(answer)["slots"]]
    for start in reversed(starts):
        body = json.dumps({"officeId": OFFICE, "services": [{"id": "personalausweis", "quantity": 1}],
                           "start": start}).encode()
        try:
            urllib.request.urlopen(urllib.request.Request(f"{base}/api/v1/holds", data=body, method="POST",
                                                          headers={"Content-Type": "application/json"}))
        except urllib.error.HTTPError as error:
            if error.code == 429:
                return
            raise


def opt_in_link(base, process, directory):
    """Books at the Mobiler Bürgerservice, whose policy asks for the double
    opt-in, and answers the confirm link of the e-mail it writes to the
    server's Maildir."""
    office = f"{base}/api/v1/offices/buergerservice-mobil"
    with urllib.request.urlopen(f"{office}/days?services=personalausweis") as answer:
        date = next(day["date"] for day in json.load(answer)["days"] if day["freeStarts"])
    with urllib.request.urlopen(f"{office}/slots?services=personalausweis&date={date}") as answer:
        start = json.load(answer)["slots"][0]["start"]
    body = json.dumps({"officeId": "buergerservice-mobil", "services": [{"id": "personalausweis", "quantity": 1}],
                       "start": start, "contact": {"name": "Olaf Opt", "email": "olaf@example.org"}}).encode()
    urllib.request.urlopen(urllib.request.Request(f"{base}/api/v1/bookings", data=body, method="POST",
                                                  headers={"Content-Type": "application/json"}))
    # The delivery worker says each message it sent: wait for the opt-in's
    # line (read from the pipe itself: the start-up's reader buffered text
    # that select cannot see), then read the message.
    deadline, said = time.time() + 30, ""
    waiting = selectors.DefaultSelector()
    waiting.register(process.stdout.fileno(), selectors.EVENT_READ)
    while not re.search(r"\(optIn\) sent\n", said):
        if time.time() > deadline or not waiting.select(timeout=max(0, deadline - time.time())):
            raise SystemExit("the server said no opt-in e-mail was sent")
        chunk = os.read(process.stdout.fileno(), 65536)
        if not chunk:
            raise SystemExit("the server ended before it sent the opt-in e-mail")
        said += chunk.decode(errors="replace")
    box = mailbox.Maildir(os.path.join(directory, "mail"), create=False)
    for key in box.keys():
        message = email.message_from_bytes(box.get_bytes(key), policy=email.policy.default)
        found = re.search(r"(/termin/bestaetigen/\S+)", message.get_body(preferencelist=("plain",)).get_content())
        if "olaf@example.org" in str(message["To"]) and found:
            return base + found.group(1)
    raise SystemExit("no opt-in e-mail in the Maildir")


def to_time_step(driver, base, office):
    """A new booking up to the time step of the first day offered; returns that day."""
    driver.get(base + "/")
    click_link(driver, "Personalausweis beantragen")
    click_link(driver, "Termin vereinbaren")
    choose(driver, "office", office)
    submit(driver)
    choose(driver, "quantity", 0)
    submit(driver)
    navigate(driver, driver.find_elements(By.CSS_SELECTOR, ".day-list a")[0])
    return driver.current_url.split("date=")[-1][:10]


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()
    base, process, directory = conftest.start_server()
    driver = conftest.make_driver(javascript=False)
    shoot = Camera(driver)
    try:
        code, manage = book(driver, base, visit=shoot)
        move_and_cancel(driver, manage, visit=shoot)

        # The citizen's own data: the question (an upcoming booking is
        # cancelled first) and the manage page once it is erased.
        _, manage = book(driver, base, email="daten@example.de")
        driver.get(manage)
        click_link(driver, "Daten jetzt löschen")
        shoot("erase question")
        submit(driver)
        shoot("manage erased")

        # A name with a zero-width space: refused next to the field.
        date = to_time_step(driver, base, office=0)
        choose(driver, "start", 2)
        submit(driver)
        driver.find_element(By.ID, "name").send_keys("Erika\u200bMustermann")
        driver.find_element(By.ID, "email").send_keys("erika@example.de")
        submit(driver)
        shoot("details invisible character")
        # A phone number without its area code: the message says so.
        driver.find_element(By.ID, "name").clear()
        driver.find_element(By.ID, "name").send_keys("Erika Mustermann")
        driver.find_element(By.ID, "phone").send_keys("590 2000")
        submit(driver)
        shoot("details phone without area code")

        # This host holds as much as it may: the time step says so.
        hold_until_refused(base, date)
        driver.back()
        driver.back()
        driver.back()
        driver.refresh()
        choose(driver, "start", 0)
        submit(driver)
        shoot("time too many holds")

        sign_in(driver, base, "staff-mitte")
        driver.get(f"{base}/dienst/{OFFICE}/tagesplan?date={date}")
        shoot("schedule held")
        driver.get(f"{base}/dienst/{OFFICE}/tagesplan?date={TODAY}")
        shoot("schedule feeds")
        navigate(driver, driver.find_element(By.ID, "feed-create"))
        shoot("feed created")
        # Changed counters over a reversed range: the message next to the last day.
        driver.get(f"{base}/dienst/{OFFICE}/kapazitaet")
        first = datetime.date.fromisoformat(TODAY) + datetime.timedelta(days=8)
        # The browser's date fields take the digits month, day, year.
        for name, value in [("date", f"{first:%m%d%Y}"), ("through", f"{first - datetime.timedelta(days=1):%m%d%Y}"),
                            ("counters", "2")]:
            driver.find_element(By.ID, name).send_keys(value)
        submit(driver)
        shoot("capacity range error")
        driver.get(f"{base}/dienst/{OFFICE}/nicht-zugestellt")
        shoot("office undelivered")
        sign_out(driver)

        # "Resend my links": the form, its field error, the same answer for every address.
        driver.get(f"{base}/termin/links")
        shoot("booking links")
        driver.find_element(By.ID, "email").send_keys("kein-at")
        submit(driver)
        shoot("booking links error")
        driver.find_element(By.ID, "email").clear()
        driver.find_element(By.ID, "email").send_keys("erika@example.de")
        submit(driver)
        shoot("booking links sent")

        # The privacy statement, made from the catalogue's municipalities.
        driver.get(f"{base}/datenschutz")
        shoot("privacy")
        driver.get(f"{base}/gibt-es-nicht")
        shoot("unknown path")

        # The administrator's account pages.
        sign_in(driver, base, "admin")
        driver.get(f"{base}/verwaltung/konten")
        shoot("accounts")
        driver.get(f"{base}/verwaltung/konten/agent")
        shoot("account")

        # The administrator's opening rules and closures, the preview of a
        # change under booked appointments, and the audit trail.
        rules = f"{base}/verwaltung/katalog/standorte/{OFFICE}/zeiten"
        driver.get(rules)
        shoot("catalogue rules")
        driver.get(rules + "/formular")
        driver.find_element(By.ID, "end").send_keys("07:00")
        submit(driver)
        shoot("catalogue rule errors")
        driver.get(rules + "/formular?id=mitte-vormittag")
        driver.find_element(By.ID, "end").clear()
        driver.find_element(By.ID, "end").send_keys("09:00")
        submit(driver)
        shoot("catalogue rule preview")
        driver.get(f"{base}/verwaltung/katalog/standorte/{OFFICE}/schliesstage")
        shoot("catalogue closures")
        driver.get(f"{base}/verwaltung/protokoll")
        shoot("catalogue audit trail")

        # The catalogue pages: the overview, a form with its errors, a preview with its week.
        driver.get(f"{base}/verwaltung/katalog")
        shoot("catalogue")
        driver.get(f"{base}/verwaltung/katalog/standorte/{OFFICE}")
        shoot("catalogue office")
        hold = driver.find_element(By.ID, "holdMinutes")
        hold.clear()
        hold.send_keys("0")
        navigate(driver, driver.find_element(By.XPATH, '//main//button[normalize-space()="Vorschau ansehen"]'))
        shoot("catalogue office errors")
        hold = driver.find_element(By.ID, "holdMinutes")
        hold.clear()
        hold.send_keys("10")
        navigate(driver, driver.find_element(By.XPATH, '//main//button[normalize-space()="Vorschau ansehen"]'))
        shoot("catalogue office preview")
        driver.get(f"{base}/verwaltung/katalog/dienstleistungen/personalausweis")
        shoot("catalogue service")
        driver.get(f"{base}/verwaltung/katalog/neu/kommunen?lang=en")
        shoot("catalogue municipality english")
        driver.get(f"{base}/verwaltung/katalog?lang=de")
        sign_out(driver)

        # A mobile office: each day and time says where it is held.
        driver.get(base + "/termin/personalausweis/standort")
        offices = [label.text for label in driver.find_elements(By.CSS_SELECTOR, 'input[name="office"] + label')]
        choose(driver, "office", next(i for i, name in enumerate(offices) if "Mobiler" in name))
        submit(driver)
        choose(driver, "quantity", 0)
        submit(driver)
        shoot("mobile office days")
        navigate(driver, driver.find_elements(By.CSS_SELECTOR, ".day-list a")[1])
        shoot("mobile office times")

        # The double opt-in at the Mobiler Bürgerservice: the link's page,
        # the booking it confirms, and the same link used again.
        confirm = opt_in_link(base, process, directory)
        driver.get(confirm)
        shoot("opt-in confirm")
        navigate(driver, driver.find_element(By.XPATH, '//main//button'))
        shoot("opt-in confirmed")
        driver.get(confirm)
        shoot("opt-in used")

        # The journey in English names the services in English.
        driver.get(base + "/?lang=en")
        shoot("start english")
        click_link(driver, "Apply for an identity card")
        shoot("service english")
        driver.get(base + "/?lang=de")

        # The desk's walk-in form: a name is optional, and never on the waiting screen.
        driver.delete_all_cookies()
        sign_in(driver, base, "staff-mitte")
        driver.get(f"{base}/dienst/{OFFICE}/wartenummer")
        shoot("walk-in form")
        sign_out(driver)

        # A callback past its latest 90 days, erased by the retention command
        # run beside the server: the office's inbox shows it as erased.
        agent_call(driver, base, "0471 5900177", "Fotos für den Ausweis")
        later = (datetime.datetime.fromisoformat(conftest.NOW) + datetime.timedelta(days=91)).isoformat()
        conftest.terminbuch("retention", "run", "--database", os.path.join(directory, "terminbuch.sqlite"), "--now", later)
        sign_in(driver, base, "staff-mitte")
        driver.get(f"{base}/dienst/{OFFICE}/rueckrufe")
        shoot("callbacks erased")
        sign_out(driver)

        # The database file deleted under the server: a write answers 503.
        to_time_step(driver, base, office=1)
        (Path(directory) / "terminbuch.sqlite").unlink()
        choose(driver, "start", 0)
        submit(driver)
        shoot("storage unavailable")
    finally:
        driver.quit()
        conftest.stop_server(process, directory)
    print(f"{len(list(OUT.glob('*.png')))} screenshots in {OUT}")


if __name__ == "__main__":
    sys.exit(main())
