"""Pydantic schemas: the JSON shapes of the public API."""
