// Data controls: the visitor's tools for keeping answers safe. Brings the `onward-data`
// region to life (export, import with preview, erase, shared computer, passphrase lock),
// and shows the page-wide banners (shared-computer mode, locked answers) and each
// worksheet's quiet notices (answers not being kept, a backup reminder).

import { checkBackup, downloadBackup, MAX_BACKUP_BYTES, parseBackup, previewImport }
  from "./backup.js";
import { lockAvailable, WrongPassphrase } from "./answers-crypto.js";
import { el } from "./dom.js";

const SNOOZE_MS = 14 * 24 * 3600 * 1000;
const schemas = new Map(); // by worksheet id; a Map, so ids from files find only schemas
let stopListening = null;

function button(label, onClick, primary = false) {
  const node = el("button", label, primary ? "md-button md-button--primary" : "md-button");
  node.type = "button";
  node.addEventListener("click", onClick);
  return node;
}

function registerSchemas(store) {
  const sources = [...document.querySelectorAll("[data-onward-schemas]")]
    .map((node) => node.dataset.onwardSchemas);
  for (const text of sources) {
    try {
      for (const schema of Object.values(JSON.parse(text))) schemas.set(schema.id, schema);
    } catch (error) {
      console.error("Onward: the worksheet list on this page could not be read", error);
    }
  }
  for (const form of document.querySelectorAll("form[data-worksheet-schema]")) {
    try {
      const schema = JSON.parse(form.dataset.worksheetSchema);
      schemas.set(schema.id, schema);
    } catch (error) {
      console.error("Onward: a worksheet's field list could not be read", error);
    }
  }
  for (const schema of schemas.values()) store.useSchema(schema);
}

// Runs for every page Material shows; everything it adds is rebuilt, never duplicated.
export function setUpData(store, site) {
  if (stopListening) stopListening();
  registerSchemas(store);
  const refresh = () => refreshPage(store, site);
  stopListening = store.subscribe(refresh);
  for (const region of document.querySelectorAll("[data-onward-data]")) {
    bindRegion(region, store, site);
  }
  refresh();
}

function refreshPage(store, site) {
  showBanner("shared", store.shared ? sharedBanner(store, site) : null);
  showBanner("locked", store.locked ? lockedBanner(store) : null);
  for (const form of document.querySelectorAll("form[data-worksheet]")) {
    showFormNotices(form, store, site);
  }
  for (const region of document.querySelectorAll("[data-onward-data]")) {
    refreshRegion(region, store);
  }
}

// --- Page banners --------------------------------------------------------------------

function showBanner(kind, make) {
  const existing = document.querySelector(`[data-onward-banner="${kind}"]`);
  if (!make) {
    if (existing) existing.remove();
    return;
  }
  if (existing) return; // keep what the visitor may be typing into it
  const banner = make;
  banner.dataset.onwardBanner = kind;
  const top = document.querySelector(".md-content__inner") || document.querySelector("main") ||
    document.body;
  top.prepend(banner);
}

function sharedBanner(store, site) {
  const banner = el("div", undefined, "onward-banner");
  banner.setAttribute("role", "region");
  banner.setAttribute("aria-label", "Shared computer mode");
  const text = el("p");
  text.append(el("strong", "Shared computer mode is on. "),
    "Your answers are kept only in this tab and wiped when you close it. Download them " +
    "first if you want to keep them.");
  const actions = el("p", undefined, "onward-data__buttons");
  actions.append(button("Download your answers", () => downloadBackup(store, site), true),
    button("Turn off", () => store.setShared(false)));
  banner.append(text, actions);
  return banner;
}

