"""Issue bodies written by GitHub from a form, read back into answers by field id.

`parse` is pure and never raises. Problem codes are part of the CLI's stable output:
- `empty_body`: the body is null or blank.
- `not_form`: no heading of the form was found; the body was not written from it.
- `text_before_heading`: text stands before the first heading of the form.
- `unknown_section`: a `### ` heading that is no label of the form; its text is not merged anywhere.
- `missing_section`: a field of the form has no section.
- `duplicate_section`: a field's section appears more than once; the first one counts.
- `unknown_option`: a dropdown or checkbox answer that is not an option of the form.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from intake.forms import IssueForm

FieldValue = str | list[str] | None


class Problem(BaseModel):
    """Something in the body that does not match the form."""

    model_config = ConfigDict(frozen=True)

    code: str
    field: str | None = None
    detail: str = ""


class ParsedBody(BaseModel):
    """Answers by field id, and what did not fit.

    An input or textarea is a string or None when empty; a single dropdown a string or None; a
    multiple dropdown a list of options; checkboxes the list of checked option labels in form order.
    """

    model_config = ConfigDict(frozen=True)

    fields: dict[str, FieldValue]
    problems: list[Problem]


def parse(form: IssueForm, body: str | None) -> ParsedBody:
    """Read an issue body against its form; never raises."""
    raise NotImplementedError
