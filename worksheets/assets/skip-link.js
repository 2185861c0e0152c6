// "Skip to content" and a step page's "Go to your worksheet": move the keyboard focus to the page's heading, as a skip link should.
// Material's instant navigation would otherwise fetch the same page again for the link and
// swap the content in, which drops the focus back to the top of the document.

function onClick(event) {
  const link = event.target instanceof Element ? event.target.closest("a.md-skip, a[data-worksheet-jump]") : null;
  if (!link) return;
  const target = document.getElementById(decodeURIComponent(new URL(link.href).hash.slice(1)));
  if (!target) return; // nothing to move to: let the link do what it does
  event.preventDefault();
  event.stopPropagation(); // before Material's own link handling sees it
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus();
}

export function keepSkipLinkOnPage() {
  // Capture phase, once for the whole visit: the link lives outside the swapped content.
  document.addEventListener("click", onClick, true);
}
