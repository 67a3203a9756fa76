"""The contact policy (config key ``plan.contact_policy``): when a passive may be tried again.

The rules that use it live in one place, the ledger's lifecycle
(``passives_lib.store.ledger._lifecycle``); this module only holds and checks the settings.
"""

from __future__ import annotations

from pydantic.dataclasses import dataclass

from passives_lib.config._values import MODEL, Section, whole

__all__ = ["ContactPolicy"]


@dataclass(frozen=True, config=MODEL)
class ContactPolicy(Section):
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

    retries: whole(0, 10) = 2
    retry_after_days: whole(1, 365) = 7

    @property
    def max_attempts(self) -> int:
        """Contacts without an answer before the passive is left alone (``1 + retries``)."""
        return 1 + self.retries
