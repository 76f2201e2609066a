"""Every route of the site, from the URL resolver, with the objects that fill its arguments.

The security tests walk this catalogue; a route added to any app and not described in
``KIND`` fails ``test_every_route_is_classified``, so nothing new escapes the matrix.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse

# page: an HTML page read with GET; file: a GET download (xlsx, docx, csv, json);
# write: a POST that changes something (the permission matrix covers it);
# compute: a POST that only computes (the simulator), never stores anything;
# session: login and logout; redirect: a GET that marks something for the user and sends them on
# (opening a notice marks it read and lands on its report).
KIND = {
    "home": "page",
    "framework": "page",
    "indicator": "page",
    "unit": "page",
    "accounts:login": "session",
    "accounts:logout": "session",
    "collection:mine": "page",
    "collection:submission": "page",
    "collection:value_history": "page",
    "collection:tracker": "page",
    "collection:aggregation": "page",
    "collection:excel": "file",
    "collection:tracker_export": "file",
    "collection:evidence": "file",
    "collection:save_row": "write",
    "collection:submit": "write",
    "collection:return": "write",
    "collection:approve": "write",
    "collection:reopen": "write",
    "collection:excel_upload": "write",
    "collection:excel_confirm": "write",
    "collection:notice_read": "write",
    "collection:notices": "page",
    "collection:notice_open": "redirect",
    "collection:remind": "write",
    "collection:reminder_log": "page",
    "assessment:rounds": "page",
    "assessment:round": "page",
    "assessment:points": "write",
    "assessment:assign": "write",
    "tasks:list": "page",
    "tasks:detail": "page",
    "tasks:projects": "page",
    "tasks:tasks_xlsx": "file",
    "tasks:projects_xlsx": "file",
    "tasks:add_progress": "write",
    "reports:page": "page",
    "reports:layouts": "page",
    "reports:download": "file",
    "reports:layout_download": "file",
    "reports:layout_upload": "write",
    "reports:draft_create": "write",
    "reports:draft": "page",
    "reports:draft_save": "write",
    "reports:draft_restore": "write",
    "reports:draft_redraft": "write",
    "reports:draft_download": "file",
    "simulator:index": "page",
    "simulator:detail": "page",
    "simulator:recompute": "compute",
    "simulator:save": "write",
    "opendata:index": "page",
    "opendata:table": "page",
    "opendata:csv": "file",
    "opendata:json": "file",
    "api_tokens": "page",
    "api_revoke": "write",
    "jobs:list": "page",
    "jobs:job": "page",
    "jobs:progress": "page",
    "jobs:download": "file",
    "jobs:download_pdf": "file",
    "jobs:start_report": "write",
    "jobs:retry": "write",
}


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name" as reverse() takes it
    pattern: URLPattern

    @property
    def arguments(self) -> list[str]:
        return list(self.pattern.pattern.converters)

    @property
    def action(self) -> str | None:
        """The permission a collection view declares with ``writes(action)``."""
        return getattr(self.pattern.callback, "chiso_action", None)


def site_routes() -> list[Route]:
    """Named routes of chiso's own apps (the admin and django-ninja's API have their own tests)."""
    found: list[Route] = []

    def walk(resolver: URLResolver, namespace: str | None) -> None:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                if entry.app_name in ("admin", "api-1.0.0") or entry.namespace in ("admin",):
                    continue
                walk(entry, entry.namespace or namespace)
            elif entry.name and entry.callback.__module__.startswith("chiso."):
                found.append(Route(f"{namespace}:{entry.name}" if namespace else entry.name, entry))

    walk(get_resolver(), None)
    return found


def url_for(route: Route, known: dict) -> str:
    """reverse() the route with ``known[route.name]`` or the shared argument values."""
    kwargs = known.get(route.name) or {n: known[n] for n in route.arguments}
    return reverse(route.name, kwargs=kwargs)
