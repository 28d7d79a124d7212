"""Typed errors whose messages are fit for users: each names the file and the reason."""
from __future__ import annotations


class ArmsgraphError(Exception):
    """Base class; ``str(error)`` is a one-line message for the user."""


class InputError(ArmsgraphError):
    """A document could not be read or understood."""

    def __init__(self, path: object, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class UnsupportedLanguageError(InputError):
    pass


class StoreError(ArmsgraphError):
    """The graph store refused or failed an operation."""
