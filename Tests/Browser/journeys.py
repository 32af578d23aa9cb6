#!/usr/bin/env python3
"""Alongside's key journeys in real Chromium, at a phone and a desktop size.

Starts `alongside serve --demo` itself on a fresh SQLite database on loopback (one server per
viewport, since journeys change data), drives Debian's chromium through chromium-driver with
selenium, runs axe-core on every page it visits (failing on serious or critical violations), checks
no page scrolls sideways on a phone, and saves a screenshot of each main page.

    bash Tests/Browser/run                      # sets up a Python 3.12 venv, then runs this
    python Tests/Browser/journeys.py --binary .build/debug/alongside --screenshots docs/screenshots

Ends with a line `browser: N passed, N failed`; exits non-zero when anything failed.
"""
import argparse
import base64
import email
import email.policy
import os
import re
import threading
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request

from aiosmtpd.controller import Controller
from alongside_server import Server
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VIEWPORTS = {"phone": (390, 844), "desktop": (1366, 768)}
PASSWORD = "walk-alongside-demo"
BLOCKING_IMPACTS = {"serious", "critical"}


class Mailbox:
    """A real SMTP server on loopback (aiosmtpd) that keeps every message Alongside sends."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append({"to": list(envelope.rcpt_tos), "subject": str(message["subject"]),
                                  "body": message.get_content()})
        return "250 OK"

    def count(self):
        with self.lock:
            return len(self.messages)

    def wait_for(self, matches, seconds=20, after=0):
        """The messages from the `after`-th on that match, waiting up to `seconds` for one."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            with self.lock:
                found = [m for m in self.messages[after:] if matches(m)]
            if found:
                return found
            time.sleep(0.25)
        return []

    def stop(self):
        self.controller.stop()


MAILBOX = None


class JourneyFailure(AssertionError):
    pass


def check(condition, message):
    if not condition:
        raise JourneyFailure(message)


class Visit:
    """One viewport's browser, with the checks every page gets."""

    def __init__(self, viewport, base, screenshots):
        self.viewport = viewport
        self.width, self.height = VIEWPORTS[viewport]
        self.base = base
        self.screenshots = screenshots
        self.scanned = []
        options = webdriver.ChromeOptions()
        for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--hide-scrollbars",
                     "--disable-gpu", "--lang=en-GB"):
            options.add_argument(flag)
        options.add_argument(f"--window-size={self.width},{self.height}")
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
        self.driver = webdriver.Chrome(service=service, options=options)
        self.driver.set_window_size(self.width, self.height)

    def quit(self):
        self.driver.quit()

    def open(self, path):
        self.driver.get(self.base + path)

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def follow(self, element):
        """Clicks a link or button that loads a new page, and waits for that page."""
        self.driver.execute_script("window.__alongsideLeaving = true")
        element.click()
        self.wait_for_new_page()

    def wait_for_new_page(self):
        """Waits until the page marked by `follow` has been replaced and the new one has loaded."""
        def loaded(driver):
            try:
                return driver.execute_script(
                    "return window.__alongsideLeaving === undefined && document.readyState === 'complete'")
            except WebDriverException:
                return False
        WebDriverWait(self.driver, 15).until(loaded)

    def submit(self, css="main form button[type=submit]"):
        self.follow(self.find(css))

    def text(self):
        return self.find("main").text

    def page_checks(self, name):
        """axe-core (serious and critical fail), no sideways scrolling, one h1, a title."""
        driver = self.driver
        axe = Axe(driver)
        axe.inject()
        results = axe.run()
        blocking = [v for v in results["violations"] if v.get("impact") in BLOCKING_IMPACTS]
        self.scanned.append((name, self.viewport, len(results["violations"]), len(blocking),
                             ", ".join(f"{v['id']} ({v.get('impact')})" for v in results["violations"])))
        if blocking:
            lines = [f"{v['impact']}: {v['id']} ({v['help']}) at {[n['target'] for n in v['nodes']][:3]}"
                     for v in blocking]
            raise JourneyFailure(f"axe on {name} ({driver.current_url}):\n    " + "\n    ".join(lines))
        overflow = driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 1:
            wide = driver.execute_script("""
                const w = document.documentElement.clientWidth; const out = [];
                for (const e of document.querySelectorAll('body *')) { const r = e.getBoundingClientRect();
                  if (r.right > w + 1 && !Array.from(e.children).some(c => c.getBoundingClientRect().right > w + 1))
                    out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '')
                      + ' (' + (e.textContent || '').trim().slice(0, 40) + ')'); }
                return out.slice(0, 6).join('; ');""")
            check(False, f"{name} scrolls sideways by {overflow}px at {self.viewport} size: {wide}")
        check(len(driver.find_elements(By.TAG_NAME, "h1")) == 1, f"{name} should have exactly one h1")
        check(driver.title.endswith("– Alongside"), f"{name} has title {driver.title!r}")

    # A screenshot shows at most this many screens of a long page: enough to see the page, small
    # enough to keep in docs/ (each well under 2 MiB).
    SCREENS_PER_SHOT = 3

    def screenshot(self, name):
        if not self.screenshots:
            return
        os.makedirs(self.screenshots, exist_ok=True)
        height = self.driver.execute_script("return document.documentElement.scrollHeight")
        height = min(max(height, self.height), self.height * self.SCREENS_PER_SHOT)
        self.driver.set_window_size(self.width, height + 140)
        self.driver.save_screenshot(os.path.join(self.screenshots, f"{name}-{self.viewport}.png"))
        self.driver.set_window_size(self.width, self.height)

    def sign_in(self, email):
        self.driver.delete_all_cookies()
        self.open("/sign-in")
        self.find("#email").send_keys(email)
        self.find("#password").send_keys(PASSWORD)
        self.submit()
        check("/sign-in" not in self.driver.current_url, f"{email} could not sign in")

    def download_csv(self, link_text):
        """Follows a download link with the browser's cookies; checks it is CSV and returns its text."""
        link = self.driver.find_element(By.PARTIAL_LINK_TEXT, link_text)
        cookie = "; ".join(f"{c['name']}={c['value']}" for c in self.driver.get_cookies())
        request = urllib.request.Request(link.get_attribute("href"), headers={"Cookie": cookie})
        with urllib.request.urlopen(request, timeout=10) as response:
            check(response.headers.get_content_type() == "text/csv", f"'{link_text}' should give CSV")
            return response.read().decode("utf-8")

    def nav(self, label):
        # On a phone the navigation is folded into its menu: open it first, as a person would.
        menu = self.driver.find_elements(By.CSS_SELECTOR, "nav[aria-label=Main] details.site-menu > summary")
        if menu and shows(self, menu[0]) and menu[0].find_element(By.XPATH, "..").get_attribute("open") is None:
            menu[0].click()
        # textContent, not .text: Selenium's own idea of what shows does not know a <details> the stylesheet
        # keeps open on a wide screen (::details-content).
        links = [a for a in self.driver.find_elements(By.CSS_SELECTOR, "nav[aria-label=Main] a")
                 if (a.get_attribute("textContent") or "").strip() == label]
        check(links, f"no '{label}' in the main navigation")
        link = links[0]
        if link.is_displayed():
            self.follow(link)
            return
        # Selenium's is_displayed (and so its click) predates ::details-content and calls every link in a closed
        # <details> hidden, though on a wide screen the stylesheet shows them. Check the browser draws the link
        # and a pointer at its middle would hit it, then click it as that pointer would.
        hit = self.driver.execute_script(
            "const a = arguments[0]; a.scrollIntoView({block: 'center'}); const r = a.getBoundingClientRect();"
            " return a.checkVisibility() && document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === a",
            link)
        check(hit, f"'{label}' in the main navigation should be on the screen and clickable")
        self.driver.execute_script("window.__alongsideLeaving = true; arguments[0].click()", link)
        self.wait_for_new_page()


# The journeys. Each takes a Visit; they run in this order on one server per viewport.

