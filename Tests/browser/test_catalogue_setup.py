"""A city sets Terminbuch up in the browser: from `serve --no-demo` on an
empty database and an admin made with `terminbuch user add`, the admin adds
a municipality, an office and a service on the catalogue pages (each with
its errors shown first, then its preview), then the opening hours: once
with JavaScript off on the office's rules page, once with every page
audited by axe-core and reflowed at 320 px (axe needs JavaScript; the pages
have none of their own) by `terminbuch catalogue import` of the export with
one rule added, which the running server serves at once. Either way a
citizen then books the service in the browser and the booking is on the
office's schedule."""
import json
import os
import re
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import conftest
from audit import PageAudit
from citizen import choose, click_link, heading, navigate, submit
from console import button

PASSWORD = "Einrichten-2030"
OFFICE = "buergerbuero-hafen"


@pytest.fixture
def empty_server():
    base, process, directory = conftest.start_server(["--no-demo"])
    database = os.path.join(directory, "terminbuch.sqlite")
    conftest.terminbuch("user", "add", "--username", "stadt-admin", "--role", "admin", "--display-name", "IT der Stadt",
                        "--database", database, input=PASSWORD + "\n")
    yield base, database, process
    conftest.stop_server(process, directory)


def sign_in(driver, base):
    driver.get(base + "/anmelden")
    fill(driver, {"username": "stadt-admin", "password": PASSWORD})
    button(driver, "Anmelden")


def preview_and_save(driver, visit, name, added, saved):
    """Sends the form to its preview, which says what it adds, and saves it: the overview confirms."""
    button(driver, "Vorschau ansehen")
    assert added in driver.page_source
    visit(name + " preview")
    button(driver, "Speichern")
    assert saved in driver.page_source
    visit(name + " saved")


def fill(driver, values):
    for name, value in values.items():
        field = driver.find_element(By.ID, name)
        field.clear()
        field.send_keys(value)


def test_a_city_sets_up_an_office_without_javascript_and_a_citizen_books_it(empty_server, browser_without_javascript):
    set_up_and_book(browser_without_javascript, *empty_server, add_hours=add_hours_on_the_rules_page)


def test_every_set_up_page_is_accessible_and_reflows_at_320_px(empty_server, browser, artifacts):
    visit = PageAudit(browser, artifacts, "catalogue")
    set_up_and_book(browser, *empty_server, add_hours=import_hours, visit=visit)
    visit.finish(minimum_pages=14)


def add_hours_on_the_rules_page(driver, base, database, server):
    """Weekday mornings on the office's rules page: the form, its preview of the week, saving."""
    driver.get(f"{base}/verwaltung/katalog/standorte/{OFFICE}/zeiten?lang=de")
    assert heading(driver) == "Öffnungsregeln"
    navigate(driver, driver.find_element(By.ID, "add"))
    fill(driver, {"id": "hafen-vormittag", "start": "08:00", "end": "12:00", "counters": "2", "slotMinutes": "15"})
    for day in ("monday", "tuesday", "wednesday", "thursday", "friday"):
        box = driver.find_element(By.ID, f"weekday-{day}")
        if not box.is_selected():
            box.click()
    button(driver, "Weiter zur Vorschau")
    assert heading(driver) == "Vorschau vor dem Speichern"
    monday = driver.find_element(By.XPATH, '//tr[th[starts-with(normalize-space(), "Montag")]]')
    assert "8:00" in monday.text, monday.text
    button(driver, "Speichern")
    assert "Die Öffnungsregel hafen-vormittag ist gespeichert" in driver.page_source


def import_hours(driver, base, database, server):
    """The export with one rule added, imported beside the running server."""
    exported = json.loads(conftest.terminbuch("catalogue", "export", "--database", database))
    office = next(entry for entry in exported["offices"] if entry["id"] == OFFICE)
    office["rules"] = [{"id": "hafen-vormittag", "weekdays": ["monday", "tuesday", "wednesday", "thursday", "friday"],
                        "band": {"start": "08:00", "end": "12:00"}, "counters": 2, "slotMinutes": 15}]
    path = Path(database).with_name("catalogue.json")
    path.write_text(json.dumps(exported))
    conftest.terminbuch("catalogue", "import", str(path), "--database", database)
    # The server says when it has seen another process's change: no SIGHUP, no waiting blind.
    while "the catalogue changed in the database (another process), reloaded" not in (line := server.stdout.readline()):
        assert line, "the server ended before it saw the import"


