// Worksheet form: restores saved answers, autosaves every change, manages repeating rows,
// and asks Python for the result. Typing and saving never wait for Python.

import { ownFields, readRowKeys, readScope, rowFactory, rowsOf, writeScope }
  from "./form-values.js";
import { localToday } from "./dates.js";
import { renderBlocks, renderNotice } from "./result-view.js";
import { showEarlier } from "./migrations.js";
import { FieldClock } from "./tab-sync.js";
import { allRowKeysOf, answersOf, earlierOf, formRecord, mergeRecords, timesOf }
  from "./answer-record.js";
import { referenceSources, refreshReferences, sourcesFor } from "./references.js";

const SAVE_DELAY_MS = 400;
const COMPUTE_DELAY_MS = 500;

function debounce(action, delay) {
  let timer = null;
  const run = () => { clearTimeout(timer); timer = null; action(); };
  const schedule = () => { clearTimeout(timer); timer = setTimeout(run, delay); };
  schedule.flush = () => { if (timer !== null) run(); };
  schedule.pending = () => timer !== null;
  schedule.cancel = () => { clearTimeout(timer); timer = null; };
  return schedule;
}

// For the result: the first change after a quiet spell is computed at once when Python is
// ready, so the first keystroke's result does not wait out the delay; changes that follow
// within `delay` of it wait for a pause, so fast typing does not queue a compute per key.
function firstAtOnce(action, delay, ready) {
  const later = debounce(action, delay);
  let quietFrom = 0;
  const schedule = () => {
    const now = performance.now();
    if (ready() && !later.pending() && now >= quietFrom) action();
    else later();
    quietFrom = now + delay;
  };
  return Object.assign(schedule, { flush: later.flush, pending: later.pending,
    cancel: later.cancel });
}

function hasContent(scope) {
  return [...scope.querySelectorAll("input, textarea, select")].some((control) =>
    (control.type === "radio" || control.type === "checkbox") ? control.checked
      : control.type !== "date" && control.value.trim() !== "");
}

function renumber(field) {
  const rows = rowsOf(field);
  rows.forEach((row, index) => {
    row.querySelector("[data-row-number]").textContent = String(index + 1);
    row.querySelector('[data-row-action="up"]').disabled = index === 0;
    row.querySelector('[data-row-action="down"]').disabled = index === rows.length - 1;
    nameRowActions(row);
  });
}

// The row buttons show only an icon: each one's name says which entry it acts on
// ("Move up, Check-in 2"), since every row has the same three.
function nameRowActions(row) {
  const entry = row.querySelector("legend")?.textContent.trim();
  if (!entry) return;
  for (const button of row.querySelectorAll(":scope > fieldset > .onward-row__actions > button")) {
    button.dataset.rowActionText ??= button.textContent.trim();
    button.setAttribute("aria-label", `${button.dataset.rowActionText}, ${entry}`);
  }
}

class WorksheetForm {
  constructor(form, { store, python, onOutput }) {
    this.form = form;
    this.id = form.dataset.worksheet;
    this.version = Number(form.dataset.worksheetVersion);
    this.store = store;
    this.python = python;
    this.onOutput = onOutput;
    this.status = form.querySelector("[data-worksheet-status]");
    this.idleStatus = this.status.textContent; // what it says before anything is saved
    this.result = form.querySelector("[data-worksheet-result]");
    this.makeRow = rowFactory();
    this.computeSeq = 0;
    this.lastAsked = ""; // the last compute request sent, as JSON
    this.savesWaiting = 0; // saves queued behind another tab's (Web Locks)
    this.save = debounce(() => this.saveNow(), SAVE_DELAY_MS);
    this.compute = firstAtOnce(() => this.computeNow(), COMPUTE_DELAY_MS, python.ready);
    this.schema = JSON.parse(form.dataset.worksheetSchema || "null");
    this.sources = referenceSources(form); // other worksheets this one picks rows of
    this.renamed = [];
    this.store.useSchema(this.schema);
  }

  start() {
    // Migrated to this version before the visitor can type; saved at once when it moved.
    const { record, changed } = this.store.loadMigrated(this.id);
    this.applyRecord(record, false);
    if (this.store.problem || this.store.locked || this.store.shared) {
      this.showStatus(this.store.problem, Boolean(this.store.problem));
    }
    this.form.addEventListener("input", (event) => this.changed(event.target.name));
    this.form.addEventListener("change", (event) => this.changed(event.target.name));
    this.form.addEventListener("click", (event) => this.onClick(event));
    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.stopListening = this.store.subscribe((change) => this.onStoreChange(change));
    if (changed) this.saveNow();
    else if (this.renamed.length) this.saveRenamed();
    this.computeNow();
  }

