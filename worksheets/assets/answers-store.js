// Answers store: every worksheet's answers in this browser only, under a namespace that
// belongs to this copy of the site, so two copies on one origin never see each other's.
// Answers live in localStorage; in shared-computer mode in sessionStorage (gone when the
// tab closes); in memory when the browser refuses both; with a passphrase, as one vault
// encrypted at rest. What a record holds is answer-record.js's business: this module only
// keeps records, keyed `onward:<namespace>:answers:<worksheet id>`.

import { newLock, openVault, sealVault, unlockKey } from "./answers-crypto.js";
import { answersById, createdAtOf, createRecord, importedRecord, mergeRecords, migrateRecord,
  savedAtOf, worksheetOf } from "./answer-record.js";

const ANSWERS = "answers:";
const VAULT = "vault";
const META = "meta";
const SHARED = "shared";
const REMIND_AFTER_MS = 14 * 24 * 3600 * 1000;

// Where answers go when the browser refuses storage: this tab, until it closes.
class MemoryStorage {
  constructor() { this.items = new Map(); }
  get length() { return this.items.size; }
  key(index) { return [...this.items.keys()][index] ?? null; }
  getItem(key) { return this.items.has(key) ? this.items.get(key) : null; }
  setItem(key, value) { this.items.set(key, String(value)); }
  removeItem(key) { this.items.delete(key); }
}

// Reading never depends on writing: a storage that can be read but refuses a test write
// (full, or read-only) is still used to show what it holds; `problem` says why saving fails.
function probe(name) {
  let storage;
  try {
    // Reading the storage can itself throw (blocked cookies, some private modes).
    storage = globalThis[name];
    storage.getItem("onward:probe");
  } catch (error) {
    return { storage: null, problem: describeStorageError(error) };
  }
  try {
    const key = "onward:probe";
    storage.setItem(key, key);
    storage.removeItem(key);
    return { storage, problem: null };
  } catch (error) {
    return { storage, problem: describeStorageError(error) };
  }
}

export function describeStorageError(error) {
  const name = error && error.name;
  if (name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED") {
    return "this browser's storage for the site is full";
  }
  if (name === "SecurityError") return "this browser blocks storage for the site";
  return "this browser would not store them";
}

function keysOf(storage) {
  const keys = [];
  for (let index = 0; index < storage.length; index += 1) keys.push(storage.key(index));
  return keys.filter(Boolean);
}

// What My plan and the home page read from each saved record: its answers and when they
// were last saved, by worksheet id (no prototype: "__proto__" is just an id). Locked
// answers read as none.
export function savedAnswers(store) {
  return answersById(store.all());
}

export class AnswersStore {
  constructor(namespace) {
    this.namespace = namespace;
    this.prefix = `onward:${namespace}:`;
    this.schemas = new Map();
    this.listeners = new Set();
    this.unsaved = new Map(); // records the browser refused to store: this tab only
    this.lock = null; // { key, kdf, records } while a passphrase lock is open
    this.vaultWrites = Promise.resolve();
    this.persistAsked = false;
    this.open();
  }

  open() {
    const session = probe("sessionStorage");
    this.session = session.storage;
    this.shared = Boolean(this.session && this.session.getItem(this.prefix + SHARED) === "1");
    const chosen = this.shared ? session : probe("localStorage");
    this.storage = chosen.storage || new MemoryStorage();
    this.durable = chosen.storage !== null;
    this.problem = chosen.problem;
  }

  key(worksheetId) {
    return `${this.prefix}${ANSWERS}${worksheetId}`;
  }

  readJson(name) {
    try {
      const text = this.storage.getItem(this.prefix + name);
      return text ? JSON.parse(text) : null;
    } catch (error) {
      console.error("Onward: stored answers could not be read", name, error);
      return null;
    }
  }

  // A vault in storage that this page has no key for: nothing can be read until unlocked.
  get locked() {
    return !this.lock && this.readJson(VAULT) !== null;
  }

  get hasPassphrase() {
    return Boolean(this.lock) || this.locked;
  }

