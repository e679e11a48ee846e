"""The leaders' overview: plan targets, trends, child units ranked, and the map."""
