"""The REST API (Django REST Framework): the same selectors and services as the pages."""