function lockedBanner(store) {
  const banner = el("div", undefined, "onward-banner");
  banner.setAttribute("role", "region");
  banner.setAttribute("aria-label", "Locked answers");
  const id = "onward-unlock-pass";
  const label = el("label", "Passphrase");
  label.htmlFor = id;
  const input = el("input");
  Object.assign(input, { type: "password", id, autocomplete: "current-password" });
  input.dataset.unlockPass = "";
  const message = el("p", "", "onward-data__note");
  message.setAttribute("role", "status");
  const unlock = async () => {
    message.textContent = "Unlocking…";
    try {
      await store.unlock(input.value);
    } catch (error) {
      if (!(error instanceof WrongPassphrase)) throw error;
      message.textContent = "That passphrase is not the one these answers were locked with. " +
        "Nothing was changed; try again.";
      input.select();
    }
  };
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") unlock();
  });
  const row = el("p", undefined, "onward-data__buttons");
  row.append(label, input, button("Unlock", unlock, true));
  const forgot = el("p", "Forgot it? Nobody can recover locked answers. You can erase them " +
    "and start again: ", "onward-data__note");
  const confirmBox = el("span");
  forgot.append(confirmBox);
  confirmInline(confirmBox, "Erase locked answers…", "Erase them for good", () => {
    store.eraseAll();
  });
  const text = el("p");
  text.append(el("strong", "Your answers in this browser are locked. "),
    "Enter your passphrase to see and change them.");
  banner.append(text, row, message, forgot);
  return banner;
}

function confirmInline(container, label, confirmLabel, action) {
  const ask = button(label, () => {
    container.replaceChildren(el("strong", "This can't be undone. "),
      button(confirmLabel, action, true), button("Cancel", () => container.replaceChildren(ask)));
  });
  container.replaceChildren(ask);
}

// --- Notices under a worksheet's status ----------------------------------------------

function showFormNotices(form, store, site) {
  let box = form.querySelector(":scope > [data-worksheet-notices]");
  const children = [];
  if (store.problem) {
    children.push(el("span", "To keep them, download your answers as a file: "),
      button("Download your answers", () => downloadBackup(store, site)));
  } else if (store.backupDue()) {
    children.push(el("span", "Your answers have not been backed up for a while. "),
      button("Download a backup file", () => downloadBackup(store, site)),
      button("Not now", () => store.setMeta({
        remindAfter: new Date(Date.now() + SNOOZE_MS).toISOString() })));
  }
  if (!children.length) {
    if (box) box.remove();
    return;
  }
  if (!box) {
    box = el("p", undefined, "onward-worksheet__notices");
    box.dataset.worksheetNotices = "";
    form.querySelector("[data-worksheet-status]").after(box);
  }
  box.replaceChildren(...children);
}

// --- The data-controls region --------------------------------------------------------

function part(region, name) {
  return region.querySelector(`[data-data-${name}]`);
}

function say(region, text) {
  part(region, "status").textContent = text;
}

function refreshRegion(region, store) {
  const meta = store.meta();
  part(region, "last-backup").textContent = meta.lastBackupAt
    ? `Last backup downloaded from this browser: ${new Date(meta.lastBackupAt).toLocaleString()}.`
    : "No backup has been downloaded from this browser yet.";
  part(region, "reminder").hidden = !store.backupDue();
  region.querySelector('[data-data-action="shared-on"]').hidden = store.shared;
  region.querySelector('[data-data-action="shared-off"]').hidden = !store.shared;
  part(region, "lock-off").hidden = store.hasPassphrase;
  part(region, "lock-on").hidden = !store.lock;
  part(region, "lock-locked").hidden = !store.locked;
}

function bindRegion(region, store, site) {
  if (region.onwardData) return; // setup is safe to run twice
  region.onwardData = { pending: null };
  part(region, "controls").hidden = false;
  region.addEventListener("click", (event) => {
    const action = event.target.closest("[data-data-action]")?.dataset.dataAction;
    if (action) runAction(action, region, store, site);
  });
  part(region, "file").addEventListener("change", (event) => chooseFile(event.target, region,
    store));
}

