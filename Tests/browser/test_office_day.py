"""The office's day in a real browser: the clerk signs in, prints
the day (one A4 page), checks someone in, issues a walk-in ticket and reads
the statistics' charts; once with JavaScript off, once with an axe-core
audit and a 320 px reflow check on every page."""

from selenium.webdriver.common.by import By

import desk
from audit import PageAudit


def test_clerk_prints_the_day_checks_in_issues_a_ticket_and_reads_the_statistics_without_javascript(
        server, browser_without_javascript, artifacts):
    driver = browser_without_javascript
    desk.open_schedule(driver, server)
    codes = desk.print_view(driver)
    pages = desk.print_to_pdf(driver, artifacts)
    assert len(pages) == 1, f"a normal day prints on one page, not {len(pages)}"
    text = pages[0].extract_text()
    assert desk.OFFICE_NAME in text, text[:500]
    # All of it on that page, nothing cut off: every booking and the day's last slot.
    for code in codes:
        assert code in text, code
    assert "Frei" in text and "17:15" in text, text[-500:]
    driver.back()
    code = desk.check_in(driver)
    assert len(code) == 11
    number = desk.walk_in(driver)
    assert number.startswith("W-")
    assert desk.statistics(driver, server, artifacts, "office-day-statistics") >= 2


def test_a_full_day_prints_on_one_page_with_what_to_bring_once_per_service(server, browser_without_javascript, artifacts):
    """A normal Bürgerbüro day has dozens of appointments, not six: one line
    each, what to bring listed once per service, and still one A4 page."""
    day = desk.FULL_DAY
    codes = desk.book_full_day(server, day)
    assert len(codes) == 30, f"only {len(codes)} appointments could be booked on {day}"
    driver = browser_without_javascript
    desk.open_schedule(driver, server)
    driver.get(f"{server}/dienst/{desk.OFFICE}/tagesplan/druck?date={day}")
    pages = desk.print_to_pdf(driver, artifacts, "office-full-day-print")
    assert len(pages) == 1, f"a day of {len(codes)} appointments prints on one page, not {len(pages)}"
    text = pages[0].extract_text()
    for code in codes:
        assert code in text, code
    legend = driver.find_elements(By.CSS_SELECTOR, ".print-documents dt")
    assert [term.text for term in legend] == ["Personalausweis beantragen", "Wohnsitz anmelden", "Reisepass beantragen"][:len(legend)]
    assert len(legend) >= 2 and "Mitzubringen" in text


def test_the_office_day_pages_are_accessible_and_reflow_at_320_px(server, browser, artifacts):
    driver = browser
    visit = PageAudit(driver, artifacts, "office-day")
    desk.open_schedule(driver, server, visit)
    desk.print_view(driver, visit)
    driver.back()
    desk.check_in(driver, visit)
    desk.walk_in(driver, visit)
    desk.statistics(driver, server, artifacts, "office-day-statistics-320", visit)
    driver.get(f"{server}/dienst/{desk.OFFICE}/tagesplan?date={desk.TODAY}&lang=en")
    assert driver.find_element(By.TAG_NAME, "h1").text.startswith("Day schedule")
    visit("schedule in English")
    visit.finish(minimum_pages=8)
