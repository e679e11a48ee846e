"""The map's background, from LEAFLET_CONFIG (settings: LANHMANH_MAP_TILES)."""

from django.conf import settings


def map_settings() -> dict:
    tiles = getattr(settings, "LEAFLET_CONFIG", {}).get("TILES") or []
    if not tiles:
        return {"tiles": "", "attribution": ""}
    _name, url, attribution = tiles[0]
    return {"tiles": url, "attribution": attribution}
