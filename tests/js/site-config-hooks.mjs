// Module hooks (node:module `register`) for the tests: `./site-config.js`, imported from
// worksheets/assets/, becomes the module the build writes, with test values for the site.

import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const ASSETS = new URL("../../worksheets/assets/", import.meta.url).href;
// A file address, so the module's own `new URL("../../", import.meta.url)` works.
const SITE_CONFIG = "file:///onward-test-site/assets/onward/site-config.js";
const MAKE_SITE_CONFIG = `
import sys
from worksheets.builder.site_config import site_config_js
sys.stdout.write(site_config_js(runtime_version="test", python_init={}, namespace="test",
                                site_name="Onward tests", offline=False))
`;

function python() {
  if (process.env.ONWARD_PYTHON) return process.env.ONWARD_PYTHON;
  const venv = `${ROOT}.venv/bin/python`;
  return existsSync(venv) ? venv : "python3";
}

let source = null;
function siteConfigSource() {
  source ??= execFileSync(python(), ["-c", MAKE_SITE_CONFIG], { cwd: ROOT, encoding: "utf8" });
  return source;
}

export async function resolve(specifier, context, nextResolve) {
  const fromAssets = specifier === "./site-config.js" && context.parentURL?.startsWith(ASSETS);
  if (fromAssets || specifier === `${ASSETS}site-config.js`) {
    return { url: SITE_CONFIG, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (url === SITE_CONFIG) {
    return { format: "module", source: siteConfigSource(), shortCircuit: true };
  }
  // The browser's files are ES modules; saying so spares Node guessing (and warning).
  if (url.startsWith(ASSETS) && url.endsWith(".js")) {
    return nextLoad(url, { ...context, format: "module" });
  }
  return nextLoad(url, context);
}
