"""Errors raised while reading a search space or a command template."""

from __future__ import annotations


class InvalidSearchSpace(Exception):
    """A search space, strategy or command that cannot be used, naming the offending field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class LargeGridNeedsConfirmation(InvalidSearchSpace):
    """A grid larger than the confirmation threshold, asked for without `confirm_large`."""

    def __init__(self, count: int, threshold: int) -> None:
        message = (
            f"the grid has {count:,} combinations, more than {threshold:,}; "
            "set confirm_large to launch it anyway"
        )
        super().__init__("confirm_large", message)
        self.count = count
        self.threshold = threshold
