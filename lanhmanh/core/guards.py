"""Guards every request passes before its view, so that no route needs its own:

- a path argument parsed as an integer beyond what a database column holds (a 40-digit
  id) is a page that does not exist: 404, before the view runs;
- a NUL character in a query or form parameter is refused with 400: PostgreSQL cannot
  store or compare it and would answer with a server error deep inside a query.
"""

from django.http import Http404, HttpResponseBadRequest

from .params import MAX_ID

BAD_PARAMETER = "Bad request: a parameter holds a character that is not allowed."


def _has_nul(query_dict) -> bool:
    return any(
        "\x00" in key or any("\x00" in v for v in values) for key, values in query_dict.lists()
    )


class RequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request.GET) or (
            request.method == "POST"
            # Multipart bodies are left to the views (an upload view may set its own
            # upload handlers before the body is read); their form fields refuse NUL.
            and request.content_type == "application/x-www-form-urlencoded"
            and _has_nul(request.POST)
        ):
            return HttpResponseBadRequest(BAD_PARAMETER, content_type="text/plain")
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        for value in (*view_args, *view_kwargs.values()):
            if isinstance(value, int) and not -MAX_ID <= value <= MAX_ID:
                raise Http404
        return None
