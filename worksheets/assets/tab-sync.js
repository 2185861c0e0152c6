// Tab sync: the same worksheet open in two tabs. Each answer carries the time of its last
// edit, so saving merges answer by answer (the latest edit wins) and a tab takes in
// whatever another tab changed, through the browser's `storage` events.
//
// Edit times (`times`, milliseconds) are kept per field; inside repeating rows, per
// sub-field of each row, under `<rows>.<row key>.<sub-field>`, so two tabs editing
// different parts of one row both keep their edit. `<rows>` alone is when rows were last
// added or moved, and `<rows>.<row key>` when that row was removed. Row keys are stable:
// the record keeps them in `rowKeys` (rows without one are keyed `i<index>`, the same in
// every tab).

const timeOf = (times, key) => (times && Object.hasOwn(times, key) ? times[key] : 0);
const isRow = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

// The row keys of a rows field in `record`, one per row.
export function rowKeysOf(record, field) {
  const rows = record.answers[field];
  const stored = record.rowKeys && Object.hasOwn(record.rowKeys, field)
    ? record.rowKeys[field] : [];
  return rows.map((row, index) => (typeof stored[index] === "string" ? stored[index]
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
  const legacy = !(record.rowKeys && Object.hasOwn(record.rowKeys, field));
  return { times: record.times || {}, keys, legacy,
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

// Two versions of one record, merged answer by answer by edit time. `local` is what this
// tab is about to save (or shows); `stored` is what storage holds now (perhaps written by
// another tab).
export function mergeRecords(stored, local) {
  if (!stored || !isRow(stored.answers)) return local;
  const answers = {};
  const times = {};
  const rowKeys = {};
  const storedTimes = stored.times || {};
  const localTimes = local.times || {};
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

// A side that lacks the rows field altogether counts as having no rows.
function withRows(record, field) {
  if (Array.isArray(record.answers[field])) return record;
  return { ...record, answers: { ...record.answers, [field]: [] } };
}

// When each answer of one form was last edited (here, or in another tab we took it from).
export class FieldClock {
  constructor(times) {
    this.times = { ...(times || {}) };
  }

  // `name` is a control's name: a field id, or `<rows>.<row key>.<sub-field>` in a row;
  // a rows field's own id when its rows were added or moved.
  touch(name) {
    if (name) this.times[name] = Date.now();
  }

  // Row `key` of rows field `field` was removed here.
  removed(field, key) {
    this.times[`${field}.${key}`] = Date.now();
  }

  // True when `record` (just written by another tab) lacks an edit made here: something
  // this tab changed later than the record says it was changed.
  lostIn(record) {
    const theirs = (record && record.times) || {};
    return Object.entries(this.times).some(([key, time]) => time > timeOf(theirs, key));
  }

  // Every time in `times` newer than this tab's, taken as ours.
  takeTimes(times) {
    for (const [key, time] of Object.entries(times || {})) {
      if (time > timeOf(this.times, key)) this.times[key] = time;
    }
  }
}

// Other tabs of this browser write to the same storage; tell the store what they changed.
export function watchOtherTabs(store) {
  addEventListener("storage", (event) => {
    if (event.storageArea !== store.storage) return;
    // key null: the whole storage was cleared elsewhere.
    if (event.key === null || event.key.startsWith(store.prefix)) {
      store.externalChange(event.key, event.newValue);
    }
  });
}
