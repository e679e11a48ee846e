"""Agencies that take part in the programme, the standing agency of each unit, and the
inter-agency inspection teams (team 178)."""