  // Shows a stored record (or an empty form); `reset` clears what the form shows first.
  applyRecord(record, reset) {
    this.clock = new FieldClock(timesOf(record));
    this.earlier = earlierOf(record);
    const answers = answersOf(record);
    if (answers) writeScope(this.form, answers, this.makeRow, allRowKeysOf(record));
    else if (reset) writeScope(this.form, emptyAnswers(this.form), this.makeRow);
    if (!answers) this.dateEmptyRows();
    this.form.querySelectorAll("[data-field-type='rows']").forEach(renumber);
    this.refreshReferences();
    showEarlier(this.form, this.earlier, this.schema);
    this.form.inert = this.store.locked; // nothing to show or save until unlocked
  }

  // Lists other worksheets' rows in the reference selects; a picked row renamed there is
  // saved here under its new name (saved, not just shown: the name outlives the row).
  refreshReferences() {
    this.renamed = refreshReferences(this.form, this.store);
    return this.renamed.length > 0;
  }

  // Answers changed elsewhere: another tab, an import, an erase, a lock or unlock.
  onStoreChange(change) {
    if (!this.form.isConnected) {
      this.stopListening(); // the page was swapped by instant navigation
      return;
    }
    if (!change.all && this.sources.has(change.worksheet)) {
      if (this.refreshReferences()) this.saveRenamed();
      this.compute();
      return;
    }
    if (change.all) {
      this.save.cancel();
      this.applyRecord(this.store.load(this.id), true);
      if (this.store.problem || this.store.hasPassphrase || this.store.shared) {
        // Unlocked: the status says the answers are saved, and locked at rest.
        this.showStatus(this.store.problem, Boolean(this.store.problem));
      } else {
        this.status.textContent = this.idleStatus;
        this.status.classList.remove("onward-status--problem");
      }
    } else if (change.worksheet === this.id && change.record === null) {
      this.save.cancel();
      this.applyRecord(null, true);
    } else if (change.worksheet === this.id) {
      // Another tab's write may have replaced an edit of ours (it merged with a copy of
      // storage that did not have it yet): write ours again, merged with theirs.
      if (this.clock.lostIn(change.record)) this.save();
      if (!this.takeIn(change.record)) return;
    } else {
      if (change.lock) this.showStatus(this.store.problem, Boolean(this.store.problem));
      return;
    }
    this.compute();
  }

  // Shows what another tab changed later than this one, answer by answer (row by row in
  // rows); returns whether anything on the form changed.
  takeIn(record) {
    if (!answersOf(record)) return false;
    const shown = readScope(this.form);
    const shownKeys = readRowKeys(this.form);
    const merged = mergeRecords(record, formRecord(shown, { ...this.clock.times }, shownKeys));
    this.clock.takeTimes(timesOf(merged));
    const mergedKeys = allRowKeysOf(merged);
    const changed = {};
    for (const [field, value] of Object.entries(answersOf(merged))) {
      const keys = Object.hasOwn(mergedKeys, field) ? mergedKeys[field] : null;
      if (JSON.stringify(value) !== JSON.stringify(shown[field]) ||
          (keys && JSON.stringify(keys) !== JSON.stringify(shownKeys[field]))) {
        changed[field] = value;
      }
    }
    if (!Object.keys(changed).length) return false;
    writeScope(this.form, changed, this.makeRow, mergedKeys);
    this.form.querySelectorAll("[data-field-type='rows']").forEach(renumber);
    if (this.refreshReferences()) this.saveRenamed();
    return true;
  }

  // A dated log's first, pre-rendered row gets today's date, as added rows do.
  dateEmptyRows() {
    for (const input of this.form.querySelectorAll("[data-dated] [data-field='date'] input")) {
      if (!input.value) input.value = localToday();
    }
  }

  saveRenamed() {
    for (const name of this.renamed) this.clock.touch(name);
    this.renamed = [];
    this.save();
  }

  changed(name) {
    this.clock.touch(name);
    this.store.watchUnload(true); // storage refusing: ask before a reload, even mid-debounce
    this.save();
    this.compute();
  }

  // The page is going away (hidden, closed, swapped): write now, without waiting for a lock.
  flush() {
    if (!this.save.pending() && !this.savesWaiting) return;
    this.save.cancel();
    this.saveNow({ urgent: true });
  }

