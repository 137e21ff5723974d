"""The built placeholder page as a shell for every need's page (need_page.py).

MkDocs or Zensical builds the placeholder like any page: the theme, the menu, the header, the
table of contents and the footer, all with addresses relative to the depth every need page shares.
`Shell.from_html` finds the markers in that page once; `Shell.page` then fills them for one need
in a single pass, so nothing a need says is ever read as a marker.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from intake.render.portfolio.need_page import (
    BODY_MARK,
    CHILD_MARK,
    DESCRIPTION_MARK,
    LEAF_MARK,
    PARENT_MARK,
    TITLE_MARK,
    NeedPage,
    heading,
)


class ShellError(Exception):
    """The built placeholder page is not what the portfolio wrote; the message says what."""


@dataclass(frozen=True)
class _Template:
    """Text split at its slots: static text, slot name, static text, … (odd places are slots)."""

    parts: tuple[str, ...]

    def fill(self, values: Mapping[str, str]) -> str:
        return "".join(values[p] if i % 2 else p for i, p in enumerate(self.parts))


def _template(text: str, needles: Mapping[str, str]) -> _Template:
    """Split `text` at every needle (longest first where two start at one place)."""
    ordered = sorted(needles, key=len, reverse=True)
    parts: list[str] = []
    start = 0
    while True:
        found = [(i, n) for n in ordered if (i := text.find(n, start)) >= 0]
        if not found:
            break
        index, needle = min(found, key=lambda pair: (pair[0], -len(pair[1])))
        parts += [text[start:index], needles[needle]]
        start = index + len(needle)
    parts.append(text[start:])
    return _Template(tuple(parts))


def _find(text: str, needle: str, start: int = 0, end: int | None = None) -> int:
    index = text.find(needle, start, len(text) if end is None else end)
    if index < 0:
        raise ShellError(f"skalet saknar {needle!r}")
    return index


def _item(text: str, mark: str, end: int) -> tuple[int, int]:
    """Where the table of contents' item linking to #mark starts and ends (before `end`)."""
    link = _find(text, f'href="#{mark}"', 0, end)
    start = text.rfind("<li", 0, link)
    if start < 0:
        raise ShellError(f"innehållsförteckningen i skalet saknar en punkt för {mark}")
    return start, _find(text, "</li>", link) + len("</li>")


@dataclass(frozen=True)
class Shell:
    """A built page with slots for a need's title, description, address, contents and article."""

    page_template: _Template
    parent: tuple[_Template, _Template]  # a section with subsections: before and after them
    child: _Template
    leaf: _Template

    @classmethod
    def from_html(cls, text: str, placeholder_url: str) -> Shell:
        """The shell of the built placeholder page, whose address in the site (such as
        `portfolj/behov/x/0/`) is `placeholder_url`; ShellError when a marker is missing."""
        for mark in (TITLE_MARK, DESCRIPTION_MARK, BODY_MARK, PARENT_MARK, CHILD_MARK, LEAF_MARK):
            if mark not in text:
                raise ShellError(f"skalet saknar markören {mark}")
        # The article: from the placeholder's title to its last heading, as the toc extension
        # wrote them; the need pages' headings must look the same.
        start = _find(text, f'<h1 id="{TITLE_MARK}"')
        last = heading(2, LEAF_MARK, LEAF_MARK)
        end = _find(text, last, start) + len(last)
        for level, mark in ((1, TITLE_MARK), (2, PARENT_MARK), (3, CHILD_MARK)):
            if heading(level, mark, mark) not in text[start:end]:
                raise ShellError(
                    f"rubrikerna i skalet ser inte ut som behovens sidors ({mark}); "
                    "jämför markdown_extensions: toc i mkdocs.yml med need_page.py"
                )
        if BODY_MARK not in text[start:end]:
            raise ShellError(f"skalet saknar markören {BODY_MARK} i sidans innehåll")
        # The table of contents: one section with a subsection, then one without.
        parent_start, _ = _item(text, PARENT_MARK, start)
        child_start, child_end = _item(text, CHILD_MARK, start)
        # The parent's item ends with the </li> after its subsection's item.
        parent_end = _find(text, "</li>", child_end) + len("</li>")
        leaf_start, leaf_end = _item(text, LEAF_MARK, start)
        if not parent_start < child_start < child_end < parent_end <= leaf_start < leaf_end:
            raise ShellError("innehållsförteckningen i skalet har inte den väntade formen")
        item = {m: {f"#{m}": "anchor", m: "title"} for m in (PARENT_MARK, CHILD_MARK, LEAF_MARK)}
        rest = text[:parent_start] + "\x00toc\x00" + text[leaf_end:start]
        rest += "\x00content\x00" + text[end:]
        page = _template(
            rest,
            {
                "\x00toc\x00": "toc",
                "\x00content\x00": "content",
                f"#{TITLE_MARK}": "anchor",
                TITLE_MARK: "title",
                DESCRIPTION_MARK: "description",
                placeholder_url: "path",
            },
        )
        leftover = [m for m in (BODY_MARK, PARENT_MARK, CHILD_MARK, LEAF_MARK) if m in rest]
        if leftover:
            raise ShellError(f"skalet har markören {leftover[0]} på ett oväntat ställe")
        if "\x00" in text:
            raise ShellError("skalet innehåller tecknet NUL")
        return cls(
            page_template=page,
            parent=(
                _template(text[parent_start:child_start], item[PARENT_MARK]),
                _template(text[child_end:parent_end], item[PARENT_MARK]),
            ),
            child=_template(text[child_start:child_end], item[CHILD_MARK]),
            leaf=_template(text[leaf_start:leaf_end], item[LEAF_MARK]),
        )

    def _toc(self, page: NeedPage) -> str:
        """The table of contents: every h2, with its h3s nested below it."""
        groups: list[tuple[dict[str, str], list[dict[str, str]]]] = []
        for section in page.sections:
            values = {"anchor": f"#{section.anchor}", "title": html.escape(section.title)}
            if section.level == 2:
                groups.append((values, []))
            elif section.level == 3 and groups:
                groups[-1][1].append(values)
        items = []
        for values, children in groups:
            if children:
                inner = "".join(self.child.fill(c) for c in children)
                items.append(self.parent[0].fill(values) + inner + self.parent[1].fill(values))
            else:
                items.append(self.leaf.fill(values))
        return "\n".join(items)

    def page(self, need: NeedPage, prefix: str) -> str:
        """The built page of one need; `prefix`: the portfolio folder in the site, with "/"."""
        first = need.sections[0]
        return self.page_template.fill(
            {
                "title": html.escape(need.title),
                "anchor": f"#{first.anchor}",
                "description": html.escape(need.description),
                "path": prefix + need.path,
                "toc": self._toc(need),
                "content": need.html,
            }
        )


def need_page_files(
    shell: Shell, pages: Sequence[NeedPage], prefix: str
) -> Iterator[tuple[str, str]]:
    """Path in the site and HTML of each need's page, one at a time (`prefix`: the portfolio
    folder in the site, with "/")."""
    for page in pages:
        yield prefix + page.path + "index.html", shell.page(page, prefix)
