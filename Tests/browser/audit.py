"""Every page a browser test visits is audited the same way: axe-core (no
serious or critical violation) and WCAG 1.4.10 reflow at 320 CSS px (no
horizontal scrolling of the page; tables may scroll in their own regions),
with a full-height screenshot of each and the list of pages audited in the
artifacts folder.

    audit = PageAudit(driver, artifacts, "console")
    console.agent_call(driver, server, phone, topic, visit=audit)
    audit.finish(minimum_pages=10)
"""
import json

from selenium_axe_python import Axe

# WCAG 2.1 AA (BITV 2.0), the rules axe-core tags for it.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}
NARROW = {"width": 320, "height": 720, "deviceScaleFactor": 1, "mobile": False}


class PageAudit:
    def __init__(self, driver, artifacts, name):
        self.driver = driver
        self.artifacts = artifacts
        self.name = name
        self.axe = Axe(driver)
        self.problems = []
        self.seen = []
        # A 320 CSS px wide viewport, whatever the window's minimum width.
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", NARROW)

    def __call__(self, page):
        """Audits the page the browser shows now; `page` names it in the findings."""
        self.seen.append(page)
        self.axe.inject()
        for violation in self.axe.run(options=AXE_OPTIONS)["violations"]:
            if violation["impact"] in ("serious", "critical"):
                nodes = [node["target"] for node in violation["nodes"]]
                self.problems.append(f"{page}: {violation['id']} ({violation['impact']}): {violation['help']} {nodes}")
        scroll, client = self.driver.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if scroll > client:
            wide = self.driver.execute_script(
                "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > "
                "document.documentElement.clientWidth + 1 && !e.closest('.table-wrap')).slice(0, 4)"
                ".map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''))")
            self.problems.append(f"{page}: scrolls horizontally at 320 px ({scroll} > {client}): {wide}")
        height = self.driver.execute_script("return document.documentElement.scrollHeight")
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", dict(NARROW, height=min(height, 6000)))
        self.driver.save_screenshot(str(self.artifacts / f"{self.name}-{len(self.seen):02d}-{page.replace(' ', '-')}.png"))
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", NARROW)

    def finish(self, minimum_pages):
        """Writes the list of pages audited, then fails on any finding."""
        (self.artifacts / f"axe-{self.name}-pages.json").write_text(json.dumps(self.seen, indent=2))
        assert len(self.seen) >= minimum_pages, self.seen
        assert not self.problems, "\n".join(self.problems)
