// backup.js' pure half: reading a backup file strictly, fitting its answers to this site's
// worksheets, and writing one from the stored records.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { asset } from "./assets.mjs";

const { BACKUP_FORMAT, BACKUP_VERSION, buildBackup, checkBackup, parseBackup, previewImport } =
  await asset("backup.js");
const { createRecord } = await asset("answer-record.js");

const file = (worksheets, extra = {}) => JSON.stringify({ format: BACKUP_FORMAT,
  formatVersion: BACKUP_VERSION, site: { name: "Onward" }, exportedAt: "2026-03-01T09:30:00Z",
  worksheets, ...extra });
const entry = (id, answers, extra = {}) => ({ id, version: 1, savedAt: "2026-03-01T09:30:00Z",
  answers, ...extra });

describe("parseBackup", () => {
  test("accepts a backup file", () => {
    const result = parseBackup(file([entry("lessons-log", { q: "a", n: 2, rows: [{ x: true }] })]));
    assert.equal(result.ok, true);
    assert.equal(result.backup.worksheets[0].id, "lessons-log");
  });

  const refusals = [
    ["not JSON", "{", /not JSON/],
    ["another format", JSON.stringify({ format: "other", worksheets: [] }), /not an Onward backup/],
    ["no format version", JSON.stringify({ format: BACKUP_FORMAT, worksheets: [] }),
      /which backup format version/],
    ["a newer format version", file([], { formatVersion: BACKUP_VERSION + 1 }), /newer version/],
    ["a prototype key", `{"format": "${BACKUP_FORMAT}", "formatVersion": 1, "worksheets": [],` +
      ' "x": {"__proto__": {}}}', /"__proto__"/],
    ["no answers", file([]), /holds no answers/],
    ["an id that is not a worksheet id", file([entry("Not An Id", {})]), /not a worksheet id/],
    ["an id too long", file([entry(`a${"b".repeat(63)}`, {})]), /not a worksheet id/],
    ["a version that is not whole", file([entry("a", {}, { version: 1.5 })]), /whole number/],
    ["a worksheet twice", file([entry("a", {}), entry("a", {})]), /appears twice/],
    ["a bad savedAt", file([entry("a", {}, { savedAt: "yesterday" })]), /savedAt/],
    ["nesting too deep", file([entry("a", { q: [[[[[[[[[["deep"]]]]]]]]]] })]), /too deeply/],
  ];
  for (const [name, text, reason] of refusals) {
    test(`refuses ${name}`, () => {
      const result = parseBackup(text);
      assert.equal(result.ok, false);
      assert.match(result.reason, reason);
    });
  }

  test("refuses a file over 5 MB before reading it", () => {
    assert.match(parseBackup("", 5 * 1024 * 1024 + 1).reason, /larger than 5 MB/);
  });
});

const SCHEMAS = new Map([["sheet", {
  id: "sheet", version: 2, title: "Sheet", migrations: [
    { from_version: 1, rename: { name: "full_name" }, options: {} }],
  fields: [
    { id: "full_name", type: "short_text", label: "Name" },
    { id: "tags", type: "multiple_choice", label: "Tags", values: ["a", "1"] },
    { id: "log", type: "rows", label: "Log", fields: [
      { id: "note", type: "short_text", label: "Note" }] },
  ],
}]]);

describe("checkBackup", () => {
  test("moves an entry to the current version and fits numbers as text", () => {
    const backup = JSON.parse(file([entry("sheet", { name: 7, tags: [1], log: [{ note: true }] }),
      entry("elsewhere", { q: "kept as it is" })]));
    const { accepted, refused } = checkBackup(backup, SCHEMAS);
    assert.deepEqual(refused, []);
    assert.deepEqual(accepted[0].answers, { full_name: "7", tags: ["1"], log: [{ note: "true" }] });
    assert.equal(accepted[0].version, 2);
    assert.deepEqual(accepted[1], backup.worksheets[1]);
  });

  test("refuses one worksheet whose answer no field can hold, and keeps the rest", () => {
    const backup = JSON.parse(file([entry("sheet", { full_name: ["a", "list"] }, { version: 2 }),
      entry("other", {})]));
    const { accepted, refused } = checkBackup(backup, SCHEMAS);
    assert.deepEqual(accepted.map((kept) => kept.id), ["other"]);
    assert.equal(refused[0].id, "sheet");
    assert.match(refused[0].reason, /"Name" is a list/);
  });

  test("an id such as constructor is just an unknown worksheet", () => {
    const backup = JSON.parse(file([entry("constructor", { q: "x" })]));
    assert.equal(checkBackup(backup, SCHEMAS).accepted.length, 1);
  });
});

describe("buildBackup and previewImport", () => {
  const records = Object.create(null);
  records.sheet = createRecord("sheet", 2, { full_name: "Ada" },
    { rowKeys: { log: ["r1"] }, now: "2026-03-01T09:30:00.000Z" });
  const store = { namespace: "/guide/", all: () => records, rawRecords: () => records };

  test("writes format 1 with every record, sorted, without row keys", () => {
    const backup = buildBackup(store, { name: "Onward", address: "https://example.org/" },
      new Date("2026-03-02T00:00:00Z"));
    assert.equal(JSON.stringify(backup), JSON.stringify({ format: "onward-answers",
      formatVersion: 1, site: { name: "Onward", address: "https://example.org/",
        copy: "/guide/" }, exportedAt: "2026-03-02T00:00:00.000Z",
      worksheets: [{ id: "sheet", version: 2, savedAt: "2026-03-01T09:30:00.000Z",
        answers: { full_name: "Ada" } }] }));
    assert.equal(parseBackup(JSON.stringify(backup)).ok, true);
  });

  test("compares each entry with what is stored here", () => {
    const backup = JSON.parse(file([entry("sheet", {}, { savedAt: "2026-04-01T00:00:00Z" }),
      entry("new-one", {})]));
    const items = previewImport(backup, store, SCHEMAS);
    assert.deepEqual(items.map((item) => item.text), ["Sheet: newer than the answers here",
      "new-one (not a worksheet on this site: kept, not shown): nothing saved here yet"]);
  });
});
