"""The `hypertuner` command line: serve, login, sweep, runs, experiments, stop, demo."""
