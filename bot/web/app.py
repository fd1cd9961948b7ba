"""The Starlette application: routes for search, topics, print view, sign-in, health,
and the admins' dashboard.

Searches are counted in the bot's analytics (channel "web", never who searched) once
the person settles on one, not at every keystroke: a search shown by the server (the
form without JavaScript), or one the page's script reports to /api/used (see app.js).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gc
import os
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from bot import analytics, report
from bot.recorder import Recorder
from bot.web import dashboard, security
from bot.web.lookup import Lookup, lookup, result_for, settled
from bot.web.settings import SESSION_HOURS, WebSettings
from bot.web.sheet import sheet
from faq import export
from faq.matcher import Matcher

if TYPE_CHECKING:
    import uvicorn

HERE = Path(__file__).parent
SESSION_COOKIE = "faqbot_web"
CHANNEL = "web"
CSV_PERIODS = {"7": (7,), "30": (30,)}  # ?days= of the CSV download; none: both periods
# Searches answered lately, kept as the bytes sent: a space typed repeats the query
# before it, and staff type the same starts ("is ketamine", "how long"). About 20 KB
# each: a few MB at most.
RECENT_SEARCHES = 256
# Sentences read lately, as vectors (1.5 KB each): a question of several sentences is
# read whole and sentence by sentence at every keystroke, and only its last sentence
# changes as it is typed. Without them, the benchmark's 20 staff typing at once got a
# p99 of 57-67 ms with one worker; with them, 46-57 ms; reading only the whole message
# had given 21-32 ms (benchmarks/web.py; the rest is the sentence being typed).
RECENT_TEXTS = 1024


def kb_version(matcher: Matcher) -> dict[str, object]:
    """What /healthz reports: the file's version field and a hash of its bytes."""
    kb = matcher.kb
    return {"status": "ok", "kb": kb.path.name, "sha256": kb.digest(), "entries": len(kb.entries)}


