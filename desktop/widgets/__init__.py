"""The window's widgets. They talk by named signals and ask the store (through models) for data."""
