// Backup: every answer of this copy of the site as one JSON file, and back again. Import
// is strict about what it accepts (shape, size, format version, no prototype keys) and
// lenient about what it keeps (worksheets this site does not have are kept too).
//
// The file, format version 1:
//   { "format": "onward-answers", "formatVersion": 1,
//     "site": { "name": "...", "address": "https://...", "copy": "<storage namespace>" },
//     "exportedAt": "<ISO time>",
//     "worksheets": [ { "id": "...", "version": 2, "savedAt": "<ISO time>",
//                       "answers": { ... }, "earlierAnswers": { ... } } ] }

import { fromBackupEntry, migrateRecord, savedAtOf, toBackupEntry, withRecord }
  from "./answer-record.js";
import { downloadFile } from "./file-download.js";
import { siteConfig } from "./site-config.js";

export const BACKUP_FORMAT = "onward-answers";
export const BACKUP_VERSION = 1;
export const MAX_BACKUP_BYTES = 5 * 1024 * 1024;
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const WORKSHEET_ID = new RegExp(siteConfig.contract.worksheetIdPattern);
const MAX_DEPTH = 8;

const isPlainObject = (value) =>
  value !== null && typeof value === "object" && !Array.isArray(value);

export function buildBackup(store, site, now = new Date()) {
  const records = store.all();
  const worksheets = Object.keys(records).sort() // records has no prototype
    .map((id) => toBackupEntry(id, records[id]));
  return { format: BACKUP_FORMAT, formatVersion: BACKUP_VERSION,
    site: { name: site.name, address: site.address, copy: store.namespace },
    exportedAt: now.toISOString(), worksheets };
}

// Downloads the backup and notes when, for the quiet reminder.
export function downloadBackup(store, site) {
  const backup = buildBackup(store, site);
  const day = backup.exportedAt.slice(0, 10);
  downloadFile(`onward-answers-${day}.json`, `${JSON.stringify(backup, null, 2)}\n`,
    "application/json");
  store.setMeta({ lastBackupAt: backup.exportedAt, remindAfter: null });
  return backup;
}

function refuse(reason) {
  return { ok: false, reason };
}

// An answer is text, a number, true/false, a list, or a row of those: nothing else.
function answerProblem(value, depth) {
  if (depth > MAX_DEPTH) return "its answers are nested too deeply";
  if (value === null || ["string", "number", "boolean"].includes(typeof value)) return null;
  const children = Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value)
    : null;
  if (children === null) return "an answer is neither text, a number nor a list";
  for (const child of children) {
    const problem = answerProblem(child, depth + 1);
    if (problem) return problem;
  }
  return null;
}

function entryProblem(entry) {
  if (!isPlainObject(entry)) return "it is not a worksheet entry";
  if (typeof entry.id !== "string" || !WORKSHEET_ID.test(entry.id)) {
    return "its id is not a worksheet id";
  }
  if (!Number.isInteger(entry.version) || entry.version < 1) {
    return "its version is not a whole number";
  }
  if (!isPlainObject(entry.answers)) return "its answers are missing";
  if (entry.savedAt !== undefined && (typeof entry.savedAt !== "string" ||
      Number.isNaN(Date.parse(entry.savedAt)))) return "its savedAt is not a date and time";
  if (entry.earlierAnswers !== undefined && !isPlainObject(entry.earlierAnswers)) {
    return "its earlierAnswers are not in the expected shape";
  }
  return answerProblem(entry.answers, 0) ||
    (entry.earlierAnswers ? answerProblem(entry.earlierAnswers, 0) : null);
}

// { ok: true, backup } or { ok: false, reason }: the reason completes "Nothing was imported: ".
export function parseBackup(text, byteSize = new Blob([text]).size) {
  if (byteSize > MAX_BACKUP_BYTES) {
    return refuse("the file is larger than 5 MB, far more than a backup of answers");
  }
  let forbidden = null;
  let data;
  try {
    data = JSON.parse(text, (key, value) => {
      if (FORBIDDEN_KEYS.has(key)) forbidden = key;
      return value;
    });
  } catch {
    return refuse("the file is not a backup file from this site (it is not JSON)");
  }
  if (forbidden) {
    return refuse(`the file contains a key named "${forbidden}", which a backup file never has`);
  }
  if (!isPlainObject(data) || data.format !== BACKUP_FORMAT) {
    return refuse("the file is not an Onward backup file (it does not say " +
      `"format": "${BACKUP_FORMAT}")`);
  }
  if (!Number.isInteger(data.formatVersion) || data.formatVersion < 1) {
    return refuse("the file does not say which backup format version it uses");
  }
  if (data.formatVersion > BACKUP_VERSION) {
    return refuse(`the file was made by a newer version of this site (backup format ` +
      `${data.formatVersion}; this copy reads format ${BACKUP_VERSION}). Open it with the ` +
      "copy of the site that made it, or ask its host to update this one");
  }
  if (!Array.isArray(data.worksheets)) return refuse("the file has no list of worksheets");
  const seen = new Set();
  for (const [index, entry] of data.worksheets.entries()) {
    const problem = entryProblem(entry);
    if (problem) return refuse(`worksheet ${index + 1} in the file is damaged: ${problem}`);
    if (seen.has(entry.id)) return refuse(`the worksheet "${entry.id}" appears twice`);
    seen.add(entry.id);
  }
  if (!data.worksheets.length) return refuse("the file holds no answers");
  return { ok: true, backup: data };
}

