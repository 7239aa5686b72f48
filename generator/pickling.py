"""Fast, exact pickles of the model's dataclasses, and loading them without the garbage
collector's walks.

Every page result crosses a process boundary as a pickle and is kept in the page cache as
one, so a cold read pickles and unpickles the whole model, and a read after an edit
unpickles every page the cache holds.  Frozen, slotted dataclasses pickle by default
through ``dataclasses``' generic ``__getstate__``/``__setstate__``, which call
``fields()`` per object; :func:`by_fields` makes a class pickle as its class and a tuple
of its field values, rebuilt by :func:`rebuild` through the slots' own descriptors (as
``__setstate__`` does, so neither ``__init__`` nor a frozen ``__setattr__`` runs): the
same object (equal, same hash and ``repr``), slots and frozen-ness kept, in less than
half the time each way.  The field names are looked up once per class, when the first
object of it is pickled or rebuilt, so a subclass (with fields of its own) pickles by its
own fields.  A class whose objects may hold more than their fields (a ``__dict__``, a slot
that is not a field) or that has no slots pickles as before.  ``copy`` and ``deepcopy``
go through the same reduction and build equal objects; ``dataclasses.replace`` does not
use it.  Every dataclass of generator.model pickles so once this module is imported (the
model itself imports nothing of the tool); every pickle the cache or the reader's workers
make goes through :func:`dumps`, here.

:func:`loads` unpickles with the collector paused: an unpickled result is a tree of
tuples, dataclasses and dicts with no reference cycles, and the collector's passes over
the objects it allocates (all of them young, and the older ones again as they pile up)
cost as much as the unpickling itself.
"""

from __future__ import annotations

import gc
import operator
import pickle
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import fields, is_dataclass
from typing import Any, TypeVar

from generator import model  # a leaf: it imports nothing of the tool

T = TypeVar("T", bound=type)

_Values = Callable[[Any], tuple[Any, ...]]
_Setter = Callable[[Any, Any], None]

_values: dict[type, _Values | None] = {}  # class -> its objects' field values, None: default
_setters: dict[type, tuple[_Setter, ...]] = {}  # class -> its fields' slot setters
_new = object.__new__


def by_fields(cls: T) -> T:
    """Pickle ``cls`` (a slotted dataclass) and its subclasses as class + field values."""
    if not (isinstance(cls, type) and is_dataclass(cls)):
        raise TypeError(f"{cls!r} is not a dataclass")
    cls.__reduce_ex__ = _reduce_ex  # type: ignore[assignment]
    return cls


def by_fields_in(namespace: Mapping[str, object]) -> None:
    """:func:`by_fields` for every dataclass defined in a module (its ``globals()``)."""
    module = namespace.get("__name__")
    for value in list(namespace.values()):
        if isinstance(value, type) and is_dataclass(value) and value.__module__ == module:
            by_fields(value)


def rebuild(cls: type, values: tuple[Any, ...]) -> Any:
    """The object of ``cls`` with these field values (what :func:`by_fields` pickles)."""
    try:
        setters = _setters[cls]
    except KeyError:
        setters = _setters[cls] = _slot_setters(cls)
    obj: Any = _new(cls)
    for set_field, value in zip(setters, values, strict=True):
        set_field(obj, value)
    return obj


def dumps(obj: object) -> bytes:
    """``obj``'s pickle, as the page cache stores it."""
    return pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)


def loads(payload: bytes) -> object:
    """``pickle.loads`` with the garbage collector paused (see the module's docstring)."""
    with collector_paused():
        return pickle.loads(payload)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while many objects that form no cycles are built (an
    unpickled result, a model being read): its passes over them on the way cost as much
    as building them.  Reference counting still frees what is dropped."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _reduce_ex(self: object, protocol: int) -> Any:
    cls = type(self)
    try:
        values = _values[cls]
    except KeyError:
        values = _values[cls] = _field_values(cls)
    if values is None:  # more than its fields, or no slots: dataclasses' own way
        return object.__reduce_ex__(self, protocol)
    return rebuild, (cls, values(self))


def _field_values(cls: type) -> _Values | None:
    """A function from an object of ``cls`` to its field values, if they are all it holds."""
    names = tuple(f.name for f in fields(cls))
    if cls.__dictoffset__ or not names:
        return None
    slots: set[str] = set()
    for klass in cls.__mro__:
        declared = klass.__dict__.get("__slots__", ())
        slots.update((declared,) if isinstance(declared, str) else declared)
    if slots - {"__weakref__"} != set(names):
        return None
    if len(names) == 1:
        get = operator.attrgetter(names[0])
        return lambda obj: (get(obj),)
    many: _Values = operator.attrgetter(*names)
    return many


def _slot_setters(cls: type) -> tuple[_Setter, ...]:
    return tuple(getattr(cls, f.name).__set__ for f in fields(cls))


by_fields_in(vars(model))
