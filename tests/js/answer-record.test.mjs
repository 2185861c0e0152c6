// answer-record.js: the saved record's one owner. Making, merging (two tabs), migrating
// (older versions of a worksheet) and the backup round trip, and records written by older
// copies of the site still read.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { asset } from "./assets.mjs";

const record = await asset("answer-record.js");
const { createRecord, mergeRecords, migrateRecord, toBackupEntry, importedRecord,
  fromBackupEntry, withRecord, answersById, missesEdits, RECORD_FORMAT } = record;

const sheet = (answers, times, rowKeys) => {
  const made = { format: 1, worksheet: "sheet", version: 1, answers, times };
  if (rowKeys !== undefined) made.rowKeys = rowKeys;
  return made;
};

describe("making a record", () => {
  test("has the stored shape, in the stored key order", () => {
    const made = createRecord("lessons-log", 2, { q: "a" },
      { times: { q: 5 }, earlier: { old: { value: "x", version: 1 } },
        rowKeys: { log: ["a"] }, now: "2026-03-01T09:30:00.000Z" });
    assert.equal(JSON.stringify(made), JSON.stringify({ format: RECORD_FORMAT,
      worksheet: "lessons-log", version: 2, answers: { q: "a" }, times: { q: 5 },
      savedAt: "2026-03-01T09:30:00.000Z", createdAt: "2026-03-01T09:30:00.000Z",
      earlier: { old: { value: "x", version: 1 } }, rowKeys: { log: ["a"] } }));
  });

  test("leaves out an empty earlier and empty row keys", () => {
    const made = createRecord("x", 1, {}, { rowKeys: {}, now: "t" });
    assert.deepEqual(Object.keys(made),
      ["format", "worksheet", "version", "answers", "times", "savedAt", "createdAt"]);
  });

  test("answersById keeps answers and savedAt; a record with no answers is left out", () => {
    const records = Object.create(null);
    records.__proto__ = { answers: { q: "x" }, savedAt: "s" };
    records.broken = { answers: "not answers" };
    const found = answersById(records);
    assert.deepEqual(Object.keys(found), ["__proto__"]);
    assert.deepEqual(found.__proto__, { answers: { q: "x" }, savedAt: "s" });
  });
});

describe("merging two tabs' versions", () => {
  test("different parts of one row both survive", () => {
    const stored = sheet({ log: [{ note: "theirs", level: "2" }] }, { "log.a.level": 20 },
      { log: ["a"] });
    const local = sheet({ log: [{ note: "ours", level: "" }] }, { "log.a.note": 30 },
      { log: ["a"] });
    const merged = mergeRecords(stored, local);
    assert.deepEqual(merged.answers.log, [{ note: "ours", level: "2" }]);
    assert.deepEqual(merged.times, { "log.a.level": 20, "log.a.note": 30 });
    assert.deepEqual(merged.rowKeys, { log: ["a"] });
  });

  test("rows added in both tabs are kept and a removed row stays removed", () => {
    const stored = sheet({ log: [{ note: "one" }, { note: "theirs" }] },
      { log: 40, "log.t.note": 41 }, { log: ["a", "t"] });
    const local = sheet({ log: [{ note: "ours" }] },
      { log: 50, "log.a": 50, "log.o.note": 51 }, { log: ["o"] });
    const merged = mergeRecords(stored, local);
    // "a" was removed here; "t" goes where it stood in the other tab: after "a", first.
    assert.deepEqual(merged.rowKeys, { log: ["t", "o"] });
    assert.deepEqual(merged.answers.log, [{ note: "theirs" }, { note: "ours" }]);
    assert.equal(merged.times["log.a"], 50);
  });

  test("a record from before row keys counts as one answer, by time", () => {
    const stored = sheet({ log: [{ note: "newer, whole list" }] }, { log: 90 });
    const local = sheet({ log: [{ note: "older" }] }, { "log.i0.note": 10 }, { log: ["i0"] });
    assert.deepEqual(mergeRecords(stored, local).answers.log, [{ note: "newer, whole list" }]);
  });

  test("plain fields take the latest edit, and a lost edit is noticed", () => {
    const stored = sheet({ name: "theirs", story: "theirs" }, { name: 10, story: 30 });
    const local = sheet({ name: "ours", story: "ours" }, { name: 20, story: 5 });
    assert.deepEqual(mergeRecords(stored, local).answers, { name: "ours", story: "theirs" });
    assert.equal(missesEdits(stored, local.times), true); // our name (20) is newer than 10
    assert.equal(missesEdits(stored, { name: 10 }), false);
    assert.equal(missesEdits(null, { name: 1 }), true);
  });

  test("a damaged key is never taken as a field", () => {
    const stored = JSON.parse('{"format": 1, "answers": {"__proto__": {"x": 1}, "name": "a"},' +
      ' "times": {"name": 5}}');
    const merged = mergeRecords(stored, sheet({}, {}));
    assert.deepEqual(merged.answers, { name: "a" });
    assert.equal(Object.getPrototypeOf(merged.answers), Object.prototype);
  });

  test("nothing stored, or something that is not a record: the tab's own version", () => {
    const local = sheet({ name: "ours" }, { name: 1 });
    assert.equal(mergeRecords(null, local), local);
    assert.equal(mergeRecords({ answers: ["not", "answers"] }, local), local);
  });

  test("keeps when answers were first stored, and both tabs' earlier answers", () => {
    const stored = { ...sheet({}, {}), createdAt: "first", earlier: { a: { value: 1 } } };
    const local = { ...sheet({}, {}), createdAt: "now", earlier: { b: { value: 2 } } };
    const merged = mergeRecords(stored, local);
    assert.equal(merged.createdAt, "first");
    assert.deepEqual(Object.keys(merged.earlier), ["a", "b"]);
  });
});

