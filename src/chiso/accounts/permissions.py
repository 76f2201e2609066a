"""Who may do what, where: the single table every view and the API consult.

A grant on a unit covers that unit and every unit below it in the org-unit tree, so the DX
office's ``quan_tri`` grant on the province reaches every department and commune. Views call
:func:`require` before any write; hiding a button is never the check.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied

from chiso.accounts.models import Grant, Role
from chiso.orgunits.models import OrgUnit

# action → roles allowed to do it inside their granted units.
ACTIONS: dict[str, frozenset[str]] = {
    # Read a unit's submissions, values, tasks.
    "view": frozenset({Role.ADMIN, Role.REPORTER, Role.APPROVER, Role.VIEWER}),
    # Enter and save values, narrative, evidence; upload an Excel file; save a draft.
    "enter": frozenset({Role.REPORTER, Role.APPROVER}),
    # Sign off and send the unit's submission to the DX office (the unit leader's act).
    "submit": frozenset({Role.APPROVER}),
    # Return, approve or reopen a submission; enter appraisal and published points.
    "review": frozenset({Role.ADMIN}),
    # Manage report forms, assignments, schedules, reminders and templates.
    "manage": frozenset({Role.ADMIN}),
    # Report progress on a task the unit leads or coordinates.
    "report_progress": frozenset({Role.REPORTER, Role.APPROVER}),
}

ACTION_LABELS = {
    "view": "xem",
    "enter": "nhập số liệu",
    "submit": "ký gửi báo cáo",
    "review": "trả lại, phê duyệt hoặc mở lại báo cáo",
    "manage": "quản lý mẫu báo cáo và lịch báo cáo",
    "report_progress": "cập nhật tiến độ nhiệm vụ",
}


def _descendant_ids(unit_ids: Iterable[int]) -> set[int]:
    """Every unit id at or below the given ones (walks the tree level by level)."""
    found = set(unit_ids)
    frontier = set(found)
    while frontier:
        children = set(OrgUnit.objects.filter(parent_id__in=frontier).values_list("id", flat=True))
        frontier = children - found
        found |= frontier
    return found


def _with_former_units(unit_ids: set[int]) -> set[int]:
    """Add the units these replaced through mergers (and the units below those), transitively.

    A former province's figures are its successor's history, so whoever may view today's
    Đồng Tháp may view Đồng Tháp (cũ), Tiền Giang (cũ) and their departments' 11/2024 reports.
    """
    found = set(unit_ids)
    while True:
        former = (
            set(OrgUnit.objects.filter(events_as_predecessor__successors__in=found).values_list("id", flat=True))
            - found
        )
        if not former:
            return found
        found |= _descendant_ids(former)


def reach_of(unit: OrgUnit | int) -> set[int]:
    """Ids of the units a view grant on ``unit`` reaches: the unit, every unit below it, and the
    former units merged into them with theirs (Đồng Tháp → Đồng Tháp (cũ), Tiền Giang (cũ), …)."""
    return _with_former_units(_descendant_ids({unit if isinstance(unit, int) else unit.pk}))


def _reach_by_role(user, roles: Iterable[str]) -> dict[str, set[int]]:
    """role → ids of the units the user's grants of that role reach (one grants query)."""
    roots: dict[str, set[int]] = {}
    for unit_id, role in Grant.objects.filter(user=user, role__in=list(roles)).values_list("unit_id", "role"):
        roots.setdefault(role, set()).add(unit_id)
    return {role: _descendant_ids(ids) for role, ids in roots.items()}


def _active(user) -> bool:
    return user.is_authenticated and user.is_active


def unit_ids_for(user, action: str) -> set[int]:
    """Ids of the units where ``user`` may do ``action`` (empty for anonymous users)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if not _active(user):
        return set()
    if user.is_superuser:
        return set(OrgUnit.objects.values_list("id", flat=True))
    units = set().union(*_reach_by_role(user, ACTIONS[action]).values())
    # Only reading reaches former units: nobody reports for a unit that no longer exists.
    return _with_former_units(units) if action == "view" else units


def actions_in(user, unit: OrgUnit | int) -> set[str]:
    """Every action ``user`` may do in ``unit``, the grants read once (a page asking for each
    of its buttons would otherwise resolve the tree once per button)."""
    unit_id = unit if isinstance(unit, int) else unit.pk
    if not _active(user):
        return set()
    if user.is_superuser:
        return set(ACTIONS)
    reach = _reach_by_role(user, set().union(*ACTIONS.values()))
    allowed = {action for action, roles in ACTIONS.items() if any(unit_id in reach.get(role, ()) for role in roles)}
    if "view" not in allowed:
        viewable = set().union(*(reach.get(role, set()) for role in ACTIONS["view"]))
        if unit_id in _with_former_units(viewable):
            allowed.add("view")
    return allowed


def can(user, action: str, unit: OrgUnit | int) -> bool:
    """True when ``user`` may do ``action`` in ``unit``."""
    unit_id = unit if isinstance(unit, int) else unit.pk
    return unit_id in unit_ids_for(user, action)


def can_any(user, action: str, units: Iterable[OrgUnit | int]) -> bool:
    """True when ``user`` may do ``action`` in at least one of ``units``."""
    allowed = unit_ids_for(user, action)
    return any((u if isinstance(u, int) else u.pk) in allowed for u in units)


def require(user, action: str, unit: OrgUnit | int) -> None:
    """Raise PermissionDenied (HTTP 403) with a Vietnamese reason unless ``user`` may act."""
    if not can(user, action, unit):
        unit_obj = unit if isinstance(unit, OrgUnit) else OrgUnit.objects.filter(pk=unit).first()
        name = unit_obj.name if unit_obj else "đơn vị này"
        raise PermissionDenied(f"Bạn không có quyền {ACTION_LABELS[action]} của {name}.")


def is_office(user) -> bool:
    """True for the DX office (a quan_tri grant anywhere) and superusers."""
    return user.is_authenticated and (user.is_superuser or Grant.objects.filter(user=user, role=Role.ADMIN).exists())


def is_office_here(request) -> bool:
    """:func:`is_office` for the user signing this request, read once per request: an admin page
    asks for each model it lists, several times each (a query each, ~25 per page). Kept with the
    user it was read for: a request that signs someone in or out asks again."""
    user = request.user
    known = getattr(request, "_is_office", None)
    if known is None or known[0] != (user.pk, user.is_authenticated):
        known = request._is_office = ((user.pk, user.is_authenticated), is_office(user))
    return known[1]
