"""The weekly run: the only place where files, databases and models meet."""

from passives_lib.pipeline._crm import crm_tasks, due_date, write_crm_tasks
from passives_lib.pipeline._findings_run import FindingsRun, run_findings, write_findings
from passives_lib.pipeline._outcomes import import_outcomes_file
from passives_lib.pipeline._plan_run import PlanRun, respondent_themes, run_plan, write_plan
from passives_lib.pipeline._theme_fixes import mark_fixed, resolve_theme
from passives_lib.pipeline._theme_run import (
    ThemeRun,
    default_cache_dir,
    fit_themes,
    model_from_config,
    run_themes,
    stable_themes,
    write_theme_outputs,
)
from passives_lib.pipeline._weekly import WeeklyRun, run_weekly, write_weekly
from passives_lib.pipeline._worklist_run import (
    LedgerWorklist,
    WorklistRun,
    check_ledger,
    explorer_page,
    load_worklist,
    worklist_author,
)

__all__ = [
    "FindingsRun",
    "LedgerWorklist",
    "PlanRun",
    "ThemeRun",
    "WeeklyRun",
    "crm_tasks",
    "due_date",
    "default_cache_dir",
    "fit_themes",
    "WorklistRun",
    "check_ledger",
    "explorer_page",
    "load_worklist",
    "import_outcomes_file",
    "mark_fixed",
    "resolve_theme",
    "model_from_config",
    "respondent_themes",
    "run_findings",
    "run_plan",
    "run_themes",
    "run_weekly",
    "write_crm_tasks",
    "stable_themes",
    "worklist_author",
    "write_findings",
    "write_plan",
    "write_theme_outputs",
    "write_weekly",
]
