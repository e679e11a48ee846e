/* Keep what is typed in a form on this device until it is saved.
 *
 * An inspection is recorded at the door, often on a weak connection: a form marked
 * data-draft-key="…" copies its fields to localStorage on every change and puts them
 * back when the page is opened again. The page shown after a successful save carries
 * data-draft-clear="…", which forgets the draft. The CSRF token is never stored.
 */
(function () {
  "use strict";
  var PREFIX = "lanhmanh-draft:";

  function storable(el) {
    return el.name && el.name !== "csrfmiddlewaretoken" &&
      el.type !== "file" && el.type !== "hidden" && el.type !== "submit";
  }

  function collect(form) {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!storable(el)) { return; }
      if (el.type === "checkbox" || el.type === "radio") {
        data[el.name + "=" + el.value] = el.checked;
      } else if (el.tagName === "SELECT" && el.multiple) {
        data[el.name] = Array.prototype.filter.call(el.options, function (o) { return o.selected; })
          .map(function (o) { return o.value; });
      } else {
        data[el.name] = el.value;
      }
    });
    return data;
  }

  function restore(form, data) {
    var restored = false;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!storable(el)) { return; }
      if (el.type === "checkbox" || el.type === "radio") {
        var key = el.name + "=" + el.value;
        if (key in data) { el.checked = data[key]; restored = true; }
      } else if (el.name in data) {
        if (el.tagName === "SELECT" && el.multiple) {
          Array.prototype.forEach.call(el.options, function (o) {
            o.selected = data[el.name].indexOf(o.value) !== -1;
          });
        } else {
          el.value = data[el.name];
        }
        restored = true;
      }
    });
    return restored;
  }

  function read(key) {
    try { return JSON.parse(window.localStorage.getItem(PREFIX + key) || "null"); }
    catch (e) { return null; }
  }

  document.querySelectorAll("[data-draft-clear]").forEach(function (el) {
    window.localStorage.removeItem(PREFIX + el.getAttribute("data-draft-clear"));
  });

  document.querySelectorAll("form[data-draft-key]").forEach(function (form) {
    var key = form.getAttribute("data-draft-key");
    var saved = read(key);
    if (saved && restore(form, saved)) {
      var note = document.querySelector(".lm-draft-note");
      if (note) { note.hidden = false; }
    }
    var save = function () {
      try { window.localStorage.setItem(PREFIX + key, JSON.stringify(collect(form))); }
      catch (e) { /* storage full or disabled: the form still works, only unsaved */ }
    };
    form.addEventListener("input", save);
    form.addEventListener("change", save);
  });
}());
