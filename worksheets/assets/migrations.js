// Migrations: the steps that carry a worksheet's answers forward to its current version,
// as declared beside its definition (rename fields, move a single answer into the first row
// of a repeating field, move choice options), and the "earlier answers" box. The record
// around the answers is answer-record.js's: it calls `migrateAnswers` before the visitor
// can type. Nothing is dropped: an answer the current worksheet has no place for is
// returned, to be kept in `earlier` and shown.

const isPlainObject = (value) =>
  value !== null && typeof value === "object" && !Array.isArray(value);
const isEmpty = (value) => value === undefined || value === null || value === "" ||
  (Array.isArray(value) && value.length === 0);

// "log.note" names a sub-field inside every row of the repeating field "log".
function splitPath(path) {
  const dot = path.indexOf(".");
  return dot < 0 ? [path, null] : [path.slice(0, dot), path.slice(dot + 1)];
}

function eachRow(answers, rowsId, action) {
  const rows = answers[rowsId];
  if (Array.isArray(rows)) rows.forEach((row) => row && typeof row === "object" && action(row));
}

// A single answer moved into a repeating field ("question" to "stories.question") goes to
// its first row, made if there is none: one answer becomes the first entry of a list. A
// first row that already holds that part keeps it, and the old answer stays where it was,
// to be kept as an earlier answer.
function moveIntoFirstRow(answers, times, rowKeys, from, toField, toSub) {
  if (!Object.hasOwn(answers, from)) return;
  if (answers[toField] === undefined) answers[toField] = [];
  const rows = answers[toField];
  if (!Array.isArray(rows)) return;
  if (!rows.length) rows.push({});
  const first = rows[0];
  if (!isPlainObject(first) ||
      (Object.hasOwn(first, toSub) && !isEmpty(first[toSub]))) return;
  first[toSub] = answers[from];
  delete answers[from];
  if (times && Object.hasOwn(times, from)) {
    const keys = rowKeys && Array.isArray(rowKeys[toField]) ? rowKeys[toField] : [];
    const key = typeof keys[0] === "string" ? keys[0] : "i0";
    times[`${toField}.${key}.${toSub}`] = times[from];
    times[toField] = Math.max(times[toField] || 0, times[from]);
    delete times[from];
  }
}

function renameIn(answers, times, rowKeys, from, to) {
  const [fromField, fromSub] = splitPath(from);
  const [toField, toSub] = splitPath(to);
  if (fromSub === null && toSub !== null) {
    moveIntoFirstRow(answers, times, rowKeys, from, toField, toSub);
  } else if (fromSub === null && toSub === null) {
    if (!Object.hasOwn(answers, from)) return;
    answers[to] = answers[from];
    delete answers[from];
    if (times && Object.hasOwn(times, from)) { times[to] = times[from]; delete times[from]; }
  } else if (fromSub !== null && toSub !== null && fromField === toField) {
    eachRow(answers, fromField, (row) => {
      if (Object.hasOwn(row, fromSub)) { row[toSub] = row[fromSub]; delete row[fromSub]; }
    });
  } else {
    console.warn(`Onward: a migration can't move ${from} to ${to}; answers kept as they were`);
  }
}

function mapValue(value, mapping) {
  if (Array.isArray(value)) {
    return value.map((item) => typeof item === "string" && Object.hasOwn(mapping, item)
      ? mapping[item] : item);
  }
  return typeof value === "string" && Object.hasOwn(mapping, value) ? mapping[value] : value;
}

function mapOptions(answers, path, mapping) {
  const [field, sub] = splitPath(path);
  if (sub === null) {
    if (Object.hasOwn(answers, field)) answers[field] = mapValue(answers[field], mapping);
  } else {
    eachRow(answers, field, (row) => {
      if (Object.hasOwn(row, sub)) row[sub] = mapValue(row[sub], mapping);
    });
  }
}


