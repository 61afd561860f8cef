"""Record classes: the package's dataclasses, without compiling code at import.

Python 3.11's `dataclasses` writes each class's `__init__`, `__repr__`, `__eq__`,
`__hash__` and frozen `__setattr__` as source text and compiles it when the module is
imported: about a millisecond a class, 75 ms for the 82 classes a `check` imports (half
of what Python needs to open a .docx with python-docx), plus `inspect`, `ast` and `dis`,
which `dataclasses` imports. `record` makes the same kind of class from methods written
once below that read the class's field table, so a class costs microseconds.

Type checkers see `record` as a dataclass decorator (PEP 681, `dataclass_transform`).
The generic `__init__` loops over the fields in Python, about twice the cost of a
compiled one: the few classes built by the ten thousand (a paragraph's pieces, blocks)
write their own `__init__`, which `record` keeps, as `dataclass` does.

Supported, as in `dataclasses`: defaults and `field(default_factory=...)`, `repr`,
`compare` and `hash` per field, `eq`, `order`, `frozen`, `slots`, inheritance from
another record, pickling and copying, `fields`, `replace` and `asdict`. Not supported
(none of the package's classes uses them): `ClassVar` and `InitVar` fields,
`__post_init__`, keyword-only fields, `unsafe_hash`. It runs past 300 lines because
`field`'s typed overloads and the pickling, copying and comparison rules belong together.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform, overload

__all__ = ["Field", "FrozenRecordError", "asdict", "field", "fields", "is_record", "record", "replace"]

_T = TypeVar("_T")
_C = TypeVar("_C", bound=type)


class _Missing:
    """No default: the field must be given."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class FrozenRecordError(AttributeError):
    """An attribute of a frozen record was set or deleted."""


class Field:
    """One field of a record: its name, default and how it takes part in repr, == and hash."""

    __slots__ = ("compare", "default", "default_factory", "hash", "init", "name", "repr")

    def __init__(
        self,
        default: Any,
        default_factory: Any,
        repr: bool,
        compare: bool,
        hash: bool | None,
        init: bool,
    ) -> None:
        if default is not MISSING and default_factory is not MISSING:
            raise ValueError("cannot specify both default and default_factory")
        self.name = ""
        self.default = default
        self.default_factory = default_factory
        self.repr = repr
        self.compare = compare
        self.hash = hash
        self.init = init

    def __repr__(self) -> str:
        return f"Field(name={self.name!r}, default={self.default!r}, default_factory={self.default_factory!r})"


@overload
def field(
    *, default: _T, repr: bool = True, compare: bool = True, hash: bool | None = None, init: bool = True
) -> _T: ...
@overload
def field(
    *,
    default_factory: Callable[[], _T],
    repr: bool = True,
    compare: bool = True,
    hash: bool | None = None,
    init: bool = True,
) -> _T: ...
@overload
def field(*, repr: bool = True, compare: bool = True, hash: bool | None = None, init: bool = True) -> Any: ...
def field(
    *,
    default: Any = MISSING,
    default_factory: Any = MISSING,
    repr: bool = True,
    compare: bool = True,
    hash: bool | None = None,
    init: bool = True,
) -> Any:
    """A field with a default factory or settings other than the usual (as `dataclasses.field`)."""
    return Field(default, default_factory, repr, compare, hash, init)


def _is_classvar(annotation: object) -> bool:
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
    return isinstance(text, str) and text.replace("typing.", "").startswith(("ClassVar", "InitVar"))


def _collect(cls: type) -> tuple[Field, ...]:
    """The fields of the bases' records, then the class's own annotations in order."""
    found: dict[str, Field] = {}
    for base in reversed(cls.__mro__[1:]):
        for f in base.__dict__.get("__record_fields__", ()):
            found[f.name] = f
    # not inspect.get_annotations: importing inspect is part of what this module avoids
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():  # noqa: RUF063
        if _is_classvar(annotation):
            raise TypeError(f"{cls.__qualname__}.{name}: ClassVar and InitVar fields are not supported")
        value = cls.__dict__.get(name, MISSING)
        if isinstance(value, Field):
            f = value
        else:
            if isinstance(value, (list, dict, set)):
                raise ValueError(f"mutable default {type(value)} for field {name} is not allowed: use default_factory")
            f = Field(value, MISSING, True, True, None, True)
        f.name = name
        found[name] = f
    seen_default = False
    for f in found.values():
        if not f.init:
            continue
        if f.default is MISSING and f.default_factory is MISSING:
            if seen_default:
                raise TypeError(f"non-default argument {f.name!r} follows default argument")
        else:
            seen_default = True
    return tuple(found.values())


def _key_getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """A C-level getter of these attributes as a tuple (attrgetter gives a bare value for one)."""
    if len(names) >= 2:
        return attrgetter(*names)
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _make_init(cls_name: str, table: tuple[Field, ...]) -> Callable[..., None]:
    init_fields = tuple(f for f in table if f.init)
    names = tuple(f.name for f in init_fields)
    positional = len(names)
    others = tuple(f for f in table if not f.init)
    setter = object.__setattr__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if len(args) > positional:
            raise TypeError(f"{cls_name}() takes {positional} positional arguments but {len(args)} were given")
        for name, value in zip(names, args):
            setter(self, name, value)
        for f in init_fields[len(args) :]:
            name = f.name
            if name in kwargs:
                setter(self, name, kwargs.pop(name))
            elif f.default is not MISSING:
                setter(self, name, f.default)
            elif f.default_factory is not MISSING:
                setter(self, name, f.default_factory())
            else:
                raise TypeError(f"{cls_name}() missing required argument: {name!r}")
        if kwargs:
            name = next(iter(kwargs))
            if name in names:
                raise TypeError(f"{cls_name}() got multiple values for argument {name!r}")
            raise TypeError(f"{cls_name}() got an unexpected keyword argument {name!r}")
        for f in others:
            if f.default is not MISSING:
                setter(self, f.name, f.default)
            elif f.default_factory is not MISSING:
                setter(self, f.name, f.default_factory())

    return __init__


