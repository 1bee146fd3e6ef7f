// Chorus preview: filter the item list as you type, and refresh the page
// in place when the served snapshot changes. Without script the page
// works as plain forms and links.
(function () {
  "use strict";

  // Filter rows as the search box changes; the form still filters on
  // the server when submitted.
  function bindFilter() {
    var form = document.querySelector("form.filters");
    var box = document.getElementById("q");
    if (!form || !box) return;
    var type = document.getElementById("type");
    var locale = document.getElementById("locale");
    var state = document.getElementById("state");
    var findings = document.getElementById("findings");
    var value = function (sel) { return sel ? sel.value : ""; };
    // The findings filter's choices, as the rows' worst severities.
    var worst = {
      errors: ["errors"], warnings: ["errors", "warnings"],
      any: ["errors", "warnings", "suggestions"], none: ["none"]
    };
    var apply = function () {
      var needle = box.value.trim().toLowerCase();
      var t = value(type), l = value(locale), s = value(state), f = value(findings);
      var rows = document.querySelectorAll("table.items tbody tr");
      var shown = 0;
      rows.forEach(function (tr) {
        var hit = (tr.getAttribute("data-search") || "").indexOf(needle) !== -1 &&
          (!t || tr.getAttribute("data-type") === t) &&
          (!l || tr.getAttribute("data-locale") === l) &&
          (!s || tr.getAttribute("data-state") === s) &&
          (!f || (worst[f] || []).indexOf(tr.getAttribute("data-findings")) !== -1);
        tr.hidden = !hit;
        if (hit) shown++;
      });
      var count = document.getElementById("count");
      if (count && rows.length) {
        count.textContent = count.textContent.replace(/^\d+/, String(shown));
      }
      if (window.history && history.replaceState) {
        var q = new URLSearchParams();
        if (needle) q.set("q", box.value.trim());
        if (t) q.set("type", t);
        if (l) q.set("locale", l);
        if (s) q.set("state", s);
        if (f) q.set("findings", f);
        var qs = q.toString();
        history.replaceState(null, "", location.pathname + (qs ? "?" + qs : ""));
      }
      // Rows the server left out cannot be shown here: fetch them when
      // the filter widened.
      var res = document.getElementById("results");
      if (res) {
        var sq = (res.getAttribute("data-q") || "").toLowerCase();
        var wider = function (attr, v) { var was = res.getAttribute(attr) || ""; return was && was !== v; };
        if (needle.indexOf(sq) === -1 || wider("data-type", t) || wider("data-locale", l) ||
          wider("data-state", s) || wider("data-findings", f)) refresh();
      }
    };
    if (!form.hasAttribute("data-bound")) {
      form.setAttribute("data-bound", "");
      box.addEventListener("input", apply);
      [type, locale, state, findings].forEach(function (sel) { if (sel) sel.addEventListener("change", apply); });
    }
    apply();
  }

  // focusPath describes where the keyboard focus is inside root, as the
  // child indexes from root down, so that the same place can take it
  // back after root is replaced; null when the focus is elsewhere.
  function focusPath(root) {
    var el = document.activeElement, path = [];
    if (!el || el === document.body || !root.contains(el) || el === root) return null;
    while (el !== root) {
      path.unshift(Array.prototype.indexOf.call(el.parentNode.children, el));
      el = el.parentNode;
    }
    return path;
  }

  // refocus gives the focus back to the element at path under root, or
  // to the nearest focusable place above it when that element is gone.
  function refocus(root, path) {
    var el = root;
    for (var i = 0; i < path.length && el.children[path[i]]; i++) el = el.children[path[i]];
    while (el && el !== root && !(el.tabIndex >= 0)) el = el.parentNode;
    if (el && el !== root) el.focus({ preventScroll: true });
  }

  // Replace every live region with its fresh copy, keeping the keyboard
  // focus where it was.
  function swap(doc) {
    var changed = [];
    document.querySelectorAll("[data-live][id]").forEach(function (el) {
      var fresh = doc.getElementById(el.id);
      if (!fresh || fresh.outerHTML === el.outerHTML) return;
      var before = {};
      el.querySelectorAll("[data-channel]").forEach(function (f) { before[f.getAttribute("data-channel")] = f.getAttribute("data-version"); });
      var node = document.importNode(fresh, true);
      var focus = focusPath(el);
      el.replaceWith(node);
      if (focus) refocus(node, focus);
      node.querySelectorAll("[data-channel]").forEach(function (f) {
        var ch = f.getAttribute("data-channel");
        if (before[ch] !== undefined && before[ch] !== f.getAttribute("data-version")) {
          f.classList.add("updated");
          changed.push(ch);
        }
      });
    });
    if (doc.title) document.title = doc.title;
    return changed;
  }

  var busy = false, again = false;
  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(location.href, { headers: { "Accept": "text/html" }, cache: "no-store" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html === null) return;
        var doc = new DOMParser().parseFromString(html, "text/html");
        var changed = swap(doc);
        bindFilter();
        var note = document.getElementById("updated");
        if (note) {
          note.textContent = changed.length ? "Updated: " + changed.join(", ") : "Page updated";
        }
        document.body.setAttribute("data-refreshed", String(Date.now()));
      })
      .catch(function () {})
      .then(function () {
        busy = false;
        if (again) { again = false; refresh(); }
      });
  }

  function listen() {
    var url = document.body.getAttribute("data-events");
    if (!url || !window.EventSource) return;
    var es = new EventSource(url);
    es.addEventListener("snapshot", refresh);
    es.addEventListener("schedule", refresh);
    es.addEventListener("status", refresh);
    es.addEventListener("reset", refresh);
    es.addEventListener("open", function () { document.body.setAttribute("data-live-events", "open"); });
  }

  bindFilter();
  listen();
})();