// Takes out of `answers` whatever `fields` has no place for; returns it keyed by path.
function sweep(answers, fields, prefix, found) {
  const byId = new Map(fields.map((field) => [field.id, field]));
  for (const [key, value] of Object.entries(answers)) {
    const field = byId.get(key);
    const path = `${prefix}${key}`;
    if (!field) {
      if (!isEmpty(value)) found[path] = value;
      delete answers[key];
    } else if (field.fields && Array.isArray(value)) {
      value.forEach((row, index) => {
        if (row && typeof row === "object") sweep(row, field.fields, `${path}.${index + 1}.`, found);
      });
    } else if (field.values) {
      sweepValues(answers, key, field.values.map(String), path, found);
    }
  }
  return found;
}

function sweepValues(answers, key, allowed, path, found) {
  const value = answers[key];
  if (Array.isArray(value)) {
    const unknown = value.filter((item) => !allowed.includes(String(item)));
    if (unknown.length) {
      found[path] = unknown;
      answers[key] = value.filter((item) => allowed.includes(String(item)));
    }
  } else if (!isEmpty(value) && !allowed.includes(String(value))) {
    found[path] = value;
    answers[key] = "";
  }
}

// Moves `answers` (and their edit `times`) in place from version `from` to the schema's,
// step by step; returns what the current fields have no place for, keyed by path.
// `rowKeys` (the record's) names the first row whose edit time a moved answer takes.
export function migrateAnswers(answers, times, schema, from, rowKeys = {}) {
  for (let version = from; version < schema.version; version += 1) {
    const step = schema.migrations.find((migration) => migration.from_version === version);
    if (!step) continue;
    for (const [old, name] of Object.entries(step.rename)) {
      renameIn(answers, times, rowKeys, old, name);
    }
    for (const [path, mapping] of Object.entries(step.options)) mapOptions(answers, path, mapping);
  }
  return sweep(answers, schema.fields, "", {});
}

function labelFor(path, schema) {
  const parts = path.split(".");
  const top = schema && schema.fields.find((field) => field.id === parts[0]);
  const words = (id) => id.replaceAll("_", " ").replace(/^./, (c) => c.toUpperCase());
  if (parts.length === 1) return top ? top.label : words(parts[0]);
  const sub = top && top.fields && top.fields.find((field) => field.id === parts[2]);
  const rowLabel = top ? top.label : words(parts[0]);
  return `${rowLabel}, entry ${parts[1]}: ${sub ? sub.label : words(parts.slice(2).join("."))}`;
}

function asText(value) {
  if (Array.isArray(value)) return value.map(asText).filter(Boolean).join(", ");
  if (value && typeof value === "object") {
    return Object.entries(value).filter(([, v]) => !isEmpty(v))
      .map(([k, v]) => `${k}: ${asText(v)}`).join("; ");
  }
  return value === undefined || value === null ? "" : String(value);
}

// "Earlier answers": what an older version of this worksheet held that it no longer asks.
export function showEarlier(form, earlier, schema) {
  let box = form.querySelector(":scope > [data-worksheet-earlier]");
  const entries = Object.entries(earlier || {});
  if (!entries.length) {
    if (box) box.remove();
    return;
  }
  if (!box) {
    box = document.createElement("details");
    box.className = "onward-earlier";
    box.dataset.worksheetEarlier = "";
    form.querySelector("[data-worksheet-status]").after(box);
  }
  const summary = document.createElement("summary");
  summary.textContent = `Earlier answers (${entries.length})`;
  const note = document.createElement("p");
  note.textContent = "This worksheet has changed since you answered it. These answers no " +
    "longer have a place in it; they are kept here, and in your backup file.";
  const list = document.createElement("ul");
  for (const [path, entry] of entries) {
    const item = document.createElement("li");
    const value = entry && typeof entry === "object" && "value" in entry ? entry.value : entry;
    item.textContent = `${labelFor(path.replace(/ \(\d+\)$/, ""), schema)}: ${asText(value)}`;
    list.append(item);
  }
  box.replaceChildren(summary, note, list);
}
