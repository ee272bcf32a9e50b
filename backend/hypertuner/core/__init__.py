"""Settings, logging and the domain exception tree shared by every layer."""
