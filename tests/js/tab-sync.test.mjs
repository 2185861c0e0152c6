// tab-sync.js' FieldClock: each form's edit times, which decide what a merge keeps.

import assert from "node:assert/strict";
import { test } from "node:test";
import { asset } from "./assets.mjs";

const { FieldClock } = await asset("tab-sync.js");

test("touch and removed stamp the control's name, and a record lacking them has lost them", () => {
  const clock = new FieldClock({ name: 1 });
  clock.touch("story");
  clock.removed("log", "r1");
  assert.ok(clock.times.story > 1);
  assert.ok(clock.times["log.r1"] > 0);
  assert.equal(clock.lostIn({ answers: {}, times: { name: 1 } }), true);
  assert.equal(clock.lostIn({ answers: {}, times: { ...clock.times } }), false);
  clock.touch("");
  assert.equal(Object.hasOwn(clock.times, ""), false);
});

test("takeTimes keeps the newer of each time", () => {
  const clock = new FieldClock({ name: 10, story: 30 });
  clock.takeTimes({ name: 20, story: 5, fresh: 1 });
  assert.deepEqual(clock.times, { name: 20, story: 30, fresh: 1 });
});

test("a clock is its own copy of the times it started from", () => {
  const times = { name: 1 };
  new FieldClock(times).touch("name");
  assert.deepEqual(times, { name: 1 });
  assert.deepEqual(new FieldClock(undefined).times, {});
});
