// Result view: turns the blocks Python returns into DOM. Text goes in with textContent
// only, so nothing from an answer or from Python is ever parsed as HTML.

import { el } from "./dom.js";
import { downloadFile } from "./file-download.js";
import { siteRoot } from "./site-config.js";

const SVG = "http://www.w3.org/2000/svg";

function withTitle(block, body) {
  if (!block.title) return body;
  const wrap = el("div", null, "onward-result__group");
  wrap.append(el("p", block.title, "onward-result__title"), body);
  return wrap;
}

function list(block) {
  const ul = el("ul", null, "onward-result__list");
  for (const item of block.items) ul.append(el("li", item));
  return withTitle(block, ul);
}

// A browser may break a line after a hyphen ("Self-" / "doubt"): hyphenated words go in
// a no-wrap span, as text nodes (never parsed as HTML).
function fillCell(td, text) {
  for (const part of text.split(/(\S+-\S+)/)) {
    if (!part) continue;
    if (/^\S+-\S+$/.test(part)) td.append(el("span", part, "onward-nowrap"));
    else td.append(part);
  }
}

// Tables longer than this scroll inside their own focusable, labelled region.
const LONG_TABLE_ROWS = 8;
let tableCount = 0;

function table(block) {
  // Explicit roles: on a narrow screen the CSS lays each row out as a card of label/value
  // pairs (display: block), which would otherwise drop the table's meaning in some browsers.
  tableCount += 1;
  const node = el("table", null, "onward-result__table");
  node.setAttribute("role", "table");
  const captionId = `onward-table-${tableCount}`;
  if (block.title) {
    const caption = el("caption", block.title);
    caption.id = captionId;
    node.append(caption);
  }
  const head = node.createTHead().insertRow();
  head.setAttribute("role", "row");
  for (const column of block.columns) {
    const th = el("th", column);
    th.scope = "col";
    th.setAttribute("role", "columnheader");
    head.append(th);
  }
  const body = node.createTBody();
  for (const row of block.rows) {
    const tr = body.insertRow();
    tr.setAttribute("role", "row");
    row.forEach((cell, index) => {
      const td = tr.insertCell();
      td.setAttribute("role", "cell");
      fillCell(td, String(cell));
      // The column's name, shown beside the value when the row becomes a card.
      td.dataset.label = String(block.columns[index] ?? "");
    });
  }
  const wrap = el("div", null, "onward-result__table-wrap");
  if (block.rows.length > LONG_TABLE_ROWS) {
    wrap.classList.add("onward-result__table-wrap--long");
    wrap.tabIndex = 0; // so keyboard users can scroll it
    wrap.setAttribute("role", "region");
    if (block.title) wrap.setAttribute("aria-labelledby", captionId);
    else wrap.setAttribute("aria-label", `Table: ${block.columns.join(", ")}`);
  }
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
  const value = el("p", `${formatNumber(block.value)} of ${formatNumber(block.max)}`,
    "onward-score__value");
  node.append(value, meter);
  if (block.detail) node.append(el("p", block.detail, "onward-score__detail"));
  return node;
}

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

function formatNumber(value) {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}

// Long labels are cut in the drawing only; the text list beside it keeps them whole.
function shortLabel(label, room = 30) {
  const text = String(label);
  return text.length > room ? `${text.slice(0, room - 1)}…` : text;
}

// Horizontal bars, one labelled row each: the labels stay readable on a 360 px phone,
// where the drawing is scaled down (viewBox units are CSS px at 320 px wide).
const CHART = { width: 320, labelHeight: 16, bar: 16, gap: 10, axis: 24, valueRoom: 40 };

function chartDrawing(block, values) {
  const top = Math.max(1, block.goal || 0, ...values);
  const plot = CHART.width - CHART.valueRoom;
  const row = CHART.labelHeight + CHART.bar + CHART.gap;
  const height = values.length * row + CHART.axis;
  const drawing = svg("svg", { viewBox: `0 0 ${CHART.width} ${height}`, "aria-hidden": "true",
    class: "onward-chart__svg", focusable: "false" });
  const scaleX = (value) => (Math.max(0, value) / top) * plot;
  values.forEach((value, index) => {
    const y = index * row;
    drawing.append(svg("text", { x: 0, y: y + 12, class: "onward-chart__label" },
      shortLabel(block.labels[index])));
    const width = scaleX(value);
    drawing.append(svg("rect", { x: 0, y: y + CHART.labelHeight, width: Math.max(width, 1),
      height: CHART.bar, rx: 2, class: "onward-chart__bar" }));
    drawing.append(svg("text", { x: width + 4, y: y + CHART.labelHeight + 12,
      class: "onward-chart__value" }, formatNumber(value)));
  });
  const axisY = values.length * row;
  drawing.append(svg("line", { x1: 0, x2: plot, y1: axisY, y2: axisY, class: "onward-chart__axis" }));
  drawing.append(svg("line", { x1: 0.5, x2: 0.5, y1: 0, y2: axisY, class: "onward-chart__axis" }));
  for (const tick of [0, top / 2, top]) {
    const x = scaleX(tick);
    drawing.append(svg("line", { x1: x, x2: x, y1: axisY, y2: axisY + 4, class: "onward-chart__axis" }));
    drawing.append(svg("text", { x, y: axisY + 16, class: "onward-chart__tick",
      "text-anchor": tick === 0 ? "start" : tick === top ? "end" : "middle" }, formatNumber(tick)));
  }
  if (block.goal) {
    const x = scaleX(block.goal);
    drawing.append(svg("line", { x1: x, x2: x, y1: 0, y2: axisY, class: "onward-chart__goal" }));
  }
  return drawing;
}

function chart(block) {
  // Bars for the eye (with their numbers on them), and the same numbers as text for
  // screen readers: the drawing itself is hidden from them.
  const figure = el("figure", null, "onward-chart");
  figure.append(el("figcaption", block.title));
  const values = block.values.map(Number);
  const unit = block.unit ? ` ${block.unit}` : "";
  const data = el("ul", null, "onward-chart__data");
  block.labels.forEach((label, index) => {
    data.append(el("li", `${label}: ${formatNumber(values[index])}${unit}`));
  });
  if (block.goal) data.append(el("li", `Goal: ${block.goal}${unit}`));
  figure.append(chartDrawing(block, values), data);
  if (block.goal) {
    const note = el("p", `The dashed line is your goal: ${block.goal}${unit}.`, "onward-chart__key");
    note.setAttribute("aria-hidden", "true"); // the list above already says it
    figure.append(note);
  }
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

// A line with a site-relative link, and a calm note that holds other blocks. Links are
// resolved against the site's root, so "support/" works from a subfolder and any page.
const LINK_PROTOCOLS = new Set(["http:", "https:", "mailto:", "tel:"]);

function siteHref(href) {
  // A relative address is resolved against the site's root, never the page; anything
  // that is not a web, mail or phone address (a javascript: URL) is refused.
  try {
    const url = new URL(String(href), siteRoot);
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
