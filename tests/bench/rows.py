"""Rows written straight into PostgreSQL by the benchmarks, with the model's own column list.

A bench that names its columns by hand breaks silently the day a migration adds a column that
cannot be empty: `COPY` then fails in someone's hands months later. Here the columns come from the
model; the bench gives the ones it cares about, the model's defaults fill the others, and a column
with neither stops the bench at once, naming the column (CI runs every bench at its smoke size).
"""

import json
from collections.abc import Sequence

MISSING = object()


def _is_generated(field) -> bool:
    return getattr(field, "db_returning", False)  # the id PostgreSQL numbers itself


class CopyInto:
    """`COPY table (every column) FROM STDIN` for a model:

    into = CopyInto(Attempt, ["quiz_id", "user_id", "number", "started_at"])
    with cursor.copy(into.statement) as copy:
        copy.write_row(into.row((quiz, user, 1, now)))
    """

    def __init__(self, model, given: Sequence[str]):
        fields = [f for f in model._meta.concrete_fields if not _is_generated(f)]
        known = {f.attname for f in fields}
        unknown = [name for name in given if name not in known]
        if unknown:
            raise ValueError(f"{model.__name__} has no column {', '.join(unknown)}")
        self.given = list(given)
        self.filled = []
        for field in fields:
            if field.attname in self.given:
                continue
            value = _default(field)
            if value is MISSING:
                raise ValueError(
                    f"{model.__name__}.{field.attname} cannot be empty and has no default: "
                    "the bench must give it"
                )
            self.filled.append((field.attname, _prepared(field, value)))
        self.json_given = {
            index
            for index, name in enumerate(self.given)
            if model._meta.get_field(_field_name(model, name)).get_internal_type() == "JSONField"
        }
        self.columns = self.given + [name for name, _value in self.filled]
        self.statement = f"COPY {model._meta.db_table} ({', '.join(self.columns)}) FROM STDIN"
        self._tail = tuple(value for _name, value in self.filled)

    def row(self, values: Sequence) -> tuple:
        if self.json_given:
            values = [
                json.dumps(value)
                if index in self.json_given and not isinstance(value, str)
                else value
                for index, value in enumerate(values)
            ]
        return (*values, *self._tail)


def columns_covered(model, columns: Sequence[str]) -> list[str]:
    """For an `INSERT … SELECT` a bench writes by hand: the columns it lists, checked to hold
    every one that cannot be empty."""
    listed = set(columns)
    for field in model._meta.concrete_fields:
        if _is_generated(field) or field.attname in listed or field.null:
            continue
        raise ValueError(
            f"{model.__name__}.{field.attname} cannot be empty: the bench's INSERT must list it"
        )
    return list(columns)


def _field_name(model, attname: str) -> str:
    return next(f.name for f in model._meta.concrete_fields if f.attname == attname)


def _default(field):
    """What the ORM would write for a field left out: its default, "" for text, None where the
    column may be empty; MISSING where only the bench can say."""
    value = field.get_default()
    if value is None and not field.null:
        return MISSING
    return value


def _prepared(field, value):
    if field.get_internal_type() == "JSONField":
        return json.dumps(value)
    return value
