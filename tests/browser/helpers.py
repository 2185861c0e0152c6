"""Small waits and readers shared by the browser tests (conditions, never sleeps)."""

from __future__ import annotations

from typing import Any

PYTHON_TIMEOUT_MS = 90_000
# Conditions are checked every 100 ms. Playwright's default, requestAnimationFrame, has the
# page draw a frame 60 times a second for as long as a test waits: a tenth of a core each.
POLL_MS = 100

READY = "performance.getEntriesByName('worksheets:python-ready').length"


def wait_python_ready(page: Any) -> None:
    # A function, not an expression: Playwright polls an expression with eval(), which the
    # site's Content-Security-Policy refuses.
    page.wait_for_function(f"() => {READY} > 0", timeout=PYTHON_TIMEOUT_MS, polling=POLL_MS)


def wait_output_contains(page: Any, form: str, text: str) -> None:
    page.wait_for_function(
        "([form, text]) => { const node = document.querySelector("
        "`form[data-worksheet=\"${form}\"] [data-worksheet-output]`);"
        " return node && node.textContent.includes(text); }",
        arg=[form, text], timeout=PYTHON_TIMEOUT_MS, polling=POLL_MS,
    )


def wait_saved(page: Any, form: str) -> None:
    page.wait_for_function(
        "(form) => document.querySelector(`form[data-worksheet=\"${form}\"] "
        "[data-worksheet-status]`).textContent.startsWith('Saved')",
        arg=form, polling=POLL_MS,
    )


def stored_answers(page: Any, worksheet: str) -> Any:
    return page.evaluate(
        "(id) => { const key = Object.keys(localStorage).find(k => k.endsWith(':answers:' + id));"
        " return key ? JSON.parse(localStorage.getItem(key)) : null; }",
        worksheet,
    )


def built_pages(site_dir: Any) -> list[str]:
    """Every page of a built site, as URL paths relative to its root."""
    pages = []
    for path in sorted(site_dir.rglob("index.html")):
        relative = path.parent.relative_to(site_dir).as_posix()
        pages.append("" if relative == "." else f"{relative}/")
    return pages


def import_modules_as_written(page: Any, site_url: str) -> None:
    """The site serves its entry module bundled (worksheets/builder/scripts.py), so a test of
    one module imports that module as written, from the site's own folder: its imports then
    resolve as in the bundle, and the files the site does serve (site-config.js, the
    bundle, Python's client) still come from the site."""
    from worksheets.builder import scripts

    served = {*scripts.SHARED, *scripts.SEPARATE, scripts.ENTRY}

    def answer(route: Any) -> None:
        name = route.request.url.rsplit("/", 1)[-1]
        if name in served:
            route.continue_()
        else:
            route.fulfill(path=scripts.bundle.ASSETS_DIR / name, content_type="text/javascript")

    page.route(f"{site_url}assets/onward/*.js", answer)
