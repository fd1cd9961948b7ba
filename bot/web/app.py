"""The Starlette application: routes for search, topics, print view, sign-in, health."""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from bot.web import security
from bot.web.lookup import Lookup, lookup, result_for
from bot.web.settings import SESSION_HOURS, WebSettings
from bot.web.sheet import sheet
from faq import export
from faq.matcher import Matcher

HERE = Path(__file__).parent
SESSION_COOKIE = "faqbot_web"


def kb_version(matcher: Matcher) -> dict[str, object]:
    """What /healthz reports: the file's version field and a hash of its bytes."""
    kb = matcher.kb
    return {"status": "ok", "kb": kb.path.name, "sha256": kb.digest(), "entries": len(kb.entries)}


def create_app(matcher: Matcher, settings: WebSettings) -> Starlette:
    """The staff page on this engine; everything it holds lives on app.state."""
    templates = Jinja2Templates(directory=HERE / "templates")
    health = kb_version(matcher)
    limiter = security.LoginLimiter(settings.login_attempts)

    def page(request: Request, name: str, status: int = 200, **context: object) -> Response:
        context.update(
            kb=matcher.kb,
            csrf=security.csrf_token(request),
            signed_in=bool(request.session.get(security.SESSION_KEY)),
            sign_in=settings.sign_in,
        )
        return templates.TemplateResponse(request, name, context, status_code=status)

    # The search endpoints are async and call the engine inline: it is CPU-bound and
    # takes a few milliseconds, so a thread pool would only add GIL hand-offs, and the
    # event loop serialising the calls means the engine is never used by two threads.
    async def index(request: Request) -> Response:
        found = lookup(matcher, request.query_params.get("q", ""))
        return page(request, "index.html", found=found)

    async def api_search(request: Request) -> Response:
        found = lookup(matcher, request.query_params.get("q", ""))
        fragment = templates.get_template("_results.html").render(found=found, kb=matcher.kb)
        return JSONResponse({**found.as_dict(), "html": fragment})

    async def entry(request: Request) -> Response:
        chosen = matcher.kb.entry(request.path_params["entry_id"])
        if chosen is None:
            return page(request, "missing.html", status=404)
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
        if not settings.password_ok(str(form.get("password", ""))):
            return refused(401, "Wrong password.")
        request.session.clear()  # a fresh session: nothing from before sign-in carries over
        request.session[security.SESSION_KEY] = True
        return RedirectResponse(target, status_code=303)

    async def logout(request: Request) -> Response:
        form = await request.form()
        if not security.csrf_ok(request, form.get(security.CSRF_FIELD)):
            return Response("The form expired. Go back and try again.", status_code=403)
        request.session.clear()
        return RedirectResponse("/login" if settings.sign_in else "/", status_code=303)

    routes = [
        Route("/", index),
        Route("/api/search", api_search),
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
    app = Starlette(routes=routes, middleware=middleware)
    app.state.matcher = matcher
    app.state.settings = settings
    app.state.limiter = limiter
    return app


def serve(matcher: Matcher, settings: WebSettings) -> int:
    """Serve until interrupted; the exit status."""
    import uvicorn

    app = create_app(matcher, settings)
    print(f"faqbot web: http://{settings.host}:{settings.port}/", flush=True)
    # proxy_headers: behind a reverse proxy on this machine, the rate limit counts the
    # caller's address (X-Forwarded-For), not the proxy's.
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        proxy_headers=True,
        forwarded_allow_ips="127.0.0.1",
        server_header=False,
        log_level="warning",
    )
    server = uvicorn.Server(config)
    server.run()
    return 0 if server.started else 1
