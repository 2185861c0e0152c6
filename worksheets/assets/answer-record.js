// Answer record: the one module that knows the shape of a worksheet's saved record. It
// makes a record, reads its parts, merges two versions of it (another tab's, an import),
// moves it to the worksheet's current version, and converts it to and from a backup
// file's entry. Pure (no DOM, no storage), so Node can test it. Everyone else asks here.
//
// The stored record, `onward:<folder>:answers:<id>`:
//   { format: 1, worksheet, version, answers, times, savedAt, createdAt, earlier?, rowKeys? }
// `format` is this shape's own version: a record in a newer format (written by a newer copy
// of the site, still open in another tab) is shown and merged, but never migrated here.
// `times` holds edit times (ms): a field's under its id; in rows, each sub-field of each
// row under `<rows>.<row key>.<sub-field>`, the last add or move under `<rows>`, and a
// removed row under `<rows>.<row key>`. `rowKeys` gives each rows field's stable row keys,
// in order; rows without one are keyed `i<index>`, the same in every tab.

import { migrateAnswers } from "./migrations.js";

export const RECORD_FORMAT = 1;

const isPlainObject = (value) =>
  value !== null && typeof value === "object" && !Array.isArray(value);
const timeOf = (times, key) => (isPlainObject(times) && Object.hasOwn(times, key) ? times[key]
  : 0);
const clone = (value) => JSON.parse(JSON.stringify(value));

// --- Making and reading ------------------------------------------------------------------

// A record as a form saves it. `now` is an ISO time: both when it was saved and, until a
// merge with what storage holds says otherwise, when it was first made.
export function createRecord(worksheetId, version, answers,
  { times = {}, earlier = {}, rowKeys = null, now = new Date().toISOString() } = {}) {
  const record = { format: RECORD_FORMAT, worksheet: worksheetId, version, answers, times,
    savedAt: now, createdAt: now };
  if (Object.keys(earlier).length) record.earlier = earlier;
  if (rowKeys && Object.keys(rowKeys).length) record.rowKeys = rowKeys;
  return record;
}

// What a form holds right now, shaped as a record so it can be merged with a stored one.
export function formRecord(answers, times, rowKeys) {
  return { answers, times, rowKeys };
}

// Only a record with answers in it is a record; anything else in storage reads as none.
export function hasAnswers(record) {
  return isPlainObject(record) && isPlainObject(record.answers);
}

export const answersOf = (record) => (hasAnswers(record) ? record.answers : null);
export const timesOf = (record) => (isPlainObject(record) && isPlainObject(record.times)
  ? record.times : {});
export const earlierOf = (record) => (isPlainObject(record) && isPlainObject(record.earlier)
  ? record.earlier : {});
export const allRowKeysOf = (record) => (isPlainObject(record) && isPlainObject(record.rowKeys)
  ? record.rowKeys : {});
export const savedAtOf = (record) => String((isPlainObject(record) && record.savedAt) || "");
// When answers were first stored; a record from before `createdAt` counts from its save.
export const createdAtOf = (record) => (isPlainObject(record) && record.createdAt) ||
  savedAtOf(record);
// The worksheet id a stored record names, or null for something that is not a record.
export const worksheetOf = (record) => (isPlainObject(record) &&
  typeof record.worksheet === "string" ? record.worksheet : null);

// Each record's answers and when they were last saved, keyed by worksheet id: what My plan
// and the home page read. `records` has no prototype; neither has the result.
export function answersById(records) {
  const found = Object.create(null);
  for (const [id, record] of Object.entries(records)) {
    if (hasAnswers(record)) found[id] = { answers: record.answers, savedAt: savedAtOf(record) };
  }
  return found;
}

// --- Merging two versions of one record --------------------------------------------------

const isRow = isPlainObject;

// The row keys of a rows field in `record`, one per row.
export function rowKeysOf(record, field) {
  const rows = record.answers[field];
  const stored = allRowKeysOf(record);
  const keys = Object.hasOwn(stored, field) && Array.isArray(stored[field]) ? stored[field] : [];
  return rows.map((row, index) => (typeof keys[index] === "string" ? keys[index]
    : `i${index}`));
}

