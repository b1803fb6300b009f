"""Read-only sequences whose items are made when read.

Records and results held as columns (``records.record_columns``, ``engine.columns``) keep
one list per field; a ``Record`` or an ``ApplicantResult`` is made only when a reader asks
for one. They read as the list of those items would: length, index, slice, iteration and
equality with a list.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterator, Sequence
from typing import TypeVar, overload

_Item = TypeVar("_Item")


class MadeOnRead(Sequence[_Item]):
    """A sequence of ``len(self)`` items, the one at ``index`` made by ``_made(index)``."""

    __slots__ = ()

    @abstractmethod
    def __len__(self) -> int: ...

    @abstractmethod
    def _made(self, index: int) -> _Item: ...

    @overload
    def __getitem__(self, index: int) -> _Item: ...

    @overload
    def __getitem__(self, index: slice) -> list[_Item]: ...

    def __getitem__(self, index: int | slice) -> _Item | list[_Item]:
        if isinstance(index, slice):
            return [self._made(i) for i in range(len(self))[index]]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._made(index)

    def __iter__(self) -> Iterator[_Item]:
        return map(self._made, range(len(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # equal to a list of the same items
