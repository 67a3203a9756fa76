"""The store fixtures (SQLite and a real PostgreSQL server) and the explorer's fixtures."""

import pytest

from tests.store.conftest import postgres_server, store  # noqa: F401 (fixtures)


@pytest.fixture
def open_explorer():
    """Nobody contacted yet: every passive may be proposed."""
    from passives_lib.config import PlanSettings
    from passives_lib.outreach._explorer import PassivesExplorer
    from tests.outreach.explorer_data import responses, themes

    frame = responses().assign(contact_status="not_contacted")
    return PassivesExplorer(frame, themes(), PlanSettings(capacity=10))


@pytest.fixture
def explorer():
    """Some passives already contacted (the export's contact statuses)."""
    from passives_lib.config import PlanSettings
    from passives_lib.outreach._explorer import PassivesExplorer
    from tests.outreach.explorer_data import responses, themes

    return PassivesExplorer(responses(), themes(), PlanSettings(capacity=10))
