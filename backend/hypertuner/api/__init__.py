"""The HTTP layer: thin routes that parse, call a service and answer a schema."""
