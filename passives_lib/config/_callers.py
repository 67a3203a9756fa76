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

from collections.abc import Callable
from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, BeforeValidator, WrapValidator
from pydantic.dataclasses import dataclass

from passives_lib.config._values import MODEL, AnyText, Names, Section, Text, fail, whole

__all__ = ["Caller", "Callers"]


def _accepted(value: Any, names: Callable[[Any], list[str]]) -> tuple[str, ...]:
    if isinstance(value, tuple):  # given in code: () is "any"
        return tuple(n.strip() for n in names(list(value))) if value else ()
    return tuple(n.strip() for n in names(value))


# Segments or languages: a non-empty list of names in the config; any when not given.
_Accepted = Annotated[Names, WrapValidator(_accepted)]


@dataclass(frozen=True, config=MODEL)
class Caller(Section):
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

    SHAPE: ClassVar[str] = "a mapping with name and capacity"

    name: Text
    capacity: whole(minimum=0)
    segments: _Accepted = ()
    languages: _Accepted = ()
    crm_user: AnyText = ""

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


def _listed(value: Any) -> Any:
    if value is None:
        return []
    if not isinstance(value, list | tuple):
        raise fail("a list of callers (name, capacity, optional segments, languages, crm_user)")
    return value


def _named_once(callers: list[Caller]) -> list[Caller]:
    seen: set[str] = set()
    for i, caller in enumerate(callers):
        if caller.name.casefold() in seen:
            raise fail(
                must="differ from every other caller's name",
                at=(i, "name"),
                found=repr(caller.name),
            )
        seen.add(caller.name.casefold())
    return callers


# ``plan.callers``: in config order, none by default, no two of one name (case aside).
Callers = Annotated[list[Caller], BeforeValidator(_listed), AfterValidator(_named_once)]
