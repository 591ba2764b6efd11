"""The citizen's own data on the manage page (issue #15): the download of
everything stored and its erasure, in German and in English, with
JavaScript off; Back and Reload after the erasing POST ask and change
nothing; the pages on the way under axe and at 320 px."""
import json

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import citizen
from audit import PageAudit
from conftest import ARTIFACTS


def _downloaded(code):
    """The file the browser saved for the booking's download, once it is complete."""
    path = ARTIFACTS / "downloads" / f"termin-{code}.json"
    return json.loads(path.read_text()) if path.exists() else None


def _erase(driver, question, cancels_first, erased):
    """From the manage page: the question, the POST, the erased manage page."""
    manage = driver.current_url.split("?")[0]
    citizen.click_link(driver, {"de": "Daten jetzt löschen", "en": "Erase the data now"}[erased[0]])
    question_url = driver.current_url
    assert citizen.heading(driver) == question
    assert cancels_first in driver.page_source
    citizen.submit(driver)
    assert driver.current_url.split("?")[0] == manage, "the POST answers with a 303 to the manage page"
    assert erased[1] in driver.page_source
    return question_url


def test_download_and_erase_without_javascript(server, browser_without_javascript):
    driver = browser_without_javascript
    code, manage = citizen.book(driver, server, email="daten@example.de")
    driver.get(manage)
    assert citizen.heading(driver) == "Ihr Termin"
    assert "Ihre Daten" in driver.page_source

    # A download leaves the page where it is: the file is what the browser saved.
    driver.find_element(By.LINK_TEXT, "Gespeicherte Daten herunterladen (JSON)").click()
    data = WebDriverWait(driver, 15).until(lambda _: _downloaded(code))
    assert data["booking"]["code"] == code
    assert data["booking"]["contact"] == {"name": "Erika Mustermann", "email": "daten@example.de"}
    assert [event["action"] for event in data["history"]] == ["created"]
    assert "erasureDue" in data

    question = _erase(driver, "Möchten Sie Ihre Daten zu diesem Termin jetzt löschen?", "wird zuerst abgesagt",
                      ("de", "Ihre personenbezogenen Daten wurden am"))
    assert "Erika Mustermann" not in driver.page_source
    assert not driver.find_elements(By.LINK_TEXT, "Termin verschieben")
    assert not driver.find_elements(By.LINK_TEXT, "Termin absagen")
    assert not driver.find_elements(By.LINK_TEXT, "Daten jetzt löschen")
    assert driver.find_elements(By.LINK_TEXT, "Neuen Termin vereinbaren")

    # Reload asks nothing (the answer was a 303); Back returns to the
    # question's address, which now leads on to the erased booking.
    driver.refresh()
    assert "Ihre personenbezogenen Daten wurden am" in driver.page_source
    driver.back()
    assert driver.current_url.split("?")[0] != question.split("?")[0], "the question is not asked again"
    assert "Ihre personenbezogenen Daten wurden am" in driver.page_source
    assert "Abgesagt" in driver.page_source


def test_erase_in_english_without_javascript(server, browser_without_javascript):
    driver = browser_without_javascript
    code, manage = citizen.book(driver, server, email="english-data@example.de")
    driver.get(manage)
    citizen.click_link(driver, "English")
    assert citizen.heading(driver) == "Your appointment"
    assert driver.find_elements(By.LINK_TEXT, "Download the stored data (JSON)")
    _erase(driver, "Do you want to erase your data for this appointment now?", "is cancelled first",
           ("en", "Your personal data was erased on"))
    assert "english-data@example.de" not in driver.page_source


def test_the_data_pages_are_accessible_and_reflow_at_320_px(server, browser, artifacts):
    driver = browser
    visit = PageAudit(driver, artifacts, "personal-data")
    code, manage = citizen.book(driver, server, email="audit-data@example.de")
    driver.get(manage)
    visit("manage with your data")
    citizen.click_link(driver, "Daten jetzt löschen")
    visit("erase question")
    citizen.submit(driver)
    visit("erased")
    visit.finish(minimum_pages=3)