def sign_in_with_a_mistake_then_correctly(v):
    v.driver.delete_all_cookies()
    v.open("/sign-in")
    v.page_checks("sign-in")
    v.screenshot("sign-in")
    v.find("#email").send_keys("leader@demo.example")
    v.submit()
    summary = v.find(".error-summary")
    check("Enter your password." in summary.text, "the error summary should ask for the password")
    v.page_checks("sign-in with an error")
    v.screenshot("sign-in-error")
    summary.find_element(By.LINK_TEXT, "Enter your password.").click()
    check(v.driver.switch_to.active_element.get_attribute("id") == "password",
          "the summary link should move focus to the password field")
    v.find("#password").send_keys(PASSWORD)
    v.submit()
    check("Hello, Priya" in v.text(), "the team leader should land on their home page")
    v.page_checks("home")
    v.screenshot("home")


def team_leader_sees_the_uncovered_ward(v):
    v.sign_in("leader@demo.example")
    v.nav("Coverage")
    panel = v.find(".warning-panel")
    check("1 ward has no named coordinator" in panel.text, "the uncovered ward should stand out")
    check("Millbrook" in panel.text, "Millbrook should be listed as uncovered")
    check("17 of 18 wards" in v.text(), "coverage should count 17 of 18 wards")
    v.page_checks("coverage")
    v.screenshot("coverage")


def admin_names_a_coordinator_for_the_uncovered_ward(v):
    v.sign_in("admin@demo.example")
    v.nav("Wards")
    v.page_checks("wards")
    v.screenshot("wards")
    v.follow(v.driver.find_element(By.LINK_TEXT, "Millbrook"))
    v.page_checks("ward")
    Select(v.find("#coordinator")).select_by_visible_text("Amara Okafor")
    v.submit("#assign-title ~ form button[type=submit]")
    check("Named coordinator updated." in v.text(), "saving should confirm the change")
    history = v.find("#history-title ~ table").text
    check("Amara Okafor" in history and "Sam Whitfield" in history, "the history should keep both coordinators")
    v.page_checks("ward after naming a coordinator")
    v.screenshot("ward")
    v.nav("Coverage")
    check(not v.driver.find_elements(By.CSS_SELECTOR, ".warning-panel"), "no ward should be uncovered now")


def admin_adds_a_ward_and_fixes_a_mistake(v):
    v.sign_in("admin@demo.example")
    v.open("/wards/new")
    v.page_checks("add a ward")
    v.find("#code").send_keys("12345")
    v.find("#name").send_keys("Kingsway")
    v.submit()
    v.page_checks("add a ward with an error")
    v.find(".error-summary a").click()
    check(v.driver.switch_to.active_element.get_attribute("id") == "code", "the summary should lead to the code")
    code = v.find("#code")
    code.clear()
    code.send_keys("E05900099")
    v.submit()
    check("Ward added." in v.text(), "the new ward should be confirmed")


def keyboard_only_sign_in(v):
    v.driver.delete_all_cookies()
    v.open("/sign-in")
    body = v.find("body")
    body.send_keys(Keys.TAB)
    check(v.driver.switch_to.active_element.get_attribute("class") == "skip-link", "Tab should reach the skip link first")
    order = []
    for _ in range(6):
        v.driver.switch_to.active_element.send_keys(Keys.TAB)
        order.append(v.driver.switch_to.active_element.get_attribute("id") or v.driver.switch_to.active_element.tag_name)
        if order[-1] == "email":
            break
    check(order[-1] == "email", f"Tab should reach the email field (went {order})")
    v.driver.switch_to.active_element.send_keys("amara.okafor@demo.example", Keys.TAB)
    check(v.driver.switch_to.active_element.get_attribute("id") == "password", "Tab should go on to the password")
    v.driver.execute_script("window.__alongsideLeaving = true")
    v.driver.switch_to.active_element.send_keys(PASSWORD, Keys.ENTER)
    v.wait_for_new_page()
    check("Hello, Amara" in v.text(), "Enter should sign in")
    check("Ashcombe" in v.text() or "Abbey Fields" in v.text(), "the coordinator should see their ward")


def introduce_yourself(v, name, phone, what_matters, preferred_name=None):
    """Fills in and sends the public introduce form for someone living in Abbey Fields (KV1 1AA)."""
    v.find("#who-me").click()
    v.find("#fullName").send_keys(name)
    if preferred_name:
        v.find("#preferredName").send_keys(preferred_name)
    v.find("#phone").send_keys(phone)
    v.find("#postcode").send_keys("kv1 1aa")
    v.find("#whatMatters").send_keys(what_matters)
    v.submit()


def resident_introduces_themselves(v):
    v.mail_mark = MAILBOX.count()
    v.driver.delete_all_cookies()
    v.open("/introduce")
    check("/introduce/demo" in v.driver.current_url, "one council: the form should open at once")
    v.page_checks("introduce")
    v.screenshot("introduce")
    introduce_yourself(v, f"Winifred Journey {v.viewport}", "07700 900555", "I would like to meet people nearby.",
                       preferred_name="Win")
    check("Thank you" in v.text() and "What happens next" in v.text(), "the thank-you page should say what happens next")
    v.page_checks("introduction sent")


def introduction_by_keyboard_alone(v):
    v.driver.delete_all_cookies()
    v.open("/introduce/demo")
    body = v.find("body")
    body.send_keys(Keys.TAB)
    visited = []
    for _ in range(12):
        element = v.driver.switch_to.active_element
        visited.append(element.get_attribute("id") or element.tag_name)
        if visited[-1] == "fullName":
            break
        element.send_keys(Keys.TAB)
    check(visited[-1] == "fullName", f"Tab should reach the name field (went {visited})")
    check("website" not in visited, "the honeypot must not be reachable by keyboard")
    active = v.driver.switch_to.active_element
    active.send_keys(f"Keyboard Person {v.viewport}", Keys.TAB)
    v.driver.switch_to.active_element.send_keys(Keys.TAB)  # preferred name
    v.driver.switch_to.active_element.send_keys("07700 900556")
    check(v.driver.switch_to.active_element.get_attribute("id") == "phone", "Tab should go from the name to the phone")
    for _ in range(40):
        element = v.driver.switch_to.active_element
        if element.tag_name == "button" and element.get_attribute("type") == "submit":
            break
        element.send_keys(Keys.TAB)
    check(v.driver.switch_to.active_element.tag_name == "button", "Tab should reach the send button")
    v.driver.execute_script("window.__alongsideLeaving = true")
    v.driver.switch_to.active_element.send_keys(Keys.ENTER)
    v.wait_for_new_page()
    check("Thank you" in v.text(), "Enter on the button should send the introduction")


def coordinator_finds_the_new_person_and_records_work(v):
    v.sign_in("ben.hughes@demo.example")
    v.nav("Caseload")
    v.page_checks("caseload")
    v.screenshot("caseload")
    v.follow(v.driver.find_element(By.PARTIAL_LINK_TEXT, f"Winifred Journey {v.viewport}"))
    check("Routed to the named coordinator for Abbey Fields" in v.text(), "the record should say how it was routed")
    v.page_checks("person")
    v.driver.find_element(By.XPATH, "//summary[contains(., 'Record a conversation')]").click()
    v.find("#minutes").send_keys("40")
    v.find("#notes").send_keys("First conversation at home. Win loves gardening.")
    v.submit("#conversations form button[type=submit]")
    check("Conversation saved." in v.text(), "the conversation should be confirmed")
    check("Win loves gardening." in v.text(), "the conversation should be on the record")
    v.driver.find_element(By.XPATH, "//summary[contains(., 'Add a step')]").click()
    v.find("#what").send_keys("Visit the gardening club together")
    v.find("#who").send_keys("Win and Ben")
    type_date(v.find("#steps form[action$=steps]"), "dueOn", "1", "12", "2030")
    v.submit("#steps form[action$=steps] button[type=submit]")
    check("Visit the gardening club together" in v.text(), "the step should be listed")
    for name, kind, closeness in [("Her sister", "family", "1"), ("Gardening club", "group", "3")]:
        v.driver.find_element(By.XPATH, "//summary[contains(., 'Add someone')]").click()
        v.find("#name").send_keys(name)
        Select(v.find("#kind")).select_by_value(kind)
        Select(v.find("#closeness")).select_by_value(closeness)
        v.submit("#their-people form[action$=people] button[type=submit]")
    check(len(v.driver.find_elements(By.CSS_SELECTOR, ".map-svg .map-node")) == 2, "the map should show two people")
    v.page_checks("person after recording")
    v.screenshot("person")


