// Suggestions while typing, for any field marked data-suggest="<lang>" (the header search box and
// the contact form). Progressive enhancement: without it both forms work as plain forms.
//   data-suggest-into="ID"    where the links go (a <ul>, or a box that gets a heading and a list)
//   data-suggest-title="..."  heading above the links (box only)
//   data-suggest-opened="ID"  hidden input set to 1 when a suggestion is opened
//   data-suggest-newtab       open suggestions in a new tab (keeps the customer's draft)
//   data-suggest-hide="ID"    element only needed without JavaScript
(function () {
  "use strict";

  function link(s, newTab) {
    const a = document.createElement("a");
    a.href = s.url;
    a.lang = s.lang;
    a.textContent = s.section ? s.title + " › " + s.section : s.title;  // text, never HTML
    if (newTab) { a.target = "_blank"; a.rel = "noopener"; }
    const li = document.createElement("li");
    li.appendChild(a);
    return li;
  }

  function attach(field) {
    const box = document.getElementById(field.dataset.suggestInto);
    if (!box) return;
    const popup = box.tagName === "UL";
    const newTab = field.hasAttribute("data-suggest-newtab");
    const opened = document.getElementById(field.dataset.suggestOpened || "");
    const noJs = document.getElementById(field.dataset.suggestHide || "");
    if (noJs) noJs.hidden = true;
    let timer = null;
    let last = "";

    function clear() {
      box.replaceChildren();
      if (popup) box.hidden = true;
    }

    async function suggest() {
      const q = field.value.trim();
      if (q.length < 2) { clear(); last = ""; return; }
      if (q === last) return;
      last = q;
      try {
        const resp = await fetch("/api/v1/suggest?lang=" + encodeURIComponent(field.dataset.suggest) +
                                 "&q=" + encodeURIComponent(q));
        if (!resp.ok) return;
        const data = await resp.json();
        if (q !== field.value.trim()) return;  // the customer kept typing
        clear();
        if (!data.suggestions.length) return;
        const list = popup ? box : document.createElement("ul");
        for (const s of data.suggestions) list.appendChild(link(s, newTab));
        if (popup) {
          box.hidden = false;
        } else {
          const title = document.createElement("h2");
          title.textContent = field.dataset.suggestTitle || "";
          box.append(title, list);
        }
      } catch (err) {
        clear();  // suggestions are a convenience; the form still works
      }
    }

    field.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(suggest, 250);
    });
    box.addEventListener("click", function (event) {
      if (opened && event.target.closest("a")) opened.value = "1";
    });
    if (popup) {
      field.addEventListener("keydown", function (event) {
        if (event.key === "Escape") clear();
        if (event.key === "ArrowDown" && !box.hidden) {
          const first = box.querySelector("a");
          if (first) { event.preventDefault(); first.focus(); }
        }
      });
      document.addEventListener("click", function (event) {
        if (!field.form.contains(event.target)) clear();
      });
    }
  }

  document.querySelectorAll("[data-suggest]").forEach(attach);
})();
