"""What every request of a signed-in user costs in queries, so that each page's test says
exactly what the page itself adds.

Each such request reads its session, the user, the user's memberships and the two steps of
unit history the scope follows (lanhmanh/accounts/scope.py), and saves its session (a
savepoint, the update, its release). A query added to every page (the layout's) changes
this one number.
"""

SIGNED_IN_REQUEST = 8
