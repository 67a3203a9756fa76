"""passives: find NPS passives, decide whom to contact first, learn from their comments.

The few names most analysts need are here, loaded on first use; everything else is exported by
the subpackage that owns it (``core``, ``config``, ``embedding``, ``survey``, ``themes``, ``store``,
``sample``, ``findings``, ``outreach``, ``pipeline``, ``report``, ``cli``), each through its
``__init__``; the ``_module`` files behind them are private. ARCHITECTURE.md maps them.
"""

from typing import TYPE_CHECKING

from passives_lib._lazy import lazy_exports

__all__ = [
    "load_config",
    "Config",
    "PassivesError",
    "mask_personal_data",
    "load_survey",
    "LoadedSurvey",
    "nps_table",
    "weekly_nps",
    "ThemeModel",
    "ContactLedger",
    "ThemeRegistry",
    "run_weekly",
    "write_weekly",
    "WeeklyRun",
    "run_report",
    "build_report",
    "PassivesExplorer",
]

_EXPORTS = {
    name: package
    for name, package in (
        ("load_config", "passives_lib.config"),
        ("Config", "passives_lib.config"),
        ("PassivesError", "passives_lib.core"),
        ("mask_personal_data", "passives_lib.core"),
        ("load_survey", "passives_lib.survey"),
        ("LoadedSurvey", "passives_lib.survey"),
        ("nps_table", "passives_lib.survey"),
        ("weekly_nps", "passives_lib.survey"),
        ("ThemeModel", "passives_lib.themes"),
        ("ContactLedger", "passives_lib.store"),
        ("ThemeRegistry", "passives_lib.store"),
        ("run_weekly", "passives_lib.pipeline"),
        ("write_weekly", "passives_lib.pipeline"),
        ("WeeklyRun", "passives_lib.pipeline"),
        ("run_report", "passives_lib.report"),
        ("build_report", "passives_lib.report"),
        ("PassivesExplorer", "passives_lib.outreach"),
    )
}
__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)

if TYPE_CHECKING:  # what type checkers and editors see
    from passives_lib.config import Config, load_config
    from passives_lib.core import PassivesError, mask_personal_data
    from passives_lib.outreach import PassivesExplorer
    from passives_lib.pipeline import WeeklyRun, run_weekly, write_weekly
    from passives_lib.report import build_report, run_report
    from passives_lib.store import ContactLedger, ThemeRegistry
    from passives_lib.survey import LoadedSurvey, load_survey, nps_table, weekly_nps
    from passives_lib.themes import ThemeModel
