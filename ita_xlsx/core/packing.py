"""Objects packed as bytes: between the worker processes and this one, and in the working store.

Items are pickled compactly: the project's record types as their field values (see
:func:`compact`), everything else as pickle does it. Only bytes this program packed itself (in a
worker it started, or in its own working store) are ever unpacked, so unpickling them is safe.
"""

from __future__ import annotations

import copyreg
import dataclasses
import io
import pickle
from types import MappingProxyType

_REDUCERS: dict = {**copyreg.dispatch_table}


def compact(cls: type) -> type:
    """Pickle instances of the dataclass ``cls`` as its field values (half the bytes, twice the speed)."""
    names = tuple(f.name for f in dataclasses.fields(cls))
    _REDUCERS[cls] = lambda obj: (cls, tuple(getattr(obj, name) for name in names))
    return cls


def _proxy(params: dict) -> MappingProxyType:
    return MappingProxyType(params)


_REDUCERS[MappingProxyType] = lambda mapping: (_proxy, (dict(mapping),))


def dumps(obj: object) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _REDUCERS
    pickler.dump(obj)
    return buffer.getvalue()


loads = pickle.loads
