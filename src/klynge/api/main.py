"""The REST API at /api/v1/: one NinjaAPI, with each domain's router in `klynge/api/<domain>.py`."""

from ninja import NinjaAPI, Swagger

from klynge.api.attendance import router as attendance_router
from klynge.api.bodies import router as bodies_router
from klynge.api.catchment import router as catchment_router
from klynge.api.errors import install_error_handlers
from klynge.api.exports import router as exports_router
from klynge.api.feeds import router as feeds_router
from klynge.api.gpcoverage import router as gpcoverage_router
from klynge.api.healthplans import router as healthplans_router
from klynge.api.meetings import router as meetings_router
from klynge.api.memos import router as memos_router
from klynge.api.notifications import router as notifications_router
from klynge.api.organisation import router as organisation_router
from klynge.api.provenance import router as provenance_router
from klynge.api.reform import router as reform_router
from klynge.api.search import router as search_router
from klynge.api.temporaryplaces import router as temporaryplaces_router
from klynge.api.work import router as work_router

DESCRIPTION = """
The records of Denmark's health clusters and councils: structure, meetings, agendas, decisions,
focus areas, initiatives, funds and memos.

**Who you are.** Send a personal token as `Authorization: Bearer TOKEN` (made with
`klynge token create EMAIL`), or use the app's login session (writes then need the `X-CSRFToken`
header). Without either you see what the public sees.

**What you see** is exactly what the app's pages show you: closed agenda items, their decisions and
draft memos are absent ("not found") unless you may see them.

**Writes** build the same commands as the app's pages: the same lookup, rights check, rules and
refusals. A refusal is a 422 with the rules' own messages per field (in Danish, as the pages show them);
no right to write is a 403; a change based on an outdated copy (send the `version` you read) is a 409. A
change (PATCH) sends only the fields it changes; `null` clears a field that may be empty.

**Errors** are JSON: `{"code": "...", "message": "...", "errors": {"field": ["..."]}}`.

**Lists** are pages: `?limit=` (1–100, default 50) and `?offset=`, with the total `count`.
Ids are stable integers.
"""

api = NinjaAPI(
    title="Klynge API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs_url="/docs",
    # Swagger UI from the ninja app's static files (no CDN), and no badge fetched from validator.swagger.io.
    docs=Swagger(settings={"validatorUrl": None}),
    openapi_url="/openapi.json",
)
install_error_handlers(api)

for router in (
    feeds_router,
    exports_router,
    meetings_router,
    organisation_router,
    attendance_router,
    bodies_router,
    catchment_router,
    provenance_router,
    memos_router,
    search_router,
    work_router,
    gpcoverage_router,
    temporaryplaces_router,
    reform_router,
    healthplans_router,
    notifications_router,
):
    api.add_router("", router)
