"""Response headers every page carries: a Content-Security-Policy that runs only the
application's own script files, and ``Cache-Control: no-store`` on whatever a signed-in
user receives (pages, fragments, downloads), so that a shared computer's browser cache or
a proxy never keeps another official's data.

Templates therefore hold no inline ``<script>`` and no ``on*=`` attributes (a test
greps them); inline ``style=`` stays allowed, Bootstrap's icons are ``data:`` images.
"""

from django.utils.cache import add_never_cache_headers

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in and "no-store" not in response.get("Cache-Control", ""):
            # no-store, plus no-cache/must-revalidate/private for older caches.
            add_never_cache_headers(response)
        return response
