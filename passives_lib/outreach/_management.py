"""The management sample: a reproducible draw across segments and leans, managers in turn."""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from passives_lib.core import PlanSettings


def management_size(pool_size: int, settings: PlanSettings) -> int:
    """The management sample's size: ``management_share`` of the pool, rounded half up.

    Parameters
    ----------
    pool_size : int
        Eligible passives.
    settings : PlanSettings
        ``management_share`` and ``management_capacity``.

    Returns
    -------
    int
        At most ``management_capacity``.

    Examples
    --------
    >>> management_size(39, PlanSettings()), management_size(15, PlanSettings())
    (4, 2)
    """
    share = round(float(settings.management_share) * pool_size, 9)
    return min(int(np.floor(share + 0.5)), settings.management_capacity, pool_size)


def _stable_seed(week: str, random_state: int) -> int:
    return (zlib.crc32(week.encode()) + random_state) % (2**32)


def management_sample(pool: pd.DataFrame, week: str, settings: PlanSettings) -> pd.DataFrame:
    """A reproducible sample spread across segments and leans, managers assigned in turn.

    Its size is :func:`management_size` of the eligible pool, drawn from the whole pool
    before the call list takes its share. Each segment-and-lean stratum gets a share of the
    sample proportional to its size (largest remainders), and is sampled at random, so the
    sample is not only the top scores.
    """
    target = management_size(len(pool), settings)
    if target == 0:
        return pool.iloc[:0].assign(assignee=pd.Series(dtype=object))
    rng = np.random.default_rng(_stable_seed(week, settings.random_state))
    strata = pool.assign(stratum=pool["segment"].astype(str) + " | " + pool["lean"].astype(str))
    sizes = strata.groupby("stratum").size().sort_index()
    quota = sizes / sizes.sum() * target
    allocated = np.floor(quota).astype(int)
    remainder = (quota - allocated).sort_values(ascending=False, kind="stable")
    for stratum in remainder.index[: target - allocated.sum()]:
        allocated[stratum] += 1
    chosen = []
    for stratum, count in allocated.items():
        members = strata[strata["stratum"] == stratum].sort_values("respondent_id")
        if count:
            chosen.append(members.iloc[np.sort(rng.choice(len(members), count, replace=False))])
    sample = pd.concat(chosen).sort_values(["segment", "lean", "respondent_id"])
    sample = sample.drop(columns="stratum").reset_index(drop=True)
    sample["assignee"] = [settings.managers[i % len(settings.managers)] for i in range(len(sample))]
    return sample