def team_leader_assigns_someone_waiting(v):
    v.sign_in("leader@demo.example")
    v.nav("Team")
    v.page_checks("team")
    v.screenshot("team")
    heading = v.find("#queue-title").text
    waiting = int(heading.split("(")[1].rstrip(")"))
    check(waiting > 0, "someone should be waiting in the demo")
    form = v.find(".assign-form")
    Select(form.find_element(By.TAG_NAME, "select")).select_by_visible_text("Amara Okafor")
    v.follow(form.find_element(By.TAG_NAME, "button"))
    now = int(v.find("#queue-title").text.split("(")[1].rstrip(")"))
    check(now == waiting - 1, f"the queue should shrink by one ({waiting} → {now})")


def coordinator_searches_for_a_person(v):
    v.sign_in("ben.hughes@demo.example")
    v.nav("Find a person")
    v.find("#q").send_keys(f"Winifred Journey {v.viewport}")
    v.submit("main form[role=search] button[type=submit]")
    check("1 person found" in v.text(), "search should find the introduced person")
    v.page_checks("search")


def team_leader_opens_the_dashboard_and_exports_csv(v):
    v.sign_in("leader@demo.example")
    v.nav("Dashboard")
    check("people are being supported now" in v.text(), "the dashboard should show the caseload today")
    check(len(v.driver.find_elements(By.CSS_SELECTOR, "svg.bar-chart")) >= 6, "the dashboard should draw its charts")
    v.page_checks("dashboard")
    v.screenshot("dashboard")
    # The team leader picks last quarter: the same people-supported figure on the dashboard, its CSV, the
    # quarterly report and (published) the Network page, and every link keeps the period.
    quarters = v.driver.find_elements(By.CSS_SELECTOR, "#period optgroup:first-of-type option")
    check(len(quarters) == 8, "the picker should offer eight quarters")
    label = quarters[1].text
    Select(v.find("#period")).select_by_visible_text(label)
    v.submit("form.period-picker button[type=submit]")
    check(label in v.find(".lead").text, f"choosing {label} should show it")
    supported = v.find("#figure-people-supported td strong").text
    check(supported.replace(",", "").isdigit(), f"people supported should be a count: {supported!r}")
    check(v.find("#figure-people-supported .figure-definition").text.startswith("People with a conversation"),
          "each figure should say what it counts")
    body = v.download_csv("Download every figure as CSV")
    check(body.startswith("id,figure,from,to,value,previous period,definition"), "the CSV should start with its header")
    row = [line for line in body.splitlines() if line.startswith("people-supported,")]
    check(row and row[0].split(",")[4] == supported.replace(",", ""), f"the CSV should agree: {row}")
    check("Introductions by source" in body and "Wellbeing: SWEMWBS wellbeing" in body, "the CSV should hold every figure")
    v.follow(v.driver.find_element(By.LINK_TEXT, "Quarterly report"))
    check(label in v.find(".lead").text, "the quarterly report should keep the period")
    check(v.find("#figure-people-supported td strong").text == supported, "the quarterly report should agree")
    v.page_checks("quarterly report")
    v.screenshot("quarterly-report")
    pdf = v.driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": False})
    pages = base64.b64decode(pdf["data"]).count(b"/Type /Page") - base64.b64decode(pdf["data"]).count(b"/Type /Pages")
    check(pages == 1, f"the quarterly report should print on one A4 page, not {pages}")
    v.follow(v.driver.find_element(By.LINK_TEXT, "Back to the dashboard"))
    v.follow(v.driver.find_element(By.LINK_TEXT, "The Network for this period"))
    check(Select(v.find("#period")).first_selected_option.text == label, "the Network page should keep the period")


def team_leader_builds_and_saves_an_sroi_report(v):
    v.sign_in("leader@demo.example")
    v.nav("SROI")
    # The headline leads, from the council's own investment setting for the period.
    headline = v.find(".sroi-headline").text
    check("£" in v.find(".sroi-headline .lead").text, f"the SROI page should lead with its ratio: {headline[:200]}")
    check("yearly investment" in headline, "the headline should say where its investment comes from")
    check(v.find("#figure-people-supported dd strong").text.replace(",", "").isdigit(),
          "the report should give the people supported in its period")
    v.page_checks("sroi report")
    v.screenshot("sroi")
    investment = v.find("#investment")
    investment.clear()
    investment.send_keys("250000")
    v.submit("main form.filters button[type=submit]")
    check("typed in" in v.find(".sroi-headline").text, "a typed-in investment should be marked as such")
    ratio = v.find(".sroi-headline .lead").text
    for deadweight in v.driver.find_elements(By.CSS_SELECTOR, "input[id$=_deadweight]"):
        deadweight.clear()
        deadweight.send_keys("90")
    v.submit("button[value=recalculate]")
    check(v.driver.find_elements(By.CSS_SELECTOR, ".sroi-headline"), "recalculating should show the result: " + v.text()[:300])
    changed = v.find(".sroi-headline .lead").text
    check(changed != ratio, f"changing a deadweight should change the ratio ({ratio} / {changed})")
    title = v.find("#title")
    title.clear()
    title.send_keys(f"Browser report {v.viewport}")
    v.submit("button[value=save]")
    check(f"Browser report {v.viewport}" in v.find("h1").text, "the saved report should open")
    check("typed in" in v.text(), "the saved report should say its investment was typed in")
    v.page_checks("saved sroi report")
    v.open("/sroi/proxies")
    v.page_checks("proxy library")


def team_leader_reads_a_programme_report_and_stories(v):
    v.sign_in("leader@demo.example")
    v.nav("Programmes")
    v.page_checks("programmes")
    v.follow(v.driver.find_element(By.LINK_TEXT, "Care Leavers Connected"))
    check("Department for Education" in v.text(), "the programme report should name its funder")
    check("extended to 31 March 2028" in v.text(), "the report should show the extension")
    v.page_checks("programme report")
    v.screenshot("programme")
    v.nav("Stories")
    v.page_checks("stories")


def resident_finds_a_tuesday_lunch_club_in_the_public_directory(v):
    v.driver.delete_all_cookies()
    v.open("/directory")
    check("/directory/demo" in v.driver.current_url, "one council: the directory should open at once")
    v.find("#q").send_keys("lunch club")
    v.find("#postcode").send_keys("kv1 1aa")
    Select(v.find("#day")).select_by_visible_text("Tuesday")
    v.submit("main form[role=search] button[type=submit]")
    results = v.driver.find_elements(By.CSS_SELECTOR, ".resource-card h3 a")
    check(results and results[0].text == "Abbey Fields Lunch Club",
          f"the nearest Tuesday lunch club should come first, not {[r.text for r in results[:3]]}")
    check("nearest KV1 1AA first" in v.text(), "the results should say they are nearest first")
    v.page_checks("public directory")
    v.screenshot("directory")
    v.follow(results[0])
    check("Every Tuesday" in v.text() and "Run by" in v.text(), "the resource page should say when and who")
    v.page_checks("public directory resource")
    v.screenshot("directory-resource")


