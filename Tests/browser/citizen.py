"""The steps of the citizen's journey, as a person clicks through them."""
import re

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def navigate(driver, element):
    """Clicks what leads to another page and waits until the old one is gone
    (the driver's implicit wait then finds the new page's elements)."""
    page = driver.find_element(By.TAG_NAME, "html")
    element.click()

    def gone(_):
        try:
            page.get_attribute("lang")
            return False
        except WebDriverException:  # stale, or "does not belong to the document"
            return True

    WebDriverWait(driver, 15).until(gone)


def click_link(driver, text):
    navigate(driver, driver.find_element(By.LINK_TEXT, text))


def choose(driver, name, index=0):
    """Clicks the label of a radio, as a person would (the input is small)."""
    radios = driver.find_elements(By.CSS_SELECTOR, f'input[type="radio"][name="{name}"]')
    assert radios, f"no radios named {name} on {driver.current_url}: {driver.page_source[:3000]}"
    driver.find_element(By.CSS_SELECTOR, f'label[for="{radios[index].get_attribute("id")}"]').click()
    return radios[index].get_attribute("value")


def submit(driver):
    """The main form's submit button: the last one of the page."""
    navigate(driver, driver.find_elements(By.CSS_SELECTOR, 'main form button[type="submit"]')[-1])


def heading(driver):
    return driver.find_element(By.TAG_NAME, "h1").text


def book(driver, base, visit=lambda name: None, email="erika@example.de", phone=None):
    """Start → service → office → quantity → day → time → details → check → book.

    `visit(name)` is called on every page, and again after each error shown;
    `phone`, when given, is typed as well and read back on the check page.
    Returns (code, manage_url).
    """
    driver.get(base + "/")
    visit("start")
    click_link(driver, "Personalausweis beantragen")
    visit("service")
    click_link(driver, "Termin vereinbaren")
    visit("office")
    submit(driver)
    assert driver.title.startswith("Fehler: "), driver.title
    visit("office error")
    choose(driver, "office", 0)
    submit(driver)
    visit("quantity")
    choose(driver, "quantity", 1)
    submit(driver)
    visit("day")
    navigate(driver, driver.find_elements(By.CSS_SELECTOR, ".day-list a")[0])
    visit("time")
    choose(driver, "start", 3)
    submit(driver)
    assert "Wir halten diese Uhrzeit bis" in driver.page_source
    visit("details")
    submit(driver)
    assert driver.find_element(By.CSS_SELECTOR, ".error-summary").is_displayed()
    visit("details error")
    driver.find_element(By.ID, "name").send_keys("Erika Mustermann")
    driver.find_element(By.ID, "email").send_keys(email)
    if phone is not None:
        driver.find_element(By.ID, "phone").send_keys(phone)
    submit(driver)
    assert heading(driver) == "Prüfen Sie Ihre Angaben"
    if phone is not None:
        assert phone in [dd.text for dd in driver.find_elements(By.CSS_SELECTOR, ".check-list dd")]
    visit("check")
    submit(driver)
    assert "Ihr Termin ist gebucht" in heading(driver)
    visit("confirmation")
    code = driver.find_element(By.CSS_SELECTOR, ".panel__code").text
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}", code), code
    manage = driver.find_element(By.CSS_SELECTOR, "a.manage-link").get_attribute("href")
    return code, manage


def move_and_cancel(driver, manage, visit=lambda name: None):
    """Opens the secret link, moves the booking to another day, cancels it."""
    driver.get(manage)
    assert heading(driver) == "Ihr Termin"
    visit("manage")
    click_link(driver, "Termin verschieben")
    visit("move day")
    navigate(driver, driver.find_elements(By.CSS_SELECTOR, ".day-list a")[1])
    visit("move time")
    choose(driver, "start", 0)
    submit(driver)
    assert "Ihr Termin ist verschoben auf" in driver.page_source
    visit("moved")
    click_link(driver, "Termin absagen")
    assert heading(driver).startswith("Möchten Sie Ihren Termin am")
    visit("cancel question")
    submit(driver)
    assert "Ihr Termin ist abgesagt" in driver.page_source
    visit("cancelled")
