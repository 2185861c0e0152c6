import { test } from "node:test";
import assert from "node:assert/strict";
import { asset } from "./assets.mjs";
const { parseBackup } = await asset("backup.js");
const fv = await asset("form-values.js");
const ar = await asset("answer-record.js");
test("smoke", () => { assert.equal(parseBackup("x").ok, false); });