def coordinator_connects_someone_and_asks_a_good_neighbour(v):
    v.sign_in("ben.hughes@demo.example")
    v.nav("Caseload")
    v.follow(v.driver.find_element(By.PARTIAL_LINK_TEXT, f"Winifred Journey {v.viewport}"))
    v.follow(v.driver.find_element(By.PARTIAL_LINK_TEXT, "Find something in the directory near"))
    check("Finding something for" in v.text(), "the directory should say who it is searching for")
    v.find("#q").send_keys("lunch")
    Select(v.find("#day")).select_by_visible_text("Tuesday")
    v.submit("main form[role=search] button[type=submit]")
    v.page_checks("directory for a person")
    v.follow(v.find(".resource-card form button"))
    check("Abbey Fields Lunch Club" in v.find("#connections").text, "the connection should be on the record")
    check("Ask at three months" in v.text(), "the record should say it will ask at three months")
    v.driver.find_element(By.XPATH, "//summary[contains(., 'Ask for a Good Neighbour')]").click()
    Select(v.find("#helpKind")).select_by_visible_text("Shopping")
    v.find("#helpDetails").send_keys("A weekly shop from the corner shop")
    v.submit("#connections form[action$=help-requests] button[type=submit]")
    check("Volunteers who could help" in v.text(), "the request should show who could help")
    v.page_checks("good neighbour request")
    v.screenshot("good-neighbour-request")
    offers = v.driver.find_elements(By.CSS_SELECTOR, "form[action$=offer] button")
    if offers:
        v.follow(offers[0])
        check("say yes?" in v.text(), "after offering, the page should ask whether they said yes")
    v.nav("Good Neighbours")
    check("Open requests" in v.text(), "the scheme page should list open requests")
    v.page_checks("good neighbours")
    v.screenshot("good-neighbours")


def coordinator_adds_to_the_directory_and_logs_community_work(v):
    v.sign_in("ben.hughes@demo.example")
    v.nav("Community")
    v.follow(v.driver.find_element(By.LINK_TEXT, "Add to the directory"))
    v.find("#name").send_keys(f"Repair Café {v.viewport}")
    v.find("#newOrganisation").send_keys("Abbey Fields Fixers")
    v.find("#description").send_keys("Bring something broken; we fix it together.")
    v.find("#day-SA").click()
    v.find("#opensAt").send_keys("10:00")
    v.find("#closesAt").send_keys("25:00")
    v.find("#address").send_keys("1 Abbey Fields Road")
    v.find("#town").send_keys("Kestrel Vale")
    v.find("#postcode").send_keys("KV1 1AA")
    v.submit("main form[method=post] button[type=submit]")
    check("There is a problem" in v.text(), "a bad time should be explained")
    v.page_checks("directory form with a mistake")
    closes = v.find("#closesAt")
    closes.clear()
    closes.send_keys("12:00")
    v.submit("main form[method=post] button[type=submit]")
    check("Saved." in v.text() and "Every Saturday, 10:00 to 12:00" in v.text(), "the new resource should be saved")
    v.page_checks("staff resource page")
    v.screenshot("community-resource")
    v.open("/community/work")
    v.driver.find_element(By.XPATH, "//summary[contains(., 'Record community work')]").click()
    Select(v.find("#kind")).select_by_visible_text("Found a venue")
    v.find("#notes").send_keys("The church hall is free on Saturday mornings.")
    v.submit("main form[method=post] button[type=submit]")
    check("Recorded." in v.text(), "the community work should be recorded")
    v.page_checks("community work")


def auditor_finds_who_opened_a_record_and_a_team_leader_exports_it(v):
    v.sign_in("leader@demo.example")
    v.nav("Team")
    v.follow(v.driver.find_element(By.CSS_SELECTOR, "main table a[href^='/people/']"))
    name = v.find("h1").text
    v.follow(v.driver.find_element(By.PARTIAL_LINK_TEXT, "(subject access)"))
    check("Who has seen or changed this record" in v.text(), "the export should include the access log")
    v.page_checks("subject access export")
    v.screenshot("subject-access")
    v.open("/account")
    check("Change your password" in v.text(), "the account page should offer a password change")
    v.page_checks("your account")
    v.open("/account/two-step")
    check("Turn on two-step sign-in" in v.text(), "two-step set-up should show")
    v.page_checks("two-step set-up")
    v.sign_in("auditor@demo.example")
    v.nav("Audit log")
    v.find("#person").send_keys(name)
    v.submit("main form[role=search] button[type=submit]")
    check("Subject access export" in v.text(), "the auditor should see the export in the log")
    v.page_checks("audit log")
    v.screenshot("audit-log")


def a_missing_page_is_explained(v):
    v.open("/no-such-page")
    check("Page not found" in v.text(), "a missing page should say so")
    v.page_checks("not found")


def network_analyst_compares_three_councils(v):
    v.sign_in("analyst@demo.example")
    v.nav("Network")
    heads = [th.get_attribute("textContent") for th in
             v.driver.find_elements(By.CSS_SELECTOR, "#summary-title ~ .table-scroll thead th")]
    for name in ["Glanmor County Council (demo)", "Harbourne Council (demo)", "Kestrel Vale Council (demo)"]:
        check(name in heads, f"the network page should compare {name}: {heads}")
    check(v.driver.find_elements(By.CSS_SELECTOR, "abbr[title^=suppressed]"), "small counts should be suppressed")
    check(len(v.driver.find_elements(By.CSS_SELECTOR, "svg.bar-chart")) >= 5, "the network page should draw charts")
    check("/people/" not in v.driver.page_source, "the network page must not link to a person")
    v.page_checks("network")
    v.screenshot("network")
    Select(v.find("#period")).select_by_visible_text("2025/26 (April 2025 to March 2026)")
    v.submit("form.period-picker button[type=submit]")
    check("2025/26 (April 2025 to March 2026)" in v.find(".lead").text, "choosing a period should show it")
    body = v.download_csv("Download these figures as CSV")
    check(body.startswith("section,measure,Glanmor"), "the CSV should have a column per council")
    check("suppressed" in body, "the CSV should mark suppressed figures")


def councils_share_practice_with_each_other(v):
    title = f"Walking groups that stay going ({v.viewport})"
    v.sign_in("leader@demo.example")
    v.nav("Network")
    v.follow(v.driver.find_element(By.LINK_TEXT, "The practice library"))
    v.follow(v.driver.find_element(By.LINK_TEXT, "Share an idea or an event"))
    v.find("#title").send_keys(title)
    v.find("#body").send_keys("Ask a regular to lead each walk; ring Sam on 07700 900456 to start one.")
    v.find("#theme-loneliness").click()
    v.submit("main form button.button")
    check("a phone number (07700 900456)" in v.find(".error-summary").text, "a phone number should be refused")
    v.page_checks("practice form with a mistake")
    body = v.find("#body")
    body.clear()
    body.send_keys("Ask a regular to lead each walk, and the group carries on when the coordinator steps back.")
    v.submit("main form button.button")
    check(title in v.find("h1").text, "the shared idea should open")
    v.sign_in("leader@harbourne.example")
    v.open("/network/practice?theme=loneliness")
    check(title in v.text(), "another council should read the idea")
    check("A lunch club of her own" in v.text() or "Back at the allotment" in v.text(),
          "Harbourne's approved story should be in the library")
    v.page_checks("practice library")
    v.screenshot("practice-library")


def network_admin_sees_every_council(v):
    v.sign_in("network@demo.example")
    v.nav("Councils")
    check("Harbourne Council (demo)" in v.text() and "Glanmor County Council (demo)" in v.text(),
          "the councils page should list every council")
    v.page_checks("councils")
    v.screenshot("network-councils")
    v.driver.delete_all_cookies()
    v.open("/c/demo-glanmor/introduce")
    check("Glanmor County Council (demo)" in v.text(), "a council's own introduce page should name it")
    v.page_checks("another council's introduce page")


