"""Errors that mean "bad input": the CLI exits with code 2, the API answers 4xx with a JSON body."""

from __future__ import annotations


class InputError(ValueError):
    """Invalid input. ``message`` is French and says what to fix; ``field`` names the faulty field."""

    status_code = 422

    def __init__(self, message: str, field: str | None = None, *, status_code: int | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        if status_code is not None:
            self.status_code = status_code

    def to_dict(self) -> dict:
        return {"error": self.message, "field": self.field}


def required_text(value: object, field: str, limit: int, empty: str, too_long: str) -> str:
    """``value`` stripped, or an InputError when it is empty (``empty``) or longer than ``limit``
    characters (``too_long``, formatted with ``n`` and ``limit``)."""
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise InputError(empty, field)
    if len(text) > limit:
        raise InputError(too_long.format(n=len(text), limit=limit), field)
    return text


class NotFound(InputError):
    """The requested record does not exist."""

    status_code = 404


class DataFileError(InputError):
    """A data file cannot be imported; names the record and field at fault. Nothing was changed."""

    def __init__(self, message: str, *, source: str, record: str | None = None, field: str | None = None):
        where = (
            source + (f", enregistrement {record}" if record else "") + (f", champ {field}" if field else "")
        )
        super().__init__(f"{where} : {message}", field)
        self.source = source
        self.record = record
