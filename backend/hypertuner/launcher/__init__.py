"""Running experiments: the `Launcher` seam and its Ray Tune implementation.

Only this package imports Ray. The service talks to it through `base.Launcher`.
"""
