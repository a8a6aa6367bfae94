"""A round at the desk in a real browser: Debian's chromium, driven by Selenium through its chromedriver.

Upload returns, see the board change, open a file's problems, drop a file on the page, accept a
division and reopen it (the desk keeps an office store), write the consolidated workbook and
download it. The browser is the system's (``.ci/install-browser.sh``):
nothing is downloaded.
"""

from __future__ import annotations

import shutil
import time

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import WebDriverWait

from desk_process import ROOT, Desk

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
SAMPLES = ROOT / "samples"
WAIT = 90  # seconds a page may take on a loaded machine; the test does not measure speed


@pytest.fixture
def browser(tmp_path, monkeypatch):
    monkeypatch.setenv("SE_AVOID_STATS", "true")  # Selenium sends no usage figures anywhere
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--window-size=1280,1400",
    ):
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    )
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    yield driver
    driver.quit()


@pytest.fixture
def desk(tmp_path, monkeypatch):
    monkeypatch.setenv("ITA_STORE", str(tmp_path / "ita-store.sqlite"))
    running = Desk(tmp_path / "returns")
    yield running
    running.stop()


def wait_for(driver, css: str):
    return WebDriverWait(driver, WAIT).until(ready.presence_of_element_located((By.CSS_SELECTOR, css)))


def wait_for_state(driver, division: str, state: str) -> None:
    """Until the board (loaded again after a button) shows ``division`` in ``state``. While the page
    is replaced, a row read may belong to the old page: chromium then says "stale element" or "node
    does not belong to the document" (a WebDriverException): read again."""
    waiting = WebDriverWait(
        driver, WAIT, ignored_exceptions=(StaleElementReferenceException, WebDriverException)
    )
    waiting.until(lambda d: states(d).get(division) == state)


def states(driver) -> dict[str, str]:
    rows = driver.find_elements(By.CSS_SELECTOR, "#divisions tbody tr")
    return {row.get_attribute("data-division"): row.get_attribute("data-state") for row in rows}


def problem_rows(driver) -> set[tuple[str, str, str]]:
    found = set()
    for row in driver.find_elements(By.CSS_SELECTOR, "table.problems tbody tr"):
        cells = row.find_elements(By.TAG_NAME, "td")
        found.add((row.get_attribute("data-code"), cells[1].text, cells[2].text))
    return found


def test_a_round_at_the_desk(desk, browser, tmp_path):
    browser.get(desk.first_line)
    wait_for(browser, "#divisions")
    assert set(states(browser).values()) == {"not_received"}
    assert "ยังไม่ได้รับ" in browser.find_element(By.CSS_SELECTOR, "#divisions").text

    # Upload returns with the plain form.
    not_a_workbook = tmp_path / "ITA2566_6m_audit_หน่วยตรวจสอบภายใน.xlsx"
    not_a_workbook.write_text("ผลการดำเนินงาน,ดำเนินการแล้ว\n", encoding="utf-8")
    chosen = [
        SAMPLES / "6m" / "ITA2566_6m_finance_กองคลัง.xlsx",
        SAMPLES / "with-mistakes" / "ITA2566_6m_education_กองการศึกษาฯ.xlsx",
        not_a_workbook,
    ]
    browser.find_element(By.ID, "files").send_keys("\n".join(str(p) for p in chosen))
    browser.find_element(By.CSS_SELECTOR, "#receive button[type=submit]").click()
    wait_for(browser, "#back")
    assert "ไฟล์ที่เพิ่งได้รับ" in browser.page_source
    assert ("locked-text-changed", "มาตรการ", "C5") in problem_rows(browser)
    assert ("intake-csv-or-text", "-", "-") in problem_rows(browser)

    # The board has changed.
    browser.find_element(By.ID, "back").click()
    wait_for(browser, "#divisions")
    assert states(browser) == {
        "palad": "not_received",
        "finance": "received",
        "works": "not_received",
        "education": "received",
        "audit": "rejected",
    }
    education = browser.find_element(By.CSS_SELECTOR, 'tr[data-division="education"]')
    assert "ข้อผิดพลาด 1 · คำเตือน 3" in education.text

    # A file's problems, with sheet, cell and what to do.
    education.find_element(By.CSS_SELECTOR, "a.see").click()
    wait_for(browser, "table.problems")
    assert ("date-missing", "มาตรการ", "H8") in problem_rows(browser)
    assert "สถานะดำเนินการแล้ว แต่ไม่ได้กรอกวันที่ดำเนินการ" in browser.page_source
    browser.find_element(By.LINK_TEXT, "กลับไปหน้าภาพรวม").click()
    wait_for(browser, "#divisions")

    # A file dropped on the page is received as if chosen.
    browser.execute_script(
        """
        const data = new DataTransfer();
        data.items.add(new File(["not a workbook"], "ITA2566_6m_works_กองช่าง.xlsx"));
        document.dispatchEvent(new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true}));
        """
    )
    wait_for(browser, "#back").click()
    wait_for(browser, "#divisions")
    assert states(browser)["works"] == "rejected"

    # Accept a division with a note: the board says so; then reopen it.
    finance = browser.find_element(By.CSS_SELECTOR, 'tr[data-division="finance"]')
    finance.find_element(By.NAME, "note").send_keys("ตรวจแล้ว")
    finance.find_element(By.CSS_SELECTOR, "button.accept").click()
    wait_for_state(browser, "finance", "accepted")
    finance = browser.find_element(By.CSS_SELECTOR, 'tr[data-division="finance"]')
    assert "รับรองแล้ว เมื่อ" in finance.text
    finance.find_element(By.CSS_SELECTOR, "button.reopen").click()
    wait_for_state(browser, "finance", "received")
    assert "รับรองแล้ว" not in browser.find_element(By.CSS_SELECTOR, 'tr[data-division="finance"]').text

    # Write the consolidated workbook and download it.
    browser.find_element(By.ID, "write").click()
    link = wait_for(browser, "#written a")
    assert link.text == "ITA2566_6m_summary.xlsx"
    link.click()
    written = tmp_path / "returns_ผลลัพธ์" / "ITA2566_6m_summary.xlsx"
    downloaded = browser.downloads / "ITA2566_6m_summary.xlsx"
    deadline = time.monotonic() + WAIT
    while not downloaded.is_file() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert downloaded.read_bytes() == written.read_bytes()
    assert downloaded.read_bytes()[:2] == b"PK"
