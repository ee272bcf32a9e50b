"""What the service does when it starts: migrate, bootstrap the admin, watch for lost work."""

from __future__ import annotations

import logging
import sys

from hypertuner.core.config import Settings
from hypertuner.db import migrate
from hypertuner.db.session import session_scope
from hypertuner.launcher.base import Launcher
from hypertuner.services import auth
from hypertuner.services.reconcile import Reconciler

log = logging.getLogger(__name__)


def prepare(settings: Settings, launcher: Launcher) -> Reconciler:
    """Bring the schema up to date, create the first admin, start the reconciler."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    migrate.upgrade(settings.resolved_database_url)

    with session_scope() as session:
        generated = auth.ensure_admin(session, settings.admin_username, settings.admin_password)
    if generated:
        print(
            f"\nHyperTuner created the admin account {settings.admin_username!r} with the "
            f"password: {generated}\nIt is shown only this once; set "
            "HYPERTUNER_ADMIN_PASSWORD to choose it yourself.\n",
            file=sys.stderr,
            flush=True,
        )

    reconciler = Reconciler(settings, launcher)
    reconciler.start()
    return reconciler
