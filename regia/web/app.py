"""FastAPI app factory: the JSON API under /api/v1 and the server-rendered portal pages."""

from __future__ import annotations

import importlib
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from regia import __version__
from regia.cli import CAPABILITIES
from regia.errors import InputError

STATIC_DIR = Path(__file__).parent / "static"

# Portal pages, each a module regia.web.pages.<name> with a `router`.
PAGES = ("home", "orientation", "heritage", "projects", "video", "skills", "aids")


def create_app() -> FastAPI:
    app = FastAPI(
        title="Regia API",
        version=__version__,
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )

    @app.exception_handler(InputError)
    async def _input_error(_request: Request, exc: InputError) -> JSONResponse:
        return JSONResponse(exc.to_dict(), status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        field = ".".join(str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path"))
        return JSONResponse(
            {
                "error": f"Entrée invalide ({field or 'requête'}) : {first.get('msg', 'format incorrect')}",
                "field": field or None,
                "details": jsonable(exc.errors()),
            },
            status_code=422,
        )

    @app.get("/api/v1/health", tags=["system"])
    def health() -> dict:
        return {"status": "ok", "version": __version__}

    for name in CAPABILITIES:
        module = importlib.import_module(f"regia.{name}.api")
        app.include_router(module.router, prefix=f"/api/v1/{name}", tags=[name])
    for name in PAGES:
        app.include_router(importlib.import_module(f"regia.web.pages.{name}").router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def jsonable(errors: list) -> list:
    """Validation errors with their non-JSON parts (exceptions in ctx) turned to text."""
    out = []
    for err in errors:
        err = dict(err)
        if "ctx" in err:
            err["ctx"] = {k: str(v) for k, v in err["ctx"].items()}
        err.pop("input", None)
        out.append(err)
    return out
