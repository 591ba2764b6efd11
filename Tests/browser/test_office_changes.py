"""The office's closures, counters, list to contact and statistics in a
real browser: every page (with and without form errors, German and
English) passes the axe-core audit and reflows at 320 px, and the charts
are images with a name."""
import json

from selenium.webdriver.common.by import By
from selenium_axe_python import Axe

import console
from citizen import heading
from test_citizen_pages import AXE_OPTIONS

OFFICE = "/dienst/buergerbuero-mitte"


def test_the_office_change_pages_are_accessible_and_reflow_at_320_px(server, browser, artifacts):
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
            wide = driver.execute_script(
                "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > "
                "document.documentElement.clientWidth + 1 && !e.closest('.table-wrap')).slice(0, 4)"
                ".map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''))")
            problems.append(f"{name}: scrolls horizontally at 320 px ({width[0]} > {width[1]}): {wide}")
        driver.save_screenshot(str(artifacts / f"office-{len(seen):02d}-{name.replace(' ', '-')}.png"))

    console.sign_in(driver, server, "staff-mitte")
    for page, title in [("schliesstage", "Schließtage und Schließzeiten"), ("kapazitaet", "Zahl der Schalter an einem Tag ändern"),
                        ("nachfassen", "Termine zum Nachfassen"), ("statistik", "Statistik")]:
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
    (artifacts / "axe-office-change-pages.json").write_text(json.dumps(seen, indent=2))
    assert not problems, "\n".join(problems)
