"""The administrators' opening-rule and closure pages in a real browser:
add a Saturday rule to Bürgerbüro Mitte with JavaScript off — the form,
its errors, the preview of the week, the next week, saving — and every
page (with and without errors, German and English) passes the axe-core
audit and reflows at 320 px."""

from selenium.webdriver.common.by import By

import console
from citizen import heading, navigate
from audit import PageAudit

RULES = "/verwaltung/katalog/standorte/buergerbuero-mitte/zeiten"
CLOSURES = "/verwaltung/katalog/standorte/buergerbuero-mitte/schliesstage"


def fill_saturday_rule(driver, end):
    for name, value in [("id", "mitte-samstag"), ("start", "09:00"), ("end", end), ("counters", "2"), ("slotMinutes", "15"),
                        ("walkInCounters", "0")]:
        field = driver.find_element(By.ID, name)
        field.clear()
        field.send_keys(value)
    for box in ["weekday-saturday", "walkIn-counters", "kind-appointmentsOnly"]:
        element = driver.find_element(By.ID, box)
        if not element.is_selected():
            element.click()


def test_adding_a_rule_with_its_preview_without_javascript(server, browser_without_javascript):
    driver = browser_without_javascript
    console.sign_in(driver, server, "admin")
    driver.get(server + RULES)
    assert heading(driver) == "Öffnungsregeln"
    navigate(driver, driver.find_element(By.ID, "add"))
    assert heading(driver) == "Neue Öffnungsregel"
    fill_saturday_rule(driver, end="08:00")
    console.button(driver, "Weiter zur Vorschau")
    assert driver.find_element(By.ID, "end-error").is_displayed()
    assert driver.find_element(By.ID, "id").get_attribute("value") == "mitte-samstag", "what was typed stays"
    fill_saturday_rule(driver, end="12:00")
    console.button(driver, "Weiter zur Vorschau")
    assert heading(driver) == "Vorschau vor dem Speichern"
    assert "Öffnungsregel mitte-samstag hinzugefügt" in driver.find_element(By.ID, "changes").text
    saturday = driver.find_element(By.XPATH, '//tr[th[starts-with(normalize-space(), "Samstag")]]')
    assert "9:00" in saturday.text and "Nur Termine" in saturday.text, saturday.text
    console.button(driver, "Nächste Woche")
    assert "Woche ab" in driver.find_element(By.ID, "week-from").text
    console.button(driver, "Speichern")
    assert heading(driver) == "Öffnungsregeln"
    assert "Die Öffnungsregel mitte-samstag ist gespeichert" in driver.page_source
    assert "mitte-samstag" in driver.find_element(By.CSS_SELECTOR, "table").text
    driver.get(server + "/verwaltung/protokoll")
    assert "Öffnungsregel mitte-samstag hinzugefügt" in driver.page_source


def test_the_catalogue_pages_are_accessible_and_reflow_at_320_px(server, browser, artifacts):
    driver = browser
    visit = PageAudit(driver, artifacts, "catalogue-hours")
    console.sign_in(driver, server, "admin")
    driver.get(server + RULES)
    visit("rules")
    driver.get(server + RULES + "/formular")
    visit("rule form")
    console.button(driver, "Weiter zur Vorschau")
    assert driver.find_element(By.CSS_SELECTOR, ".error-summary").is_displayed()
    visit("rule form errors")
    driver.get(server + RULES + "/formular?id=mitte-vormittag")
    driver.find_element(By.ID, "end").clear()
    driver.find_element(By.ID, "end").send_keys("09:00")
    console.button(driver, "Weiter zur Vorschau")
    assert driver.find_element(By.ID, "stranded").is_displayed()
    visit("rule preview with stranded bookings")
    driver.get(server + CLOSURES)
    visit("closures")
    driver.get(server + CLOSURES + "/formular")
    console.button(driver, "Weiter zur Vorschau")
    visit("closure form errors")
    driver.get(server + "/verwaltung/protokoll")
    visit("audit trail")
    driver.get(server + RULES + "?lang=en")
    assert heading(driver) == "Opening rules"
    visit("rules in English")
    visit.finish(minimum_pages=8)
