#!/usr/bin/env python3
"""Checks Alongside's Open Referral UK 3.0 read API against the profile's JSON Schemas (Draft 2020-12,
formats checked), over real HTTP, on the demo council's directory.

Starts `alongside serve --demo` on a fresh SQLite database on a free loopback port (or uses --base),
calls every /oruk endpoint, the list filters, `full`, `minimal` and `format=ndjson`, and validates:
each list page's envelope, each item of `contents` against `compiled/<thing>_list.json`, each single
object against `compiled/<thing>.json` (taxonomies and terms against `taxonomy.json` and
`taxonomy_term.json`), and the CORS header on every answer. Prints one line per check and a last
line "oruk: N passed, N failed".
Schemas: Tests/ORUK/schema/, copied from OpenReferralUK/uk-profile (CC BY-SA 4.0, see LICENSE there).
"""
import argparse
import json
import os
import sys
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Browser"))
from alongside_server import Server  # noqa: E402

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SCHEMAS = os.path.join(ROOT, "Tests", "ORUK", "schema")

ENVELOPE = {
    "type": "object",
    "required": ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty",
                 "contents"],
    "properties": {
        "total_items": {"type": "integer", "minimum": 0}, "total_pages": {"type": "integer", "minimum": 0},
        "page_number": {"type": "integer", "minimum": 1}, "size": {"type": "integer", "minimum": 0},
        "first_page": {"type": "boolean"}, "last_page": {"type": "boolean"}, "empty": {"type": "boolean"},
        "contents": {"type": "array"},
    },
}


def load(name):
    with open(os.path.join(SCHEMAS, name)) as handle:
        return json.load(handle)


registry = Registry().with_resources(
    (name, Resource.from_contents(load(name), default_specification=DRAFT202012))
    for name in os.listdir(SCHEMAS) if name.endswith(".json"))


def validator(name):
    schema = ENVELOPE if name == "envelope" else load(name)
    return Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


VALIDATORS = {name: validator(name) for name in [
    "envelope", "compiled/service.json", "compiled/service_list.json", "compiled/service_at_location.json",
    "compiled/service_at_location_list.json", "compiled/organization.json", "compiled/organization_list.json",
    "taxonomy.json", "taxonomy_term.json"]}


class Checker:
    def __init__(self, base):
        self.base = base
        self.passed = 0
        self.failed = 0

    def get(self, path):
        with urllib.request.urlopen(self.base + path, timeout=30) as response:
            cors = response.headers.get("Access-Control-Allow-Origin")
            body = response.read().decode()
            kind = response.headers.get("Content-Type", "")
        if cors != "*":
            raise AssertionError(f"{path}: Access-Control-Allow-Origin is {cors!r}, not '*'")
        return body, kind

    def check(self, label, function):
        try:
            detail = function()
            self.passed += 1
            print(f"ok    {label}{' — ' + detail if detail else ''}")
        except Exception as error:  # noqa: BLE001 — every failure is reported, then the run goes on
            self.failed += 1
            print(f"FAIL  {label}: {error}")

    @staticmethod
    def validate(schema, instance, where):
        errors = sorted(VALIDATORS[schema].iter_errors(instance), key=lambda e: list(e.path))
        if errors:
            first = errors[0]
            raise AssertionError(f"{where}: {len(errors)} schema errors; first at "
                                 f"{'/'.join(str(p) for p in first.absolute_path)}: {first.message}")

    def page(self, path, item_schema, minimum=1):
        body, _ = self.get(path)
        page = json.loads(body)
        self.validate("envelope", page, path)
        for index, item in enumerate(page["contents"]):
            self.validate(item_schema, item, f"{path} contents[{index}]")
        if page["total_items"] < minimum:
            raise AssertionError(f"{path}: expected at least {minimum} items, got {page['total_items']}")
        return page

    def single(self, path, schema):
        body, _ = self.get(path)
        item = json.loads(body)
        self.validate(schema, item, path)
        return item

    def ndjson(self, path, schema, minimum=1):
        body, kind = self.get(path)
        if "ndjson" not in kind:
            raise AssertionError(f"{path}: Content-Type is {kind}")
        lines = [line for line in body.split("\n") if line]
        for index, line in enumerate(lines):
            self.validate(schema, json.loads(line), f"{path} line {index + 1}")
        if len(lines) < minimum:
            raise AssertionError(f"{path}: expected at least {minimum} lines, got {len(lines)}")
        return f"{len(lines)} lines"


def import_over_http(c, base, binary):
    """`alongside import oruk` reads this feed over real HTTP into an empty council on another database."""
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory(prefix="alongside-oruk-copy-") as directory:
        env = dict(os.environ, DATABASE_URL=f"sqlite:{directory}/copy.sqlite", ALONGSIDE_ROOT=ROOT,
                   LOG_LEVEL="warning")

        def alongside(*arguments):
            done = subprocess.run([binary, *arguments], env=env, capture_output=True, text=True, timeout=600)
            if done.returncode != 0:
                raise AssertionError(f"alongside {' '.join(arguments)} failed: {done.stdout}{done.stderr}")
            return done.stdout + done.stderr

        alongside("council", "create", "--slug", "copy", "--name", "Copy Council")
        first = alongside("import", "oruk", base + "/oruk", "--council", "copy")
        total = json.loads(c.get("/oruk/services?per_page=1")[0])["total_items"]
        assert f"Read {total} services: {total} added" in first, first
        again = alongside("import", "oruk", base + "/oruk", "--council", "copy")
        assert f"0 added, 0 updated, {total} unchanged" in again, again
        return f"{total} services copied, then {total} unchanged on a second import"


