// The public tip form: as the person types a commune's name, fill the list of communes
// from the server's diacritics-blind search. Without JavaScript the "Tìm" button does
// the same by reloading the form.
(function () {
  "use strict";
  var box = document.querySelector("[data-commune-search]");
  var input = document.getElementById("id_commune_query");
  if (!box || !input) return;
  var select = box.querySelector("select");
  var url = box.getAttribute("data-commune-search");
  var timer = null;
  var findButton = document.querySelector("[data-commune-find]");
  if (findButton) findButton.hidden = true;

  function fill(results) {
    var chosen = select.value;
    select.innerHTML = "";
    var first = document.createElement("option");
    first.value = "";
    first.textContent = results.length ? "—" : "— Không tìm thấy, hãy gõ lại —";
    select.appendChild(first);
    results.forEach(function (r) {
      var option = document.createElement("option");
      option.value = r.id;
      option.textContent = r.label;
      if (String(r.id) === chosen) option.selected = true;
      select.appendChild(option);
    });
    if (results.length === 1) select.value = results[0].id;
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2) return;
    timer = setTimeout(function () {
      fetch(url + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) { fill(data.results || []); })
        .catch(function () { if (findButton) findButton.hidden = false; });
    }, 250);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") event.preventDefault();
  });
})();
