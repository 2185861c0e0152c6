"""No sentence of eight or more words appears on two built pages.

A guide that repeats itself reads as padding, and a reader who meets the same line on every
page learns to skip it. Shared text lives in one component instead (the privacy reminder
snippet, the host's offer partial, the backup and erase controls on My plan and Privacy),
which this check leaves out by its class. The worksheets themselves are left out too: their
wording comes from the definitions, and their controls are the same on purpose."""

from __future__ import annotations

import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

MIN_WORDS = 8
# Shared on purpose: one source each, shown on many pages.
SHARED_CLASSES = {"onward-privacy", "onward-offer", "onward-worksheet", "onward-data",
                  "headerlink"}
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "pre", "dt", "dd",
          "blockquote", "figcaption", "summary"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}
SENTENCE_END = re.compile(r"(?<=[.!?:])[\"”’)]*\s+|\n")
WORD = re.compile(r"[a-z0-9’']+")


class _ArticleText(HTMLParser):
    """Collects the text of each block inside the page's article, minus shared pieces."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.article_depth: int | None = None
        self.skip_depth: int | None = None
        self.buffers: list[list[str]] = []
        self.blocks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        self.depth += 1
        classes = set((dict(attrs).get("class") or "").split())
        if self.article_depth is None:
            if tag == "article" and "md-content__inner" in classes:
                self.article_depth = self.depth
            return
        if self.skip_depth is None and (classes & SHARED_CLASSES or tag in ("script", "style")):
            self.skip_depth = self.depth
        if tag in BLOCKS:
            self.buffers.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.article_depth is not None and tag in BLOCKS and self.buffers:
            text = "".join(self.buffers.pop())
            if text.strip():
                self.blocks.append(text)
        if self.skip_depth == self.depth:
            self.skip_depth = None
        if self.article_depth == self.depth:
            self.article_depth = None
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.article_depth is None or self.skip_depth is not None:
            return
        if self.buffers:
            self.buffers[-1].append(data)
        else:
            self.blocks.append(data)


def page_sentences(html: str) -> set[str]:
    """Each sentence of MIN_WORDS or more, as lower-case words joined by single spaces."""
    parser = _ArticleText()
    parser.feed(html)
    found = set()
    for block in parser.blocks:
        for sentence in SENTENCE_END.split(block):
            words = WORD.findall(sentence.lower())
            if len(words) >= MIN_WORDS:
                found.add(" ".join(words))
    return found


def repeated_sentences(site: Path) -> dict[str, list[str]]:
    where: dict[str, list[str]] = defaultdict(list)
    for page in sorted(site.rglob("index.html")):
        name = str(page.parent.relative_to(site)) or "home"
        for sentence in page_sentences(page.read_text(encoding="utf-8")):
            where[sentence].append(name)
    return {sentence: pages for sentence, pages in where.items() if len(pages) > 1}


def test_the_checker_finds_a_repeat_and_skips_shared_pieces(tmp_path: Path) -> None:
    line = "You can copy this sentence of more than eight words here."
    article = ('<article class="md-content__inner md-typeset"><h1>T</h1><p>{}</p>'
               '<p class="onward-privacy">This shared reminder is on every page of the '
               'guide on purpose.</p></article>')
    for name, body in (("a", line), ("b", f"Another start. {line}"), ("c", "Short one.")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text(article.format(body), encoding="utf-8")
    assert repeated_sentences(tmp_path) == {
        "you can copy this sentence of more than eight words here": ["a", "b"]}


def test_no_sentence_of_eight_words_is_on_two_pages(site_dir: Path) -> None:
    pages = list(site_dir.rglob("index.html"))
    assert len(pages) > 20, "the built guide has its pages"
    repeats = repeated_sentences(site_dir)
    report = "\n".join(f"- {s!r} on {', '.join(p)}" for s, p in sorted(repeats.items()))
    assert not repeats, ("Reword these sentences so each page says it in its own way (or "
                         f"make it one shared component):\n{report}")