def _make_repr(table: tuple[Field, ...]) -> Callable[[Any], str]:
    shown = tuple(f.name for f in table if f.repr)

    def __repr__(self: Any) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{type(self).__qualname__}({inner})"

    return __repr__


def _make_compare(key: Callable[[Any], tuple[Any, ...]], op: Callable[[Any, Any], bool]) -> Callable[[Any, Any], Any]:
    def compare(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return op(key(self), key(other))
        return NotImplemented

    return compare


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenRecordError(f"cannot assign to field {name!r} of a frozen {type(self).__qualname__}")


def _frozen_delattr(self: Any, name: str) -> None:
    raise FrozenRecordError(f"cannot delete field {name!r} of a frozen {type(self).__qualname__}")


def _with_slots(cls: type, table: tuple[Field, ...]) -> type:
    """The class made again with __slots__ for its own fields (as `dataclass(slots=True)`)."""
    body = dict(cls.__dict__)
    inherited = {name for base in cls.__mro__[1:] for name in base.__dict__.get("__slots__", ())}
    own = tuple(f.name for f in table if f.name not in inherited)
    for name in own:
        body.pop(name, None)
    body.pop("__dict__", None)
    body.pop("__weakref__", None)
    body["__slots__"] = own
    new = type(cls)(cls.__name__, cls.__bases__, body)
    new.__qualname__ = cls.__qualname__
    return new


def _set_if_absent(cls: type, name: str, value: Any) -> None:
    if name not in cls.__dict__:
        setattr(cls, name, value)


@dataclass_transform(field_specifiers=(field, Field))
def record(
    cls: _C | None = None,
    /,
    *,
    frozen: bool = False,
    slots: bool = False,
    eq: bool = True,
    order: bool = False,
) -> Any:
    """Make `cls` a record: `@record`, `@record(frozen=True, slots=True)` (see module docstring)."""

    def wrap(cls: _C) -> _C:
        table = _collect(cls)
        for f in table:
            if f.name in cls.__dict__ and f.default is MISSING:
                delattr(cls, f.name)  # a bare field() left on the class
            elif f.name in cls.__dict__:
                setattr(cls, f.name, f.default)
        made: Any = _with_slots(cls, table) if slots else cls
        made.__record_fields__ = table
        made.__record_frozen__ = frozen
        _set_if_absent(made, "__match_args__", tuple(f.name for f in table if f.init))
        _set_if_absent(made, "__init__", _make_init(cls.__qualname__, table))
        _set_if_absent(made, "__repr__", _make_repr(table))
        compared = _key_getter(tuple(f.name for f in table if f.compare))
        if eq:
            # Python sets __hash__ = None in a body that defines __eq__: that is not a choice.
            own_hash = cls.__dict__.get("__hash__", MISSING)
            explicit_hash = not (own_hash is MISSING or (own_hash is None and "__eq__" in cls.__dict__))
            _set_if_absent(made, "__eq__", _make_compare(compared, operator.eq))
            if frozen and not explicit_hash:
                hashed = _key_getter(tuple(f.name for f in table if (f.compare if f.hash is None else f.hash)))
                made.__hash__ = lambda self: hash(hashed(self))
            elif not explicit_hash:
                made.__hash__ = None
        if order:
            for name, op in (
                ("__lt__", operator.lt),
                ("__le__", operator.le),
                ("__gt__", operator.gt),
                ("__ge__", operator.ge),
            ):
                _set_if_absent(made, name, _make_compare(compared, op))
        if frozen:
            made.__setattr__ = _frozen_setattr
            made.__delattr__ = _frozen_delattr
        if slots:
            state_of = _key_getter(tuple(f.name for f in table))

            def __getstate__(self: Any) -> tuple[Any, ...]:
                return state_of(self)

            def __setstate__(self: Any, state: tuple[Any, ...]) -> None:
                for f, value in zip(table, state):
                    object.__setattr__(self, f.name, value)

            made.__getstate__ = __getstate__
            made.__setstate__ = __setstate__
        return made  # type: ignore[no-any-return]

    return wrap if cls is None else wrap(cls)


def is_record(obj: object) -> bool:
    """A record class or an instance of one."""
    return hasattr(obj if isinstance(obj, type) else type(obj), "__record_fields__")


def fields(obj: object) -> tuple[Field, ...]:
    """The fields of a record class or instance, in order."""
    table: tuple[Field, ...] | None = getattr(obj if isinstance(obj, type) else type(obj), "__record_fields__", None)
    if table is None:
        raise TypeError(f"not a record: {obj!r}")
    return table


def replace(obj: _T, /, **changes: Any) -> _T:
    """A new record like `obj` with some fields changed (as `dataclasses.replace`)."""
    for f in fields(obj):
        if not f.init:
            if f.name in changes:
                raise ValueError(f"field {f.name} cannot be given to replace()")
            continue
        if f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return type(obj)(**changes)


def asdict(obj: object) -> dict[str, Any]:
    """The record as a dict, records, lists, tuples and dicts inside it converted too."""
    if not is_record(obj) or isinstance(obj, type):
        raise TypeError(f"asdict() should be called on a record instance: {obj!r}")
    return {f.name: _plain(getattr(obj, f.name)) for f in fields(obj)}


def _plain(value: Any) -> Any:
    if is_record(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return type(value)(*[_plain(v) for v in value])
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict):
        return type(value)((_plain(k), _plain(v)) for k, v in value.items())
    import copy

    return copy.deepcopy(value)
