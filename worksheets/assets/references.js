// Reference fields: a select that picks a row of another worksheet's repeating group (the
// interview journal's interviews, for example). Filled from saved answers at once, before
// Python is ready, and again whenever the source changes (another tab, an import).
//
// Stored value (see worksheets/compute/references.py): "" when nothing is picked;
// { row: <row key>, label: "Acme · Data analyst · 20 Nov", snapshot: { <shown field>: value } }
// for a picked row, so the answer stays readable if that row is later deleted; or plain
// text, typed before the worksheet had a reference (kept by a migration, shown as typed).

import { answersOf, rowKeysOf } from "./answer-record.js";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
  "Dec"];
const SEPARATOR = " · ";
const TYPED = "~typed"; // the option of a value typed before the reference: no row key

// The one place that reads another worksheet's saved rows: [{ key, row }] for
// "<worksheet>.<rows>". Kept to this function so the record's owner can change alone.
export function sourceRows(store, source) {
  const [sheetId, groupId] = String(source).split(".");
  return keyedRows(store.load(sheetId), groupId);
}

// One rows field of a record as [{ key, row }], through the record's owner.
function keyedRows(record, groupId) {
  const rows = answersOf(record)?.[groupId];
  if (!Array.isArray(rows)) return [];
  const keys = rowKeysOf(record, groupId);
  return rows.map((row, index) => ({ key: keys[index], row }))
    .filter(({ row }) => row && typeof row === "object");
}

// "2026-11-20" as "20 Nov"; anything else as it is. Must match references.py.
function shortDate(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const month = match ? Number(match[2]) : 0;
  return month >= 1 && month <= 12 ? `${Number(match[3])} ${MONTHS[month - 1]}` : text;
}

export function rowLabel(row, show) {
  const parts = [];
  for (const { id, type } of show) {
    const value = row[id];
    if (typeof value !== "string" && typeof value !== "number") continue;
    const text = String(value).trim();
    if (text) parts.push(type === "date" ? shortDate(text) : text);
  }
  return parts.join(SEPARATOR);
}

function snapshotOf(row, show) {
  const snapshot = {};
  for (const { id } of show) {
    if (typeof row[id] === "string" || typeof row[id] === "number") snapshot[id] = row[id];
  }
  return snapshot;
}

function option(value, text, data) {
  const node = document.createElement("option");
  node.value = value;
  node.textContent = text;
  Object.assign(node.dataset, data);
  return node;
}

// An option for a stored value whose row is not (or no longer) in the source.
function keptOption(value, deletedText) {
  if (typeof value === "string") {
    return value.trim() ? option(TYPED, value.trim(), { label: value.trim(), kind: "typed" })
      : null;
  }
  if (!value || typeof value !== "object" || typeof value.row !== "string" || !value.row) {
    return null;
  }
  const label = typeof value.label === "string" && value.label ? value.label : "An entry";
  return option(value.row, `${label} ${deletedText}`, { label, kind: "deleted",
    snapshot: JSON.stringify(value.snapshot && typeof value.snapshot === "object"
      ? value.snapshot : {}) });
}

// What the select holds, as stored.
export function readReference(select) {
  const chosen = select.selectedOptions[0];
  if (!chosen || !chosen.value) return "";
  if (chosen.dataset.kind === "typed") return chosen.dataset.label;
  let snapshot = {};
  try { snapshot = JSON.parse(chosen.dataset.snapshot || "{}"); } catch { snapshot = {}; }
  return { row: chosen.value, label: chosen.dataset.label, snapshot };
}

function fieldSchema(select) {
  try { return JSON.parse(select.dataset.referenceSchema || "null"); } catch { return null; }
}

function deletedText(schema) {
  return schema && schema.source_title
    ? `(deleted from the ${schema.source_title.toLowerCase()})` : "(deleted from its list)";
}

// Shows `value` as chosen, adding an option for it when the source no longer has its row.
export function writeReference(select, value) {
  const wanted = typeof value === "string" ? (value.trim() ? TYPED : "")
    : (value && typeof value.row === "string" ? value.row : "");
  let found = [...select.options].find((node) => node.value === wanted && (wanted !== TYPED
    || node.dataset.label === value.trim()));
  if (!found && wanted) {
    found = keptOption(value, deletedText(fieldSchema(select)));
    if (found) select.append(found);
  }
  select.value = found ? found.value : "";
  if (found) found.selected = true;
}

// Lists the source's current rows in `select`, keeping its choice (a deleted row stays,
// marked as such). Returns whether the stored value changed (a renamed row).
function fillSelect(select, schema, rows) {
  const before = readReference(select);
  const first = select.options[0] || option("", "Choose");
  const listed = rows.map(({ key, row }) => ({ key, label: rowLabel(row, schema.show), row }))
    .filter(({ label }) => label);
  const nodes = listed.map(({ key, label, row }) => option(key, label,
    { label, kind: "row", snapshot: JSON.stringify(snapshotOf(row, schema.show)) }));
  select.replaceChildren(first, ...nodes);
  writeReference(select, before);
  return JSON.stringify(readReference(select)) !== JSON.stringify(before);
}

// Every reference select in `form`, filled from saved answers; the names of those whose
// stored value changed (so the form saves the new name).
export function refreshReferences(form, store) {
  const changed = [];
  const cache = new Map();
  for (const field of form.querySelectorAll("[data-field-type='reference']")) {
    const select = field.querySelector("select");
    const schema = fieldSchema(select);
    if (!select || !schema) continue;
    if (!cache.has(schema.source)) cache.set(schema.source, sourceRows(store, schema.source));
    const rows = cache.get(schema.source);
    if (fillSelect(select, schema, rows)) changed.push(select.name);
    const empty = field.querySelector("[data-reference-empty]");
    if (empty) empty.hidden = select.options.length > 1;
  }
  return changed;
}

// The worksheets a form's references read from: a change to one refreshes the form.
export function referenceSources(form) {
  return new Set([...form.querySelectorAll("[data-reference-source]")]
    .map((field) => field.dataset.referenceSource.split(".")[0]));
}

// The rows a compute may need, keyed as references.py reads them:
// { <worksheet>: { <rows>: { <row key>: row } } }.
export function sourcesFor(form, store) {
  const sources = {};
  for (const field of form.querySelectorAll("[data-reference-source]")) {
    const source = field.dataset.referenceSource;
    const [sheetId, groupId] = source.split(".");
    sources[sheetId] ??= {};
    if (sources[sheetId][groupId]) continue;
    sources[sheetId][groupId] = Object.fromEntries(
      sourceRows(store, source).map(({ key, row }) => [key, row]));
  }
  return sources;
}

// Every saved repeating group by row key, for My plan: any of them may be a source.
// Each record is read once (store.all), not again per group.
export function allSources(store) {
  const sources = {};
  for (const [sheetId, record] of Object.entries(store.all())) {
    for (const [groupId, rows] of Object.entries(answersOf(record) || {})) {
      if (!Array.isArray(rows)) continue;
      sources[sheetId] ??= {};
      sources[sheetId][groupId] = Object.fromEntries(
        keyedRows(record, groupId).map(({ key, row }) => [key, row]));
    }
  }
  return sources;
}
