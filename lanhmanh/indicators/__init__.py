"""The indicator catalogue, the registry of computed indicators, and the one value
interface (``indicator_value``) that the dashboard, target progress and report documents
use without knowing where a figure comes from."""
