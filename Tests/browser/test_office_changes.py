"""The office's closures, counters, list to contact and statistics in a
real browser: every page (with and without form errors, German and
English) passes the axe-core audit and reflows at 320 px, and the charts
are images with a name."""

from selenium.webdriver.common.by import By

import console
from citizen import heading
from audit import PageAudit

OFFICE = "/dienst/buergerbuero-mitte"


def test_the_office_change_pages_are_accessible_and_reflow_at_320_px(server, browser, artifacts):
    driver = browser
    visit = PageAudit(driver, artifacts, "office-changes")
    console.sign_in(driver, server, "staff-mitte")
    for page, title in [("schliesstage", "Schließtage und Schließzeiten"), ("kapazitaet", "Zahl der Schalter ändern"),
                        ("nachfassen", "Termine zum Nachfassen"), ("nicht-zugestellt", "Nicht zugestellte Nachrichten"),
                        ("statistik", "Statistik")]:
        driver.get(server + f"{OFFICE}/{page}")
        assert heading(driver) == title
        visit(page)
    for page, button in [("schliesstage", "Schließung speichern"), ("kapazitaet", "Änderung speichern")]:
        driver.get(server + f"{OFFICE}/{page}")
        console.button(driver, button)
        assert driver.find_element(By.CSS_SELECTOR, ".error-summary").is_displayed()
        visit(page + " errors")
    driver.get(server + f"{OFFICE}/statistik?lang=en")
    charts = driver.find_elements(By.CSS_SELECTOR, 'svg[role="img"]')
    assert len(charts) == 4
    assert all(chart.find_element(By.TAG_NAME, "title").get_attribute("textContent") for chart in charts)
    visit("statistics in English")
    visit.finish(minimum_pages=7)
