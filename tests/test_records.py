"""`records.record` behaves as `dataclasses.dataclass` for what the package uses.

Each case defines the same class twice, once with each decorator, and compares what the
two do; the package's classes that write their own `__init__` are checked against their
field tables.
"""

from __future__ import annotations

import copy
import dataclasses
import importlib
import inspect
import pickle
import pkgutil
from typing import Any

import pytest

import wttsc_policy
from wttsc_policy import records
from wttsc_policy.records import FrozenRecordError, field, record


def _pair(**options: Any) -> tuple[type, type]:
    """The same class made by dataclasses and by records."""

    def body() -> dict[str, Any]:
        return {
            "__annotations__": {"a": "int", "b": "str", "c": "list[int]", "d": "dict[str, int]", "e": "int"},
            "b": "x",
            "__module__": __name__,
        }

    dc_body = body()
    dc_body["c"] = dataclasses.field(default_factory=list)
    dc_body["d"] = dataclasses.field(default_factory=dict, compare=False, repr=False)
    dc_body["e"] = dataclasses.field(default=0, hash=False)
    rec_body = body()
    rec_body["c"] = field(default_factory=list)
    rec_body["d"] = field(default_factory=dict, compare=False, repr=False)
    rec_body["e"] = field(default=0, hash=False)
    made_dc = dataclasses.dataclass(**options)(type("Thing", (), dc_body))
    made_rec = record(**options)(type("Thing", (), rec_body))
    return made_dc, made_rec


OPTIONS = [
    {},
    {"eq": False},
    {"frozen": True},
    {"slots": True},
    {"frozen": True, "slots": True},
    {"order": True},
    {"eq": True, "slots": True, "order": True},
]


def _values(obj: Any) -> tuple[Any, ...]:
    return tuple(getattr(obj, name) for name in ("a", "b", "c", "d", "e"))


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: ",".join(f"{k}={v}" for k, v in o.items()) or "plain")
def test_a_record_acts_as_the_dataclass(options: dict[str, Any]) -> None:
    made_dc, made_rec = _pair(**options)
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
        ((1,), {}),
        ((1, "y"), {}),
        ((1,), {"c": [5], "e": 3}),
        ((), {"a": 2, "b": "z", "d": {"k": 1}}),
        ((1, "y", [1], {"q": 2}, 7), {}),
    ]
    made = []
    for args, kwargs in calls:
        one, two = made_dc(*args, **kwargs), made_rec(*args, **kwargs)
        assert _values(one) == _values(two)
        assert repr(one) == repr(two)
        made.append((one, two))
    # default factories give each instance its own list
    first, second = made_rec(1), made_rec(1)
    assert first.c is not second.c
    # equality, hashing and ordering agree pair by pair
    for x_dc, x_rec in made:
        for y_dc, y_rec in made:
            assert (x_dc == y_dc) == (x_rec == y_rec)
            assert (x_dc != y_dc) == (x_rec != y_rec)
            if options.get("order"):
                assert (x_dc < y_dc) == (x_rec < y_rec)
                assert (x_dc >= y_dc) == (x_rec >= y_rec)
    assert (made_dc.__hash__ is None) == (made_rec.__hash__ is None)
    if made_rec.__hash__ is not None and options.get("frozen"):
        # hashed as the dataclass is: the compared fields but those with hash=False (the
        # list field `c` is unhashable either way)
        for args in [(1, "y", (), {}, 1), (1, "y", (), {"x": 1}, 2), (2, "z", (3,), {}, 0)]:
            assert hash(made_rec(*args)) == hash(made_dc(*args))
        assert hash(made_rec(1, "y", (), {}, 1)) == hash(made_rec(1, "y", (), {"q": 2}, 2))
    assert made_rec(1) != (1, "x", [], {}, 0)
    # frozen
    one = made_rec(1)
    if options.get("frozen"):
        with pytest.raises(FrozenRecordError):
            one.a = 2
        with pytest.raises(AttributeError):
            del one.a
    else:
        one.a = 2
        assert one.a == 2
    # slots
    assert hasattr(made_rec(1), "__dict__") == hasattr(made_dc(1), "__dict__")
    assert made_rec.__match_args__ == made_dc.__match_args__
    assert [f.name for f in records.fields(made_rec)] == [f.name for f in dataclasses.fields(made_dc)]


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: ",".join(f"{k}={v}" for k, v in o.items()) or "plain")
def test_records_pickle_copy_replace_and_asdict(options: dict[str, Any]) -> None:
    made_dc, made_rec = _pair(**options)
    globals()["Thing"] = made_rec  # pickle finds the class by module and qualified name
    try:
        one = made_rec(1, "y", [2, 3], {"k": 4}, 5)
        for again in (pickle.loads(pickle.dumps(one, protocol=p)) for p in (2, 4, 5)):
            assert _values(again) == _values(one)
        assert _values(copy.copy(one)) == _values(one)
        deep = copy.deepcopy(one)
        assert _values(deep) == _values(one) and deep.c is not one.c
        changed = records.replace(one, b="z")
        assert _values(changed) == (1, "z", [2, 3], {"k": 4}, 5)
        assert records.asdict(one) == dataclasses.asdict(made_dc(1, "y", [2, 3], {"k": 4}, 5))
    finally:
        del globals()["Thing"]


