"""Users, their memberships (unit, agency, role) and the one scope mechanism that decides
what each user sees."""
