// dates.js: "today" is the visitor's own calendar date, not UTC's.

import assert from "node:assert/strict";
import { test } from "node:test";
import { asset } from "./assets.mjs";

const { localToday } = await asset("dates.js");

test("today is the local date as YYYY-MM-DD", () => {
  const before = new Date();
  const today = localToday();
  const after = new Date();
  assert.match(today, /^\d{4}-\d{2}-\d{2}$/);
  const local = (d) => [d.getFullYear(), d.getMonth() + 1, d.getDate()]
    .map((n, i) => String(n).padStart(i ? 2 : 4, "0")).join("-");
  assert.ok([local(before), local(after)].includes(today)); // midnight may pass between
});
