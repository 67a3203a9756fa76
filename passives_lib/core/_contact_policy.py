"""The contact policy (config key ``plan.contact_policy``): when a passive may be tried again.

The rules that use it live in one place, the ledger's lifecycle
(``passives_lib.store.ledger._lifecycle``); this module only holds and checks the settings.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from passives_lib.core._checks import whole_number
from passives_lib.core._errors import settings_section

__all__ = ["ContactPolicy", "contact_policy_from_dict"]


@dataclass(frozen=True)
class ContactPolicy:
    """How often a passive who did not pick up is tried again.

    Attributes
    ----------
    retries : int
        Further attempts after a first contact that got no answer (a ``no_answer`` event);
        0 never tries again. After ``1 + retries`` contacts without an answer the passive is
        left alone (counted as *no answer* in the outreach results).
    retry_after_days : int
        Days between a ``no_answer`` and the next attempt: the passive is eligible again in
        the first planned week whose Monday is at least this many days after it.

    Notes
    -----
    The other rules of the policy are fixed: a panel invitation is a contact that awaits an
    answer like a call; ``do_not_contact`` keeps a customer off every list for good, apart
    from ``declined`` (which closes one case); a passive about to age out of the backlog is
    flagged the week before, and those who aged out without a contact are counted weekly.

    Examples
    --------
    >>> ContactPolicy().retries, ContactPolicy().retry_after_days
    (2, 7)
    """

    retries: int = 2
    retry_after_days: int = 7

    @property
    def max_attempts(self) -> int:
        """Contacts without an answer before the passive is left alone (``1 + retries``)."""
        return 1 + self.retries


def contact_policy_from_dict(raw: Any, where: str) -> ContactPolicy:
    """Validate ``plan.contact_policy``.

    Parameters
    ----------
    raw : mapping or ContactPolicy
        The parsed section (a :class:`ContactPolicy` is returned as it is).
    where : str
        Names the config in messages.

    Returns
    -------
    ContactPolicy
        The checked policy.

    Raises
    ------
    ConfigError
        On an unknown key or a value out of range, e.g.
        ``plan.contact_policy.retries must be a whole number between 0 and 10, got -1``.
    """
    if isinstance(raw, ContactPolicy):
        return raw
    policy = settings_section(raw, "plan.contact_policy", ContactPolicy, where)
    key = "plan.contact_policy"
    return replace(
        policy,
        retries=whole_number(policy.retries, f"{key}.retries", where, minimum=0, maximum=10),
        retry_after_days=whole_number(
            policy.retry_after_days, f"{key}.retry_after_days", where, minimum=1, maximum=365
        ),
    )