def run(base, binary=None):
    c = Checker(base)
    api = "/oruk"

    def root():
        body, _ = c.get(api + "/")
        info = json.loads(body)
        assert info["version"] == "HSDS-UK-3.0", info
        assert info["openapi_url"].startswith("http"), info
    c.check("GET /oruk/ names HSDS-UK-3.0", root)

    services = {}

    def service_pages():
        first = c.page(api + "/services?per_page=50", "compiled/service_list.json", minimum=200)
        second = c.page(api + "/services?per_page=50&page=2", "compiled/service_list.json")
        assert first["first_page"] and not first["last_page"] and second["page_number"] == 2
        services["ids"] = [s["id"] for s in first["contents"]]
        services["all"] = first["total_items"]
        return f"{first['total_items']} services, {first['total_pages']} pages"
    c.check("GET /oruk/services pages", service_pages)

    def every_service():
        body, _ = c.get(api + "/services?minimal=true")
        minimal = json.loads(body)
        assert len(minimal) == services["all"], (len(minimal), services["all"])
        for entry in minimal:
            c.single(f"{api}/services/{entry['id']}", "compiled/service.json")
        return f"{len(minimal)} full services"
    c.check("GET /oruk/services/{id} for every service (fully nested)", every_service)

    def filters():
        terms = c.page(api + "/taxonomy_terms?per_page=100", "taxonomy_term.json")["contents"]
        lunch = next(t for t in terms if t.get("term") == "lunch-clubs")
        organisations = c.page(api + "/organizations", "compiled/organization_list.json")["contents"]
        notes = []
        for query in ["search=lunch", "search=lunch%20club&day=TU", f"taxonomy_term_id={lunch['id']}",
                      f"taxonomy_id={lunch['taxonomy_id']}", f"organization_id={organisations[0]['id']}",
                      "modified_after=2020-01-01T00:00:00Z", "minimum_age=16", "maximum_age=18",
                      "postcode=KV1%201AA", "postcode=KV1%201AA&proximity=2000", "full=true&per_page=5"]:
            schema = "compiled/service.json" if query.startswith("full") else "compiled/service_list.json"
            page = c.page(f"{api}/services?{query}", schema)
            notes.append(f"{query}: {page['total_items']}")
        return "; ".join(notes)
    c.check("GET /oruk/services with each filter", filters)

    def sites():
        page = c.page(api + "/service_at_locations?per_page=20", "compiled/service_at_location_list.json",
                      minimum=200)
        for item in page["contents"]:
            c.single(f"{api}/service_at_locations/{item['id']}", "compiled/service_at_location.json")
        near = c.page(api + "/service_at_locations?postcode=KV1%201AA&proximity=1500&day=TU",
                      "compiled/service_at_location_list.json")
        return f"{page['total_items']} places; {near['total_items']} within 1.5 km of KV1 1AA on Tuesdays"
    c.check("GET /oruk/service_at_locations and /{id}", sites)

    def organisations():
        page = c.page(api + "/organizations?per_page=100", "compiled/organization_list.json", minimum=10)
        for item in page["contents"]:
            full = c.single(f"{api}/organizations/{item['id']}", "compiled/organization.json")
        assert full.get("services") is not None
        return f"{page['total_items']} organisations"
    c.check("GET /oruk/organizations and /{id}", organisations)

    def taxonomies():
        page = c.page(api + "/taxonomies", "taxonomy.json")
        for item in page["contents"]:
            full = c.single(f"{api}/taxonomies/{item['id']}", "taxonomy.json")
            assert full["taxonomy_terms"], "taxonomy has no terms"
        terms = c.page(api + "/taxonomy_terms", "taxonomy_term.json", minimum=10)
        for item in terms["contents"]:
            c.single(f"{api}/taxonomy_terms/{item['id']}", "taxonomy_term.json")
        return f"{page['total_items']} taxonomies, {terms['total_items']} terms"
    c.check("GET /oruk/taxonomies, /taxonomy_terms and their /{id}", taxonomies)

    for path, schema in [("/services", "compiled/service_list.json"),
                         ("/service_at_locations", "compiled/service_at_location_list.json"),
                         ("/organizations", "compiled/organization_list.json"),
                         ("/taxonomies", "taxonomy.json"), ("/taxonomy_terms", "taxonomy_term.json")]:
        c.check(f"GET /oruk{path}?format=ndjson", lambda path=path, schema=schema: c.ndjson(
            f"{api}{path}?format=ndjson", schema))

    c.check("GET /councils/demo/oruk/services (by council)", lambda: str(c.page(
        "/councils/demo/oruk/services?per_page=5", "compiled/service_list.json")["total_items"]) + " services")

    def bad_input():
        for query in ["page=0", "per_page=abc", "taxonomy_term_id=nope", "postcode=nowhere"]:
            try:
                c.get(f"{api}/services?{query}")
                raise AssertionError(f"{query} was accepted")
            except urllib.error.HTTPError as error:
                assert error.code == 400, (query, error.code)
                assert error.headers.get("Access-Control-Allow-Origin") == "*", query
                assert json.loads(error.read())["reason"], query
    c.check("bad filters get 400 with a reason", bad_input)

    if binary:
        c.check("alongside import oruk over HTTP into an empty council", lambda: import_over_http(c, base, binary))

    print(f"oruk: {c.passed} passed, {c.failed} failed")
    return c.failed == 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "alongside"))
    parser.add_argument("--base", help="check a running Alongside instead of starting one")
    args = parser.parse_args()
    if args.base:
        return 0 if run(args.base.rstrip("/")) else 1
    server = Server(args.binary)
    try:
        return 0 if run(server.base, args.binary) else 1
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
