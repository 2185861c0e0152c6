// Loads the browser's own modules (worksheets/assets/) into Node for the tests. They import
// the build's generated site-config.js, which the source tree does not have: the hooks in
// site-config-hooks.mjs answer that import with the module the build would write, made by
// the build's own code (worksheets/builder/site_config.py), so the tests see the real
// shared values and never a copy of them.

import { register } from "node:module";

register("./site-config-hooks.mjs", import.meta.url);

// `name` is a file in worksheets/assets/, such as "answer-record.js".
export function asset(name) {
  return import(new URL(`../../worksheets/assets/${name}`, import.meta.url).href);
}
