"""The call centre's and the office's steps, as an agent and a clerk click through them."""
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from citizen import choose, click_link, heading, navigate


def button(driver, text):
    """Clicks the submit button with this text and waits for the next page."""
    navigate(driver, driver.find_element(By.XPATH, f'//main//button[normalize-space()="{text}"]'))


def sign_in(driver, base, username, visit=lambda name: None):
    driver.get(base + "/anmelden")
    assert heading(driver) == "Anmelden"
    visit("sign-in")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys("demo")
    button(driver, "Anmelden")


def sign_out(driver):
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "button.signed-in__button"))
    assert "Sie sind abgemeldet." in driver.page_source or "You are signed out." in driver.page_source


def agent_call(driver, base, phone, topic, visit=lambda name: None):
    """An agent books for a caller, finds the booking by phone number, moves
    it, and records a callback for Bürgerbüro Mitte. Returns the code."""
    sign_in(driver, base, "agent", visit)
    assert heading(driver) == "Bürgertelefon: Anruf bearbeiten"
    visit("console")
    Select(driver.find_element(By.ID, "municipality")).select_by_value("bremerhaven")
    driver.find_element(By.CSS_SELECTOR, 'label[for="service-personalausweis"]').click()
    button(driver, "Freie Zeiten anzeigen")
    assert driver.find_element(By.XPATH, '//legend[normalize-space()="Bürgerbüro Mitte"]')
    assert driver.find_element(By.XPATH, '//legend[normalize-space()="Bürgerbüro Nord"]')
    visit("console times")
    button(driver, "Termin buchen")
    assert driver.find_element(By.CSS_SELECTOR, ".error-summary").is_displayed()
    visit("console error")
    radios = driver.find_elements(By.CSS_SELECTOR, 'input[name="slot"][value^="buergerbuero-mitte|"]')
    driver.find_element(By.CSS_SELECTOR, f'label[for="{radios[0].get_attribute("id")}"]').click()
    driver.find_element(By.ID, "name").send_keys("Max Anrufer")
    driver.find_element(By.ID, "phone").send_keys(phone)
    button(driver, "Termin buchen")
    assert heading(driver) == "Termin zum Vorlesen"
    visit("read-back")
    spelled = driver.find_element(By.CSS_SELECTOR, ".read-back__code").text
    assert re.fullmatch(r"\w \w \w – \w \w \w – \w \w \w", spelled), spelled
    code = spelled.replace(" – ", "-").replace(" ", "")

    click_link(driver, "Nächster Anruf")
    driver.find_element(By.ID, "q").send_keys(phone)
    button(driver, "Suchen")
    visit("bookings found")
    click_link(driver, code)
    assert heading(driver) == f"Termin {code}"
    visit("booking")
    click_link(driver, "Termin verschieben")
    visit("move")
    choose(driver, "start", 2)
    button(driver, "Termin auf diese Zeit verschieben")
    assert "Ihr Termin ist verschoben auf" in driver.page_source
    visit("moved")

    driver.get(base + "/konsole")
    click_link(driver, "Auskunft zu einer Dienstleistung")
    button(driver, "Anzeigen")
    assert "Öffnungszeiten" in driver.page_source
    visit("catalogue answers")
    click_link(driver, "Zurück zum Bürgertelefon")
    click_link(driver, "Rückruf anlegen")
    visit("callback form")
    Select(driver.find_element(By.ID, "office")).select_by_value("buergerbuero-mitte")
    driver.find_element(By.ID, "name").send_keys("Max Anrufer")
    driver.find_element(By.ID, "phone").send_keys(phone)
    driver.find_element(By.ID, "topic").send_keys(topic)
    driver.find_element(By.ID, "note").send_keys("Fragt, ob die Fotos biometrisch sein müssen.")
    button(driver, "Rückruf anlegen")
    assert "Rückrufbitte angelegt für Bürgerbüro Mitte" in driver.page_source
    visit("callback filed")
    click_link(driver, "Zurück zum Bürgertelefon")
    click_link(driver, "Vermerk anlegen")
    visit("memo form")
    sign_out(driver)
    return code


def staff_close_callback(driver, base, topic, visit=lambda name: None):
    """The clerk of Bürgerbüro Mitte sees the callback and marks it done."""
    sign_in(driver, base, "staff-mitte")
    assert heading(driver) == "Dienststelle"
    visit("staff home")
    navigate(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "Rückrufe:"))
    visit("callbacks")
    item = driver.find_element(By.XPATH, f'//li[@class="inbox-item"][h3[contains(., "{topic}")]]')
    item.find_element(By.TAG_NAME, "textarea").send_keys("Zurückgerufen, alles geklärt.")
    navigate(driver, item.find_element(By.CSS_SELECTOR, 'button[type="submit"]'))
    assert "Als erledigt markiert." in driver.page_source
    done = driver.find_element(By.XPATH, f'//li[contains(@class, "inbox-item--done")][h3[contains(., "{topic}")]]')
    assert "Erledigt von staff-mitte" in done.text
    assert "Zurückgerufen, alles geklärt." in done.text
    visit("callback done")
    sign_out(driver)
