// Form values: read a worksheet form into plain answers and write answers back into it.
// The shape is the one Python reads (worksheets/compute/answers.py).

const ROW_KEY = "__row__";
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

function writeField(field, value, makeRow) {
  const type = field.dataset.fieldType;
  if (type === "rows") {
    const list = field.querySelector("[data-rows]");
    list.replaceChildren();
    for (const row of Array.isArray(value) ? value : []) {
      const element = makeRow(field);
      list.append(element);
      writeScope(element, row, makeRow);
    }
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

export function writeScope(scope, answers, makeRow) {
  if (!answers || typeof answers !== "object") return;
  for (const field of ownFields(scope)) {
    if (Object.hasOwn(answers, field.dataset.field)) {
      writeField(field, answers[field.dataset.field], makeRow);
    }
  }
}

// A fresh row from the field's template, with ids and names unique in the page.
export function rowFactory() {
  let sequence = 0;
  return (field) => {
    sequence += 1;
    const key = `r${Date.now().toString(36)}${sequence}`;
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