// The schema the build gives the browser (worksheets/builder/schema.py's shape).
const SCHEMA = {
  id: "sheet", version: 3, title: "Sheet",
  fields: [
    { id: "full_name", type: "short_text", label: "Name" },
    { id: "mood", type: "single_choice", label: "Mood", values: ["calm", "stressed"] },
    { id: "tags", type: "multiple_choice", label: "Tags", values: ["a", "b"] },
    { id: "log", type: "rows", label: "Log", fields: [
      { id: "text", type: "short_text", label: "Text" },
      { id: "level", type: "scale", label: "Level", values: ["1", "2", "3"] }] },
  ],
  migrations: [
    { from_version: 1, rename: { name: "full_name", "log.note": "log.text" },
      options: { mood: { tense: "stressed" } } },
    { from_version: 2, rename: {}, options: { tags: { "old-a": "a" } } },
  ],
};

const versioned = (version, answers, extra = {}) =>
  ({ format: 1, worksheet: "sheet", version, answers, ...extra });

function migrateTwice(stored) {
  const first = migrateRecord(stored, SCHEMA);
  return { ...first, changedAgain: migrateRecord(first.record, SCHEMA).changed };
}

describe("migrating to the worksheet's current version", () => {
  test("renames and moved options across two versions", () => {
    const result = migrateTwice(versioned(1, { name: "Ada", mood: "tense",
      tags: ["old-a", "b"], log: [{ note: "first", level: "2" }] }, { times: { name: 5 } }));
    assert.ok(result.changed && !result.changedAgain);
    assert.equal(result.record.version, 3);
    assert.deepEqual(result.record.answers, { full_name: "Ada", mood: "stressed",
      tags: ["a", "b"], log: [{ text: "first", level: "2" }] });
    assert.deepEqual(result.record.times, { full_name: 5 });
    assert.deepEqual(result.record.earlier, {});
  });

  test("nothing is dropped, only kept as earlier answers", () => {
    const result = migrateTwice(versioned(3, { full_name: "Ada", removed: "keep me",
      empty: "", mood: "gone-option", tags: ["a", "zzz"],
      log: [{ text: "x", old: "row answer", level: "9" }] }));
    assert.deepEqual(result.record.answers, { full_name: "Ada", mood: "", tags: ["a"],
      log: [{ text: "x", level: "" }] });
    const kept = Object.fromEntries(Object.entries(result.record.earlier)
      .map(([path, entry]) => [path, entry.value]));
    assert.deepEqual(kept, { removed: "keep me", mood: "gone-option", tags: ["zzz"],
      "log.1.old": "row answer", "log.1.level": "9" });
    assert.equal(result.changedAgain, false);
  });

  test("a record from a newer version, or in a newer format, is left alone", () => {
    const newer = versioned(4, { brand_new: "from a newer page" });
    assert.deepEqual(migrateTwice(newer), { record: newer, changed: false,
      changedAgain: false });
    const newerFormat = { ...versioned(1, { name: "Ada" }), format: RECORD_FORMAT + 1 };
    const result = migrateRecord(newerFormat, SCHEMA);
    assert.equal(result.record, newerFormat);
    assert.equal(result.changed, false);
  });

  test("earlier answers already kept are not kept twice", () => {
    const kept = { removed: { value: "keep me", version: 1 } };
    const result = migrateTwice(versioned(3, { removed: "keep me" }, { earlier: kept }));
    assert.deepEqual(result.record.earlier, kept);
  });

  test("a record at the current version is not rewritten (a visit moves no savedAt)", () => {
    const current = versioned(3, { full_name: "Ada" }, { savedAt: "2026-01-01T00:00:00Z" });
    const result = migrateRecord(current, SCHEMA);
    assert.equal(result.changed, false);
    assert.equal(result.record, current);
  });

  test("records written by older copies of the site still load", () => {
    // The first records had no format, no edit times, no createdAt and no row keys.
    const oldest = { worksheet: "sheet", version: 1, answers: { name: "Ada",
      log: [{ note: "first" }] }, savedAt: "2025-06-01T10:00:00.000Z" };
    const { record: moved } = migrateRecord(oldest, SCHEMA);
    assert.deepEqual(moved.answers, { full_name: "Ada", log: [{ text: "first" }] });
    assert.equal(record.createdAtOf(moved), "2025-06-01T10:00:00.000Z");
    assert.deepEqual(record.timesOf(moved), {});
    // ... and merge with a tab's edits, rows keyed by position.
    const merged = mergeRecords(moved, { answers: { full_name: "Ada L." },
      times: { full_name: 1 }, rowKeys: {} });
    assert.deepEqual(merged.answers, { full_name: "Ada L.", log: [{ text: "first" }] });
    assert.deepEqual(merged.rowKeys, { log: ["i0"] });
  });
});