// --- Checking a backup's answers against each worksheet's fields ----------------------

const LIST_TYPES = new Set(["multiple_choice", "checklist"]);
const kindOf = (value) => (Array.isArray(value) ? "a list" : value === null ? "empty"
  : typeof value === "object" ? "a group of answers" : typeof value);

class Unfit extends Error {}

// One answer as the form stores it, coerced where that is safe (a number where text was
// expected becomes that text); throws Unfit with the words for what cannot be kept.
function fitValue(value, field, where) {
  if (field.type === "rows") return fitRows(value, field, where);
  if (field.type === "reference") return fitReference(value, where);
  if (value === null) return LIST_TYPES.has(field.type) ? [] : "";
  if (LIST_TYPES.has(field.type)) {
    const items = Array.isArray(value) ? value : [value];
    return items.map((item) => {
      if (typeof item === "string") return item;
      if (typeof item === "number" || typeof item === "boolean") return String(item);
      throw new Unfit(`${where} holds ${kindOf(item)} among its choices, where only ` +
        "options can be");
    });
  }
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new Unfit(`${where} is ${kindOf(value)}, where this worksheet keeps one answer`);
}

// A pick of another worksheet's entry (see references.js): "", text typed before the
// field was a reference, or { row, label, snapshot } with plain values only.
function fitReference(value, where) {
  if (value === null) return "";
  if (typeof value === "string") return value;
  const plain = (item) => typeof item === "string" || typeof item === "number";
  if (isPlainObject(value) && typeof value.row === "string" && typeof value.label === "string"
      && (value.snapshot === undefined || (isPlainObject(value.snapshot)
        && Object.values(value.snapshot).every(plain)))) {
    return { row: value.row, label: value.label, snapshot: { ...(value.snapshot || {}) } };
  }
  throw new Unfit(`${where} is ${kindOf(value)}, where this worksheet keeps a picked entry`);
}

function fitRows(value, field, where) {
  if (!Array.isArray(value)) {
    throw new Unfit(`${where} is ${kindOf(value)}, where this worksheet keeps a list of entries`);
  }
  return value.map((row, index) => {
    const rowName = `entry ${index + 1} of "${field.label}"`;
    if (!isPlainObject(row)) {
      throw new Unfit(`${rowName} is ${kindOf(row)}, not an entry`);
    }
    return fitAnswers(row, field.fields || [], `in ${rowName}`);
  });
}

// The answers with each known field fitted; fields the schema does not know are left for
// the migration to keep as earlier answers.
function fitAnswers(answers, fields, context = "") {
  const fitted = { ...answers };
  for (const field of fields) {
    if (!Object.hasOwn(answers, field.id)) continue;
    const where = `its answer to "${field.label}"${context ? ` ${context}` : ""}`;
    fitted[field.id] = fitValue(answers[field.id], field, where);
  }
  return fitted;
}

// Each entry for a worksheet of this site, moved to its current version and fitted to its
// fields: { accepted: [entries], refused: [{ id, title, reason }] }. `schemas` is a Map.
export function checkBackup(backup, schemas) {
  const accepted = [];
  const refused = [];
  for (const entry of backup.worksheets) {
    const schema = schemas.get(entry.id);
    if (!schema) {
      accepted.push(entry); // not a worksheet here: kept as it is, never shown or computed
      continue;
    }
    const { record } = migrateRecord(fromBackupEntry(entry), schema);
    try {
      accepted.push(withRecord(entry, record, fitAnswers(record.answers, schema.fields)));
    } catch (error) {
      if (!(error instanceof Unfit)) throw error;
      refused.push({ id: entry.id, title: schema.title, reason: error.message });
    }
  }
  return { accepted, refused };
}

// What importing would do, worksheet by worksheet, compared with what is stored here.
// `schemas` is a Map: an id from the file ("constructor") must never find something else.
export function previewImport(backup, store, schemas) {
  const here = store.rawRecords();
  return backup.worksheets.map((entry) => {
    const schema = schemas.get(entry.id);
    const title = schema ? schema.title : entry.id;
    const current = Object.hasOwn(here, entry.id) ? here[entry.id] : null;
    const theirs = Date.parse(entry.savedAt || "");
    const ours = current ? Date.parse(savedAtOf(current)) : NaN;
    let relation;
    if (!current) relation = "nothing saved here yet";
    else if (Number.isNaN(theirs) || Number.isNaN(ours)) relation = "replaces the answers here";
    else if (theirs > ours) relation = "newer than the answers here";
    else if (theirs < ours) relation = "older than the answers here, which it replaces";
    else relation = "the same as the answers here";
    const note = schema ? "" : " (not a worksheet on this site: kept, not shown)";
    return { id: entry.id, text: `${title}${note}: ${relation}`, known: Boolean(schema) };
  });
}
