"""The explorer's ASGI app: server-rendered pages and a read-only JSON API over one corpus.

Pages (``/``, ``/articles``, ``/events``, ``/quotes``, ``/entities``, their detail pages,
``/map``, ``/timeline``, ``/search``) and the API under ``/api/`` share the same filters and
queries (``filters.py``, ``queries.py``); every list filter is a query parameter, so a view is
a URL. There is no endpoint that writes. Bad parameters answer 400 with a message naming the
parameter; an ingest holding the database answers 503 ("the corpus is being updated").
"""

from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from dateline import __version__
from dateline.events import DEFAULT_MIN_CONFIDENCE
from dateline.export import spreadsheet_safe
from dateline.serve import charts, queries
from dateline.serve.corpus import Corpus, CorpusBusyError, CorpusUnavailableError, Reader
from dateline.serve.filters import (
    EVENT_SORTS,
    EVENT_STATUSES,
    INTERVALS,
    QUOTE_KINDS,
    ROLES,
    ArticleFilter,
    BadParameterError,
    EntityFilter,
    EventFilter,
    QuoteFilter,
    article_filter,
    entity_filter,
    event_filter,
    quote_filter,
)
from dateline.serve.markup import render_article
from dateline.serve.worldmap import HEIGHT, WIDTH

log = logging.getLogger("dateline.serve")