def resident_switches_to_cymraeg_and_introduces_themselves_in_welsh(v):
    v.driver.delete_all_cookies()
    v.open("/introduce/demo")
    switch = v.find('header a[hreflang="cy-GB"]')
    check(switch.text == "Cymraeg" and switch.get_attribute("lang") == "cy-GB", "the switch should offer Cymraeg")
    v.follow(switch)
    html = v.find("html")
    check(html.get_attribute("lang") == "cy-GB", "the Welsh page should say lang=cy-GB")
    check("Cyflwynwch eich hun" in v.text(), "the introduce page should be in Welsh")
    check(v.find("#preferredLanguage-cy").is_selected(), "Welsh should be the language for contact to start with")
    v.page_checks("introduce in Welsh")
    v.screenshot("introduce-cymraeg")
    v.submit()
    check("Mae problem" in v.find("main").text and "Rhowch enw" in v.text(), "errors should be in Welsh")
    v.page_checks("introduce in Welsh with a mistake")
    introduce_yourself(v, f"Gwenllian Journey {v.viewport}", "07700 900556", "Hoffwn ymuno â chôr.")
    check("Diolch" in v.text() and "Beth sy'n digwydd nesaf" in v.text(), "the thank-you page should be in Welsh")
    v.page_checks("introduction sent in Welsh")
    v.open("/c/demo/directory")
    check(v.find("html").get_attribute("lang") == "cy-GB", "the choice should be remembered on the next page")
    v.page_checks("directory in Welsh")
    v.screenshot("directory-cymraeg")
    v.sign_in("ben.hughes@demo.example")
    v.nav("Caseload")
    v.follow(v.driver.find_element(By.PARTIAL_LINK_TEXT, f"Gwenllian Journey {v.viewport}"))
    check("Prefers Welsh (Cymraeg)" in v.text(), "the coordinator should see they prefer Welsh")
    v.page_checks("person who prefers Welsh")


def admin_switches_off_a_leaver_and_hands_over_their_people(v):
    v.sign_in("admin@demo.example")
    v.nav("Staff")
    v.page_checks("staff accounts")
    v.screenshot("staff")
    row = [r for r in v.driver.find_elements(By.CSS_SELECTOR, "tbody tr") if "Rosa Martins" in r.text][0]
    v.follow(row.find_element(By.PARTIAL_LINK_TEXT, "Switch off"))
    check("Switch off Rosa Martins" in v.text(), "the leaver's page should name them")
    v.page_checks("switch off a leaver")
    v.screenshot("staff-leave")
    v.find("#note").send_keys("Handed over when Rosa left; see her last conversation.")
    v.submit()
    check("Switched off." in v.text(), "switching off should be confirmed")
    row = [r for r in v.driver.find_elements(By.CSS_SELECTOR, "tbody tr") if "Rosa Martins" in r.text][0]
    check("Switched off" in row.text, "the leaver should show as switched off")


def the_wards_coordinator_is_emailed_of_an_introduction_without_personal_details(v):
    found = MAILBOX.wait_for(lambda m: "introduced in Abbey Fields" in m["body"], after=getattr(v, "mail_mark", 0))
    check(found, "the named coordinator for Abbey Fields should be emailed within seconds")
    for message in found:
        for detail in ("Winifred", "07700", "KV1", "meet people"):
            check(detail not in message["body"] and detail not in message["subject"],
                  f"an email should hold no personal details (found {detail!r})")


def admin_invites_a_coordinator_who_sets_a_password_from_the_email(v):
    address = f"nia.{v.viewport}@demo.example"
    v.sign_in("admin@demo.example")
    v.nav("Staff")
    v.find("#inviteName").send_keys(f"Nia Invited {v.viewport}")
    v.find("#inviteEmail").send_keys(address)
    Select(v.find("#inviteRole")).select_by_value("coordinator")
    v.submit("form[action='/staff/invite'] button[type=submit]")
    check("The invitation is on its way." in v.text(), "the invitation should be confirmed")
    found = MAILBOX.wait_for(lambda m: address in m["to"])
    check(found, "the invitation should arrive by email within seconds")
    link = re.search(r"/password/pw_[A-Za-z0-9_-]+", found[0]["body"])
    check(link, "the invitation should hold a link to choose a password")
    v.driver.delete_all_cookies()
    v.open(link.group(0))
    check("Welcome to Alongside" in v.text(), "the link should open the welcome page")
    v.page_checks("choose a password")
    new_password = "a quiet walk along the canal"
    v.find("#newPassword").send_keys(new_password)
    v.find("#confirmPassword").send_keys(new_password)
    v.submit()
    check("Your password is saved" in v.text(), "setting the password should send them to sign in")
    v.find("#email").send_keys(address)
    v.find("#password").send_keys(new_password)
    v.submit()
    check("/sign-in" not in v.driver.current_url, "the invited coordinator should sign in with their password")
    v.open(link.group(0))
    check("This link no longer works" in v.text(), "the link should work once")


def type_date(form, name, day, month, year):
    """Types a date into its three boxes (day, month, year) in `form`, replacing what was there."""
    for part, value in (("day", day), ("month", month), ("year", year)):
        box = form.find_element(By.CSS_SELECTOR, f"input[name={name}-{part}]")
        box.clear()
        box.send_keys(value)


def open_person(v, name):
    v.nav("Caseload")
    v.follow(v.driver.find_element(By.PARTIAL_LINK_TEXT, name))


def coordinator_corrects_a_wrong_date_and_walks_alongside_a_level_one_contact(v):
    v.sign_in("ben.hughes@demo.example")
    open_person(v, f"Winifred Journey {v.viewport}")
    v.driver.find_element(By.XPATH, "//summary[contains(., 'Record a conversation')]").click()
    type_date(v.find("#conversations form[action$=conversations]"), "happenedOn", "2", "1", "2025")
    v.find("#notes").send_keys("A call about the allotment, saved with the wrong date.")
    v.submit("#conversations form[action$=conversations] button[type=submit]")
    entry = [li for li in v.driver.find_elements(By.CSS_SELECTOR, "#conversations li")
             if "saved with the wrong date" in li.text][0]
    entry.find_element(By.XPATH, ".//summary[contains(., 'Correct this conversation')]").click()
    type_date(entry.find_element(By.CSS_SELECTOR, "form[action*='/conversations/']"), "happenedOn", "2", "1", "2026")
    entry.find_element(By.CSS_SELECTOR, "input[name=reason]").send_keys("Typed last year by mistake")
    v.follow(entry.find_element(By.CSS_SELECTOR, "form[action*='/conversations/'] button[type=submit]"))
    check("Correction saved." in v.text(), "the correction should be confirmed")
    check("corrected" in v.find("#conversations").text, "the conversation should say it was corrected")
    v.driver.find_element(By.XPATH, "//summary[contains(., 'Corrections, with the earlier versions')]").click()
    check("Typed last year by mistake" in v.text(), "the corrections should keep the reason")
    v.page_checks("person after a correction")
    v.follow(v.driver.find_element(By.XPATH, "//button[contains(., 'Back to light touch')]"))
    check("Level changed." in v.text(), "going back to light touch should be confirmed")
    v.follow(v.driver.find_element(By.XPATH, "//button[contains(., 'Walk alongside them')]"))
    check("Now walked alongside (Level 2)" in v.text(), "the history should say they are walked alongside")
    check("Level 2" in v.find(".caption").text, "the record should show Level 2")


def two_people_saving_one_record_at_once_get_one_save_and_one_clear_answer(v):
    v.sign_in("ben.hughes@demo.example")
    open_person(v, f"Winifred Journey {v.viewport}")
    record = v.driver.current_url
    other = Visit(v.viewport, v.base, None)
    try:
        other.sign_in("leader@demo.example")
        other.driver.get(record)
        for visit in (v, other):
            visit.driver.find_element(By.XPATH, "//summary[contains(., 'Change their details')]").click()
        mine = v.find("#about form input[name=phone]")
        mine.clear()
        mine.send_keys("07700 900601")
        v.submit("#about form[action$=details] button[type=submit]")
        check("Their details saved." in v.text(), "the first save should go through")
        theirs = other.find("#about form input[name=phone]")
        theirs.clear()
        theirs.send_keys("07700 900602")
        other.submit("#about form[action$=details] button[type=submit]")
        text = other.text()
        check("Someone else changed this after you opened it" in text, "the second save should be told")
        check("07700 900601" in text, "the second save should be told what changed")
        check(other.find("#about form input[name=phone]").get_attribute("value") == "07700 900602",
              "the second person's answer should be kept in the form")
        other.page_checks("record changed since you opened it")
        other.screenshot("changed-since-you-opened-it")
    finally:
        other.quit()