function isRowsField(field, stored, local) {
  return [stored, local].every((record) => !Object.hasOwn(record.answers, field) ||
    (Array.isArray(record.answers[field]) && record.answers[field].every(isRow))) &&
    [stored, local].some((record) => Array.isArray(record.answers[field]));
}

// When `side` last changed sub-field `sub` of row `key`: its own time, or for a record
// from before per-row times (no `rowKeys`), the time of the whole rows field.
function subTime(side, field, key, sub) {
  const own = timeOf(side.times, `${field}.${key}.${sub}`);
  return own || (side.legacy ? timeOf(side.times, field) : 0);
}

function mergeRow(field, key, stored, local, times) {
  const ours = local.byKey.get(key);
  const theirs = stored.byKey.get(key);
  if (!ours || !theirs) return { ...(ours || theirs) };
  const row = {};
  for (const sub of new Set([...Object.keys(theirs), ...Object.keys(ours)])) {
    if (sub === "__proto__") continue;
    const takeStored = !Object.hasOwn(ours, sub) ||
      (Object.hasOwn(theirs, sub) && subTime(stored, field, key, sub) >
        subTime(local, field, key, sub));
    row[sub] = takeStored ? theirs[sub] : ours[sub];
    const time = takeStored ? subTime(stored, field, key, sub) : subTime(local, field, key, sub);
    if (time && timeOf(times, `${field}.${key}.${sub}`) < time) {
      times[`${field}.${key}.${sub}`] = time;
    }
  }
  return row;
}

function side(record, field) {
  const keys = rowKeysOf(record, field);
  const rows = record.answers[field];
  const legacy = !Object.hasOwn(allRowKeysOf(record), field);
  return { times: timesOf(record), keys, legacy,
    byKey: new Map(keys.map((key, index) => [key, rows[index]])) };
}

// Rows merged row by row: the newer order wins, rows added in either tab are kept, a row
// removed in either tab stays removed, and each sub-field takes its latest edit.
function mergeRows(field, storedRecord, localRecord, times) {
  const stored = side(storedRecord, field);
  const local = side(localRecord, field);
  const storedFirst = timeOf(stored.times, field) > timeOf(local.times, field);
  const [base, other] = storedFirst ? [stored, local] : [local, stored];
  const order = [...base.keys];
  other.keys.forEach((key, index) => {
    if (order.includes(key)) return;
    const before = other.keys.slice(0, index).reverse().find((k) => order.includes(k));
    order.splice(before === undefined ? 0 : order.indexOf(before) + 1, 0, key);
  });
  const gone = (key) => timeOf(stored.times, `${field}.${key}`) ||
    timeOf(local.times, `${field}.${key}`);
  const keys = order.filter((key) => !gone(key));
  for (const key of order) {
    const removed = gone(key);
    if (removed) times[`${field}.${key}`] = removed;
  }
  const structure = Math.max(timeOf(stored.times, field), timeOf(local.times, field));
  if (structure) times[field] = structure;
  return { keys, rows: keys.map((key) => mergeRow(field, key, stored, local, times)) };
}

// A side that lacks the rows field altogether counts as having no rows.
function withRows(record, field) {
  if (Array.isArray(record.answers[field])) return record;
  return { ...record, answers: { ...record.answers, [field]: [] } };
}

// Two versions of one record, merged answer by answer by edit time (the latest edit wins;
// in rows, row by row and sub-field by sub-field). `local` is what this tab is about to
// save (or shows); `stored` is what storage holds now (perhaps written by another tab).
export function mergeRecords(stored, local) {
  if (!hasAnswers(stored)) return local;
  const answers = {};
  const times = {};
  const rowKeys = {};
  const storedTimes = timesOf(stored);
  const localTimes = timesOf(local);
  const fields = new Set([...Object.keys(stored.answers), ...Object.keys(local.answers)]);
  for (const field of fields) {
    if (field === "__proto__") continue; // never a field id; only a damaged record has it
    if (isRowsField(field, stored, local)) {
      const merged = mergeRows(field, withRows(stored, field), withRows(local, field), times);
      answers[field] = merged.rows;
      rowKeys[field] = merged.keys;
      continue;
    }
    const takeStored = timeOf(storedTimes, field) > timeOf(localTimes, field) ||
      !Object.hasOwn(local.answers, field);
    const source = takeStored ? stored : local;
    if (Object.hasOwn(source.answers, field)) answers[field] = source.answers[field];
    const time = timeOf(takeStored ? storedTimes : localTimes, field);
    if (time) times[field] = time;
  }
  const earlier = { ...(stored.earlier || {}), ...(local.earlier || {}) };
  const merged = { ...local, answers, times, createdAt: stored.createdAt || local.createdAt };
  if (Object.keys(earlier).length || stored.earlier || local.earlier) merged.earlier = earlier;
  if (Object.keys(rowKeys).length) merged.rowKeys = rowKeys;
  return merged;
}

