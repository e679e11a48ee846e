"""The views of support, one module per area."""
