// Onward entry point: wires worksheets on every page Material shows, including pages
// reached by instant navigation. Python starts only on pages that need it.
//
// The worksheet modules are imported up front, not on demand: a form bound after the page
// loaded would miss what a visitor (or a script) typed into it before, and not save it.

import { siteConfig, siteRoot } from "./site-config.js";
import { AnswersStore } from "./answers-store.js";
import { callPython, pythonReady, startPython } from "./python-client.js";
import { showContinue, showPlan } from "./plan-view.js";
import { bindWorksheet } from "./worksheet-form.js";
import { setUpData } from "./data-controls.js";
import { watchOtherTabs } from "./tab-sync.js";
import { keepPythonOffline, startOffline } from "./offline-support.js";
import { keepSkipLinkOnPage } from "./skip-link.js";

const store = new AnswersStore(siteConfig.namespace || siteRoot.pathname);
const site = { name: siteConfig.siteName || document.title, address: siteRoot.href };
watchOtherTabs(store);
const active = new Set();
let pageStart = 0;

// Python for this page, started (and offered to the offline copy) on first use.
function pythonStarted() {
  const started = startPython(siteConfig);
  keepPythonOffline(started);
  return started;
}

const python = {
  ready: pythonReady,
  compute: (request) => {
    pythonStarted();
    return callPython("compute", request);
  },
  // My plan starts Python only when there are answers to summarise (plan-view.js).
  plan: (request) => {
    pythonStarted();
    return callPython("plan", request);
  },
};

function showPlanIn(plan) {
  showPlan(plan, { store, python, onOutput: markOutput });
}

// Unlocked, imported or erased: My plan, if shown, is gathered again.
store.subscribe((change) => {
  const plan = document.querySelector("[data-onward-plan]");
  if (change.all && plan) showPlanIn(plan);
});

function markOutput() {
  // First result on this page: what "time to a useful page" is measured by.
  const output = siteConfig.contract.marks.output;
  if (!performance.getEntriesByName(output).some((m) => m.startTime >= pageStart)) {
    performance.mark(output);
  }
}

// A page is set up in two tasks. First, at once, what a visitor types into: banners, data
// controls and every form bound, before the page's load event (so nothing typed is
// missed). Then, as a task of its own, My plan or the home page's "continue", which read
// every saved record: one long task holds a phone's main thread (every tap and keystroke
// waits behind it), and Lighthouse counts it as blocking time. A newer page (instant
// navigation) stops the set-up of the one it replaced.
let visits = 0;
const nextTask = () => (globalThis.scheduler?.yield
  ? globalThis.scheduler.yield() // continues ahead of other waiting tasks where supported
  : new Promise((resolve) => setTimeout(resolve, 0)));

async function setUpPage() {
  const visit = ++visits;
  for (const worksheet of active) worksheet.flush();
  active.clear();
  pageStart = performance.now();
  const forms = [...document.querySelectorAll("form[data-worksheet]")];
  if (forms.length) pythonStarted(); // at once: the worksheet's result needs it
  setUpData(store, site); // banners, backup controls, schemas for migrating answers
  for (const form of forms) {
    active.add(bindWorksheet(form, { store, python, onOutput: markOutput }));
  }
  await nextTask();
  if (visit !== visits) return;
  const plan = document.querySelector("[data-onward-plan]");
  if (plan) showPlanIn(plan);
  const resume = document.querySelector("[data-onward-continue]"); // the home page's
  if (resume) showContinue(resume, store);
}

function flushAll() {
  for (const worksheet of active) worksheet.flush();
}

addEventListener("pagehide", flushAll);
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "hidden") flushAll();
});

// A small, stable handle for hosts' own checks and the browser tests.
globalThis.onward = Object.freeze({
  store,
  ping: (value) => {
    startPython(siteConfig);
    return callPython("ping", value);
  },
});

keepSkipLinkOnPage();
startOffline(siteRoot, { enabled: siteConfig.offline !== false });

// This module loads `async`, so Material's own start (DOMContentLoaded) never waits for it,
// and it may run while the page is still arriving: the pages are set up once Material's
// `document$` is there (it replays the page it shows), or with another theme, once the
// page is parsed.
function whenPageParsed(run) {
  if (document.readyState !== "loading") run();
  else document.addEventListener("DOMContentLoaded", run, { once: true });
}

whenPageParsed(() => {
  if (globalThis.document$ && typeof globalThis.document$.subscribe === "function") {
    globalThis.document$.subscribe(setUpPage); // Material: runs for every page it shows
  } else {
    setUpPage(); // another theme: one page per load
  }
});
