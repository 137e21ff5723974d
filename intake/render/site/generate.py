"""Every file derived from the process file, rendered purely from the texts it derives from."""

from __future__ import annotations

from intake.model.process import Process
from intake.render.site.diagram import DIAGRAM_PATH, render_diagram
from intake.render.site.ids import IDS_PATH, render_ids
from intake.render.site.glossary import GLOSSARY_PAGE, parse_glossary, render_abbreviations
from intake.render.site.issue_forms import ISSUE_CONFIG_PATH, render_issue_config, render_issue_form
from intake.render.site.labelpage import LABEL_PAGE_PATH, render_label_page
from intake.render.site.process_facts import process_includes
from intake.render.site.rules import RULES_PATH, render_rules
from intake.render.site.municipality import (
    ADDRESSES_PATH,
    COMMON_INCLUDE_PATH,
    CONTACT_PATH,
    CONTROLLER_PATH,
    COUNCIL_PATH,
    MKDOCS_PATH,
    RESPONSIBLE_PATH,
    link_references,
    render_addresses,
    render_contact,
    render_controller,
    render_meetings,
    render_mkdocs,
    render_responsible,
)

# Files that generation reads as well as writes, by repository path: the glossary page that the
# hover texts come from, and mkdocs.yml, whose other settings are kept as they are.
SOURCES = (GLOSSARY_PAGE, MKDOCS_PATH)


def generated_files(process: Process, sources: dict[str, str]) -> dict[str, str]:
    """Repository path → content of every generated file, in a stable order.

    `sources` holds the current text of each path in SOURCES (a missing one: empty).
    """
    files = {form.path: render_issue_form(process, form) for form in process.forms}
    files[ISSUE_CONFIG_PATH] = render_issue_config(process)
    files[DIAGRAM_PATH] = render_diagram(process)
    files[LABEL_PAGE_PATH] = render_label_page(process)
    terms = parse_glossary(sources.get(GLOSSARY_PAGE, ""))
    common = render_abbreviations(terms)
    files[COMMON_INCLUDE_PATH] = common + ("\n" if common else "") + link_references(process)
    files[RESPONSIBLE_PATH] = render_responsible(process)
    files[CONTACT_PATH] = render_contact(process)
    files[COUNCIL_PATH] = render_meetings(process)
    files[RULES_PATH] = render_rules(process)
    files[ADDRESSES_PATH] = render_addresses(process)
    files[CONTROLLER_PATH] = render_controller(process)
    files.update(process_includes(process))
    files[IDS_PATH] = render_ids(process)
    if sources.get(MKDOCS_PATH):
        files[MKDOCS_PATH] = render_mkdocs(process, sources[MKDOCS_PATH])
    return dict(sorted(files.items()))