const ACTIONS = {
  export(region, store, site) {
    if (store.locked) return say(region, "Unlock your answers first: a backup of locked " +
      "answers would be empty.");
    const backup = downloadBackup(store, site);
    return say(region, `Downloaded a backup of ${backup.worksheets.length} worksheets.`);
  },
  snooze(region, store) {
    store.setMeta({ remindAfter: new Date(Date.now() + SNOOZE_MS).toISOString() });
  },
  "import-confirm"(region, store) {
    const pending = region.onwardData.pending;
    if (!pending) return;
    const problem = store.importRecords(pending.accepted);
    closePreview(region);
    const refused = pending.refused.length
      ? ` ${pending.refused.map(refusalText).join(" ")}` : "";
    say(region, problem ? `Imported, but only into this tab: ${problem}.${refused}`
      : `Imported the answers of ${pending.accepted.length} worksheets.${refused}`);
  },
  "import-cancel"(region) {
    closePreview(region);
    say(region, "Nothing was imported.");
  },
  erase(region) {
    part(region, "erase-confirm").hidden = false;
    region.querySelector('[data-data-action="erase-confirm"]').focus();
  },
  "erase-confirm"(region, store) {
    store.eraseAll();
    part(region, "erase-confirm").hidden = true;
    say(region, "Every answer this copy of the guide kept in this browser is erased.");
  },
  "erase-cancel"(region) {
    part(region, "erase-confirm").hidden = true;
    say(region, "Nothing was erased.");
  },
  "shared-on"(region, store) {
    const problem = store.setShared(true);
    say(region, problem ? `Shared computer mode could not start: ${problem}.`
      : "Shared computer mode is on: your answers stay in this tab until you close it.");
  },
  "shared-off"(region, store) {
    const problem = store.setShared(false);
    say(region, problem ? `Shared computer mode is still on: ${problem}.`
      : "Shared computer mode is off: your answers are saved in this browser again.");
  },
  "lock-set": setLock,
  async "lock-now"(region, store) {
    await store.lockNow();
    say(region, "Locked. Enter your passphrase at the top of the page to open your answers.");
  },
  async "lock-remove"(region, store) {
    const problem = await store.removePassphrase();
    say(region, problem ? `The passphrase is still set: ${problem}.`
      : "The passphrase is removed: your answers are saved unencrypted in this browser.");
  },
};

function runAction(action, region, store, site) {
  if (!Object.hasOwn(ACTIONS, action)) return; // a name from the page, never "constructor"
  Promise.resolve(ACTIONS[action](region, store, site)).catch((error) => {
    console.error(`Onward: ${action} failed`, error);
    say(region, "That did not work in this browser. Your answers are as they were.");
  });
}

async function setLock(region, store) {
  const first = part(region, "pass");
  const second = part(region, "pass2");
  if (!lockAvailable()) {
    return say(region, "This browser can only lock answers on a secure (https) page.");
  }
  if (first.value.length < 8) return say(region, "Choose a passphrase of at least 8 characters.");
  if (first.value !== second.value) return say(region, "The two passphrases differ; type them again.");
  say(region, "Locking…");
  const problem = await store.setPassphrase(first.value);
  first.value = "";
  second.value = "";
  return say(region, problem ? `Your answers are not locked: ${problem}.`
    : "Your answers are locked with your passphrase. After a reload, enter it to open them.");
}

function refusalText(item) {
  return `${item.title}: not imported, because ${item.reason}; what is saved here for it ` +
    "stays as it is.";
}

function closePreview(region) {
  region.onwardData.pending = null;
  part(region, "preview").hidden = true;
  part(region, "file").value = "";
}

async function chooseFile(input, region, store) {
  const file = input.files && input.files[0];
  closePreview(region);
  if (!file) return;
  const refuse = (reason) => say(region, `Nothing was imported: ${reason}. What is saved ` +
    "here has not changed.");
  if (file.size > MAX_BACKUP_BYTES) return refuse(parseBackup("", file.size).reason);
  if (store.locked) return refuse("your answers here are locked; unlock them first");
  const result = parseBackup(await file.text(), file.size);
  if (!result.ok) return refuse(result.reason);
  const checked = checkBackup(result.backup, schemas);
  if (!checked.accepted.length) {
    return refuse(checked.refused.map((item) => `${item.title}: ${item.reason}`).join("; "));
  }
  region.onwardData.pending = checked;
  const refusedIds = new Map(checked.refused.map((item) => [item.id, item]));
  const items = previewImport(result.backup, store, schemas).map((item) =>
    refusedIds.has(item.id) ? refusalText(refusedIds.get(item.id)) : item.text);
  part(region, "preview-summary").textContent = `This file holds answers for ` +
    `${items.length} worksheets. Importing replaces the answers here for each of them; ` +
    "worksheets not in the file keep their answers.";
  part(region, "preview-list").replaceChildren(...items.map((text) => el("li", text)));
  part(region, "preview").hidden = false;
  say(region, "Check what the file holds, then choose whether to import it.");
  return null;
}
