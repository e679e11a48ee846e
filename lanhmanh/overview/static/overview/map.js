// The overview's map: the points of #lm-map-points on Leaflet (from the django-leaflet
// package). Without a tile server (data-tiles empty) the points are drawn on a blank
// ground; without Leaflet or points the page's lists and legend stand alone.
(function () {
  "use strict";
  var box = document.getElementById("lm-map");
  var data = document.getElementById("lm-map-points");
  if (!box || !data || typeof window.L === "undefined") { return; }
  var points = JSON.parse(data.textContent || "[]");
  if (!points.length) { box.classList.add("lm-map-empty"); return; }
  var colours = {
    active: "#dc3545", reactivated: "#fd7e14", watch: "#ffc107", eliminated: "#198754"
  };
  var map = window.L.map(box, { scrollWheelZoom: false, attributionControl: true });
  if (box.dataset.tiles) {
    window.L.tileLayer(box.dataset.tiles, {
      maxZoom: 18, attribution: box.dataset.attribution || ""
    }).addTo(map);
  }
  var bounds = [];
  points.forEach(function (p) {
    var colour = p.kind === "tip" ? "#0d6efd" : (colours[p.status] || "#6c757d");
    var marker = window.L.circleMarker([p.lat, p.lng], {
      radius: 7, color: "#fff", weight: 1, fillColor: colour, fillOpacity: 0.9
    });
    marker.bindTooltip(p.label);
    marker.addTo(map);
    bounds.push([p.lat, p.lng]);
  });
  map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
})();
