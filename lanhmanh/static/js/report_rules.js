// Checks a report's validation rules as figures are typed. The rules come from the page
// (json_script "lm-rules"); the server checks them again on save and submit.
(function () {
  "use strict";
  var data = document.getElementById("lm-rules");
  var form = document.getElementById("lm-entry");
  if (!data || !form) { return; }
  var rules = JSON.parse(data.textContent);
  var messages = JSON.parse(document.getElementById("lm-rule-messages").textContent);

  function parse(text) {
    text = (text || "").replace(/[\s\u00a0]/g, "");
    if (!text) { return null; }
    if (text.indexOf(",") >= 0) { text = text.replace(/\./g, "").replace(",", "."); }
    else if (/^\d{1,3}(\.\d{3})+$/.test(text)) { text = text.replace(/\./g, ""); }
    var value = Number(text);
    return isNaN(value) ? null : value;
  }
  function input(prefix, key) { return form.querySelector('[name="' + prefix + ":" + key + '"]'); }
  function value(key) {
    var box = input("v", key) || input("n", key);
    return box ? parse(box.value) : null;
  }
  function shown(n) { return String(n).replace(".", ","); }
  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_m, name) { return values[name]; });
  }
  function check(rule) {
    var left = value(rule.left);
    if (left === null) { return null; }
    if (rule.kind === "sum_of_parts") {
      var parts = rule.parts.map(value);
      if (parts.every(function (p) { return p === null; })) { return null; }
      var numbers = parts.map(function (p) { return p === null ? 0 : p; });
      var sum = numbers.reduce(function (a, b) { return a + b; }, 0);
      if (sum === left) { return null; }
      return fill(messages.sum, {total: shown(left), set: rule.set,
        parts: numbers.map(shown).join(" + "), sum: shown(sum)});
    }
    if (rule.kind === "at_most") {
      var right = value(rule.right);
      if (right === null || left <= right) { return null; }
      return fill(messages.over, {left: rule.left_label, a: shown(left),
        right: rule.right_label, b: shown(right)});
    }
    if (rule.kind === "ratio") {
      var den = input("d", rule.left);
      var d = den ? parse(den.value) : null;
      if (d === null || left <= d) { return null; }
      return fill(messages.ratio, {a: shown(left), b: shown(d)});
    }
    return null;
  }
  function run() {
    form.querySelectorAll(".lm-live").forEach(function (el) { el.remove(); });
    rules.forEach(function (rule) {
      var problem = check(rule);
      var box = input("v", rule.left) || input("n", rule.left);
      if (!problem || !box) { return; }
      var text = rule.message ? rule.message + " (" + problem + ")" : problem;
      var cell = box.closest("td");
      var shownAlready = Array.prototype.some.call(
        cell.querySelectorAll(".lm-cell-error"), function (el) { return el.textContent === text; });
      if (shownAlready) { return; }  // the server said the same on the last save
      var note = document.createElement("div");
      note.className = "lm-live small " + (rule.severity === "error" ? "text-danger" : "text-warning-emphasis");
      note.textContent = text;
      cell.appendChild(note);
    });
  }
  form.addEventListener("input", function (event) {
    // What the server said about a cell no longer holds once it is typed in again.
    var cell = event.target.closest("td");
    if (cell) { cell.querySelectorAll(".lm-cell-error").forEach(function (el) { el.remove(); }); }
    run();
  });
  run();
})();
