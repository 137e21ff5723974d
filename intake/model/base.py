"""What every part of the process file's model shares: its base model, id and label types."""

from __future__ import annotations

from collections.abc import Callable
from operator import is_
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*$")]
Color = Annotated[str, Field(pattern=r"^[0-9a-f]{6}$")]
Login = Annotated[str, Field(pattern=r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")]
RepositoryName = Annotated[
    str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$")
]
Label = Annotated[str, Field(min_length=1)]
# A path of the problem inside the file, as pydantic reports it: ("forms", 0, "fields", 2, "id").
Location = tuple[str | int, ...]


class Model(BaseModel):
    """Our own models, of the process file and of the domain: unknown keys are refused, nothing
    changes once read, and a docstring under a field describes it (in the JSON Schema too)."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


def check_label(name: str) -> str:
    """The label's name, if GitHub can hold and remove it; ValueError in Swedish if not."""
    if "/" in name:
        raise ValueError(
            f"etiketten {name!r} har ett '/', och sådana etiketter kan GitHubs API inte ta bort"
        )
    if len(name) > 50:
        raise ValueError(f"etiketten {name!r} är längre än de 50 tecken som GitHub tillåter")
    if name != name.strip() or not name:
        raise ValueError(f"etiketten {name!r} är tom eller börjar eller slutar med mellanslag")
    return name


def check_labels(names: list[str]) -> list[str]:
    """Every name checked as `check_label` does."""
    return [check_label(name) for name in names]


_T = TypeVar("_T")
# What is worked out once from parts of the process: (name, ids of the parts) → (the parts, the
# result). The parts are kept, so their ids stay theirs while the entry lives.
_KEPT: dict[tuple[object, ...], tuple[tuple[object, ...], Any]] = {}
_KEPT_MOST = 256


def kept(name: str, parts: tuple[object, ...], make: Callable[[], _T]) -> _T:
    """What `make` gives, worked out once for these parts: the same objects, not equal ones (the
    models never change once read; a copy with other parts works out its own). Callers never
    change what it returns."""
    key = (name, *map(id, parts))
    entry = _KEPT.get(key)
    if entry is not None and all(map(is_, entry[0], parts)):
        value: _T = entry[1]
        return value
    if len(_KEPT) >= _KEPT_MOST:
        _KEPT.clear()
    made = make()
    _KEPT[key] = (parts, made)
    return made