def coordinator_merges_two_records_field_by_field_and_a_team_leader_undoes_it(v):
    for name in (f"Dorothy Twice {v.viewport}", f"Dot Twice {v.viewport}"):
        v.driver.delete_all_cookies()
        v.open("/introduce/demo")
        introduce_yourself(v, name, "07700 900777" if v.viewport == "phone" else "07700 900778",
                           "I would like company on walks.")
    v.sign_in("ben.hughes@demo.example")
    open_person(v, f"Dot Twice {v.viewport}")
    check("This may be someone we already know" in v.text(), "the second record should warn of the first")
    v.follow(v.driver.find_element(By.PARTIAL_LINK_TEXT, f"Compare with Dorothy Twice {v.viewport}"))
    check("What each record holds" in v.text(), "the merge page should show what each record holds")
    v.page_checks("merge two records")
    v.screenshot("merge")
    v.find("#fullName-other").click()
    v.submit("main form button[type=submit]")
    check("Records merged." in v.text(), "the merge should be confirmed")
    check(f"Dorothy Twice {v.viewport}" in v.find("h1").text, "the kept record should take the chosen name")
    v.sign_in("leader@demo.example")
    v.nav("Find a person")
    v.find("#q").send_keys(f"Dorothy Twice {v.viewport}")
    v.submit("main form[role=search] button[type=submit]")
    v.follow(v.driver.find_element(By.PARTIAL_LINK_TEXT, f"Dorothy Twice {v.viewport}"))
    v.follow(v.driver.find_element(By.XPATH, "//button[contains(., 'Undo the merge')]"))
    check("Merge undone." in v.text(), f"the undo should be confirmed; the page says: {v.text()[:400]}")
    check(f"Dot Twice {v.viewport}" in v.find("h1").text, "the kept record should have its own name again")


# Issue 27, the public pages on a phone: the introduction form speaks to whoever fills it in and shows the
# introducer's part only for someone else, with JavaScript switched off; each thank-you page says what
# happens next for them, with the team's phone number (a council setting) and what to do in an emergency;
# directory results are compact cards; a Welsh search for "côr" finds the choir that sings in Welsh.

from selenium.webdriver.support.expected_conditions import staleness_of  # noqa: E402 (this block's own)


def javascript(v, on):
    """Switches the page's own JavaScript on or off (the checks and axe-core need it on)."""
    v.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": not on})


def send_without_javascript(v, css="main form button[type=submit]"):
    """Clicks a form's button with the page's JavaScript off, and waits for the next page to load."""
    page = v.find("html")
    v.find(css).click()
    WebDriverWait(v.driver, 15).until(staleness_of(page))
    WebDriverWait(v.driver, 15).until(lambda d: d.find_elements(By.TAG_NAME, "footer") or d.find_elements(By.TAG_NAME, "main"))


def shown_label(v, field):
    return v.find(f"label[for={field}]").text


def public_page_resident_introduces_themselves_then_a_neighbour_without_javascript(v):
    try:
        resident_and_neighbour_introduce_without_javascript(v)
    finally:
        javascript(v, True)


def resident_and_neighbour_introduce_without_javascript(v):
    v.sign_in("admin@demo.example")
    v.open("/settings")
    for field, value in (("publicPhone", "01632 960 000"), ("publicHours", "Monday to Friday, 9am to 5pm"),
                         ("outOfHoursPhone", "01632 960 999")):
        box = v.find(f"#{field}")
        box.clear()
        box.send_keys(value)
    v.submit("#public-contact-title ~ form button[type=submit]")
    check("/settings" in v.driver.current_url and "error-summary" not in v.driver.page_source,
          "the admin should save how residents reach the team")
    v.page_checks("settings with the public contact")

    v.driver.delete_all_cookies()
    v.open("/c/demo/introduce")
    javascript(v, False)
    check(v.find("#who-me").is_selected(), "Myself should be chosen to start with")
    check(shown_label(v, "fullName") == "Your full name", f"the form should speak to the resident: {shown_label(v, 'fullName')!r}")
    check(shown_label(v, "preferredName").startswith("What you like to be called"), "…and ask what they like to be called")
    check(not v.find("#introducerName").is_displayed(), "the introducer's part is only for someone else")
    v.find("#fullName").send_keys(f"Olwen Self {v.viewport}")
    v.find("#phone").send_keys("07700 900561")
    v.find("#postcode").send_keys("kv1 1aa")
    v.find("#whatMatters").send_keys("I have just moved here and know nobody.")
    send_without_javascript(v)
    text = v.text()
    check("You have introduced yourself" in text, f"the thank-you page should speak to the resident: {text[:300]}")
    check("is the Local Area Coordinator for where you live" in text, "it should name the ward's coordinator")
    check(re.search(r"Your reference is [0-9A-F]{8}", text), "it should give a reference")
    check("01632 960 000" in text and "Monday to Friday, 9am to 5pm" in text, "it should give the team's phone and hours")
    check("call 999" in text and "01632 960 999" in text, "it should say what to do in an emergency")
    check("Olwen" not in v.driver.current_url and "?" not in v.driver.current_url, "nothing personal in the address")
    javascript(v, True)
    v.page_checks("thank-you for a resident")
    v.screenshot("introduce-thank-you")

    v.open("/c/demo/introduce")
    javascript(v, False)
    v.find("#who-else").click()
    check(v.find("#introducerName").is_displayed(), "choosing someone else should show the introducer's part")
    check(shown_label(v, "fullName") == "Their full name", f"the form should speak of them: {shown_label(v, 'fullName')!r}")
    send_without_javascript(v)
    summary = v.find(".error-summary")
    check(v.driver.switch_to.active_element == summary, "the error summary should take the focus")
    check("Enter your name." in summary.text and "Enter the name of the person" in summary.text,
          "every problem should show at once")
    check(v.find("#who-else").is_selected() and v.find("#introducerName").is_displayed(),
          "someone else should stay chosen")
    javascript(v, True)
    v.page_checks("introduce someone else with mistakes")
    javascript(v, False)
    v.find("#introducerName").send_keys("Dilys Neighbour")
    v.find("#introducerContact").send_keys("07700 900562")
    Select(v.find("#source")).select_by_value("neighbour-or-community")
    v.find("#personKnows").click()
    v.find("#fullName").send_keys(f"Idris Neighbour {v.viewport}")
    v.find("#phone").send_keys("07700 900563")
    v.find("#postcode").send_keys("kv1 1aa")
    send_without_javascript(v)
    text = v.text()
    check("Your introduction has reached" in text and "get in touch with the person you introduced" in text,
          f"the thank-you page should speak to the introducer: {text[:300]}")
    check("You have introduced yourself" not in text, "…not to the person")
    javascript(v, True)
    v.page_checks("thank-you for an introducer")

    v.open("/c/demo/introduce")
    v.find("#fullName").send_keys(f"Gwyn Elsewhere {v.viewport}")
    v.find("#phone").send_keys("07700 900564")
    v.find("#postcode").send_keys("GM1 1AA")
    v.submit()
    text = v.text()
    check("not in the area of" in text and "cannot promise a visit" in text, "an out-of-area postcode is promised no visit")
    link = v.driver.find_element(By.PARTIAL_LINK_TEXT, "Glanmor County Council (demo)")
    check(link.get_attribute("href").endswith("/c/demo-glanmor/introduce"), "…and sent to the council that covers it")
    v.page_checks("thank-you out of area")


