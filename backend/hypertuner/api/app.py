"""The FastAPI application: routers, error handlers, start-up work and the web app."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from hypertuner.api import errors
from hypertuner.api.limits import BodyLimitMiddleware
from hypertuner.api.routes import (
    artifacts,
    auth,
    curation,
    dashboard,
    experiments,
    exports,
    flags,
    health,
    imports,
    members,
    metrics,
    projects,
    runs,
    tokens,
    users,
)
from hypertuner.api.security import SecurityHeadersMiddleware
from hypertuner.api.text_guard import NulGuardMiddleware
from hypertuner.core.config import Settings, get_settings
from hypertuner.launcher.base import Launcher
from hypertuner.services import startup
from hypertuner.services.login_limit import LoginLimiter

log = logging.getLogger(__name__)
WEB_DIST = Path(__file__).resolve().parents[3] / "frontend" / "dist"


def _api_router() -> APIRouter:
    api = APIRouter(prefix="/api")
    for module in (
        health,
        users,
        members,
        auth,
        tokens,
        projects,
        runs,
        experiments,
        metrics,
        artifacts,
        dashboard,
        curation,
        imports,
        exports,
        flags,
    ):
        api.include_router(module.router)
    return api


def create_app(settings: Settings | None = None, launcher: Launcher | None = None) -> FastAPI:
    """Build the application; start-up migrates the database and creates the first admin."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        reconciler = startup.prepare(settings, app.state.launcher)
        # What start-up built lives as long as the service: out of the collector's sight,
        # a full collection no longer walks it (they cost tens of ms under ingest load).
        gc.freeze()
        yield
        reconciler.stop()

    app = FastAPI(
        title="HyperTuner",
        version="0.1.0",
        description="Hyperparameter sweeps on Ray Tune: launch, track and compare experiments.",
        lifespan=lifespan,
    )
    app.state.launcher = launcher or _default_launcher(settings)
    errors.install(app)
    # The last added runs first: security headers, then the size limit, then the NUL guard.
    app.add_middleware(NulGuardMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware, https_only=settings.base_url.startswith("https"))
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=True,
            allow_methods=["*"],
            allow_headers=["authorization", "content-type", "x-csrf-token"],
        )
    app.state.settings = settings
    app.state.login_limiter = LoginLimiter(settings)
    app.include_router(_api_router())
    if WEB_DIST.is_dir():
        app.mount("/", StaticFiles(directory=WEB_DIST, html=True), name="web")
    return app


def _default_launcher(settings: Settings) -> Launcher:
    from hypertuner.launcher.ray_tune import RayTuneLauncher

    return RayTuneLauncher(settings)
