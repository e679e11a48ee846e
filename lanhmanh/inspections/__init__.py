"""At-risk establishments and their commitments, inspections by team 178 with violations
and sanctions, follow-ups, and public hotspots."""
