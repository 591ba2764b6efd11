"""Issue 17, point 1: Back and Reload after booking never book again.

The booking's POST answers 303 to the confirmation, so Reload shows the
confirmation again and asks nothing; the details form sent once more (Back
onto the check page, which is the details form's answer, and Reload, as
the person in the issue did) and confirmed again is refused as a duplicate,
with the page that sends the links to the address, never the booking.
"""
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By

import citizen
import console
from audit import PageAudit

DUPLICATE = "Mit diesen Angaben ist an diesem Standort zu dieser Zeit schon ein Termin gebucht."


def accept_resubmission(driver):
    """Chromium asks before posting a form again; the person says yes."""
    try:
        driver.switch_to.alert.accept()
    except NoAlertPresentException:
        pass


def book_then_send_again(driver, server, email, visit=lambda name: None):
    code, _ = citizen.book(driver, server, email=email)
    confirmation = driver.current_url
    assert "/termin/verwalten/" + code + "/bestaetigung" in confirmation and "token" not in confirmation, confirmation

    # Reload: a GET, the same confirmation, no question asked.
    driver.refresh()
    accept_resubmission(driver)
    assert driver.current_url == confirmation
    assert driver.find_element(By.CSS_SELECTOR, ".panel__code").text == code
    visit("confirmation reloaded")

    # Back lands on the check page, the details form's answer: sent again
    # (Reload, confirmed) it is the check page once more, with a new key.
    driver.back()
    if "Prüfen Sie Ihre Angaben" not in driver.page_source:
        driver.refresh()
        accept_resubmission(driver)
    assert citizen.heading(driver) == "Prüfen Sie Ihre Angaben", driver.page_source[:2000]
    citizen.submit(driver)
    error = driver.find_element(By.ID, "email-error")
    assert DUPLICATE in error.text
    link = error.find_element(By.TAG_NAME, "a")
    assert "/termin/links" in link.get_attribute("href")
    assert "/termin/verwalten/" not in driver.page_source, "the refusal leads to nothing of the booking"
    assert code not in driver.page_source
    visit("duplicate refused")
    return code, link.get_attribute("href")


def test_back_reload_and_sending_the_form_again_book_nothing(server, browser_without_javascript):
    driver = browser_without_javascript
    email = "zweimal@example.de"
    code, links = book_then_send_again(driver, server, email)
    driver.get(links)
    assert driver.find_element(By.ID, "email")

    # The office's list has the one booking.
    console.sign_in(driver, server, "agent")
    driver.get(server + "/buchungen?q=" + email)
    rows = driver.find_elements(By.CSS_SELECTOR, "main table tbody tr")
    assert len(rows) == 1, driver.page_source[:3000]
    assert code in rows[0].text


def test_the_duplicate_refusal_is_accessible(server, browser, artifacts):
    driver = browser
    visit = PageAudit(driver, artifacts, "booked-twice")
    book_then_send_again(driver, server, "zweimal-axe@example.de", visit=visit)
    visit.finish(minimum_pages=2)
