"""The public tip pages never see who sends: see ``sources``."""

from django.conf import settings
from django.urls import reverse

from .sources import source_key

# Headers that carry an address or identify a browser.
IDENTIFYING = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    "HTTP_CF_CONNECTING_IP",
    "HTTP_TRUE_CLIENT_IP",
    "HTTP_USER_AGENT",
    "HTTP_SEC_CH_UA",
    "HTTP_SEC_CH_UA_PLATFORM",
    "HTTP_SEC_CH_UA_MOBILE",
)
PUBLIC_ROUTES = ("tips:public_form", "tips:public_receipt", "tips:public_communes")
NO_ADDRESS = "0.0.0.0"  # noqa: S104 - a placeholder, never bound


def public_prefixes() -> tuple[str, ...]:
    return tuple(reverse(name) for name in PUBLIC_ROUTES)


def _address(meta) -> str:
    # Behind the reverse proxy the sender is the last address it appended.
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and meta.get("HTTP_X_FORWARDED_FOR"):
        return meta["HTTP_X_FORWARDED_FOR"].split(",")[-1].strip()
    return meta.get("REMOTE_ADDR", "")


class ForgetSenderMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._prefixes = None

    def __call__(self, request):
        if self._prefixes is None:
            self._prefixes = public_prefixes()
        public = request.path_info.startswith(self._prefixes)
        if public:
            request.tip_source = source_key(_address(request.META))
            for name in IDENTIFYING:
                request.META.pop(name, None)
            request.META["REMOTE_ADDR"] = NO_ADDRESS
        response = self.get_response(request)
        if public:
            # Nothing of the page stays in the browser's cache. (The site's referrer
            # policy, same-origin, already sends nothing to other sites; 'no-referrer'
            # would make browsers send 'Origin: null' and fail the CSRF check.)
            response["Cache-Control"] = "no-store"
        return response
