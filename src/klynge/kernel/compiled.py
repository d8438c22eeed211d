"""SQL compiled once per process and key, rather than by Django on every query that uses it.

Building a rule's subqueries (filters over other tables, `Exists` with outer references) and compiling
them to SQL costs Django's query machinery a few milliseconds a page when a logged-in reader's rules are
applied to every query. A rule whose SQL depends only on a few values (a party's id, a person's id)
compiles to the same text and parameters for every query, and whatever the data: the SQL reads the data
when it runs. So it is kept here, per key and database, and a write never makes it stale.

`Kept` is the bounded per-process store; `CompiledSubquery` is a subquery (a queryset of ids, built by a
function of one value) that compiles itself once per function, value and database, for `field__in=`.
"""

import threading
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from django.db.models import BigIntegerField, Expression, QuerySet

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Kept(Generic[K, V]):
    """A bounded per-process map of compiled things: when full, the oldest key goes first. Only what
    `make` returns for a key is kept, so the key must hold everything the result depends on."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: dict[K, V] = {}
        self._lock = threading.Lock()

    def get(self, key: K, make: Callable[[], V]) -> V:
        value = self._values.get(key)
        if value is None:
            value = make()
            with self._lock:
                while len(self._values) >= self.size:
                    del self._values[next(iter(self._values))]
                self._values[key] = value
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


SQL = tuple[str, tuple[Any, ...]]

# One entry per rule and party or person reading (a few thousand at most at national scale).
_SUBQUERIES: Kept[tuple[Any, ...], SQL] = Kept(4096)


def compile_subquery(queryset: QuerySet[Any], connection: Any) -> SQL:
    """The SQL of `queryset` as Django writes it when the queryset is the right side of `__in`: no
    ordering, its own table names (a subquery's names shadow the outer query's, so the text is valid
    wherever it is put)."""
    query = queryset.query.clone()
    query.clear_ordering(force=True, clear_default=True)
    sql, params = query.get_compiler(connection=connection).as_sql()
    return sql, tuple(params)


class CompiledSubquery(Expression):
    """`build(value)` (a queryset of ids that refers to no outer query) as a subquery, compiled once per
    `build`, `value` and database vendor, and reused by every query that uses it: for `field__in=`.

    `build` must be a plain function whose SQL depends only on `value` (the viewer's party or person id,
    say) and on nothing else read in Python: never on the time, the settings or the data."""

    def __init__(self, build: Callable[[Any], QuerySet[Any]], value: Hashable) -> None:
        super().__init__(output_field=BigIntegerField())
        self.build = build
        self.value = value

    def __repr__(self) -> str:
        return f"{self.__class__.__name__}({self.build.__qualname__}, {self.value!r})"

    def as_sql(self, compiler: Any, connection: Any) -> SQL:
        key = (connection.vendor, connection.alias, self.build, self.value)
        sql, params = _SUBQUERIES.get(key, lambda: compile_subquery(self.build(self.value), connection))
        return f"({sql})", params

    def get_group_by_cols(self) -> list[Any]:
        return []  # it refers to no column of the outer query (as a queryset that refers to none)
