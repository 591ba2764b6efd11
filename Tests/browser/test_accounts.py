"""The administrators' account pages in a real browser: add an account
(first with every error shown, then right), open it, try an empty
password, disable it; every page, German and English, passes the axe-core
audit and reflows at 320 px."""

from selenium.webdriver.common.by import By

import console
from citizen import heading
from audit import PageAudit


def test_the_account_pages_are_accessible_and_reflow_at_320_px(server, browser, artifacts):
    driver = browser
    visit = PageAudit(driver, artifacts, "accounts")
    console.sign_in(driver, server, "admin")
    driver.get(server + "/verwaltung/konten")
    assert heading(driver) == "Konten verwalten"
    visit("accounts")
    console.button(driver, "Konto anlegen")
    assert driver.find_element(By.CSS_SELECTOR, ".error-summary").is_displayed()
    visit("accounts errors")
    driver.find_element(By.ID, "role-staff").click()
    driver.find_element(By.ID, "office-1").click()
    driver.find_element(By.ID, "username").send_keys("k.albers")
    driver.find_element(By.ID, "displayName").send_keys("Kim Albers")
    driver.find_element(By.ID, "password").send_keys("Korrekt-Pferd-7")
    console.button(driver, "Konto anlegen")
    assert "Das Konto k.albers ist angelegt" in driver.page_source
    visit("account added")
    driver.find_element(By.LINK_TEXT, "k.albers").click()
    assert heading(driver) == "Konto k.albers"
    visit("account")
    console.button(driver, "Passwort setzen")
    assert driver.find_element(By.CSS_SELECTOR, ".error-summary").is_displayed()
    visit("account errors")
    console.button(driver, "Konto sperren")
    assert "Das Konto ist gesperrt" in driver.page_source
    visit("account disabled")
    driver.get(server + "/verwaltung/konten/k.albers?lang=en")
    assert heading(driver) == "Account k.albers"
    visit("account in English")
    driver.get(server + "/verwaltung/konten?lang=en")
    assert heading(driver) == "Manage accounts"
    visit("accounts in English")
    visit.finish(minimum_pages=8)
