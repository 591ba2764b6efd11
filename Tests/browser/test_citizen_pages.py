"""Book, move and cancel in a real browser: once without JavaScript, once
with an axe-core audit and a 320 px reflow check on every page of the flow."""
from selenium.webdriver.common.by import By

import citizen
from audit import PageAudit


def test_javascript_is_really_off(browser_without_javascript):
    driver = browser_without_javascript
    driver.get("data:text/html,<title>off</title><script>document.title='on'</script>")
    assert driver.title == "off"


def test_book_move_and_cancel_without_javascript(server, browser_without_javascript):
    driver = browser_without_javascript
    code, manage = citizen.book(driver, server, email="ohne-js@example.de")
    assert "/termin/verwalten/" + code + "?token=" in manage
    citizen.move_and_cancel(driver, manage)
    # Following the secret link again shows the cancelled booking and offers nothing more.
    driver.get(manage)
    assert "Abgesagt" in driver.page_source
    assert not driver.find_elements(By.LINK_TEXT, "Termin absagen")
    assert "In den Kalender eintragen" not in driver.page_source


def test_every_page_is_accessible_and_reflows_at_320_px(server, browser, artifacts):
    driver = browser
    visit = PageAudit(driver, artifacts, "citizen")
    code, manage = citizen.book(driver, server, visit=visit, phone="(0471) 590-0")
    citizen.move_and_cancel(driver, manage, visit=visit)
    for path, name in [("/?lang=en", "start in English"), ("/dienstleistungen/gibt-es-nicht", "not found"),
                       ("/gibt-es-nicht/auch-nicht", "unknown path"),
                       ("/barrierefreiheit?lang=de", "accessibility statement")]:
        driver.get(server + path)
        visit(name)
    visit.finish(minimum_pages=20)


def test_the_language_switch_keeps_the_place(server, browser):
    driver = browser
    driver.get(server + "/termin/personalausweis/tag?office=buergerbuero-mitte&quantity=1")
    citizen.navigate(driver, driver.find_elements(By.CSS_SELECTOR, ".day-list a")[0])
    german = driver.current_url
    times = [radio.get_attribute("value") for radio in driver.find_elements(By.CSS_SELECTOR, 'input[name="start"]')]
    citizen.click_link(driver, "English")
    assert driver.current_url.startswith(german)
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert citizen.heading(driver).startswith("Which time suits you on")
    assert [radio.get_attribute("value") for radio in driver.find_elements(By.CSS_SELECTOR, 'input[name="start"]')] == times
    assert driver.find_element(By.CSS_SELECTOR, ".caption").text == "Apply for an identity card"
    # Remembered in the cookie: the next page is English too, the services' names with it.
    driver.get(server + "/")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert driver.find_elements(By.LINK_TEXT, "Apply for an identity card")
    assert not driver.find_elements(By.LINK_TEXT, "Personalausweis beantragen")
    cookie = driver.get_cookie("lang")
    assert cookie["value"] == "en" and cookie["sameSite"] == "Lax" and cookie["path"] == "/"
    csrf = driver.get_cookie("__Host-csrf")
    assert csrf["httpOnly"] and csrf["secure"] and csrf["sameSite"] == "Strict"