// True when `times` (this tab's edit clock) holds an edit `record` does not have: another
// tab wrote the record from a copy of storage that lacked it.
export function missesEdits(record, times) {
  const theirs = timesOf(record);
  return Object.entries(times).some(([key, time]) => time > timeOf(theirs, key));
}

// --- Moving a record to the worksheet's current version ----------------------------------

function keepEarlier(earlier, found, version) {
  for (const [path, value] of Object.entries(found)) {
    let key = path;
    const same = (entry) => entry && JSON.stringify(entry.value) === JSON.stringify(value);
    if (same(earlier[key])) continue;
    for (let n = 2; Object.hasOwn(earlier, key); n += 1) key = `${path} (${n})`;
    earlier[key] = { value, version };
  }
}

function comparable(record) {
  const { earlier, ...rest } = record;
  const kept = isPlainObject(earlier) && !Object.keys(earlier).length ? rest : record;
  return JSON.stringify(kept);
}

// Returns { record, changed }: the record at the schema's version, and whether it moved.
// Nothing is dropped: what the current worksheet has no place for goes to `earlier`.
export function migrateRecord(record, schema) {
  if (!hasAnswers(record) || !schema) return { record, changed: false };
  // A newer record shape, or a record saved by a newer definition (an old page still
  // open): leave it untouched, so a visit never rewrites what this code cannot read.
  if (Number(record.format) > RECORD_FORMAT) return { record, changed: false };
  const from = Number(record.version) || 1;
  if (from > schema.version) return { record, changed: false };
  const next = clone(record);
  const found = migrateAnswers(next.answers, next.times, schema, from, next.rowKeys);
  next.earlier = isPlainObject(next.earlier) ? next.earlier : {};
  keepEarlier(next.earlier, found, from);
  next.version = schema.version;
  // An empty `earlier` added to a record that had none is no change: counting it would make
  // a plain visit rewrite the record (and move its savedAt).
  const changed = comparable(next) !== comparable(record);
  return { record: changed ? next : record, changed };
}

// --- The backup file's entries -----------------------------------------------------------

// One worksheet in a backup file: { id, version, savedAt, answers, earlierAnswers? }. Row
// keys stay behind: an import is keyed afresh.
export function toBackupEntry(id, record) {
  const entry = { id, version: record.version, savedAt: record.savedAt,
    answers: record.answers };
  const earlier = earlierOf(record);
  if (Object.keys(earlier).length) entry.earlierAnswers = earlier;
  return entry;
}

// A backup entry as the record it was made from (for moving it to the current version).
export function fromBackupEntry(entry) {
  return { worksheet: entry.id, version: entry.version, answers: entry.answers,
    earlier: entry.earlierAnswers || {} };
}

// A backup entry with its answers replaced by `record`'s (moved and fitted to this site's
// worksheet); whatever else the entry holds is kept.
export function withRecord(entry, record, answers) {
  const fitted = { ...entry, version: record.version, answers };
  const earlier = earlierOf(record);
  if (Object.keys(earlier).length) fitted.earlierAnswers = earlier;
  return fitted;
}

// An imported entry, stored as a record whose every answer was edited `now` (ms), so other
// open tabs take the imported answers in.
export function importedRecord(entry, now) {
  const times = Object.fromEntries(Object.keys(entry.answers).map((field) => [field, now]));
  const record = { format: RECORD_FORMAT, worksheet: entry.id, version: entry.version,
    answers: entry.answers, times, savedAt: entry.savedAt || new Date(now).toISOString(),
    createdAt: new Date(now).toISOString() };
  if (entry.earlierAnswers) record.earlier = entry.earlierAnswers;
  return record;
}
