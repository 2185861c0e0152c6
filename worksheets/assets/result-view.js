// Result view: turns the blocks Python returns into DOM. Text goes in with textContent
// only, so nothing from an answer or from Python is ever parsed as HTML.

import { downloadFile } from "./file-download.js";

const SVG = "http://www.w3.org/2000/svg";

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function withTitle(block, body) {
  if (!block.title) return body;
  const wrap = el("div", null, "onward-result__group");
  wrap.append(el("p", block.title, "onward-result__title"), body);
  return wrap;
}

function list(block) {
  const ul = el("ul");
  for (const item of block.items) ul.append(el("li", item));
  return withTitle(block, ul);
}

function table(block) {
  const node = el("table", null, "onward-result__table");
  if (block.title) node.append(el("caption", block.title));
  const head = node.createTHead().insertRow();
  for (const column of block.columns) {
    const th = el("th", column);
    th.scope = "col";
    head.append(th);
  }
  const body = node.createTBody();
  for (const row of block.rows) {
    const tr = body.insertRow();
    for (const cell of row) tr.insertCell().textContent = String(cell);
  }
  const wrap = el("div", null, "onward-result__table-wrap");
  wrap.append(node);
  return wrap;
}

function score(block) {
  const node = el("div", null, "onward-score");
  node.append(el("p", block.label, "onward-score__label"));
  const meter = el("meter");
  meter.min = 0;
  meter.max = block.max;
  meter.value = block.value;
  meter.setAttribute("aria-label", block.label);
  const value = el("p", `${block.value} of ${block.max}`, "onward-score__value");
  node.append(meter, value);
  if (block.detail) node.append(el("p", block.detail, "onward-score__detail"));
  return node;
}

function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  return node;
}

function chart(block) {
  // Bars for the eye, and the same numbers as a list for everyone (no colour-only meaning).
  const figure = el("figure", null, "onward-chart");
  figure.append(el("figcaption", block.title));
  const values = block.values.map(Number);
  const top = Math.max(1, block.goal || 0, ...values);
  const width = 320;
  const height = 120;
  const slot = width / Math.max(1, values.length);
  const drawing = svg("svg", { viewBox: `0 0 ${width} ${height + 4}`, "aria-hidden": "true",
    class: "onward-chart__svg", focusable: "false" });
  values.forEach((value, index) => {
    const barHeight = (Math.max(0, value) / top) * height;
    drawing.append(svg("rect", { x: index * slot + slot * 0.15, y: height - barHeight,
      width: slot * 0.7, height: barHeight, class: "onward-chart__bar" }));
  });
  if (block.goal) {
    const y = height - (block.goal / top) * height;
    drawing.append(svg("line", { x1: 0, x2: width, y1: y, y2: y, class: "onward-chart__goal" }));
  }
  const data = el("ul", null, "onward-chart__data");
  block.labels.forEach((label, index) => {
    data.append(el("li", `${label}: ${values[index]}${block.unit ? ` ${block.unit}` : ""}`));
  });
  if (block.goal) data.append(el("li", `Goal: ${block.goal}${block.unit ? ` ${block.unit}` : ""}`));
  figure.append(drawing, data);
  return figure;
}

function mailtoHref(block, body) {
  const query = new URLSearchParams();
  if (block.subject) query.set("subject", block.subject);
  query.set("body", body);
  // URLSearchParams writes spaces as "+", which mail apps show literally.
  // The address keeps its "@" literal (RFC 6068); everything else is percent-encoded.
  const to = encodeURIComponent(block.to || "").replaceAll("%40", "@");
  return `mailto:${to}?${query.toString().replaceAll("+", "%20")}`;
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (error) {
    console.warn("Onward: clipboard unavailable", error);
    return false;
  }
}

let draftCount = 0;

function draft(block) {
  draftCount += 1;
  const id = `onward-draft-${draftCount}`;
  const node = el("div", null, "onward-draft");
  const label = el("label", block.label);
  label.htmlFor = id;
  const area = el("textarea");
  area.id = id;
  area.rows = Math.min(14, Math.max(4, block.body.split("\n").length + 1));
  area.value = block.body;
  const actions = el("div", null, "onward-draft__actions");
  const copy = el("button", "Copy", "md-button");
  copy.type = "button";
  const mail = el("a", "Open in mail app", "md-button");
  mail.href = mailtoHref(block, area.value);
  const note = el("span", "", "onward-draft__note");
  note.setAttribute("role", "status");
  area.addEventListener("input", () => { mail.href = mailtoHref(block, area.value); });
  copy.addEventListener("click", async () => {
    note.textContent = (await copyText(area.value))
      ? "Copied." : "Copying is blocked here: select the text and copy it yourself.";
  });
  actions.append(copy);
  if (block.mail !== false) actions.append(mail);
  actions.append(note);
  if (block.subject) node.append(el("p", `Subject: ${block.subject}`, "onward-draft__subject"));
  node.prepend(label);
  node.append(area, actions);
  return node;
}