  savedText() {
    if (this.problem) return this.problemText();
    if (this.shared) {
      return "Saved in this tab only: shared computer mode wipes it when you close the tab.";
    }
    return this.lock ? "Saved in this browser, locked with your passphrase."
      : "Saved in this browser.";
  }

  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(change) {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        console.error("Onward: a view of the answers could not be updated", error);
      }
    }
  }

  // --- Reading ----------------------------------------------------------------------

  useSchema(schema) {
    if (schema && typeof schema.id === "string") this.schemas.set(schema.id, schema);
  }

  rawRecord(worksheetId) {
    if (this.unsaved.has(worksheetId)) return this.unsaved.get(worksheetId);
    if (this.lock) {
      return Object.hasOwn(this.lock.records, worksheetId) ? this.lock.records[worksheetId] : null;
    }
    if (this.locked) return null;
    return this.readJson(ANSWERS + worksheetId);
  }

  // Keyed by worksheet id with no prototype: an id such as "constructor" is just an id.
  rawRecords() {
    const records = Object.create(null);
    if (this.lock) Object.assign(records, this.lock.records);
    else if (!this.locked) {
      try {
        for (const key of keysOf(this.storage)) {
          if (!key.startsWith(this.prefix + ANSWERS)) continue;
          const record = this.readJson(key.slice(this.prefix.length));
          const id = worksheetOf(record);
          if (id !== null) records[id] = record;
        }
      } catch (error) {
        console.error("Onward: stored answers could not be listed", error);
      }
    }
    for (const [id, record] of this.unsaved) records[id] = record;
    return records;
  }

  // The record moved forward to the worksheet's current version, when its schema is known.
  loadMigrated(worksheetId) {
    const record = this.rawRecord(worksheetId);
    const schema = record && this.schemas.get(worksheetId);
    return schema ? migrateRecord(record, schema) : { record, changed: false };
  }

  load(worksheetId) {
    return this.loadMigrated(worksheetId).record;
  }

  // Every worksheet record this copy of the site has stored (for My plan and export).
  all() {
    const records = Object.create(null);
    for (const id of Object.keys(this.rawRecords())) records[id] = this.load(id);
    return records;
  }

  // --- Writing ----------------------------------------------------------------------

  // Returns (a promise of) null when saved, or a sentence saying why the answers are only
  // in this tab. Read, merge and write happen under a Web Lock named after the record, so
  // two tabs saving the same worksheet take turns and each merges with the other's write;
  // `urgent` (the page is going away) writes at once, as browsers without locks always do.
  save(worksheetId, version, answers, { times = {}, earlier = {}, rowKeys = null,
    urgent = false } = {}) {
    if (this.locked) return "your answers are locked; unlock them with your passphrase first";
    const write = () => this.saveMerged(worksheetId, version, answers,
      { times, earlier, rowKeys });
    const locks = globalThis.navigator && navigator.locks;
    if (urgent || this.lock || !locks || typeof locks.request !== "function") return write();
    return locks.request(this.key(worksheetId), write).catch((error) => {
      console.warn("Onward: saving without a lock", error);
      return write();
    });
  }

  saveMerged(worksheetId, version, answers, { times, earlier, rowKeys }) {
    const local = createRecord(worksheetId, version, answers, { times, earlier, rowKeys });
    return this.put(worksheetId, mergeRecords(this.load(worksheetId), local));
  }

  put(worksheetId, record) {
    const before = this.problem;
    if (this.lock) {
      this.lock.records[worksheetId] = record;
      this.writeVault();
    } else if (this.write(worksheetId, record)) {
      if (this.durable) this.problem = null;
      this.retryUnsaved();
    } else {
      this.unsaved.set(worksheetId, record);
    }
    if (!this.problem) this.askToPersist();
    if (this.problem !== before) this.notify({ problem: this.problem });
    this.watchUnload();
    return this.problem;
  }

  write(worksheetId, record) {
    try {
      this.storage.setItem(this.key(worksheetId), JSON.stringify(record));
      this.unsaved.delete(worksheetId);
      return true;
    } catch (error) {
      this.problem = describeStorageError(error);
      return false;
    }
  }

  // Storage takes writes again: what only this tab held goes in too, merged with storage.
  retryUnsaved() {
    for (const [id, record] of [...this.unsaved]) {
      const stored = this.readJson(ANSWERS + id);
      if (!this.write(id, mergeRecords(stored, record))) return;
    }
  }

  // True while some answers exist only in this tab's memory: a reload would lose them.
  get hasUnstored() {
    if (this.unsaved.size) return true;
    return !this.durable && !this.lock && this.ownKeys(this.storage)
      .some((key) => key.startsWith(this.prefix + ANSWERS));
  }

  // The browser asks before a reload or a full-page link only while that would lose answers.
  // `coming`: an edit is on its way that storage will refuse (a save is waiting to run).
  watchUnload(coming = false) {
    const needed = this.hasUnstored || (coming && Boolean(this.problem) && !this.lock);
    if (needed && !this.onUnload) {
      this.onUnload = (event) => {
        event.preventDefault();
        event.returnValue = ""; // older browsers ask only when this is set
      };
      addEventListener("beforeunload", this.onUnload);
    } else if (!needed && this.onUnload) {
      removeEventListener("beforeunload", this.onUnload);
      this.onUnload = null;
    }
  }

  // What the status line says when answers could not be stored, including what a reload does.
  problemText() {
    const retry = this.durable ? " Once the browser has room again, your next change is " +
      "saved with everything this tab is holding." : "";
    if (this.durable && !this.hasUnstored) {
      // Opened read-only: what is stored is safe; only what comes next is at risk.
      return `Not saved: ${this.problem}. Answers saved earlier are shown and stay safe; a ` +
        "change you make now is kept only in this tab until you close it, and reloading the " +
        `page or leaving the guide before it is saved loses it.${retry}`;
    }
    return `Not saved: ${this.problem}. Your answers are kept only in this tab until you ` +
      "close it: reloading the page or leaving the guide loses them, so download your " +
      `answers to keep them.${retry}`;
  }

  // Once something is saved, ask the browser not to evict it under storage pressure.
  askToPersist() {
    if (this.persistAsked || this.shared || !this.durable) return;
    this.persistAsked = true;
    const storage = globalThis.navigator && navigator.storage;
    if (!storage || typeof storage.persist !== "function") return;
    Promise.resolve(typeof storage.persisted === "function" ? storage.persisted() : false)
      .then((persisted) => persisted || storage.persist())
      .catch((error) => console.warn("Onward: persistent storage was not granted", error));
  }

  meta() {
    return this.readJson(META) || {};
  }

  setMeta(changes) {
    try {
      this.storage.setItem(this.prefix + META, JSON.stringify({ ...this.meta(), ...changes }));
    } catch (error) {
      console.warn("Onward: a note about backups could not be stored", error);
    }
    this.notify({ meta: true });
  }

  // A quiet reminder: answers exist that no backup holds, and the oldest is two weeks old.
  backupDue(now = Date.now()) {
    const records = Object.values(this.rawRecords());
    const meta = this.meta();
    if (!records.length || (meta.remindAfter && Date.parse(meta.remindAfter) > now)) return false;
    const last = meta.lastBackupAt ? Date.parse(meta.lastBackupAt) : null;
    const notBackedUp = records.filter((r) => last === null || Date.parse(savedAtOf(r)) > last);
    if (!notBackedUp.length) return false;
    const since = last ?? Math.min(...records.map((r) => Date.parse(createdAtOf(r))));
    return now - since > REMIND_AFTER_MS;
  }

  // Records from a backup file replace those with the same id; the others stay.
  importRecords(entries) {
    if (this.locked) return "your answers are locked; unlock them with your passphrase first";
    const now = Date.now();
    let problem = null;
    for (const entry of entries) {
      problem = this.put(entry.id, importedRecord(entry, now)) || problem;
    }
    this.notify({ all: true });
    return problem;
  }

  // --- This copy's keys only, wherever they are --------------------------------------

  ownKeys(storage, { withMode = false } = {}) {
    const names = [ANSWERS, VAULT, META, ...(withMode ? [SHARED] : [])];
    return keysOf(storage).filter((key) => key.startsWith(this.prefix) &&
      names.some((name) => key.slice(this.prefix.length).startsWith(name)));
  }

  areas() {
    const areas = new Set([this.storage]);
    for (const name of ["localStorage", "sessionStorage"]) {
      try {
        if (globalThis[name]) areas.add(globalThis[name]);
      } catch {
        // Blocked: nothing of ours can be in it.
      }
    }
    return [...areas];
  }

  // Every answer of this copy of the site, in every storage of this browser; nothing else.
  eraseAll() {
    for (const storage of this.areas()) {
      try {
        for (const key of this.ownKeys(storage)) storage.removeItem(key);
      } catch (error) {
        console.error("Onward: answers could not be erased from one storage area", error);
      }
    }
    this.unsaved.clear();
    this.lock = null;
    this.notify({ all: true });
  }

  // --- Shared-computer mode -----------------------------------------------------------

  setShared(on) {
    if (!this.session) return "this browser blocks storage for a single tab";
    let local = null;
    try {
      local = globalThis.localStorage;
    } catch {
      local = null;
    }
    const [from, to] = on ? [local, this.session] : [this.session, local];
    try {
      if (from && to) {
        for (const key of this.ownKeys(from)) {
          to.setItem(key, from.getItem(key));
          from.removeItem(key);
        }
      }
      if (on) this.session.setItem(this.prefix + SHARED, "1");
      else this.session.removeItem(this.prefix + SHARED);
    } catch (error) {
      return describeStorageError(error);
    }
    this.open();
    this.notify({ all: true });
    return null;
  }

  // --- Passphrase lock ----------------------------------------------------------------

  writeVault() {
    const { key, kdf } = this.lock;
    const snapshot = JSON.parse(JSON.stringify({ records: this.lock.records }));
    this.vaultWrites = this.vaultWrites.then(async () => {
      const vault = await sealVault(key, kdf, snapshot);
      if (!this.lock || this.lock.key !== key) return; // locked or removed meanwhile
      this.storage.setItem(this.prefix + VAULT, JSON.stringify(vault));
    }).catch((error) => {
      console.error("Onward: locked answers could not be stored", error);
      this.problem = describeStorageError(error);
      this.notify({ problem: this.problem });
    });
    return this.vaultWrites;
  }

  async setPassphrase(passphrase) {
    const records = this.rawRecords();
    const { key, kdf } = await newLock(passphrase);
    this.lock = { key, kdf, records };
    await this.writeVault();
    if (this.readJson(VAULT) === null) {
      this.lock = null;
      return this.problem || "the locked answers could not be stored";
    }
    for (const storageKey of keysOf(this.storage)) {
      if (storageKey.startsWith(this.prefix + ANSWERS)) this.storage.removeItem(storageKey);
    }
    this.unsaved.clear();
    this.notify({ lock: true });
    return null;
  }

  // Throws WrongPassphrase (and changes nothing) when the passphrase is not the one set.
  async unlock(passphrase) {
    const vault = this.readJson(VAULT);
    if (!vault) return;
    const { key, value } = await unlockKey(passphrase, vault);
    this.lock = { key, kdf: vault.kdf, records: value.records || {} };
    this.notify({ all: true });
  }

  async lockNow() {
    await this.vaultWrites;
    this.lock = null;
    this.notify({ all: true });
  }

  async removePassphrase() {
    if (!this.lock) return "unlock your answers first";
    await this.vaultWrites;
    try {
      for (const [id, record] of Object.entries(this.lock.records)) {
        this.storage.setItem(this.key(id), JSON.stringify(record));
      }
      this.storage.removeItem(this.prefix + VAULT);
    } catch (error) {
      return describeStorageError(error);
    }
    this.lock = null;
    this.notify({ lock: true });
    return null;
  }

  // --- Changes made by another tab (see tab-sync.js) ---------------------------------

  externalChange(key, newValue) {
    if (key === null) {
      this.notify({ all: true });
    } else if (key === this.prefix + VAULT) {
      this.vaultChanged(newValue);
    } else if (key === this.prefix + META) {
      this.notify({ meta: true });
    } else if (key.startsWith(this.prefix + ANSWERS) && !this.lock) {
      const id = key.slice((this.prefix + ANSWERS).length);
      this.notify({ worksheet: id, record: newValue === null ? null : this.load(id) });
    }
  }

  async vaultChanged(text) {
    if (!text || !this.lock) {
      // Erased or unlocked for good elsewhere, or locked here: show what storage holds now.
      this.lock = null;
      this.notify({ all: true });
      return;
    }
    try {
      const value = await openVault(this.lock.key, JSON.parse(text));
      for (const [id, theirs] of Object.entries(value.records || {})) {
        if (id === "__proto__") continue; // never a worksheet id
        const ours = Object.hasOwn(this.lock.records, id) ? this.lock.records[id] : null;
        this.lock.records[id] = ours ? mergeRecords(theirs, ours) : theirs;
        const schema = this.schemas.get(id);
        this.notify({ worksheet: id, record: schema ? migrateRecord(theirs, schema).record
          : theirs });
      }
    } catch (error) {
      // Another tab set a new passphrase: this page's key no longer opens the vault.
      console.warn("Onward: the answers were locked again in another tab", error);
      this.lock = null;
      this.notify({ all: true });
    }
  }
}
