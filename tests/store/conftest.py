"""The store suites run on SQLite and on a real PostgreSQL server started for the session.

``store`` is parametrised: ``sqlite`` (a file in the test's folder) and ``postgresql`` (a
fresh database on the server of :mod:`tests.store.postgres`, skipped saying why where the
server binaries or psycopg are missing).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.store.postgres import PostgresServer, server_binaries

_numbers = itertools.count(1)


@dataclass
class Store:
    """Where a test's ledger lives, and backend-neutral ways to look inside it."""

    kind: str  # "sqlite" or "postgresql"
    location: str | Path  # what ContactLedger / ThemeRegistry are given

    @property
    def url(self) -> str:
        return self.location if isinstance(self.location, str) else f"sqlite:///{self.location}"

    def engine(self) -> sa.Engine:
        return sa.create_engine(self.url)

    def execute(self, *statements: str) -> list[tuple]:
        """Run SQL in one transaction; the rows of the last statement that returns any."""
        engine = self.engine()
        rows: list[tuple] = []
        try:
            with engine.begin() as conn:
                for statement in statements:
                    result = conn.exec_driver_sql(statement)
                    if result.returns_rows:
                        rows = [tuple(r) for r in result]
        finally:
            engine.dispose()
        return rows

    def tables(self) -> set[str]:
        if isinstance(self.location, Path) and not self.location.exists():
            return set()
        engine = self.engine()
        try:
            return set(sa.inspect(engine).get_table_names())
        finally:
            engine.dispose()

    def columns(self, table: str) -> list[str]:
        engine = self.engine()
        try:
            return [c["name"] for c in sa.inspect(engine).get_columns(table)]
        finally:
            engine.dispose()

    def dump(self) -> dict[str, list[tuple]]:
        """Every table's rows, sorted: the database's whole content."""
        engine = self.engine()
        try:
            reflected = sa.MetaData()
            reflected.reflect(engine)
            with engine.connect() as conn:
                return {
                    name: sorted((tuple(row) for row in conn.execute(sa.select(table))), key=repr)
                    for name, table in sorted(reflected.tables.items())
                }
        finally:
            engine.dispose()


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server for the session; the tests that need it skip saying why without."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed (pip install 'passives[postgres]')")
    binaries, why = server_binaries()
    if binaries is None:
        pytest.skip(why)
    server = PostgresServer(binaries)
    try:
        server.start()
    except BaseException:
        server.stop()
        raise
    yield server
    server.stop()


def new_database(server: PostgresServer) -> str:
    """Create an empty database on the server; its URL."""
    name = f"passives_test_{next(_numbers)}"
    engine = sa.create_engine(server.url(), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {name}")
    finally:
        engine.dispose()
    return server.url(name)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """The URL of a fresh, empty PostgreSQL database."""
    return new_database(postgres_server)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request, tmp_path: Path) -> Store:
    """A fresh location for a ledger: a SQLite file path, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return Store("sqlite", tmp_path / "cx" / "ledger.sqlite")
    return Store("postgresql", new_database(request.getfixturevalue("postgres_server")))


@pytest.fixture
def ledger_path(tmp_path: Path) -> Path:
    """Where a test's SQLite ledger file goes (its folder not made yet)."""
    return tmp_path / "cx" / "ledger.sqlite"


@pytest.fixture
def ledger(store: Store):
    """An open contact ledger on ``store``."""
    from passives_lib.store.ledger._ledger import ContactLedger

    with ContactLedger(store.location) as opened:
        yield opened


@pytest.fixture
def registry(store: Store):
    """An open theme registry on ``store``."""
    from passives_lib.store.registry._registry import ThemeRegistry

    with ThemeRegistry(store.location) as opened:
        yield opened


@pytest.fixture
def known(registry):
    """A registry that has recorded week 1: delivery = 1, price = 2, staff = 3."""
    from tests.store.registry_runs import W1, first_week

    registry.assign(W1, *first_week())
    return registry
