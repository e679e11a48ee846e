from django.conf import settings
from django.utils import translation
from django.utils.deprecation import MiddlewareMixin


class LanguageMiddleware(MiddlewareMixin):
    """Vietnamese unless the user chose another language with the switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language; officials'
    machines often run English browsers, and the system must still speak Vietnamese.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class ConflictMiddleware:
    """Answers 409 with a page instead of an error: for a form made from an older version
    of what it edits (both versions shown), and for a database that stayed busy longer
    than its timeout (SQLite's single writer)."""

    IGNORED = {"csrfmiddlewaretoken", "version", "confirm_removal", "more", "id", "DELETE"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import OperationalError
        from django.shortcuts import render

        from .concurrency import StaleVersion

        if isinstance(exception, StaleVersion):
            return render(
                request,
                "409_conflict.html",
                {
                    "rows": self._rows(request, exception.current, exception.prefix),
                    "conflict": exception,
                },
                status=409,
            )
        if isinstance(exception, OperationalError) and "locked" in str(exception):
            return render(request, "409_busy.html", status=409)
        return None

    def _rows(self, request, current, prefix=""):
        """(label, what this form sent, what is saved) for each field of the form that the
        object has; for one row of a formset, the fields posted under its ``prefix``."""
        rows = []
        for posted in request.POST:
            name = posted.removeprefix(f"{prefix}-") if prefix else posted
            if name in self.IGNORED or "-" in name or (prefix and name == posted):
                continue
            try:
                field = current._meta.get_field(name)
            except Exception:  # noqa: S112 - not a field of the object: not compared
                continue
            if field.auto_created and not field.concrete:
                continue  # a reverse relation (a form's 'options' text): not compared
            if field.is_relation and not field.many_to_many:
                saved = getattr(current, name, None)
            elif field.many_to_many:
                saved = ", ".join(str(o) for o in getattr(current, name).all())
            elif field.choices:
                saved = getattr(current, f"get_{name}_display")()
            else:
                saved = getattr(current, name)
            mine = ", ".join(request.POST.getlist(posted))
            if field.choices and not field.is_relation:
                mine = dict(field.flatchoices).get(mine, mine)
            elif field.is_relation and mine.isdigit():
                mine = str(field.related_model._base_manager.filter(pk=mine).first() or mine)
            mine, saved = _shown(mine), _shown(saved)
            rows.append((field.verbose_name, mine, saved, mine != saved))
        return rows


def _shown(value) -> str:
    """A value as the conflict page shows it: dates dd/mm/yyyy, numbers as typed (80, not
    80.00), nothing for None."""
    import datetime
    from decimal import Decimal

    if isinstance(value, Decimal):
        text = f"{value:f}"
        return text.rstrip("0").rstrip(".") if "." in text else text

    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            return value.strip()
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    return "" if value is None else str(value)
