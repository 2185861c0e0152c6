// My plan: gathers every worksheet saved in this browser, asks Python for one summary per
// worksheet, and offers the result as Markdown or print.

import { el } from "./dom.js";
import { downloadFile } from "./file-download.js";
import { renderBlocks } from "./result-view.js";
import { localToday } from "./dates.js";
import { savedAnswers } from "./answers-store.js";
import { allSources } from "./references.js";

const STATE_WORDS = { none: "not started", started: "started", done: "done" };

function showSummary(section, summary) {
  const body = section.querySelector("[data-plan-body]");
  const answers = el("ul", undefined, "onward-plan__answers");
  for (const line of summary.answers) answers.append(el("li", line));
  const result = el("div", undefined, "onward-plan__result");
  renderBlocks(result, summary.result);
  body.replaceChildren(el("p", "Your answers", "onward-result__title"), answers,
    el("p", "Your result", "onward-result__title"), result);
  section.hidden = false;
}

// As Python's Answers.is_empty: any value counts, but a top-level "date" alone (a dated
// log's first row arrives with today's date) is not an answer.
function hasValue(value) {
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.some(hasValue);
  if (value && typeof value === "object") return Object.values(value).some(hasValue);
  return value !== null && value !== undefined;
}

function answeredFields(answers) {
  return Object.keys(answers).filter((key) => key !== "date" && hasValue(answers[key]));
}

// Every question answered; for a list of entries, at least one entry answered in full.
function complete(fields, answers) {
  return fields.every((field) => {
    const value = answers[field.id];
    if (field.type !== "rows") return hasValue(value);
    return Array.isArray(value) && value.some((row) => row && typeof row === "object"
      && complete(field.fields || [], row));
  });
}

// "done" when every question of the worksheet holds an answer, "started" when some do.
export function progressOf(saved, schema) {
  if (!saved || !answeredFields(saved.answers).length) return "none";
  const fields = schema && Array.isArray(schema.fields) ? schema.fields : [];
  return fields.length && complete(fields, saved.answers) ? "done" : "started";
}

function showProgress(root, states) {
  for (const item of root.querySelectorAll("[data-plan-progress-item]")) {
    const state = states[item.dataset.planProgressItem] || "none";
    item.querySelector("[data-plan-state]").textContent = STATE_WORDS[state];
    item.dataset.planProgress = state;
  }
}

function progressFromStorage(saved, store, order) {
  const states = {};
  for (const id of order) states[id] = progressOf(saved[id], store.schemas?.get(id));
  return states;
}

// The home page's "Continue where you left off": the worksheet saved most recently.
export function showContinue(root, store) {
  const saved = savedAnswers(store);
  let latest = null;
  for (const item of root.querySelectorAll("[data-continue-item]")) {
    item.hidden = true;
    const found = saved[item.dataset.continueItem];
    if (found && answeredFields(found.answers).length
        && (!latest || found.savedAt > latest.savedAt)) latest = { item, savedAt: found.savedAt };
  }
  if (latest) latest.item.hidden = false;
  root.hidden = !latest;
}

export async function showPlan(root, { store, python, onOutput }) {
  const status = root.querySelector("[data-onward-plan-status]");
  const order = [...root.querySelectorAll("[data-plan-worksheet]")]
    .map((section) => section.dataset.planWorksheet);
  // Shown again after an erase, an import or an unlock: nothing from before may linger.
  for (const section of root.querySelectorAll("[data-plan-worksheet]")) {
    section.hidden = true;
    section.querySelector("[data-plan-body]").replaceChildren();
  }
  root.querySelector("[data-plan-actions]").hidden = true;
  root.querySelector("[data-plan-empty]").hidden = true;
  delete root.dataset.planReady; // a print now carries the "still being gathered" notice
  // Right at first paint, from storage alone: Python only adds the summaries.
  const saved = savedAnswers(store);
  const states = progressFromStorage(saved, store, order);
  showProgress(root, states);
  if (store.locked) {
    status.textContent = "Your answers are locked: enter your passphrase at the top of this " +
      "page to see your plan.";
    return;
  }
  if (!order.some((id) => states[id] !== "none")) {
    root.querySelector("[data-plan-empty]").hidden = false;
    status.textContent = "No answers are saved in this browser yet.";
    return;
  }
  const started = order.filter((id) => states[id] !== "none").length;
  status.textContent = `Putting together the summary of your ${started === 1 ? "worksheet"
    : `${started} worksheets`}… Your answers are safe; this takes a few seconds.`;
  let plan;
  try {
    // Python gets the answers alone, never how they are stored: { <id>: { field: value } }.
    const answers = Object.fromEntries(Object.entries(saved).map(([id, { answers: a }]) => [id, a]));
    plan = await python.plan({ answers, order, today: localToday(), sources: allSources(store) });
  } catch (error) {
    console.error("Onward: My plan could not be built", error);
    status.textContent = "Your plan can't be put together in this browser right now, because " +
      "its Python part did not load. Your answers are still saved on each step's page.";
    return;
  }
  if (!plan.ok) {
    console.error("Onward: My plan failed", plan.traceback);
    status.textContent = "Something went wrong while putting your plan together. Your answers " +
      "are safe; try reloading the page.";
    return;
  }
  // Python's word on which worksheets hold answers wins, keeping "done" where storage saw it.
  const after = {};
  for (const id of order) {
    after[id] = plan.answered.includes(id) ? (states[id] === "done" ? "done" : "started") : "none";
  }
  showProgress(root, after);
  for (const id of plan.answered) {
    showSummary(root.querySelector(`[data-plan-worksheet="${CSS.escape(id)}"]`),
      plan.summaries[id]);
  }
  if (!plan.answered.length) root.querySelector("[data-plan-empty]").hidden = false;
  root.dataset.planReady = "";
  status.textContent = `You have answers in ${plan.answered.length} of ${order.length} worksheets.`;
  const actions = root.querySelector("[data-plan-actions]");
  actions.hidden = plan.answered.length === 0;
  actions.onclick = (event) => {
    const action = event.target.closest("[data-plan-action]")?.dataset.planAction;
    if (action === "markdown") downloadFile("my-plan.md", plan.markdown, "text/markdown");
    if (action === "print") window.print();
  };
  onOutput();
}
