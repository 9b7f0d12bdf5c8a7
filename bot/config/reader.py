"""Typed reads from a parsed TOML table, with errors that name the key.

A deployment with a wrong value fails at start-up with one line such as
`metrics[2].points: must be a number, got '三'`, instead of a traceback deep
inside the bot. These lines are for whoever edits the file, so they are English.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any


class ConfigError(ValueError):
    """A configuration value is missing or wrong; the message names its key."""


class Table:
    """One TOML table and the dotted path that leads to it."""

    def __init__(self, data: Mapping[str, Any], path: str = "") -> None:
        self._data = data
        self._path = path
        self._read: set[str] = set()

    def key(self, name: str) -> str:
        return f"{self._path}.{name}" if self._path else name

    def fail(self, name: str, problem: str) -> ConfigError:
        return ConfigError(f"{self.key(name)}: {problem}")

    def _get(self, name: str, expected: type | tuple[type, ...], label: str, default: Any) -> Any:
        self._read.add(name)
        if name not in self._data:
            if default is _REQUIRED:
                raise self.fail(name, "is required")
            return default
        value = self._data[name]
        if isinstance(value, bool) and bool not in _as_tuple(expected):
            raise self.fail(name, f"must be {label}, got {value!r}")
        if not isinstance(value, expected):
            raise self.fail(name, f"must be {label}, got {value!r}")
        return value

    def str(self, name: str, default: Any = None, *, required: bool = False) -> Any:
        value = self._get(name, str, "a string", _REQUIRED if required else default)
        if required and not value.strip():
            raise self.fail(name, "must not be empty")
        return value

    def int(self, name: str, default: Any = None, *, required: bool = False) -> Any:
        return self._get(name, int, "a whole number", _REQUIRED if required else default)

    def number(self, name: str, default: Any = None, *, required: bool = False) -> Any:
        value = self._get(name, (int, float), "a number", _REQUIRED if required else default)
        return float(value) if value is not None else None

    def bool(self, name: str, default: bool = False) -> bool:
        return bool(self._get(name, bool, "true or false", default))

    def choice(self, name: str, choices: tuple[str, ...], default: str) -> str:
        value = self.str(name, default)
        if value not in choices:
            raise self.fail(name, f"must be one of {', '.join(choices)}, got {value!r}")
        return str(value)

    def str_list(self, name: str) -> tuple[str, ...]:
        values = self._get(name, list, "a list of strings", [])
        if not all(isinstance(v, str) and v.strip() for v in values):
            raise self.fail(name, f"must be a list of non-empty strings, got {values!r}")
        return tuple(v.strip() for v in values)

    def int_list(self, name: str) -> tuple[int, ...]:
        values = self._get(name, list, "a list of whole numbers", [])
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            raise self.fail(name, f"must be a list of whole numbers, got {values!r}")
        return tuple(values)

    def raw(self, name: str, default: Any) -> Any:
        """The value as TOML gave it, for keys that take more than one shape."""
        self._read.add(name)
        return self._data.get(name, default)

    def table(self, name: str) -> Table:
        return Table(self._get(name, dict, "a table", {}), self.key(name))

    def tables(self, name: str) -> Iterator[Table]:
        """The entries of an array of tables (`[[name]]`), each with its index in the path."""
        items = self._get(name, list, "an array of tables", [])
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                raise ConfigError(f"{self.key(name)}[{index}]: must be a table, got {item!r}")
            yield Table(item, f"{self.key(name)}[{index}]")

    def reject_unknown(self) -> None:
        """Fail on keys nobody read: a typo must not be silently ignored."""
        for name in self._data:
            if name not in self._read:
                raise self.fail(name, "is not a known key")


_REQUIRED = object()


def _as_tuple(expected: type | tuple[type, ...]) -> tuple[type, ...]:
    return expected if isinstance(expected, tuple) else (expected,)
