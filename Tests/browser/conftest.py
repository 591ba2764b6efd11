"""Browser tests of the citizen pages: the real server, Chromium over WebDriver.

Run by scripts/browser-tests (which builds the server and installs what is
missing). Nothing here is ever skipped: a missing browser, driver or server
binary is a failure, so CI cannot pass without having run the tests.
"""
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("TERMINBUCH_BROWSER_ARTIFACTS", REPO / ".build" / "browser-artifacts"))
# A Monday morning: after the 07:00 release of the new day, before the
# offices open. The server's clock starts here and runs on.
NOW = os.environ.get("TERMINBUCH_BROWSER_NOW", "2030-03-04T07:05:00+01:00")


def find(name, *candidates):
    for candidate in (os.environ.get(name),) + candidates:
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    pytest.fail(f"{name}: none of {candidates} found; scripts/setup installs chromium and chromium-driver", pytrace=False)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A skip is a failure here: the browser tests run, or CI fails."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped:
        report.outcome = "failed"
        report.longrepr = f"browser tests must not be skipped: {report.longrepr}"


@pytest.fixture(scope="session")
def server():
    base, process, directory = start_server()
    yield base
    stop_server(process, directory)


def start_server(arguments=()):
    """The real server on a free port with a fresh database: (base URL, process, its directory).
    `arguments` go to `serve` besides (`--no-demo`)."""
    binary = Path(os.environ.get("TERMINBUCH_BINARY", REPO / ".build" / "debug" / "terminbuch"))
    if not binary.exists():
        pytest.fail(f"no server binary at {binary}: run swift build first", pytrace=False)
    directory = tempfile.mkdtemp(prefix="terminbuch-browser-")
    process = subprocess.Popen(
        [str(binary), "serve", "--port", "0", "--database", os.path.join(directory, "terminbuch.sqlite"),
         "--public", str(REPO / "Public"), "--now", NOW, "--no-access-log", "--mail-dir", os.path.join(directory, "mail"), *arguments],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    port = None
    deadline = time.time() + 60
    lines = []
    while time.time() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        found = re.search(r"listening on http://[^:]+:(\d+)", line)
        if found:
            port = int(found.group(1))
            break
    if port is None:
        process.kill()
        pytest.fail("the server did not start:\n" + "".join(lines), pytrace=False)
    # "localhost", not 127.0.0.1: browsers treat it as a secure context, so
    # the Secure __Host- cookies work without TLS in the test.
    return f"http://localhost:{port}", process, directory


def terminbuch(*arguments, input=None):
    """Runs the command line (`user add`, `catalogue import`) as an operator would; fails on a non-zero exit."""
    binary = Path(os.environ.get("TERMINBUCH_BINARY", REPO / ".build" / "debug" / "terminbuch"))
    run = subprocess.run([str(binary), *arguments], cwd=REPO, input=input, capture_output=True, text=True)
    assert run.returncode == 0, f"terminbuch {' '.join(arguments)}: {run.stdout}{run.stderr}"
    return run.stdout


def stop_server(process, directory):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    shutil.rmtree(directory, ignore_errors=True)


def make_driver(javascript=True):
    options = Options()
    options.binary_location = find("CHROMIUM", "chromium", "chromium-browser", "google-chrome")
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1024,900",
                     "--lang=de-DE", "--disable-gpu"]:
        options.add_argument(argument)
    options.add_experimental_option("prefs", {
        "intl.accept_languages": "de-DE,de",
        "profile.managed_default_content_settings.javascript": 1 if javascript else 2,
        "download.default_directory": str(ARTIFACTS / "downloads"),
    })
    service = Service(find("CHROMEDRIVER", "chromedriver"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.implicitly_wait(5)
    return driver


@pytest.fixture
def browser():
    driver = make_driver(javascript=True)
    yield driver
    driver.quit()


@pytest.fixture
def browser_without_javascript():
    driver = make_driver(javascript=False)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