HERE = Path(__file__).resolve().parent
CSV_MAX_ROWS = 100_000
MAX_PAGE = 100_000
MAX_PER_PAGE = 500
# Ids in URLs: the store's ids are 16 hex digits; anything else cannot name a record.
_ID = re.compile(r"^[0-9A-Za-z_-]{1,64}$")
_SECURITY_HEADERS = {
    # Only this server's own scripts, styles and images; nothing inline, nothing from outside.
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

# -- query parameters (shared by pages and API; documented in /openapi.json) ---------------------

Text = Annotated[str | None, Query(description="Part of the text, case-insensitive.")]
Since = Annotated[str | None, Query(description="First day, YYYY-MM-DD.")]
Until = Annotated[str | None, Query(description="Last day, YYYY-MM-DD.")]
PageNo = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page number, from 1.")]
PerPage = Annotated[int, Query(ge=1, le=MAX_PER_PAGE, description="Rows per page.")]
Format = Annotated[
    Literal["json", "csv"],
    Query(description=f"json, or csv for every matching row (at most {CSV_MAX_ROWS:,})."),
]


def event_params(
    q: Annotated[
        str | None, Query(description="Text in a sentence or trigger reporting it.")
    ] = None,
    type: Annotated[str | None, Query(description="PLOVER event type, e.g. CONSULT.")] = None,
    actor: Annotated[
        str | None, Query(description="A participant: entity id, or part of a name.")
    ] = None,
    role: Annotated[str | None, Query(description=f"Role of actor: {', '.join(ROLES)}.")] = None,
    place: Annotated[str | None, Query(description="Part of the place name.")] = None,
    country: Annotated[str | None, Query(description="Place country, ISO alpha-2 or -3.")] = None,
    since: Since = None,
    until: Until = None,
    status: Annotated[
        str | None, Query(description=f"Event status: {', '.join(EVENT_STATUSES)}.")
    ] = None,
    min_confidence: Annotated[
        str | None,
        Query(
            description=f"Lowest event confidence, 0 to 1 (default {DEFAULT_MIN_CONFIDENCE}, "
            "as `dateline query events`; 0 shows every event)."
        ),
    ] = None,
    source: Annotated[str | None, Query(description="Part of an outlet's name.")] = None,
    article: Annotated[str | None, Query(description="Id of an article that reports it.")] = None,
    sort: Annotated[str | None, Query(description=f"Order: {', '.join(EVENT_SORTS)}.")] = None,
) -> EventFilter:
    return event_filter(
        q, type, actor, role, place, country, since, until, status, min_confidence, source,
        article, sort,
    )  # fmt: skip


def article_params(
    q: Annotated[str | None, Query(description="Text in the headline or body.")] = None,
    source: Annotated[str | None, Query(description="Part of the outlet's name.")] = None,
    entity: Annotated[
        str | None, Query(description="An entity it mentions: id, or part of a name.")
    ] = None,
    since: Since = None,
    until: Until = None,
    language: Annotated[str | None, Query(description="ISO 639-1 code, e.g. en.")] = None,
    story: Annotated[str | None, Query(description="Story id (near-duplicate cluster).")] = None,
) -> ArticleFilter:
    return article_filter(q, source, entity, since, until, language, story)


def quote_params(
    q: Text = None,
    speaker: Annotated[
        str | None, Query(description="Speaker: entity id, or part of a name.")
    ] = None,
    kind: Annotated[str | None, Query(description=f"Kind: {', '.join(QUOTE_KINDS)}.")] = None,
    source: Annotated[str | None, Query(description="Part of the outlet's name.")] = None,
    since: Since = None,
    until: Until = None,
    article: Annotated[str | None, Query(description="Id of the article.")] = None,
) -> QuoteFilter:
    return quote_filter(q, speaker, kind, source, since, until, article)


def entity_params(
    q: Annotated[str | None, Query(description="Part of the name or knowledge-base id.")] = None,
    type: Annotated[
        str | None, Query(description="PERSON, ORG, GROUP, LOCATION, NORP, ...")
    ] = None,
    country: Annotated[str | None, Query(description="ISO alpha-3 (or alpha-2) country.")] = None,
    sector: Annotated[str | None, Query(description="Sector code, e.g. GOV, MIL, REB.")] = None,
) -> EntityFilter:
    return entity_filter(q, type, country, sector)


def _record_id(kind: str, value: str) -> str:
    if not _ID.match(value):
        raise BadParameterError(f"{kind} id: not an id (letters, digits, '-' or '_', 1-64)")
    return value


# -- output helpers ---------------------------------------------------------------------------


def url(path: str, params: dict[str, Any] | None = None, **changes: Any) -> str:
    """``path`` with the non-empty parameters (after ``changes``) as a query string."""
    merged = {**(params or {}), **changes}
    query = {k: str(v) for k, v in merged.items() if v is not None and v != ""}
    return path + ("?" + urlencode(query) if query else "")


def _cell(value: Any) -> Any:
    if isinstance(value, dict):
        return value.get("name", "")
    if isinstance(value, list):
        return "; ".join(str(_cell(v)) for v in value)
    # Spreadsheets run cells that start like a formula: article text is untrusted. The same
    # guard as `dateline export` (numbers are left alone).
    return spreadsheet_safe(value)


def _flatten(item: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in item.items():
        if isinstance(value, dict):
            for sub, subvalue in value.items():
                out[f"{key}_{sub}"] = _cell(subvalue)
        else:
            out[key] = _cell(value)
    return out


def csv_response(items: list[dict[str, Any]], name: str) -> Response:
    rows = [_flatten(i) for i in items]
    columns: list[str] = []
    for row in rows:
        columns.extend(k for k in row if k not in columns)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns or ["empty"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return Response(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


class HeadAsGet:
    """Answer HEAD as GET without the body (RFC 9110: the same headers): link checkers, uptime
    monitors and ``curl -I`` ask with HEAD, and FastAPI's GET routes answered it 405."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def create_app(db: str | Path) -> FastAPI:
    """The explorer over the database at ``db``; it must exist (it may be busy)."""
    corpus = Corpus(db)
    corpus.check()
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        url=url,
        type_colour=charts.type_colour,
        type_colours=charts.TYPE_COLOURS,
        version=__version__,
        db_name=Path(str(db)).name,
        map_width=WIDTH,
        map_height=HEIGHT,
        statuses=EVENT_STATUSES,
        quote_kinds=QUOTE_KINDS,
        roles=ROLES,
        sorts=EVENT_SORTS,
        intervals=INTERVALS,
        corpus_notice=corpus.notice,
        default_confidence=DEFAULT_MIN_CONFIDENCE,
    )

    app = FastAPI(
        title="Dateline explorer API",
        version=__version__,
        description="Read-only JSON over a Dateline corpus database: articles with their "
        "Analysis documents, corpus events with their mentions, quotes, entities, a timeline "
        "and map points. Every list takes its filters as query parameters; `format=csv` "
        "downloads every matching row.",
        docs_url=None,  # the interactive docs load scripts from a CDN: not offline
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(HeadAsGet)
    app.state.corpus = corpus

    def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = env.get_template(template).render(request=request, path=request.url.path, **context)
        return HTMLResponse(html, status_code=status)

    def problem(request: Request, status: int, message: str) -> Response:
        headers = {"Retry-After": "5"} if status == 503 else {}
        if _is_api(request):
            return JSONResponse({"error": message, "status": status}, status, headers=headers)
        titles = {400: "Bad request", 404: "Not found", 503: "The corpus is being updated"}
        response = page(
            request,
            "error.html",
            status=status,
            title=titles.get(status, "Error"),
            message=message,
            busy=status == 503,
        )
        response.headers.update(headers)
        return response

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[..., Any]) -> Response:
        response: Response = await call_next(request)
        for key, value in _SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        if corpus.notice():
            # The answer comes from the last committed state while an ingest writes.
            response.headers["X-Dateline-Updating"] = "1"
        return response

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        messages = []
        for error in exc.errors():
            where = ".".join(str(p) for p in error.get("loc", ())[1:]) or "request"
            messages.append(f"{where}: {error.get('msg', 'invalid value')}")
        return problem(request, 400, "; ".join(messages) or "invalid request")

    @app.exception_handler(BadParameterError)
    async def bad_parameter(request: Request, exc: BadParameterError) -> Response:
        return problem(request, 400, str(exc))

    @app.exception_handler(CorpusBusyError)
    async def busy(request: Request, exc: CorpusBusyError) -> Response:
        return problem(request, 503, str(exc))

    @app.exception_handler(CorpusUnavailableError)
    async def unavailable(request: Request, exc: CorpusUnavailableError) -> Response:
        return problem(request, 503, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 405:
            return problem(request, 405, "this explorer is read-only: only GET (and HEAD) requests")
        return problem(request, exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> Response:
        log.exception("error answering %s", request.url.path)
        return problem(request, 500, f"internal error ({exc.__class__.__name__})")

    @contextmanager
    def reading() -> Iterator[Reader]:
        with corpus.read() as reader:
            yield reader

    def not_found(kind: str, value: Any) -> StarletteHTTPException:
        return StarletteHTTPException(404, f"no {kind} with id {value}")

    # -- JSON API -------------------------------------------------------------------------------

    @app.get("/api/stats", tags=["corpus"], summary="Counts, top actors and event types")
    def api_stats() -> dict[str, Any]:
        with reading() as r:
            return queries.overview(r)

    def list_answer(
        query: Callable[..., Any], f: Any, page_no: int, per_page: int, format: str, name: str
    ) -> Any:
        """One page of a list as JSON, or every matching row (up to the cap) as CSV."""
        with reading() as r:
            if format == "csv":
                return csv_response(query(r, f, 1, CSV_MAX_ROWS).items, name)
            return query(r, f, page_no, per_page).to_dict()

    @app.get("/api/articles", tags=["articles"], summary="Articles, newest first")
    def api_articles(
        f: Annotated[ArticleFilter, Depends(article_params)],
        page_no: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1,
        per_page: PerPage = 25,
        format: Format = "json",
    ) -> Any:
        return list_answer(queries.articles, f, page_no, per_page, format, "articles")

    @app.get(
        "/api/articles/{article_id}",
        tags=["articles"],
        summary="One article with its whole Analysis document",
    )
    def api_article(article_id: str) -> Any:
        with reading() as r:
            found = queries.article(r, _record_id("article", article_id))
        if found is None:
            raise not_found("article", article_id)
        return found

    @app.get("/api/events", tags=["events"], summary="Corpus events, most reported first")
    def api_events(
        f: Annotated[EventFilter, Depends(event_params)],
        page_no: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1,
        per_page: PerPage = 25,
        format: Format = "json",
    ) -> Any:
        return list_answer(queries.events, f, page_no, per_page, format, "events")

    @app.get("/api/events/{event_id}", tags=["events"], summary="One event with every mention")
    def api_event(event_id: Annotated[int, PathParam(ge=0, le=2**63 - 1)]) -> Any:
        with reading() as r:
            found = queries.event(r, event_id)
        if found is None:
            raise not_found("event", event_id)
        return found

    @app.get("/api/quotes", tags=["quotes"], summary="Quotes with speakers, newest first")
    def api_quotes(
        f: Annotated[QuoteFilter, Depends(quote_params)],
        page_no: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1,
        per_page: PerPage = 25,
        format: Format = "json",
    ) -> Any:
        return list_answer(queries.quotes, f, page_no, per_page, format, "quotes")

    @app.get("/api/entities", tags=["entities"], summary="Entities, most mentioned first")
    def api_entities(
        f: Annotated[EntityFilter, Depends(entity_params)],
        page_no: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1,
        per_page: PerPage = 25,
        format: Format = "json",
    ) -> Any:
        return list_answer(queries.entities, f, page_no, per_page, format, "entities")

    @app.get(
        "/api/entities/{entity_id}",
        tags=["entities"],
        summary="One actor: aliases, timeline by type and role, partners",
    )
    def api_entity(entity_id: str) -> Any:
        with reading() as r:
            found = queries.entity(r, _record_id("entity", entity_id))
        if found is None:
            raise not_found("entity", entity_id)
        return found

    @app.get("/api/timeline", tags=["events"], summary="Events per day, week or month and type")
    def api_timeline(
        f: Annotated[EventFilter, Depends(event_params)],
        interval: Annotated[
            Literal["auto", "day", "week", "month"], Query(description="Bucket size.")
        ] = "auto",
        format: Format = "json",
    ) -> Any:
        with reading() as r:
            data = queries.timeline(r, f, interval)
        if format == "csv":
            return csv_response(data["buckets"], "timeline")
        return data

    @app.get("/api/map", tags=["events"], summary="Event places: one point per place and type")
    def api_map(
        f: Annotated[EventFilter, Depends(event_params)],
        format: Format = "json",
    ) -> Any:
        with reading() as r:
            data = queries.map_points(r, f)
        if format == "csv":
            return csv_response(data["points"], "map")
        return data

    # -- pages ----------------------------------------------------------------------------------

    @app.get("/", include_in_schema=False)
    def home(request: Request) -> HTMLResponse:
        with reading() as r:
            data = queries.overview(r)
        return page(request, "home.html", data=data)

    @app.get("/search", include_in_schema=False)
    def search(request: Request, q: Text = None) -> HTMLResponse:
        fa, fe = article_filter(q=q), event_filter(q=q)
        fq, fn = quote_filter(q=q), entity_filter(q=q)
        with reading() as r:
            results = {
                "articles": queries.articles(r, fa, 1, 5),
                "events": queries.events(r, fe, 1, 5),
                "quotes": queries.quotes(r, fq, 1, 5),
                "entities": queries.entities(r, fn, 1, 5),
            }
        return page(request, "search.html", q=fa.q or "", results=results)

    @app.get("/articles", include_in_schema=False)
    def articles_page(
        request: Request,
        f: Annotated[ArticleFilter, Depends(article_params)],
        page_no: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1,
        per_page: PerPage = 25,
    ) -> HTMLResponse:
        with reading() as r:
            result = queries.articles(r, f, page_no, per_page)
        return page(request, "articles.html", f=f, params=f.params(), result=result)

    @app.get("/articles/{article_id}", include_in_schema=False)
    def article_page(request: Request, article_id: str) -> HTMLResponse:
        with reading() as r:
            found = queries.article(r, _record_id("article", article_id))
        if found is None:
            raise not_found("article", article_id)
        analysis = found["analysis"]
        rendered = render_article(analysis, found["entity_ids"], found["event_ids"])
        return page(request, "article.html", a=found, doc=analysis, rendered=rendered)

    @app.get("/events", include_in_schema=False)
    def events_page(
        request: Request,
        f: Annotated[EventFilter, Depends(event_params)],
        page_no: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1,
        per_page: PerPage = 25,
    ) -> HTMLResponse:
        with reading() as r:
            result = queries.events(r, f, page_no, per_page)
            has_confidence = r.columns.has("events", "confidence") or r.columns.has(
                "event_mentions", "confidence"
            )
        return page(
            request,
            "events.html",
            f=f,
            params=f.params(),
            result=result,
            has_confidence=has_confidence,
        )

    @app.get("/events/{event_id}", include_in_schema=False)
    def event_page(
        request: Request, event_id: Annotated[int, PathParam(ge=0, le=2**63 - 1)]
    ) -> HTMLResponse:
        with reading() as r:
            found = queries.event(r, event_id)
        if found is None:
            raise not_found("event", event_id)
        return page(request, "event.html", e=found)

    @app.get("/quotes", include_in_schema=False)
    def quotes_page(
        request: Request,
        f: Annotated[QuoteFilter, Depends(quote_params)],
        page_no: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1,
        per_page: PerPage = 25,
    ) -> HTMLResponse:
        with reading() as r:
            result = queries.quotes(r, f, page_no, per_page)
        return page(request, "quotes.html", f=f, params=f.params(), result=result)

    @app.get("/entities", include_in_schema=False)
    def entities_page(
        request: Request,
        f: Annotated[EntityFilter, Depends(entity_params)],
        page_no: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1,
        per_page: PerPage = 25,
    ) -> HTMLResponse:
        with reading() as r:
            result = queries.entities(r, f, page_no, per_page)
        return page(request, "entities.html", f=f, params=f.params(), result=result)

    @app.get("/entities/{entity_id}", include_in_schema=False)
    def entity_page(request: Request, entity_id: str) -> HTMLResponse:
        entity_id = _record_id("entity", entity_id)
        with reading() as r:
            found = queries.entity(r, entity_id)
            if found is None:
                raise not_found("entity", entity_id)
            top_events = queries.entity_events(r, entity_id, 15)
            said = queries.quotes(r, QuoteFilter(speaker=entity_id), 1, 15)
            mentioned_in = queries.articles(r, ArticleFilter(entity=entity_id), 1, 10)
        by_role = {
            role: charts.stacked_bars(
                [r for r in found["timeline"] if r["role"] == role], "week", width=900, height=160
            )
            for role in ("actor", "recipient")
        }
        return page(
            request,
            "entity.html",
            e=found,
            charts_by_role=by_role,
            top_events=top_events,
            said=said,
            mentioned_in=mentioned_in,
        )

    @app.get("/map", include_in_schema=False)
    def map_page(
        request: Request, f: Annotated[EventFilter, Depends(event_params)]
    ) -> HTMLResponse:
        with reading() as r:
            data = queries.map_points(r, f)
        params = f.params()
        markers = charts.map_markers(
            data["points"], lambda place: url("/events", params, place=place)
        )
        types = sorted({p["type"] for p in data["points"]})
        return page(
            request, "map.html", f=f, params=params, data=data, markers=markers, types=types
        )

    @app.get("/timeline", include_in_schema=False)
    def timeline_page(
        request: Request,
        f: Annotated[EventFilter, Depends(event_params)],
        interval: Annotated[
            Literal["auto", "day", "week", "month"], Query(description="Bucket size.")
        ] = "auto",
    ) -> HTMLResponse:
        with reading() as r:
            data = queries.timeline(r, f, interval)
        chart = charts.stacked_bars(data["buckets"], data["interval"])
        return page(
            request,
            "timeline.html",
            f=f,
            params=f.params(),
            data=data,
            chart=chart,
            interval=interval,
        )

    return app
