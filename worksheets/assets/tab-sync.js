// Tab sync: the same worksheet open in two tabs. Each answer carries the time of its last
// edit, so saving merges field by field (the latest edit of a field wins) and a tab takes
// in whatever another tab changed, through the browser's `storage` events.

const timeOf = (times, field) => (Object.hasOwn(times, field) ? times[field] : 0);

// Two versions of one record, merged field by field by edit time. `local` is what this tab
// is about to save; `stored` is what storage holds now (perhaps written by another tab).
export function mergeRecords(stored, local) {
  if (!stored || !stored.answers) return local;
  const answers = {};
  const times = {};
  const storedTimes = stored.times || {};
  const localTimes = local.times || {};
  const fields = new Set([...Object.keys(stored.answers), ...Object.keys(local.answers)]);
  for (const field of fields) {
    if (field === "__proto__") continue; // never a field id; only a damaged record has it
    const takeStored = timeOf(storedTimes, field) > timeOf(localTimes, field) ||
      !Object.hasOwn(local.answers, field);
    const source = takeStored ? stored : local;
    if (Object.hasOwn(source.answers, field)) answers[field] = source.answers[field];
    const time = timeOf(takeStored ? storedTimes : localTimes, field);
    if (time) times[field] = time;
  }
  const earlier = { ...(stored.earlier || {}), ...(local.earlier || {}) };
  return { ...local, answers, times, earlier, createdAt: stored.createdAt || local.createdAt };
}

// When each field of one form was last edited (here, or in another tab we took it from).
export class FieldClock {
  constructor(times) {
    this.times = { ...(times || {}) };
  }

  // The top-level field an edit belongs to: rows change as a whole.
  touch(name) {
    if (name) this.times[name.split(".")[0]] = Date.now();
  }

  // True when `record` (just written by another tab) lacks an edit made here: a field this
  // tab changed later than the record says it was changed.
  lostIn(record) {
    const theirs = (record && record.times) || {};
    return Object.entries(this.times).some(([field, time]) =>
      time > (Object.hasOwn(theirs, field) ? theirs[field] : 0));
  }

  // The answers of `record` that are newer than what this tab has, now taken as ours.
  takeNewer(record) {
    const newer = {};
    for (const [field, time] of Object.entries(record.times || {})) {
      if (time > (Object.hasOwn(this.times, field) ? this.times[field] : 0)) {
        newer[field] = record.answers[field];
        this.times[field] = time;
      }
    }
    return newer;
  }
}

// Other tabs of this browser write to the same storage; tell the store what they changed.
export function watchOtherTabs(store) {
  addEventListener("storage", (event) => {
    if (event.storageArea !== store.storage) return;
    // key null: the whole storage was cleared elsewhere.
    if (event.key === null || event.key.startsWith(store.prefix)) {
      store.externalChange(event.key, event.newValue);
    }
  });
}