def public_page_welsh_directory_search_finds_the_choir(v):
    v.driver.delete_all_cookies()
    v.open("/c/demo/directory?lang=cy")
    check(v.find("html").get_attribute("lang") == "cy-GB", "the directory should be in Welsh")
    v.find("#q").send_keys("côr")
    v.submit("main form[role=search] button[type=submit]")
    results = v.driver.find_elements(By.CSS_SELECTOR, ".resource-card h3 a")
    check(results and results[0].text.startswith("Côr Cymunedol"),
          f"côr should find the Welsh choir first, not {[r.text for r in results[:3]]}")
    v.page_checks("directory search in Welsh")
    v.screenshot("directory-welsh-search")
    v.find("#q").clear()
    v.find("#q").send_keys("clwb cinio")
    v.submit("main form[role=search] button[type=submit]")
    results = v.driver.find_elements(By.CSS_SELECTOR, ".resource-card h3 a")
    check(any(r.text.startswith("Clwb Cinio Cymraeg") for r in results), "clwb cinio should find the Welsh lunch club")
    # Compact cards: about three to a phone's screen.
    v.open("/c/demo/directory?lang=en&q=lunch")
    cards = v.driver.find_elements(By.CSS_SELECTOR, ".resource-card")
    check(len(cards) >= 3, "lunch should find several clubs")
    if v.viewport == "phone":
        tallest = max(card.size["height"] for card in cards[:3])
        check(tallest <= v.height / 3, f"a result card on a phone should be a third of the screen at most, not {tallest}px")
    v.page_checks("directory results")
    v.screenshot("directory-cards")
    v.follow(v.driver.find_element(By.LINK_TEXT, "Tell your Local Area Coordinator"))
    check(v.driver.current_url.endswith("/c/demo/introduce"), "the coordinator is told through the introduction page")


JOURNEYS = [
    sign_in_with_a_mistake_then_correctly,
    team_leader_sees_the_uncovered_ward,
    resident_introduces_themselves,
    the_wards_coordinator_is_emailed_of_an_introduction_without_personal_details,
    introduction_by_keyboard_alone,
    coordinator_finds_the_new_person_and_records_work,
    coordinator_searches_for_a_person,
    team_leader_assigns_someone_waiting,
    team_leader_opens_the_dashboard_and_exports_csv,
    team_leader_builds_and_saves_an_sroi_report,
    team_leader_reads_a_programme_report_and_stories,
    resident_finds_a_tuesday_lunch_club_in_the_public_directory,
    coordinator_connects_someone_and_asks_a_good_neighbour,
    coordinator_corrects_a_wrong_date_and_walks_alongside_a_level_one_contact,
    two_people_saving_one_record_at_once_get_one_save_and_one_clear_answer,
    coordinator_merges_two_records_field_by_field_and_a_team_leader_undoes_it,
    coordinator_adds_to_the_directory_and_logs_community_work,
    auditor_finds_who_opened_a_record_and_a_team_leader_exports_it,
    admin_names_a_coordinator_for_the_uncovered_ward,
    admin_adds_a_ward_and_fixes_a_mistake,
    keyboard_only_sign_in,
    a_missing_page_is_explained,
    network_analyst_compares_three_councils,
    councils_share_practice_with_each_other,
    network_admin_sees_every_council,
    resident_switches_to_cymraeg_and_introduces_themselves_in_welsh,
    admin_switches_off_a_leaver_and_hands_over_their_people,
    admin_invites_a_coordinator_who_sets_a_password_from_the_email,
    public_page_resident_introduces_themselves_then_a_neighbour_without_javascript,
    public_page_welsh_directory_search_finds_the_choir,
]


# A coordinator's day on a phone (issue 27): the menu folds to one row, the record opens with its summary, a
# mistyped date is kept box by box and corrected, a SWEMWBS reading with one item missing keeps the six answered,
# and each confirmation is shown beside the section saved.

def shows(v, element):
    """Whether the browser draws the element (Chromium's checkVisibility: it knows what a closed <details>
    shows, which Selenium's is_displayed does not)."""
    return v.driver.execute_script(
        "return arguments[0].checkVisibility({contentVisibilityAuto: true, visibilityProperty: true})"
        " && arguments[0].getBoundingClientRect().height > 0", element)


def the_menu_folds_to_one_row_on_a_phone_and_shows_in_full_on_a_wide_screen(v):
    v.sign_in("ben.hughes@demo.example")
    v.open("/caseload")
    summary = v.find("nav[aria-label=Main] details.site-menu > summary")
    current = v.find("nav[aria-label=Main] a[aria-current=page]")
    nav_height = v.driver.execute_script("return document.querySelector('nav.site-nav').getBoundingClientRect().height")
    if v.viewport == "phone":
        check(shows(v, summary), "on a phone the menu button should show")
        check(not shows(v, current), "on a phone the menu should start folded")
        check(nav_height < 70, f"the folded menu should be one row (it is {nav_height}px tall)")
        check("Caseload" in summary.text, "the menu button should say which page this is")
        summary.send_keys(Keys.ENTER)
        check(shows(v, current), "Enter on the menu button should open the menu")
        check(summary.find_element(By.XPATH, "..").get_attribute("open") is not None, "the menu should be open")
        v.page_checks("menu open on a phone")
        v.screenshot("menu-open")
        summary.send_keys(Keys.ENTER)
        check(not shows(v, current), "Enter again should fold the menu")
    else:
        check(not shows(v, summary), "on a wide screen the menu button should not be needed")
        check(shows(v, current), "on a wide screen every link should show")
        v.driver.execute_script("arguments[0].focus()", current)
        check(v.driver.execute_script("return document.activeElement === arguments[0]", current),
              "the links should take the keyboard's focus")
    v.page_checks("caseload with the menu")


def a_coordinators_day_on_a_phone(v):
    name = f"Gwen Phoneday {v.viewport}"
    v.driver.delete_all_cookies()
    v.open("/introduce/demo")
    introduce_yourself(v, name, "07700 900888" if v.viewport == "phone" else "07700 900889",
                       "I would like to get out more.")
    check("Thank you" in v.text(), "the introduction should be sent")
    v.sign_in("ben.hughes@demo.example")
    open_person(v, name)
    glance = v.driver.execute_script(
        "return document.querySelector('.glance').getBoundingClientRect().bottom <= window.innerHeight")
    check(glance, "the record's first screen should show its summary")
    check("07700 9008" in v.find(".glance").text, "the summary should give their number")

    # A conversation with a mistyped date: the date is kept box by box, named, and corrected.
    v.driver.find_element(By.XPATH, "//summary[contains(., 'Record a conversation')]").click()
    form = v.find("#conversations form[action$=conversations]")
    type_date(form, "happenedOn", "31", "11", "2025")
    form.find_element(By.CSS_SELECTOR, "#notes").send_keys("Tea in her kitchen; she wants to join a walking group.")
    v.submit("#conversations form[action$=conversations] button[type=submit]")
    summary = v.find(".error-summary")
    check("November has only 30 days" in summary.text, "the summary should name the day that is wrong")
    check(v.driver.switch_to.active_element.get_attribute("class") == "error-summary",
          "focus should move to the error summary")
    form = v.find("#conversations form[action$=conversations]")
    check(form.find_element(By.CSS_SELECTOR, "input[name=happenedOn-day]").get_attribute("value") == "31",
          "the day typed should be kept")
    check(form.find_element(By.CSS_SELECTOR, "input[name=happenedOn-year]").get_attribute("value") == "2025",
          "the year typed should be kept")
    check("walking group" in form.find_element(By.CSS_SELECTOR, "#notes").get_attribute("value"),
          "the notes should be kept")
    v.page_checks("person with a mistyped date")
    v.screenshot("person-date-problem")
    summary.find_element(By.PARTIAL_LINK_TEXT, "November has only 30 days").click()
    check(v.driver.switch_to.active_element.get_attribute("id") == "happenedOn-day",
          "the summary should lead to the day box")
    type_date(form, "happenedOn", "30", "11", "2025")
    v.submit("#conversations form[action$=conversations] button[type=submit]")
    notice = v.find("#conversations .notice[role=status]")
    check("Conversation saved." in notice.text, "the confirmation should be in the conversations section")
    in_view = v.driver.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight",
        notice)
    check(in_view, "the confirmation should be on the screen after saving")
    check("30 November 2025" in v.find("#conversations").text, "the corrected date should be saved")

    # SWEMWBS with one statement missing: the six answered stay chosen and the missing one is named.
    v.driver.find_element(By.XPATH, "//summary[contains(., 'Record SWEMWBS')]").click()
    reading = "//form[input[@name='kind' and @value='swemwbs']]"
    answers = {"a1": "3", "a2": "4", "a3": "2", "a5": "4", "a6": "5", "a7": "3"}
    for question, answer in answers.items():
        v.driver.find_element(By.XPATH, f"{reading}//input[@name='{question}' and @value='{answer}']").click()
    v.submit(f"#wellbeing form:has(input[name=kind][value=swemwbs]) button[type=submit]")
    check("question 4" in v.find(".error-summary").text, "the summary should name the missing statement")
    for question, answer in answers.items():
        box = v.driver.find_element(By.XPATH, f"{reading}//input[@name='{question}' and @value='{answer}']")
        check(box.is_selected(), f"the answer to {question} should be kept")
    v.page_checks("person with a reading missing an answer")
    v.screenshot("person-reading-problem")
    v.driver.find_element(By.XPATH, f"{reading}//input[@name='a4' and @value='3']").click()
    v.submit(f"#wellbeing form:has(input[name=kind][value=swemwbs]) button[type=submit]")
    check("Measure saved." in v.find("#wellbeing .notice[role=status]").text,
          "the confirmation should be in the wellbeing section")
    check("SWEMWBS" in v.find("#wellbeing table").text, "the reading should be listed")
    v.page_checks("person after a coordinator's day")
    v.screenshot("person-day")


