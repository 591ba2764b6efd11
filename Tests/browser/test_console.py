"""The call centre and the office in a real browser: once with JavaScript
off, once with an axe-core audit and a 320 px reflow check on every page."""
import random

from selenium.webdriver.common.by import By

import console
from audit import PageAudit


def test_agent_books_moves_and_records_a_callback_which_staff_close_without_javascript(server, browser_without_javascript):
    driver = browser_without_javascript
    phone = f"0471 {random.randint(100000, 999999)}"
    topic = f"Reisepass Rückfrage {random.randint(1000, 9999)}"
    code = console.agent_call(driver, server, phone, topic)
    assert len(code) == 11
    console.staff_close_callback(driver, server, topic)


def test_the_console_pages_are_accessible_and_reflow_at_320_px(server, browser, artifacts):
    driver = browser
    visit = PageAudit(driver, artifacts, "console")
    phone = f"0471 {random.randint(100000, 999999)}"
    topic = f"Ausweis Rückfrage {random.randint(1000, 9999)}"
    code = console.agent_call(driver, server, phone, topic, visit=visit)
    console.staff_close_callback(driver, server, topic, visit=visit)
    console.sign_in(driver, server, "admin")
    visit("admin home")
    # On paper the read-back panel stands alone: no header, links or forms around it.
    driver.get(server + f"/buchungen/{code}/vorlesen")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert driver.find_element(By.CSS_SELECTOR, ".read-back").is_displayed()
    for hidden in [".site-header", ".site-footer", ".action-list"]:
        assert not driver.find_element(By.CSS_SELECTOR, hidden).is_displayed(), hidden
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    driver.get(server + "/konsole?lang=en&municipality=luebeck&services=personalausweis&quantity=1")
    visit("console in English")
    driver.get(server + "/dienst/buergerbuero-mitte/rueckrufe?lang=en")
    visit("callbacks in English")
    console.sign_out(driver)
    visit.finish(minimum_pages=15)
