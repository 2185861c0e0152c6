// Tab sync: the same worksheet open in two tabs. Each answer carries the time of its last
// edit (a form's FieldClock), so saving merges answer by answer (the latest edit wins; the
// merge is answer-record.js's `mergeRecords`) and a tab takes in whatever another tab
// changed, through the browser's `storage` events.
//
// A clock's keys are control names: a field id; `<rows>.<row key>.<sub-field>` inside
// repeating rows, so two tabs editing different parts of one row both keep their edit;
// `<rows>` alone when rows were last added or moved, and `<rows>.<row key>` when that row
// was removed.

import { missesEdits } from "./answer-record.js";

const timeOf = (times, key) => (times && Object.hasOwn(times, key) ? times[key] : 0);

// When each answer of one form was last edited (here, or in another tab we took it from).
export class FieldClock {
  constructor(times) {
    this.times = { ...(times || {}) };
  }

  // `name` is a control's name: a field id, or `<rows>.<row key>.<sub-field>` in a row;
  // a rows field's own id when its rows were added or moved.
  touch(name) {
    if (name) this.times[name] = Date.now();
  }

  // Row `key` of rows field `field` was removed here.
  removed(field, key) {
    this.times[`${field}.${key}`] = Date.now();
  }

  // True when `record` (just written by another tab) lacks an edit made here: something
  // this tab changed later than the record says it was changed.
  lostIn(record) {
    return missesEdits(record, this.times);
  }

  // Every time in `times` newer than this tab's, taken as ours.
  takeTimes(times) {
    for (const [key, time] of Object.entries(times || {})) {
      if (time > timeOf(this.times, key)) this.times[key] = time;
    }
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
