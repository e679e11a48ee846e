"""Shared pieces: text normalisation, the scope mechanism's view helpers, layout."""
