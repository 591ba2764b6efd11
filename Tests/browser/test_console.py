"""The call centre and the office in a real browser: once with JavaScript
off, once with an axe-core audit and a 320 px reflow check on every page."""
import json
import random

from selenium.webdriver.common.by import By
from selenium_axe_python import Axe

import console
from test_citizen_pages import AXE_OPTIONS


def test_agent_books_moves_and_records_a_callback_which_staff_close_without_javascript(server, browser_without_javascript):
    driver = browser_without_javascript
    phone = f"0471 {random.randint(100000, 999999)}"
    topic = f"Reisepass Rückfrage {random.randint(1000, 9999)}"
    code = console.agent_call(driver, server, phone, topic)
    assert len(code) == 11
    console.staff_close_callback(driver, server, topic)


def test_the_console_pages_are_accessible_and_reflow_at_320_px(server, browser, artifacts):
    driver = browser
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 320, "height": 720, "deviceScaleFactor": 1, "mobile": False})
    axe = Axe(driver)
    problems = []
    seen = []

    def visit(name):
        seen.append(name)
        axe.inject()
        for violation in axe.run(options=AXE_OPTIONS)["violations"]:
            if violation["impact"] in ("serious", "critical"):
                nodes = [node["target"] for node in violation["nodes"]]
                problems.append(f"{name}: {violation['id']} ({violation['impact']}): {violation['help']} {nodes}")
        width = driver.execute_script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if width[0] > width[1]:
            problems.append(f"{name}: scrolls horizontally at 320 px ({width[0]} > {width[1]})")
        driver.save_screenshot(str(artifacts / f"console-{len(seen):02d}-{name.replace(' ', '-')}.png"))

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
    (artifacts / "axe-console-pages.json").write_text(json.dumps(seen, indent=2))
    assert len(seen) >= 15, seen
    assert not problems, "\n".join(problems)
