"""Reporting periods and cut-off windows, report forms, submissions and their workflow,
completeness, target progress and report documents."""