def test_wrong_calls_fail_as_they_do_for_a_dataclass() -> None:
    made_dc, made_rec = _pair()
    for args, kwargs in [((), {}), ((1, "y", [], {}, 0, 9), {}), ((1,), {"a": 2}), ((1,), {"zz": 1})]:
        with pytest.raises(TypeError):
            made_dc(*args, **kwargs)
        with pytest.raises(TypeError):
            made_rec(*args, **kwargs)


def test_definitions_a_dataclass_refuses_are_refused() -> None:
    with pytest.raises(ValueError, match="mutable default"):
        record(type("Bad", (), {"__annotations__": {"x": "list[int]"}, "x": []}))
    with pytest.raises(TypeError, match="non-default argument"):
        record(type("Bad", (), {"__annotations__": {"x": "int", "y": "int"}, "x": 1}))
    with pytest.raises(TypeError, match="ClassVar"):
        record(type("Bad", (), {"__annotations__": {"x": "ClassVar[int]"}}))
    with pytest.raises(ValueError):
        field(default=1, default_factory=int)


@record(frozen=True, slots=True)
class Base:
    x: int
    y: int = 2


@record(frozen=True, slots=True)
class Child(Base):
    z: int = 3

    def __repr__(self) -> str:
        return "mine"


def test_inheritance_explicit_methods_and_field_flags() -> None:
    child = Child(1, z=4)
    assert (child.x, child.y, child.z) == (1, 2, 4)
    assert repr(child) == "mine"
    assert [f.name for f in records.fields(child)] == ["x", "y", "z"]
    assert Child(1) == Child(1, 2, 3) and Child(1) != Base(1)
    assert pickle.loads(pickle.dumps(child)).z == 4

    @record
    class Own:  # noqa: PLW1641 - no __hash__ is what is tested
        a: int
        b: int = field(default=0, init=False)

        def __eq__(self, other: object) -> bool:
            return True

    own = Own(5)
    assert own.b == 0 and own == 1 and Own.__hash__ is None
    with pytest.raises(TypeError):
        Own(5, 6)  # type: ignore[call-arg]
    with pytest.raises(ValueError):
        records.replace(own, b=1)


def _package_records() -> list[type]:
    found = []
    for info in pkgutil.walk_packages(wttsc_policy.__path__, "wttsc_policy."):
        if "_compiled_templates" in info.name or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == info.name and records.is_record(value):
                found.append(value)
    return found


def test_no_package_class_uses_dataclasses() -> None:
    """A `dataclasses` class would bring back the import-time cost records.py removes."""
    for info in pkgutil.walk_packages(wttsc_policy.__path__, "wttsc_policy."):
        if "_compiled_templates" in info.name or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == info.name:
                assert not dataclasses.is_dataclass(value), f"{info.name}.{value.__qualname__}"


def test_written_out_inits_match_their_field_tables() -> None:
    """The hot classes write `__init__` by hand: same parameters, order and defaults as
    the fields, and a fresh list where a field has a list factory."""
    written = [
        cls for cls in _package_records() if "__init__" in cls.__dict__ and cls.__init__.__module__ == cls.__module__
    ]
    assert {cls.__name__ for cls in written} >= {"Piece", "Block", "Locator", "Normalised", "ParagraphText"}
    for cls in written:
        table = [f for f in records.fields(cls) if f.init]
        params = list(inspect.signature(cls.__init__).parameters.values())[1:]
        assert [p.name for p in params] == [f.name for f in table], cls
        required = {}
        for param, f in zip(params, table):
            if f.default is not records.MISSING:
                assert param.default == f.default, (cls, f.name)
            elif f.default_factory is not records.MISSING:
                assert param.default is None, (cls, f.name)
            else:
                assert param.default is inspect.Parameter.empty, (cls, f.name)
                required[f.name] = object()
        first, second = cls(**required), cls(**required)
        for f in table:
            if f.default_factory is not records.MISSING:
                made = getattr(first, f.name)
                assert type(made) is type(f.default_factory()), (cls, f.name)
                if isinstance(made, (list, dict, set)):
                    assert made is not getattr(second, f.name), (cls, f.name)
            elif f.default is not records.MISSING:
                assert getattr(first, f.name) == f.default, (cls, f.name)