  showStatus(problem, failed) {
    if (this.store.locked) {
      this.status.textContent = "Locked: enter your passphrase at the top of this page to " +
        "see and change your answers.";
      failed = false;
    } else if (failed) {
      this.status.textContent = this.store.problem ? this.store.problemText()
        : `Not saved: ${problem}.`;
    } else {
      this.status.textContent = this.store.savedText();
    }
    this.status.classList.toggle("onward-status--problem", failed);
  }

  saveNow({ urgent = false } = {}) {
    const saved = this.store.save(this.id, this.version, readScope(this.form),
      { times: { ...this.clock.times }, rowKeys: readRowKeys(this.form), earlier: this.earlier,
        urgent });
    if (!(saved instanceof Promise)) {
      this.showStatus(saved, saved !== null);
      return;
    }
    this.savesWaiting += 1;
    saved.then((problem) => this.showStatus(problem, problem !== null))
      .finally(() => { this.savesWaiting -= 1; });
  }

  onClick(event) {
    const button = event.target.closest("[data-row-action]");
    if (!button || !this.form.contains(button)) return;
    const field = button.closest("[data-field-type='rows']");
    const row = button.closest("[data-row]");
    const action = button.dataset.rowAction;
    if (action === "add") this.addRow(field);
    else if (action === "remove") this.removeRow(field, row);
    else this.moveRow(field, row, action, button);
    renumber(field);
    this.changed(field.dataset.field);
  }

  addRow(field) {
    const row = this.makeRow(field);
    field.querySelector("[data-rows]").append(row);
    this.refreshReferences(); // the new row's select lists the source's rows too
    this.dateEmptyRows();
    renumber(field);
    const first = row.querySelector("input:not([type=date]), textarea") || row.querySelector("input");
    if (first) first.focus();
  }

  removeRow(field, row) {
    // A row with answers in it is someone's work: ask before it goes.
    if (hasContent(row) && !window.confirm("Remove this entry and its answers?")) return;
    const rows = rowsOf(field);
    const index = rows.indexOf(row);
    this.clock.removed(field.dataset.field, row.dataset.row); // stays removed in other tabs
    row.remove();
    const left = rowsOf(field);
    const focusTarget = left[Math.min(index, left.length - 1)];
    (focusTarget ? focusTarget.querySelector('[data-row-action="remove"]')
      : field.querySelector('[data-row-action="add"]')).focus();
  }

  moveRow(field, row, direction, button) {
    const sibling = direction === "up" ? row.previousElementSibling : row.nextElementSibling;
    if (!sibling) return;
    if (direction === "up") sibling.before(row);
    else sibling.after(row);
    renumber(field);
    // Keep focus on the moved row; if its button is now disabled, use the other one.
    const other = row.querySelector(`[data-row-action="${direction === "up" ? "down" : "up"}"]`);
    (button.disabled ? other : button).focus();
  }

  async computeNow() {
    const request = { worksheet: this.id, answers: readScope(this.form), today: localToday(),
      sources: sourcesFor(this.form, this.store) };
    // A text box's `change` (when the focus leaves it) repeats its last `input`: the same
    // answers again. Drawing the same result anew would pull it from under a keyboard user
    // who is tabbing into it, so only a different request is worked out.
    const asked = JSON.stringify(request);
    if (asked === this.lastAsked) return;
    this.lastAsked = asked;
    const sequence = ++this.computeSeq;
    if (!this.python.ready()) {
      renderNotice(this.result, "Loading the part that works out your result. Your answers " +
        "are already being saved.");
    }
    try {
      const response = await this.python.compute(request);
      if (sequence !== this.computeSeq) return; // a newer change is on its way
      if (response.ok) {
        renderBlocks(this.result, response.blocks);
        this.onOutput();
      } else {
        console.error(`Onward: compute for ${this.id} failed`, response.traceback);
        renderNotice(this.result, "Something went wrong while working out your result. Your " +
          "answers are saved; try changing an answer, or reload the page.");
      }
    } catch (error) {
      if (sequence !== this.computeSeq) return;
      console.error("Onward: Python is not available", error);
      renderNotice(this.result, "Your result can't be worked out in this browser right now, " +
        "because its Python part did not load. Your answers are still saved as you type.");
    }
  }
}

// What an untouched form holds: every field empty, and one empty entry in each row list.
function emptyAnswers(form) {
  return Object.fromEntries(ownFields(form).map((field) =>
    [field.dataset.field, field.dataset.fieldType === "rows" ? [{}] : ""]));
}

export function bindWorksheet(form, services) {
  if (form.onwardWorksheet) return form.onwardWorksheet; // setup is safe to run twice
  const worksheet = new WorksheetForm(form, services);
  form.onwardWorksheet = worksheet;
  worksheet.start();
  return worksheet;
}
