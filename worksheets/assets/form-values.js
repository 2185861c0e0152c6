// Form values: read a worksheet form into plain answers and write answers back into it.
// The shape is the one Python reads (worksheets/compute/answers.py).

import { readReference, writeReference } from "./references.js";
import { siteConfig } from "./site-config.js";

// What a row template's ids and names hold where a row's key goes (contract.py's ROW_KEY).
const ROW_KEY = siteConfig.contract.rowKey;
const TEXT_TYPES = new Set(["short_text", "long_text", "number", "date"]);

// Fields that belong directly to `scope`, not to a row nested inside it.
export function ownFields(scope) {
  const rowOfScope = scope.closest("[data-row]");
  return [...scope.querySelectorAll("[data-field]")].filter(
    (field) => field.parentElement.closest("[data-row]") === rowOfScope);
}

function controls(field) {
  return [...field.querySelectorAll("input, textarea")].filter(
    (control) => control.closest("[data-field]") === field);
}

export function rowsOf(field) {
  return [...field.querySelector("[data-rows]").children];
}

function readField(field) {
  const type = field.dataset.fieldType;
  if (type === "rows") return rowsOf(field).map(readScope);
  if (type === "reference") return readReference(field.querySelector("select"));
  const inputs = controls(field);
  if (type === "multiple_choice" || type === "checklist") {
    return inputs.filter((input) => input.checked).map((input) => input.value);
  }
  const radios = inputs.filter((input) => input.type === "radio");
  if (radios.length) return (radios.find((input) => input.checked) || { value: "" }).value;
  return inputs[0] ? inputs[0].value : "";
}

export function readScope(scope) {
  const answers = {};
  for (const field of ownFields(scope)) answers[field.dataset.field] = readField(field);
  return answers;
}

// The stable key of every row, per rows field: `{ <rows id>: [key, ...] }`.
export function readRowKeys(scope) {
  const keys = {};
  for (const field of ownFields(scope)) {
    if (field.dataset.fieldType === "rows") keys[field.dataset.field] = rowsOf(field).map(rowKey);
  }
  return keys;
}

const rowKey = (row) => row.dataset.row;

// Rows written in place: a row whose key is already shown keeps its element (and the
// visitor's focus and caret in it); others are made, dropped or moved into order.
function writeRows(field, value, keys, makeRow) {
  const rows = Array.isArray(value) ? value : [];
  const list = field.querySelector("[data-rows]");
  const shown = new Map(rowsOf(field).map((row) => [rowKey(row), row]));
  const wanted = rows.map((row, index) => {
    const key = typeof keys[index] === "string" ? keys[index] : `i${index}`;
    const element = shown.get(key) || makeRow(field, key);
    writeScope(element, row, makeRow);
    return element;
  });
  const keep = new Set(wanted);
  for (const element of shown.values()) if (!keep.has(element)) element.remove();
  wanted.forEach((element, index) => {
    if (list.children[index] !== element) list.insertBefore(element, list.children[index] || null);
  });
}

function writeField(field, value, makeRow, keys) {
  const type = field.dataset.fieldType;
  if (type === "rows") {
    writeRows(field, value, keys || [], makeRow);
    return;
  }
  if (type === "reference") {
    writeReference(field.querySelector("select"), value);
    return;
  }
  const inputs = controls(field);
  if (type === "multiple_choice" || type === "checklist" || inputs.some((i) => i.type === "radio")) {
    const chosen = new Set(Array.isArray(value) ? value.map(String) : [String(value ?? "")]);
    for (const input of inputs) input.checked = chosen.has(input.value);
  } else if (inputs[0] && (TEXT_TYPES.has(type) || type === "scale")) {
    inputs[0].value = typeof value === "string" || typeof value === "number" ? String(value) : "";
  }
}

// `rowKeys`: the stable key of each row, per rows field (see tab-sync.js); rows without
// one are keyed by position, `i<index>`, the same in every tab.
export function writeScope(scope, answers, makeRow, rowKeys = {}) {
  if (!answers || typeof answers !== "object") return;
  for (const field of ownFields(scope)) {
    const id = field.dataset.field;
    if (Object.hasOwn(answers, id)) {
      const keys = rowKeys && Object.hasOwn(rowKeys, id) ? rowKeys[id] : [];
      writeField(field, answers[id], makeRow, Array.isArray(keys) ? keys : []);
    }
  }
}

// A row from the field's template, with ids and names unique in the page. A new row gets
// a fresh key, unique across tabs too (time, sequence and a random part); a stored row
// keeps its own (a row key is part of each control's name, and of edit times).
export function rowFactory() {
  let sequence = 0;
  return (field, given) => {
    sequence += 1;
    const random = Math.floor(Math.random() * 36 ** 4).toString(36);
    const key = typeof given === "string" && /^[a-z0-9]{1,40}$/.test(given) ? given
      : `r${Date.now().toString(36)}${sequence}${random}`;
    const template = field.querySelector(":scope > template[data-row-template]");
    const row = template.content.firstElementChild.cloneNode(true);
    for (const node of [row, ...row.querySelectorAll("*")]) {
      for (const name of ["id", "for", "name", "aria-describedby", "data-row"]) {
        const value = node.getAttribute(name);
        if (value && value.includes(ROW_KEY)) node.setAttribute(name, value.replaceAll(ROW_KEY, key));
      }
    }
    return row;
  };
}