def set_up_and_book(driver, base, database, server, add_hours, visit=lambda name: None):
    driver.get(base + "/")
    assert "Termin" in driver.title, "an empty service still answers"

    sign_in(driver, base)
    click_link(driver, "Katalog einrichten: Kommunen, Standorte, Dienstleistungen")
    assert heading(driver) == "Katalog einrichten"
    assert "Noch keine Kommune." in driver.page_source
    visit("empty catalogue")

    click_link(driver, "Kommune anlegen")
    visit("municipality form")
    button(driver, "Vorschau ansehen")
    assert driver.find_element(By.CSS_SELECTOR, ".error-summary").is_displayed()
    visit("municipality errors")
    fill(driver, {"id": "hafenstadt", "name": "Stadt Hafenstadt"})
    preview_and_save(driver, visit, "municipality", "Neu: Kommune hafenstadt", "Gespeichert: Kommune Stadt Hafenstadt.")

    click_link(driver, "Standort anlegen")
    visit("office form")
    fill(driver, {"id": OFFICE, "name": "Bürgerbüro Hafen", "street": "Am Kai 1", "postalCode": "27568", "city": "Hafenstadt",
                  "holdMinutes": "0"})
    button(driver, "Vorschau ansehen")
    assert "Geben Sie eine ganze Zahl von 1 bis 1440 an." in driver.page_source
    visit("office errors")
    fill(driver, {"holdMinutes": "10"})
    button(driver, "Vorschau ansehen")
    assert "Keine Öffnungszeiten" in driver.page_source, "the week of an office without rules"
    button(driver, "Zurück zum Formular")
    assert driver.find_element(By.ID, "street").get_attribute("value") == "Am Kai 1", "back keeps what was typed"
    visit("office back to the form")
    preview_and_save(driver, visit, "office", "Neu: Standort buergerbuero-hafen", "Gespeichert: Standort Bürgerbüro Hafen.")

    click_link(driver, "Dienstleistung anlegen")
    visit("service form")
    fill(driver, {"id": "personalausweis", "name": "Personalausweis beantragen", "baseMinutes": "15", "fee": "37,00",
                  "documents": "Altes Ausweisdokument\nBiometrisches Foto", "nameEn": "Apply for an identity card"})
    button(driver, "Vorschau ansehen")
    assert "Wählen Sie mindestens einen Standort" in driver.page_source
    visit("service errors")
    for channel in ("online", "phone", "desk"):
        driver.find_element(By.CSS_SELECTOR, f'label[for="offer-{OFFICE}-{channel}"]').click()
    preview_and_save(driver, visit, "service", "Neu: Dienstleistung personalausweis",
                     "Gespeichert: Dienstleistung Personalausweis beantragen.")
    driver.get(base + "/verwaltung/katalog?lang=en")
    assert heading(driver) == "Set up the catalogue"
    visit("catalogue in English")
    driver.get(base + f"/verwaltung/katalog/standorte/{OFFICE}?lang=en")
    visit("office form in English")

    add_hours(driver, base, database, server)

    # A citizen books it, as in the demo.
    driver.delete_all_cookies()
    driver.get(base + "/")
    click_link(driver, "Personalausweis beantragen")
    click_link(driver, "Termin vereinbaren")
    if 'name="office"' in driver.page_source:
        choose(driver, "office", 0)
        submit(driver)
    if 'name="quantity"' in driver.page_source:
        choose(driver, "quantity", 0)
        submit(driver)
    navigate(driver, driver.find_elements(By.CSS_SELECTOR, ".day-list a")[0])
    date = re.search(r"date=(\d{4}-\d{2}-\d{2})", driver.current_url).group(1)
    choose(driver, "start", 0)
    submit(driver)
    fill(driver, {"name": "Erika Mustermann", "email": "erika@example.de"})
    submit(driver)
    assert heading(driver) == "Prüfen Sie Ihre Angaben"
    submit(driver)
    assert "Ihr Termin ist gebucht" in heading(driver)
    assert "Am Kai 1" in driver.page_source
    code = driver.find_element(By.CSS_SELECTOR, ".panel__code").text

    sign_in(driver, base)
    driver.get(f"{base}/dienst/{OFFICE}/tagesplan?date={date}")
    assert heading(driver).startswith("Tagesplan"), heading(driver)
    assert code in driver.page_source, "the booking is on the office's schedule"
    assert "Erika Mustermann" in driver.page_source
