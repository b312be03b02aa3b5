/* Map of "Projets près de chez moi": one clustered marker per commune, region and department
   boundaries, redrawn whenever the results below change (form, pagination, links swapped by htmx).
   The list in the page is the full alternative: the map adds nothing that the list does not say. */
(function () {
  "use strict";
  var map = null, clusters = null, area = null, markers = {};
  var euros = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR", maximumFractionDigits: 0 });
  var counts = new Intl.NumberFormat("fr-FR");

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function plural(n) { return counts.format(n) + (n > 1 ? " projets" : " projet"); }

  function init() {
    var el = document.getElementById("carte");
    if (!el || !window.L || map) return;
    map = L.map(el, { preferCanvas: true, minZoom: 3, maxZoom: 16 }).setView([46.6, 2.4], 5);
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution || "", maxZoom: 18 }).addTo(map);
    }
    refresh();
    // boundaries come after the markers: they are large and only decorate the map
    setTimeout(function () {
      boundaries("department", { color: "#8a94a3", weight: 1, fill: false, interactive: false });
      boundaries("region", { color: "#3c4552", weight: 2.5, fill: false, interactive: false });
    }, 0);
  }

  function boundaries(kind, style) {
    fetch("/api/v1/territory/contours/" + kind)
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (geo) { if (geo) L.geoJSON(geo, { style: style, interactive: false }).addTo(map); })
      .catch(function () { /* the map still works without boundaries */ });
  }

  function pageQuery(insee) {
    var params = new URLSearchParams(window.location.search);
    params.set("place", insee);
    params.set("around", "");
    params.delete("page");
    return "/projets?" + params.toString();
  }

  function marker(c) {
    var label = c.name + " : " + plural(c.count) + (c.amount ? ", " + euros.format(c.amount) : "");
    var size = c.count >= 100 ? 40 : c.count >= 10 ? 32 : 26;
    var m = L.marker([c.lat, c.lon], {
      icon: L.divIcon({ className: "commune-marker", html: "<span aria-hidden=\"true\">" + counts.format(c.count) + "</span>", iconSize: [size, size] }),
      title: label, alt: label, keyboard: true, count: c.count
    });
    m.bindPopup("<strong>" + escapeHtml(c.name) + "</strong><br>" + escapeHtml(plural(c.count)) +
      (c.amount ? ", " + escapeHtml(euros.format(c.amount)) : "") +
      "<br><a href=\"" + pageQuery(c.insee) + "\">Voir les projets de " + escapeHtml(c.name) + "</a>");
    markers[c.insee] = m;
    return m;
  }

  function clusterIcon(cluster) {
    var total = cluster.getAllChildMarkers().reduce(function (s, m) { return s + m.options.count; }, 0);
    var size = total >= 1000 ? 52 : total >= 100 ? 44 : 36;
    return L.divIcon({ className: "cluster-marker", html: "<span>" + counts.format(total) + "</span>", iconSize: [size, size] });
  }

  function draw(data) {
    if (clusters) map.removeLayer(clusters);
    if (area) map.removeLayer(area);
    markers = {};
    clusters = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, iconCreateFunction: clusterIcon });
    clusters.addLayers(data.communes.map(marker));
    map.addLayer(clusters);
    if (data.center && data.radius_km) {
      area = L.circle(data.center, { radius: data.radius_km * 1000, color: "#1d4e89", weight: 1, fillOpacity: 0.05, interactive: false }).addTo(map);
      map.fitBounds(area.getBounds());
    } else if (data.communes.length) {
      // overseas communes would zoom the map out to the whole globe: frame mainland France first
      var mainland = data.communes.filter(function (c) { return c.lat > 41 && c.lat < 51.5 && c.lon > -5.5 && c.lon < 10; });
      var framed = (mainland.length ? mainland : data.communes).map(function (c) { return [c.lat, c.lon]; });
      map.fitBounds(L.latLngBounds(framed), { padding: [20, 20], maxZoom: 12 });
    }
    var state = document.getElementById("etat-carte");
    if (state) {
      state.textContent = counts.format(data.communes.length) + " commune(s) sur la carte" +
        (data.unlocated ? " ; " + plural(data.unlocated) + " sans commune précise figurent seulement dans la liste." : ".");
    }
    document.querySelectorAll("[data-locate]").forEach(function (button) {
      var m = markers[button.dataset.locate];
      button.hidden = !m;
      button.onclick = function () {
        if (!m) return;
        clusters.zoomToShowLayer(m, function () { m.openPopup(); });
        document.getElementById("carte").scrollIntoView({ behavior: "smooth", block: "center" });
      };
    });
  }

  function refresh() {
    // the page carries the markers of its results; the JSON API serves the same data to other clients
    var results = document.getElementById("resultats");
    var inline = document.getElementById("donnees-carte");
    if (!map || !results) return;
    if (inline) {
      draw(JSON.parse(inline.textContent));
      return;
    }
    fetch("/api/v1/projects/map?" + (results.dataset.mapQuery || ""))
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) draw(data); });
  }

  document.addEventListener("DOMContentLoaded", init);
  document.body.addEventListener("htmx:afterSettle", function () {
    init();
    refresh();
    var results = document.getElementById("resultats");
    var notice = document.getElementById("annonce");
    if (notice) notice.textContent = results ? "Résultats mis à jour : " + plural(Number(results.dataset.total)) + "." : "";
    // keyboard and screen reader users continue from the new results (or the error message)
    var landing = document.getElementById("erreur-formulaire") || document.getElementById("titre-resume");
    if (landing) { landing.setAttribute("tabindex", "-1"); landing.focus(); }
  });
})();
