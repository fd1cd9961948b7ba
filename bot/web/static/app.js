// The front desk's page: search as you type, keyboard moves, Copy. The page works
// without this file (a plain GET form rendered on the server); this only adds speed.
//
// Searches are counted (no identity) once the person settles on one, never per
// keystroke: when a passage of it is opened, copied or followed, Enter is pressed, or
// it stays on screen unchanged for SETTLE_MS. The last covers reading the passage
// shown open and the no-answer card, where nothing is clicked. Each query once in a row.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var DEBOUNCE_MS = 120;
  var SETTLE_MS = 2500;
  var tokenTag = document.querySelector('meta[name="csrf-token"]');
  var input = document.getElementById("q");
  var found = document.getElementById("found");
  var statusLine = document.getElementById("status");
  var form = document.getElementById("search-form");
  var timer = null;
  var controller = null;
  var selected = -1;
  var settleTimer = null;
  // A query in the address bar was shown, and so counted, by the server.
  var counted = input ? tidy(input.value) : "";

  function tidy(query) {
    return query.trim().replace(/\s+/g, " ");
  }

  function count() {
    var query = input ? tidy(input.value) : "";
    clearTimeout(settleTimer);
    if (!query || query === counted || !tokenTag) { return; }
    counted = query;
    var body = new URLSearchParams({ q: query, csrf_token: tokenTag.content });
    // keepalive: a click on a link leaves the page, and the count must still go.
    fetch("/api/used", { method: "POST", body: body, keepalive: true }).catch(function () {});
  }

  function results() {
    return found ? Array.prototype.slice.call(found.querySelectorAll("details.result")) : [];
  }

  function say(text) {
    if (statusLine) { statusLine.textContent = text; }
  }

  function select(index, focus) {
    var items = results();
    if (!items.length) { selected = -1; return; }
    selected = Math.max(0, Math.min(index, items.length - 1));
    items.forEach(function (item, i) { item.classList.toggle("selected", i === selected); });
    if (focus) { items[selected].querySelector("summary").focus(); }
  }

  function current() {
    var items = results();
    if (selected >= 0 && items[selected]) { return items[selected]; }
    return found ? found.querySelector("details.result[open]") : null;
  }

  function copyFrom(item) {
    if (!item) { return; }
    var button = item.querySelector("button.copy");
    var text = button.getAttribute("data-passage");
    navigator.clipboard.writeText(text).then(function () {
      button.textContent = "Copied";
      say("Copied: " + item.querySelector(".question").textContent);
      setTimeout(function () { button.textContent = "Copy"; }, 1500);
    }, function () {
      say("Could not copy: select the passage and press Ctrl+C.");
    });
  }

  function search(query) {
    if (controller) { controller.abort(); }
    controller = new AbortController();
    var url = "/api/search?q=" + encodeURIComponent(query);
    fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } })
      .then(function (response) {
        if (response.status === 401) { window.location = "/login?next=/"; return null; }
        return response.json();
      })
      .then(function (data) {
        if (!data || input.value.trim() !== query.trim()) { return; }
        found.innerHTML = data.html;  // rendered and escaped by the server's template
        selected = -1;
        select(0, false);
        history.replaceState(null, "", query ? "/?q=" + encodeURIComponent(query) : "/");
        say(data.results.length ? data.results.length + " found" : "");
        clearTimeout(settleTimer);
        settleTimer = setTimeout(count, SETTLE_MS);
      })
      .catch(function (error) {
        if (error.name !== "AbortError") { say("Search failed: " + error.message); }
      });
  }

  if (input) {
    input.addEventListener("input", function () {
      clearTimeout(timer);
      clearTimeout(settleTimer);
      var query = input.value;
      timer = setTimeout(function () { search(query); }, DEBOUNCE_MS);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  }

  if (found) {
    found.addEventListener("click", function (event) {
      if (event.target.closest("summary, button, a")) { count(); }  // opened, copied, followed
      var button = event.target.closest("button.copy");
      if (button) { copyFrom(button.closest("details.result")); }
    });
    select(0, false);
  }

  document.addEventListener("keydown", function (event) {
    var inInput = event.target === input;
    var typing = inInput || /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
    if (event.key === "/" && !typing) {
      event.preventDefault();
      input && input.focus();
      input && input.select();
      return;
    }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      count();
      copyFrom(current());
      return;
    }
    if ((event.key === "c" || event.key === "C") && !typing && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      count();
      copyFrom(current());
      return;
    }
    var items = results();
    if (!items.length) { return; }
    var inResults = found.contains(event.target);
    if (event.key === "ArrowDown" && (inInput || inResults)) {
      event.preventDefault();
      select(inInput ? (selected < 0 ? 0 : selected) : selected + 1, true);
    } else if (event.key === "ArrowUp" && inResults) {
      event.preventDefault();
      if (selected <= 0) { input && input.focus(); } else { select(selected - 1, true); }
    } else if (event.key === "Enter" && inInput) {
      event.preventDefault();
      count();
      var item = items[Math.max(selected, 0)];
      item.open = true;
      select(Math.max(selected, 0), true);
    } else if (event.key === "Escape" && inResults && input) {
      input.focus();
    }
  });

  document.addEventListener("focusin", function (event) {
    var item = event.target.closest && event.target.closest("details.result");
    if (item) { select(results().indexOf(item), false); }
  });
})();
