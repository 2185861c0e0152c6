// DOM building, the one way every view does it: text goes in with textContent only, so
// nothing from an answer, a file or Python is ever parsed as HTML.

// An element with optional text (null or undefined: none) and class name.
export function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}
