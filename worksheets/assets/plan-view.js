// My plan: gathers every worksheet saved in this browser, asks Python for one summary per
// worksheet, and offers the result as Markdown or print.

import { downloadFile } from "./file-download.js";
import { renderBlocks } from "./result-view.js";
import { localToday } from "./dates.js";

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

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

function showProgress(root, answered) {
  for (const item of root.querySelectorAll("[data-plan-progress-item]")) {
    const done = answered.includes(item.dataset.planProgressItem);
    item.querySelector("[data-plan-state]").textContent = done ? "answers saved" : "not started yet";
    item.classList.toggle("onward-plan__done", done);
  }
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
  showProgress(root, []);
  if (store.locked) {
    status.textContent = "Your answers are locked: enter your passphrase at the top of this " +
      "page to see your plan.";
    return;
  }
  const records = store.all();
  if (!order.some((id) => records[id])) {
    root.querySelector("[data-plan-empty]").hidden = false;
    status.textContent = "No answers are saved in this browser yet.";
    return;
  }
  status.textContent = "Gathering your answers…";
  let plan;
  try {
    plan = await python.plan({ records, order, today: localToday() });
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
  showProgress(root, plan.answered);
  for (const id of plan.answered) {
    showSummary(root.querySelector(`[data-plan-worksheet="${CSS.escape(id)}"]`),
      plan.summaries[id]);
  }
  if (!plan.answered.length) root.querySelector("[data-plan-empty]").hidden = false;
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
