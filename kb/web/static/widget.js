// The help widget for any shop's page, from one tag:
//   <script src="https://help.example/widget.js" data-lang="th" async></script>
// data-lang is optional (default: the page's <html lang>); the help center answers in the closest site
// language. The shop's origin must be listed in the help center's KB_WIDGET_ORIGINS, else the strings
// cannot be fetched and no button appears.
//
// Everything lives in a shadow root, so the page's CSS cannot break the widget and ours cannot leak
// out. Data from the API only ever becomes text nodes and checked URLs, never markup.
(function () {
  "use strict";

  const script = document.currentScript;
  if (!script || document.querySelector("kestrel-help")) return;  // loaded twice: one widget is enough
  const base = new URL(script.src).origin;
  const requested = script.dataset.lang || document.documentElement.lang || "";
  const SUGGEST_DELAY = 250;  // titles while typing (not recorded as searches)
  const SEARCH_DELAY = 900;   // the full search, with its answer, once typing pauses (recorded)
  const MIN_CHARS = 2;
  const NARROW = window.matchMedia("(max-width: 480px)");

  function getJSON(path, params, signal) {
    const url = new URL(path, base);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    return fetch(url, { credentials: "omit", signal: signal }).then(function (resp) {
      if (!resp.ok) {
        const err = new Error("HTTP " + resp.status);
        err.status = resp.status;
        throw err;
      }
      return resp.json();
    });
  }

  // Only links into the help center itself: an API answer can never turn into javascript: or elsewhere.
  function helpUrl(path) {
    const url = new URL(path, base);
    return url.origin === base ? url.href : base + "/";
  }

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (whole, key) {
      return key in values ? String(values[key]) : whole;
    });
  }

  function el(tag, attrs) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === false || value === null || value === undefined) continue;
      node.setAttribute(key, value === true ? "" : String(value));
    }
    for (let i = 2; i < arguments.length; i++) node.append(arguments[i]);  // strings become text nodes
    return node;
  }

  function build(config) {
    const t = config.strings;
    const host = el("kestrel-help");
    const root = host.attachShadow({ mode: "open" });
    const sheet = el("link", { rel: "stylesheet", href: base + "/static/widget.css" });
    const styled = new Promise(function (resolve, reject) {
      sheet.addEventListener("load", resolve);
      sheet.addEventListener("error", reject);
    });

    const opener = el("button", {
      type: "button", class: "opener", "aria-expanded": "false", "aria-controls": "panel", "aria-haspopup": "dialog",
    }, el("span", { class: "mark", "aria-hidden": "true" }, "?"), t.open);
    const close = el("button", { type: "button", class: "close", "aria-label": t.close, title: t.close },
      el("span", { "aria-hidden": "true" }, "×"));
    const input = el("input", {
      id: "q", type: "search", autocomplete: "off", spellcheck: "false", enterkeyhint: "search",
      maxlength: "256", placeholder: t.title,
    });
    const form = el("form", { role: "search", class: "form" },
      el("label", { for: "q", class: "visually-hidden" }, t.search), input);
    const status = el("p", { id: "status", class: "status", role: "status", "aria-live": "polite" });
    const quote = el("blockquote", { class: "quote" });
    const source = el("a", { class: "source", target: "_blank", rel: "noopener", "aria-describedby": "new-tab" });
    const answer = el("section", { class: "answer", "aria-labelledby": "answer-title", hidden: true },
      el("h3", { id: "answer-title" }, t.answer), quote, source);
    const results = el("ul", { class: "results", "aria-labelledby": "status" });
    const contact = el("a", {
      class: "contact", href: helpUrl(config.contact_url), target: "_blank", rel: "noopener",
      "aria-describedby": "new-tab",
    }, t.contact);
    const panel = el("div", {
      id: "panel", class: "panel", role: "dialog", "aria-modal": "false", "aria-labelledby": "title", hidden: true,
    },
      el("div", { class: "head" }, el("h2", { id: "title" }, t.title), close),
      form,
      el("div", { class: "body" }, answer, status, results),
      el("div", { class: "foot" }, contact),
      el("span", { id: "new-tab", class: "visually-hidden" }, t.new_tab));
    const frame = el("div", { class: "frame", lang: config.lang, dir: config.dir, hidden: true }, opener, panel);
    root.append(sheet, frame);

    let seq = 0;                 // bumped on every edit: an answer for older text is dropped
    let searchedSeq = -1;        // the full search has answered this edit: later suggestions must not replace it
    let suggestTimer = 0;
    let searchTimer = 0;
    let inFlight = null;

    function isOpen() { return !panel.hidden; }

    function setModal() {
      // Full screen on a phone: the page behind is unreachable, so the dialog is modal there only.
      panel.setAttribute("aria-modal", NARROW.matches ? "true" : "false");
    }

    function open() {
      setModal();
      panel.hidden = false;
      opener.setAttribute("aria-expanded", "true");
      input.focus();
    }

    function hide() {
      panel.hidden = true;
      opener.setAttribute("aria-expanded", "false");
      opener.focus();
    }

    function setContact(q) {
      const url = new URL(helpUrl(config.contact_url));
      if (q) url.searchParams.set("q", q);
      contact.href = url.href;
    }

    function clear() {
      answer.hidden = true;
      results.replaceChildren();
      status.textContent = "";
      contact.classList.remove("prominent");
    }

    function snippetNode(fragments) {
      const p = el("p", { class: "snippet" });
      for (const f of fragments) p.append(f.match ? el("mark", {}, f.text) : f.text);
      return p;
    }

    function item(hit) {
      const title = hit.section ? hit.title + " › " + hit.section : hit.title;
      const link = el("a", {
        href: helpUrl(hit.url), target: "_blank", rel: "noopener", lang: hit.lang, "aria-describedby": "new-tab",
      }, title);
      const li = el("li", {}, link);
      if (hit.fallback) {
        const name = config.languages[hit.lang] || hit.lang;
        li.append(el("span", { class: "badge" }, fill(t.only_in, { language: name })));
      }
      if (hit.snippet && hit.snippet.length) li.append(snippetNode(hit.snippet));
      return li;
    }

    function showList(hits) {
      results.replaceChildren.apply(results, hits.map(item));
      status.textContent = fill(t.count, { n: hits.length });
      status.classList.remove("notice");
    }

    function showSearch(data, q) {
      if (data.answer) {
        quote.lang = data.answer.lang;
        quote.textContent = data.answer.text;
        const where = data.answer.section ? data.answer.title + " › " + data.answer.section : data.answer.title;
        source.textContent = fill(t.source, { title: where });
        source.href = helpUrl(data.answer.url);
        source.lang = data.answer.lang;
        answer.hidden = false;
      } else {
        answer.hidden = true;
      }
      if (data.hits.length) {
        showList(data.hits);
      } else {
        results.replaceChildren();
        status.textContent = fill(data.nothing_relevant ? t.nothing_relevant : t.no_match, { query: q });
        status.classList.add("notice");
      }
      contact.classList.toggle("prominent", !data.answer);
    }

    function run(kind, q, mine) {
      if (kind === "search" && inFlight) inFlight.abort();
      const ctrl = new AbortController();
      if (kind === "search") inFlight = ctrl;
      const url = kind === "search" ? config.search_url : config.suggest_url;
      getJSON(url, { lang: config.lang, q: q }, ctrl.signal).then(function (data) {
        if (mine !== seq) return;
        if (kind === "search") {
          searchedSeq = mine;
          showSearch(data, q);
        } else if (searchedSeq !== mine && data.suggestions.length) {
          showList(data.suggestions);
        }
      }, function (err) {
        if (mine !== seq || err.name === "AbortError") return;
        if (kind === "search" || err.status === 429) {
          status.textContent = err.status === 429 ? t.too_many : t.unavailable;
          status.classList.add("notice");
        }
      });
    }

    function edited() {
      clearTimeout(suggestTimer);
      clearTimeout(searchTimer);
      const q = input.value.trim();
      const mine = ++seq;
      setContact(q);
      if (q.length < MIN_CHARS) { clear(); return; }
      suggestTimer = setTimeout(function () { run("suggest", q, mine); }, SUGGEST_DELAY);
      searchTimer = setTimeout(function () { run("search", q, mine); }, SEARCH_DELAY);
    }

    function focusables() {
      return Array.from(panel.querySelectorAll("button, input, a[href]")).filter(function (n) {
        return !n.closest("[hidden]");
      });
    }

    function links() {
      return Array.from(results.querySelectorAll("a"));
    }

    opener.addEventListener("click", function () { if (isOpen()) hide(); else open(); });
    close.addEventListener("click", hide);
    input.addEventListener("input", edited);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      const q = input.value.trim();
      if (q.length < MIN_CHARS || searchedSeq === seq) return;
      clearTimeout(searchTimer);
      run("search", q, seq);
    });
    panel.addEventListener("keydown", function (event) {
      const active = root.activeElement;
      if (event.key === "Escape") {
        event.preventDefault();
        hide();
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        const list = links();
        const at = list.indexOf(active);
        if (active === input && event.key === "ArrowDown" && list.length) {
          event.preventDefault();
          list[0].focus();
        } else if (at >= 0) {
          event.preventDefault();
          const next = at + (event.key === "ArrowDown" ? 1 : -1);
          if (next < 0) input.focus();
          else list[Math.min(next, list.length - 1)].focus();
        }
      } else if (event.key === "Tab" && panel.getAttribute("aria-modal") === "true") {
        const all = focusables();  // modal: Tab cycles inside the panel
        const first = all[0];
        const last = all[all.length - 1];
        if (event.shiftKey && active === first) { event.preventDefault(); last.focus(); }
        else if (!event.shiftKey && active === last) { event.preventDefault(); first.focus(); }
      }
    });
    NARROW.addEventListener("change", function () { if (isOpen()) setModal(); });

    document.body.append(host);
    // Shown once our stylesheet applies: an unstyled button in the page's flow would be worse than none.
    styled.then(function () { frame.hidden = false; }, function () { host.remove(); });
  }

  function start() {
    getJSON("/widget.json", { lang: requested }).then(build, function (err) {
      console.warn("Kestrel help widget: cannot reach " + base + " from this origin (is it in KB_WIDGET_ORIGINS?)", err);
    });
  }

  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