function download(block) {
  const button = el("button", block.label, "md-button");
  button.type = "button";
  button.dataset.filename = block.filename;
  button.addEventListener("click", () => downloadFile(block.filename, block.content, block.mime));
  const wrap = el("p", null, "onward-download");
  wrap.append(button);
  return wrap;
}

// A card to print on its own: while the print dialog is open, the page holds a copy of
// the card as the body's only shown child (onward.css hides the rest under
// html.onward-printing-card), so the printer gets the card alone, on one page.
const PRINTING_CLASS = "onward-printing-card";

function printOnly(card) {
  const root = document.documentElement;
  const copy = el("div", null, "onward-card-print");
  copy.append(card.querySelector(".onward-card__body").cloneNode(true));
  document.body.append(copy);
  root.classList.add(PRINTING_CLASS);
  window.addEventListener("afterprint", () => {
    root.classList.remove(PRINTING_CLASS);
    copy.remove();
  }, { once: true });
  window.print();
}

function card(block) {
  const node = el("figure", null, "onward-card");
  const body = el("div", null, "onward-card__body");
  body.append(el("p", block.title, "onward-card__title"));
  const lines = el("ul", null, "onward-card__lines");
  for (const line of block.lines || []) lines.append(el("li", line));
  body.append(lines);
  if (block.footer) body.append(el("p", block.footer, "onward-card__footer"));
  const button = el("button", "Print your card", "md-button onward-card__print");
  button.type = "button";
  button.addEventListener("click", () => printOnly(node));
  node.append(body, button);
  return node;
}

// Issue 12: a line with a site-relative link, and a calm note that holds other blocks.
// This module sits in assets/onward/, so the site's root is two folders up (as in
// onward.js): "support/" then works from a subfolder and from any page.
const SITE_ROOT = new URL("../../", import.meta.url);
const LINK_PROTOCOLS = new Set(["http:", "https:", "mailto:", "tel:"]);

function siteHref(href) {
  // A relative address is resolved against the site's root, never the page; anything
  // that is not a web, mail or phone address (a javascript: URL) is refused.
  try {
    const url = new URL(String(href), SITE_ROOT);
    return LINK_PROTOCOLS.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

function link(block) {
  const line = el("p", null, "onward-link");
  if (block.lead) line.append(`${block.lead} `);
  const href = siteHref(block.href);
  if (!href) {
    console.warn("Onward: link not shown as a link (unsupported address)", block.href);
    line.append(String(block.text));
    return line;
  }
  const anchor = el("a", block.text);
  anchor.href = href;
  line.append(anchor);
  return line;
}

let noteCount = 0;

function note(block) {
  noteCount += 1;
  const node = el("section", null, "onward-note");
  const title = el("h5", block.title, "onward-note__title");
  title.id = `onward-note-${noteCount}`;
  node.setAttribute("aria-labelledby", title.id);
  node.append(title);
  for (const inner of block.blocks || []) {
    const render = NOTE_RENDERERS[inner.type] || RENDERERS[inner.type];
    node.append(render ? render(inner) : el("p", "Part of this note could not be shown."));
  }
  return node;
}

const NOTE_RENDERERS = { link, note };

const RENDERERS = {
  heading: (block) => el("h5", block.text),
  text: (block) => el("p", block.text),
  list,
  table,
  score,
  chart,
  draft,
  download,
  card,
  ...NOTE_RENDERERS,
};

export function renderBlocks(target, blocks) {
  const nodes = blocks.map((block) => {
    const render = RENDERERS[block.type];
    if (!render) {
      console.warn("Onward: unknown result block", block);
      return el("p", "Part of this result could not be shown.");
    }
    return render(block);
  });
  target.replaceChildren(...nodes);
}

export function renderNotice(target, text) {
  target.replaceChildren(el("p", text, "onward-output__note"));
}