def create_app(
    matcher: Matcher, settings: WebSettings, clock: Callable[[], datetime] = analytics.now
) -> Starlette:
    """The staff page on this engine; everything it holds lives on app.state. `clock`
    says when the dashboard's periods end."""
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.filters["percent"] = report.percent
    templates.env.filters["span"] = report.span
    # A patient's question as `faqbot report --format html` shows it: one line, clipped.
    templates.env.filters["question"] = lambda text: report.clip(text, report.HTML_QUESTION)
    # Compiled now, not at the first keystroke (12 ms).
    results_fragment = templates.get_template("_results.html")
    health = kb_version(matcher)
    limiter = security.LoginLimiter(settings.login_attempts)
    # Counts go through the bot's writer: off the event loop, never failing a search,
    # and a broken database said in one line (a minute), not at every search.
    recorder = Recorder(settings.db_path) if settings.db_path is not None else None

    def page(
        request: Request,
        name: str,
        status: int = 200,
        background: BackgroundTask | None = None,
        **context: object,
    ) -> Response:
        context.update(
            kb=matcher.kb,
            csrf=security.csrf_token(request),
            signed_in=bool(request.session.get(security.SESSION_KEY)),
            sign_in=settings.sign_in,
            admin=settings.admin and bool(request.session.get(security.ADMIN_KEY)),
        )
        return templates.TemplateResponse(
            request, name, context, status_code=status, background=background
        )

    # Per app, as the app is per engine: the same query always gets the same answer here.
    # The page never swaps its engine: a new knowledge base is a new process, and so an
    # empty cache. Nothing in a lookup depends on who asked.
    found_for = functools.lru_cache(maxsize=RECENT_SEARCHES)(functools.partial(lookup, matcher))

    def counting(query: str) -> BackgroundTask | None:
        """Count a search, as the bot would have answered it, once the response is sent.
        The reply is the one the search showed (cached), not the engine run again."""
        if recorder is None:
            return None
        reply = found_for(settled(query)).reply
        if reply is None:
            return None
        return BackgroundTask(recorder.record, reply, CHANNEL)

    # The search endpoints are async and call the engine inline: it is CPU-bound and
    # takes a few milliseconds, so a thread pool only adds GIL hand-offs (two threads
    # measured no better in make bench), and the event loop serialising the calls means
    # the engine is never used by two threads.
    async def index(request: Request) -> Response:
        query = request.query_params.get("q", "")
        found = found_for(settled(query))
        # A query the server shows is one the person submitted (or reloaded): settled.
        return page(request, "index.html", found=found, background=counting(query))

    @functools.lru_cache(maxsize=RECENT_SEARCHES)
    def search_body(query: str) -> bytes:
        found = found_for(query)
        fragment = results_fragment.render(found=found, kb=matcher.kb)
        return bytes(JSONResponse({**found.as_dict(), "html": fragment}).body)

    async def api_search(request: Request) -> Response:
        body = search_body(settled(request.query_params.get("q", "")))
        return Response(body, media_type="application/json")  # a keystroke: not counted

    async def api_used(request: Request) -> Response:
        form = await request.form()
        if not security.csrf_ok(request, form.get(security.CSRF_FIELD)):
            return JSONResponse({"error": "the page expired: reload it"}, status_code=403)
        return Response(status_code=204, background=counting(str(form.get("q", ""))))

    async def entry(request: Request) -> Response:
        chosen = matcher.kb.entry(request.path_params["entry_id"])
        if chosen is None:
            return page(request, "missing.html", status=404)
        if recorder is not None:
            recorder.record_lookup(chosen.id, CHANNEL)  # picked from a list: no matching
        result = result_for(matcher.kb, chosen)
        found = Lookup(chosen.question, None, results=(result,), open_id=chosen.id)
        return page(request, "entry.html", found=found, entry=chosen)

    async def topics(request: Request) -> Response:
        return page(request, "topics.html")

    async def printable(request: Request) -> Response:
        return page(request, "print.html", sheet=sheet(matcher.kb))

    async def sheet_style(request: Request) -> Response:
        return Response(export.CSS, media_type="text/css")

    async def healthz(request: Request) -> Response:
        return JSONResponse(health)

    async def login_form(request: Request) -> Response:
        if not settings.sign_in:
            return RedirectResponse("/", status_code=303)
        return page(
            request, "login.html", next=security.safe_next(request.query_params.get("next"))
        )

    async def login(request: Request) -> Response:
        if not settings.sign_in:
            return RedirectResponse("/", status_code=303)
        client = request.client.host if request.client else "unknown"
        form = await request.form()
        target = security.safe_next(str(form.get("next", "/")))

        def refused(status: int, error: str) -> Response:
            limiter.failed(client)
            return page(request, "login.html", status=status, next=target, error=error)

        # The limit comes first, so a blocked client's guesses are not even checked.
        if limiter.blocked(client):
            return page(
                request,
                "login.html",
                status=429,
                next=target,
                error="Too many attempts. Wait a minute, then try again.",
            )
        if not security.csrf_ok(request, form.get(security.CSRF_FIELD)):
            return refused(403, "The form expired. Please try again.")
        password = str(form.get("password", ""))
        # In a thread: a scrypt check takes about 70 ms and would stall every staff
        # member's search meanwhile (hashlib releases the GIL).
        admin = await asyncio.to_thread(settings.admin_password_ok, password)
        if not admin and not await asyncio.to_thread(settings.password_ok, password):
            return refused(401, "Wrong password.")
        request.session.clear()  # a fresh session: nothing from before sign-in carries over
        request.session[security.SESSION_KEY] = True
        if admin:
            request.session[security.ADMIN_KEY] = True
        return RedirectResponse(target, status_code=303)

    async def logout(request: Request) -> Response:
        form = await request.form()
        if not security.csrf_ok(request, form.get(security.CSRF_FIELD)):
            return Response("The form expired. Go back and try again.", status_code=403)
        request.session.clear()
        return RedirectResponse("/login" if settings.sign_in else "/", status_code=303)

    def not_for(request: Request) -> Response | None:
        """The page for someone who may not see the dashboard; None for an admin."""
        if not settings.admin:
            return page(request, "admin_off.html", status=404)
        if not request.session.get(security.ADMIN_KEY):
            return page(request, "forbidden.html", status=403)
        return None

    async def admin(request: Request) -> Response:
        refused = not_for(request)
        if refused is not None:
            return refused
        shown = await dashboard.load(recorder, matcher.kb, clock())
        return page(request, "admin.html", status=503 if shown.problem else 200, dashboard=shown)

    async def admin_csv(request: Request) -> Response:
        refused = not_for(request)
        if refused is not None:
            return refused
        days = request.query_params.get("days")
        periods = dashboard.PERIODS if days is None else CSV_PERIODS.get(days)
        if periods is None:
            return PlainTextResponse("days must be 7 or 30", status_code=400)
        moment = clock()
        try:
            figures = await dashboard.read(recorder, matcher.kb, moment, periods)
        except dashboard.Unreadable as error:
            return PlainTextResponse(str(error), status_code=503)
        if figures is None:
            return PlainTextResponse("Nothing recorded yet: no analytics file.", status_code=404)
        name = f"faqbot-report-{'-'.join(map(str, periods))}-days-{moment:%Y-%m-%d}.csv"
        return Response(
            report.to_csv(figures),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        if recorder is not None:
            await asyncio.to_thread(recorder.stop)  # the counts still queued are written

    routes = [
        Route("/", index),
        Route("/api/search", api_search),
        Route("/api/used", api_used, methods=["POST"]),
        Route("/admin", admin),
        Route("/admin/report.csv", admin_csv),
        Route("/entry/{entry_id}", entry),
        Route("/topics", topics),
        Route("/print", printable),
        Route("/print/sheet.css", sheet_style),
        Route("/healthz", healthz),
        Route("/login", login_form, methods=["GET"]),
        Route("/login", login, methods=["POST"]),
        Route("/logout", logout, methods=["POST"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    middleware = [
        Middleware(security.SecurityHeaders),
        Middleware(
            SessionMiddleware,
            secret_key=settings.secret,
            session_cookie=SESSION_COOKIE,
            max_age=SESSION_HOURS * 3600,
            same_site="strict",
            https_only=settings.secure_cookie,
        ),
        Middleware(security.StaffOnly, required=settings.sign_in),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.recorder = recorder
    return app


def _config(app: Starlette | str, settings: WebSettings) -> uvicorn.Config:
    """uvicorn's settings for the page: an app, or the import string of a factory that
    each of settings.workers processes calls."""
    import uvicorn

    return uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        factory=isinstance(app, str),
        workers=settings.workers,
        # Behind a reverse proxy on this machine, the rate limit counts the caller's
        # address (X-Forwarded-For), not the proxy's.
        proxy_headers=True,
        forwarded_allow_ips="127.0.0.1",
        server_header=False,
        log_level="warning",
        access_log=False,  # its line is built for every request, even when not logged
    )


def serve(matcher: Matcher, settings: WebSettings) -> int:
    """Serve in this process until interrupted; the exit status."""
    import uvicorn

    app = create_app(matcher, settings)
    # The engine lives as long as the process: out of the collector's full passes, which
    # walked it for 30 ms, a pause at some keystroke.
    gc.freeze()
    print(f"faqbot web: http://{settings.host}:{settings.port}/", flush=True)
    server = uvicorn.Server(_config(app, settings))
    server.run()
    return 0 if server.started else 1


def serve_workers(settings: WebSettings) -> int:
    """Serve from settings.workers processes on one socket, each loading the engine
    from the environment (`from_environment`); the exit status."""
    from uvicorn.supervisors import Multiprocess

    # Every worker signs and reads the same session cookies: one secret for all.
    os.environ["FAQBOT_WEB_SECRET"] = settings.secret
    os.environ["FAQBOT_WEB_HOST"] = settings.host
    os.environ["FAQBOT_WEB_PORT"] = str(settings.port)
    config = _config("bot.web.app:from_environment", settings)
    print(
        f"faqbot web: http://{settings.host}:{settings.port}/ ({settings.workers} workers)",
        flush=True,
    )
    with contextlib.suppress(KeyboardInterrupt):
        Multiprocess(config, sockets=[config.bind_socket()]).run()
    return 0


def from_environment() -> Starlette:
    """The page on the engine the environment names (FAQ_PATH, FAQBOT_*): what each
    worker process of `serve_workers` serves."""
    from bot import engine
    from bot.web import settings as web_settings
    from faq import knowledge

    kb = knowledge.load(os.environ.get("FAQ_PATH") or knowledge.DEFAULT_PATH)
    app = create_app(engine.configured_matcher(kb, RECENT_TEXTS), web_settings.load())
    gc.freeze()
    return app
