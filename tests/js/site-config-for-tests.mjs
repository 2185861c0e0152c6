// The site-config.js module the tests' hooks make (the build's own output), for tests that
// need the shared values themselves.

import "./assets.mjs"; // registers the hooks first

export const { siteConfig, siteRoot } = await import(
  new URL("../../worksheets/assets/site-config.js", import.meta.url).href);