describe("the backup file's entries", () => {
  const stored = createRecord("sheet", 3, { full_name: "Ada", log: [{ text: "x" }] },
    { times: { full_name: 7 }, earlier: { removed: { value: "keep me", version: 1 } },
      rowKeys: { log: ["r1"] }, now: "2026-03-01T09:30:00.000Z" });

  test("an entry carries id, version, savedAt, answers and earlier answers, no row keys", () => {
    const entry = toBackupEntry("sheet", stored);
    assert.equal(JSON.stringify(entry), JSON.stringify({ id: "sheet", version: 3,
      savedAt: "2026-03-01T09:30:00.000Z", answers: stored.answers,
      earlierAnswers: stored.earlier }));
    assert.equal("earlierAnswers" in toBackupEntry("sheet", { ...stored, earlier: {} }), false);
  });

  test("round trip: a backup entry imports as the record it came from", () => {
    const entry = JSON.parse(JSON.stringify(toBackupEntry("sheet", stored)));
    const now = Date.parse("2026-04-01T00:00:00Z");
    const back = importedRecord(entry, now);
    assert.equal(back.format, RECORD_FORMAT);
    assert.equal(back.worksheet, "sheet");
    assert.equal(back.version, 3);
    assert.deepEqual(back.answers, stored.answers);
    assert.deepEqual(back.earlier, stored.earlier);
    assert.equal(back.savedAt, stored.savedAt);
    assert.equal(back.createdAt, "2026-04-01T00:00:00.000Z");
    // Every answer edited "now", so open tabs take the import in.
    assert.deepEqual(back.times, { full_name: now, log: now });
    assert.deepEqual(toBackupEntry("sheet", back), entry);
  });

  test("an old backup entry is migrated like a stored record, extra keys kept", () => {
    const entry = { id: "sheet", version: 1, savedAt: "s", answers: { name: "Ada" },
      note: "kept" };
    const { record: moved } = migrateRecord(fromBackupEntry(entry), SCHEMA);
    const fitted = withRecord(entry, moved, moved.answers);
    assert.deepEqual(fitted, { id: "sheet", version: 3, savedAt: "s",
      answers: { full_name: "Ada" }, note: "kept" });
  });
});
