"""The views of inspections, one module per area."""