JOURNEYS += [
    the_menu_folds_to_one_row_on_a_phone_and_shows_in_full_on_a_wide_screen,
    a_coordinators_day_on_a_phone,
]


# issue 27: the Welsh journey reads the measures in Welsh. A council licensed to use a Welsh version of SWEMWBS
# loads its wording (and names its source) on the Languages page; a coordinator reading in Welsh asks the
# statements in Welsh, a reading missing one answer keeps the rest, and the council goes back to the catalog's
# wording afterwards. The statements here are a stand-in for the licensed text, which Alongside does not ship.
SWEMWBS_KEYS = [
    "people.label.ive-been-feeling-optimistic-about-the", "people.label.ive-been-feeling-useful",
    "people.label.ive-been-feeling-relaxed", "people.label.ive-been-dealing-with-problems-well",
    "people.label.ive-been-thinking-clearly", "people.label.ive-been-feeling-close-to-other",
    "people.label.ive-been-able-to-make-up",
]


def a_council_loads_its_welsh_measures_and_a_coordinator_asks_them_in_welsh(v):
    v.sign_in("admin@demo.example")
    v.open("/languages")
    sheet = os.path.join(tempfile.mkdtemp(prefix="alongside-wording-"), "wording-cy.csv")
    with open(sheet, "w", encoding="utf-8") as out:
        out.write("key,form,english,translation,status\n")
        for number, key in enumerate(SWEMWBS_KEYS, start=1):
            out.write(f"{key},,x,Datganiad prawf {number} y cyngor,\n")
        out.write("people.measure.loaded-source.swemwbs,,x,Ffynhonnell: fersiwn Gymraeg drwyddedig y cyngor (prawf),\n")
    v.find("#wording-file-cy").send_keys(sheet)
    v.submit("form[action$='/languages/cy/wording'] button[type=submit]")
    check("/languages" in v.driver.current_url and not v.driver.find_elements(By.CSS_SELECTOR, ".field-error"),
          "the council's Welsh wording should load")

    v.sign_in("amara.okafor@demo.example")
    v.open("/caseload?lang=cy")
    check(v.find("html").get_attribute("lang") == "cy-GB", "the coordinator should read in Welsh")
    v.follow(v.find("main table tbody a"))
    v.driver.find_element(By.XPATH, "//summary[contains(., 'Cofnodi SWEMWBS')]").click()
    wellbeing = v.find("#wellbeing").text
    check("Datganiad prawf 1 y cyngor" in wellbeing and "Datganiad prawf 7 y cyngor" in wellbeing,
          "the statements should be the council's Welsh wording")
    check("Ffynhonnell: fersiwn Gymraeg drwyddedig y cyngor" in wellbeing, "the source should be named")
    check("SWEMWBS: teimladau dros y pythefnos diwethaf" in wellbeing, "the measure's title should be Welsh")
    reading = "//form[input[@name='kind' and @value='swemwbs']]"
    answers = {"a1": "4", "a2": "4", "a3": "3", "a4": "3", "a5": "4", "a7": "2"}
    for question, answer in answers.items():
        v.driver.find_element(By.XPATH, f"{reading}//input[@name='{question}' and @value='{answer}']").click()
    v.submit("#wellbeing form:has(input[name=kind][value=swemwbs]) button[type=submit]")
    check("Mae problem" in v.find(".error-summary").text, "the problem should be told in Welsh")
    for question, answer in answers.items():
        box = v.driver.find_element(By.XPATH, f"{reading}//input[@name='{question}' and @value='{answer}']")
        check(box.is_selected(), f"the answer to {question} should be kept")
    v.page_checks("a Welsh reading missing an answer")
    v.screenshot("person-welsh-measure")
    v.driver.find_element(By.XPATH, f"{reading}//input[@name='a6' and @value='4']").click()
    v.submit("#wellbeing form:has(input[name=kind][value=swemwbs]) button[type=submit]")
    check("Cadwyd y mesur." in v.find("#wellbeing .notice[role=status]").text, "the reading should be saved, in Welsh")
    v.page_checks("a Welsh reading saved")

    # Back to the catalog's wording, so the journeys after this read the demo as shipped.
    v.sign_in("admin@demo.example")
    v.open("/languages")
    v.submit("form[action$='/languages/cy/wording/reset'] button[type=submit]")


JOURNEYS += [a_council_loads_its_welsh_measures_and_a_coordinator_asks_them_in_welsh]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "alongside"))
    parser.add_argument("--screenshots", default=os.path.join(ROOT, ".build-browser", "screenshots"),
                        help="folder for the screenshots (default .build-browser/screenshots)")
    parser.add_argument("--only", help="run only journeys whose name contains this")
    args = parser.parse_args()
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"{args.binary} not found: run `swift build` first")

    global MAILBOX
    MAILBOX = Mailbox()
    passed, failed, scanned = 0, [], []
    for viewport in VIEWPORTS:
        server = Server(args.binary, env={
            "ALONGSIDE_SMTP_URL": f"smtp://127.0.0.1:{MAILBOX.port}?starttls=false&from=alongside@demo.example",
            "ALONGSIDE_OUTBOX_INTERVAL": "1",
            # Every journey introduces from the one loopback address: more than a resident would in an hour.
            "ALONGSIDE_INTRODUCTIONS_PER_HOUR": "100"})
        visit = None
        try:
            visit = Visit(viewport, server.base, args.screenshots)
            for journey in JOURNEYS:
                if args.only and args.only not in journey.__name__:
                    continue
                name = f"{journey.__name__} [{viewport}]"
                try:
                    journey(visit)
                    passed += 1
                    print(f"ok   {name}", flush=True)
                except Exception as error:  # a failed journey must not stop the others
                    failed.append(name)
                    detail = str(error) if isinstance(error, JourneyFailure) else traceback.format_exc()
                    print(f"FAIL {name}\n    {detail}", flush=True)
            scanned += visit.scanned
        finally:
            if visit:
                visit.quit()
            server.stop()

    MAILBOX.stop()
    print("\naxe-core scans (page, viewport, all violations, serious or critical):")
    for page, viewport, total, blocking, rules in scanned:
        print(f"  {page:<32} {viewport:<8} {total:>3} {blocking:>3}  {rules}")
    if args.screenshots:
        print(f"screenshots in {args.screenshots}")
    print(f"browser: {passed} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
