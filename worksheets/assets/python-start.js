// Early start: on a page the build knows has a worksheet, this small module (async, near
// the top of the page) asks for Python as soon as it loads, without waiting for the rest
// of the page's scripts. On a full page load the client takes over the worker the page's
// boot script (python-boot.js) made at first paint; otherwise it creates the worker in the
// next frame that paints.

import { siteConfig } from "./site-config.js";
import { startPython } from "./python-client.js";

// My plan with no answers saved needs no Python (onward.js starts it when the plan has
// something to summarise): python-boot.js, inlined in this page's head, knows. A page whose
// boot script did not run starts Python as any page does.
const boot = self.onwardPython;
if (!(boot && boot.nothingToDo && boot.nothingToDo())) startPython(siteConfig);
