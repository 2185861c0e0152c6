// form-values.js' row factory: a row made from its template gets its key wherever the
// template holds the build's row placeholder (contract.py's ROW_KEY, from site-config.js).
// The rest of the module reads and writes real controls; the browser tests cover that.

import assert from "node:assert/strict";
import { test } from "node:test";
import { asset } from "./assets.mjs";

const { siteConfig } = await import("./site-config-for-tests.mjs");
const { rowFactory } = await asset("form-values.js");
const ROW = siteConfig.contract.rowKey;

// Just enough of an element for rowFactory: attributes, children, cloning.
class FakeElement {
  constructor(attributes, children = []) {
    this.attributes = new Map(Object.entries(attributes));
    this.children = children;
  }

  getAttribute(name) { return this.attributes.get(name) ?? null; }
  setAttribute(name, value) { this.attributes.set(name, value); }
  querySelectorAll() { return this.children.flatMap((child) => [child, ...child.querySelectorAll()]); }
  cloneNode() {
    return new FakeElement(Object.fromEntries(this.attributes),
      this.children.map((child) => child.cloneNode()));
  }
}

function rowsField() {
  const label = new FakeElement({ for: `log-${ROW}-note` });
  const input = new FakeElement({ id: `log-${ROW}-note`, name: `log.${ROW}.note`,
    "aria-describedby": `log-${ROW}-note-help`, type: "text" });
  const row = new FakeElement({ "data-row": ROW }, [label, input]);
  const template = { content: { firstElementChild: row } };
  return { querySelector: (selector) => (selector.includes("template") ? template : null) };
}

test("a stored row keeps its key in every id, name and label", () => {
  const row = rowFactory()(rowsField(), "r1abc");
  const [label, input] = row.children;
  assert.equal(row.getAttribute("data-row"), "r1abc");
  assert.equal(label.getAttribute("for"), "log-r1abc-note");
  assert.equal(input.getAttribute("name"), "log.r1abc.note");
  assert.equal(input.getAttribute("aria-describedby"), "log-r1abc-note-help");
  assert.equal(input.getAttribute("type"), "text");
});

test("a new row, or one whose key is not a safe key, gets a fresh key of its own", () => {
  const make = rowFactory();
  const keys = [make(rowsField()), make(rowsField()), make(rowsField(), "<bad key>")]
    .map((row) => row.getAttribute("data-row"));
  assert.equal(new Set(keys).size, 3);
  for (const key of keys) assert.match(key, /^r[a-z0-9]+$/);
});
