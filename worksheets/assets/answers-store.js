// Answers store: every worksheet's answers in this browser only, under a namespace that
// belongs to this copy of the site, so two copies on one origin never see each other's.

const FORMAT = 1;

function probeStorage() {
  // Reading localStorage can itself throw (blocked cookies, some private modes).
  try {
    const storage = globalThis.localStorage;
    const probe = "onward:probe";
    storage.setItem(probe, probe);
    storage.removeItem(probe);
    return { storage, problem: null };
  } catch (error) {
    return { storage: null, problem: describeStorageError(error) };
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

export class AnswersStore {
  constructor(namespace) {
    this.prefix = `onward:${namespace}:`;
    this.memory = new Map(); // fallback: answers live only in this tab
    const { storage, problem } = probeStorage();
    this.storage = storage;
    this.problem = problem;
  }

  key(worksheetId) {
    return `${this.prefix}answers:${worksheetId}`;
  }

  load(worksheetId) {
    const key = this.key(worksheetId);
    if (this.memory.has(key)) return this.memory.get(key);
    if (!this.storage) return null;
    try {
      const text = this.storage.getItem(key);
      return text ? JSON.parse(text) : null;
    } catch (error) {
      console.error("Onward: stored answers could not be read", key, error);
      return null;
    }
  }

  // Returns null when saved, or a sentence saying why the answers are only in this tab.
  save(worksheetId, version, answers) {
    const key = this.key(worksheetId);
    const record = { format: FORMAT, worksheet: worksheetId, version, answers,
      savedAt: new Date().toISOString() };
    if (this.storage) {
      try {
        this.storage.setItem(key, JSON.stringify(record));
        this.memory.delete(key);
        this.problem = null;
        return null;
      } catch (error) {
        this.problem = describeStorageError(error);
      }
    }
    this.memory.set(key, record);
    return this.problem;
  }

  // Every worksheet record this copy of the site has stored (for My plan and export).
  all() {
    const records = {};
    if (this.storage) {
      try {
        for (let index = 0; index < this.storage.length; index += 1) {
          const key = this.storage.key(index);
          if (key && key.startsWith(`${this.prefix}answers:`)) {
            const record = this.load(key.slice(this.prefix.length + "answers:".length));
            if (record) records[record.worksheet] = record;
          }
        }
      } catch (error) {
        console.error("Onward: stored answers could not be listed", error);
      }
    }
    for (const record of this.memory.values()) records[record.worksheet] = record;
    return records;
  }
}
