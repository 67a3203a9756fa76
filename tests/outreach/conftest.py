"""The store fixtures (SQLite and a real PostgreSQL server) for the outreach loop's tests."""

from tests.store.conftest import postgres_server, store  # noqa: F401 (fixtures)
