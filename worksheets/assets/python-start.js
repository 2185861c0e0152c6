// Early start: on a page the build knows has a worksheet, this small module (async, near
// the top of the page) asks for Python as soon as it loads, without waiting for the rest
// of the page's scripts. On a full page load the client takes over the worker the page's
// boot script (python-boot.js) made at first paint; otherwise it creates the worker in the
// next frame that paints.

import { siteConfig } from "./site-config.js";
import { startPython } from "./python-client.js";

// As python-boot.js: My plan with no answers saved needs no Python (onward.js starts it
// when the plan has something to summarise). Any "onward:" key may be an answer.
function planWithoutAnswers() {
  if (!document.querySelector("[data-onward-plan]")) return false;
  if (document.querySelector("form[data-worksheet]")) return false;
  try {
    return ![localStorage, sessionStorage].some((storage) => Object.keys(storage)
      .some((key) => key.startsWith("onward:") && key !== "onward:probe"));
  } catch {
    return false;
  }
}

if (!planWithoutAnswers()) startPython(siteConfig);
