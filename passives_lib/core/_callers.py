"""The front-line callers of the config (``plan.callers``): who calls, how many, whom.

.. code-block:: yaml

    plan:
      callers:
        - name: Dana Lee
          capacity: 6
          segments: [Enterprise]     # optional: takes only these segments
          languages: [fr]            # optional: takes only customers in these languages
          crm_user: dana@example.com # optional: the caller's user in the CRM (--crm files)
        - name: Eli Moss
          capacity: 9
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from passives_lib.core._checks import text_list, text_value, whole_number
from passives_lib.core._errors import ConfigError

CALLER_KEYS = ("name", "capacity", "segments", "languages", "crm_user")


@dataclass(frozen=True)
class Caller:
    """One front-line caller.

    Attributes
    ----------
    name : str
        The caller's name: the ``assignee`` of the rows they call and the name of their
        files (``briefs/<caller>.html``, ``callers/<caller>.csv``).
    capacity : int
        Calls they can make this week.
    segments : tuple of str
        Segments they take (any when empty), compared without regard to case.
    languages : tuple of str
        Languages they take (any when empty), e.g. ``en``, ``fr``.
    crm_user : str
        Their user in the CRM (an id or e-mail), for the ``--crm`` files' owner; the name
        when not given.
    """

    name: str
    capacity: int
    segments: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    crm_user: str = ""

    @property
    def owner(self) -> str:
        """The owner of their tasks in a CRM file: ``crm_user``, else the name."""
        return self.crm_user or self.name

    def takes(self, segment: object, language: object) -> bool:
        """Whether the caller takes a customer of this segment and language.

        Examples
        --------
        >>> Caller("Dana", 6, segments=("Enterprise",)).takes("enterprise", "fr")
        True
        >>> Caller("Dana", 6, languages=("fr",)).takes("Enterprise", "en")
        False
        """
        return _fits(self.segments, segment) and _fits(self.languages, language)

    @property
    def specialised(self) -> bool:
        """Whether the caller takes only some segments or languages."""
        return bool(self.segments or self.languages)


def _fits(accepted: tuple[str, ...], value: object) -> bool:
    if not accepted:
        return True
    text = "" if value is None else str(value).strip().casefold()
    return text in {a.casefold() for a in accepted}


def callers_from_config(raw: Any, where: str) -> list[Caller]:
    """Validate ``plan.callers``: a list of callers with a name and a capacity each.

    Parameters
    ----------
    raw : object
        The value of ``plan.callers`` as parsed from YAML (None or a list of mappings).
    where : str
        Names the config in messages.

    Returns
    -------
    list of Caller
        In config order; empty when none are configured.

    Raises
    ------
    ConfigError
        In the form ``plan.callers[2].capacity must be a whole number >= 0, got 'six'``: a
        caller that is not a mapping, an unknown key, a missing or blank name, two callers
        of one name, a bad capacity, segments or languages not a list of texts.

    Examples
    --------
    >>> callers_from_config([{"name": "Dana", "capacity": 6}], "config.yml")
    [Caller(name='Dana', capacity=6, segments=(), languages=(), crm_user='')]
    """
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise ConfigError(
            f"{where}: plan.callers must be a list of callers (name, capacity, optional "
            f"segments, languages, crm_user), got {raw!r}"
        )
    callers: list[Caller] = []
    for i, item in enumerate(raw):
        key = f"plan.callers[{i}]"
        if not isinstance(item, dict):
            raise ConfigError(
                f"{where}: {key} must be a mapping with name and capacity, got {item!r}"
            )
        unknown = sorted(set(map(str, item)) - set(CALLER_KEYS))
        if unknown:
            raise ConfigError(
                f"{where}: {key} has unknown key(s) {unknown}; keys are {list(CALLER_KEYS)}"
            )
        for required in ("name", "capacity"):
            if required not in item:
                raise ConfigError(f"{where}: {key} needs a {required}, found {sorted(item)}")
        name = text_value(item["name"], f"{key}.name", where)
        if any(c.name.casefold() == name.casefold() for c in callers):
            raise ConfigError(f"{where}: {key}.name {name!r} names a caller twice")
        callers.append(
            Caller(
                name=name,
                capacity=whole_number(item["capacity"], f"{key}.capacity", where, minimum=0),
                segments=_optional_list(item, "segments", key, where),
                languages=_optional_list(item, "languages", key, where),
                crm_user=text_value(item.get("crm_user", ""), f"{key}.crm_user", where, True),
            )
        )
    return callers


def _optional_list(item: dict, name: str, key: str, where: str) -> tuple[str, ...]:
    if name not in item:
        return ()
    return tuple(v.strip() for v in text_list(item[name], f"{key}.{name}", where))
