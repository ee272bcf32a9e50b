"""Domain logic. Routes call these; nothing here imports FastAPI or Ray."""
