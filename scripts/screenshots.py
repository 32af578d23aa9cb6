#!/usr/bin/env python3
"""Signs in to a running Alongside with real Chromium and saves screenshots of the main pages at a
phone (390x844) and a desktop (1366x768) size.

    swift run alongside serve --demo &          # in one terminal
    python3 scripts/screenshots.py [BASE_URL] [OUT_DIR]

Needs Debian's chromium and chromium-driver, and `pip install selenium`.
"""
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"
OUT = sys.argv[2] if len(sys.argv) > 2 else "docs/screenshots"
SIZES = {"phone": (390, 844), "desktop": (1366, 768)}
PAGES = [
    ("sign-in", None, "/sign-in"),
    ("home", "leader@demo.example", "/"),
    ("coverage", "leader@demo.example", "/coverage"),
    ("wards", "admin@demo.example", "/wards"),
]


def driver(width, height):
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--hide-scrollbars"):
        options.add_argument(flag)
    options.add_argument(f"--window-size={width},{height}")
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def sign_in(browser, email):
    browser.delete_all_cookies()
    browser.get(BASE + "/sign-in")
    browser.find_element(By.ID, "email").send_keys(email)
    browser.find_element(By.ID, "password").send_keys("walk-alongside-demo")
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()


def full_page(browser, path, width):
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(width, max(height, 200) + 140)
    browser.save_screenshot(path)


def main():
    os.makedirs(OUT, exist_ok=True)
    for size, (width, height) in SIZES.items():
        browser = driver(width, height)
        try:
            for name, email, path in PAGES:
                browser.set_window_size(width, height)
                if email:
                    sign_in(browser, email)
                else:
                    browser.delete_all_cookies()
                browser.get(BASE + path)
                target = os.path.join(OUT, f"{name}-{size}.png")
                full_page(browser, target, width)
                print(target)
        finally:
            browser.quit()


if __name__ == "__main__":
    main()
