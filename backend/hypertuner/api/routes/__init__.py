"""Routers, one module per resource, registered by `hypertuner.api.app`."""
