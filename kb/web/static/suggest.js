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
    return a;
  }

  // In the header's listbox the link itself is the option (a listbox may own nothing else) and stays
  // out of the tab order: the focus never leaves the search box, aria-activedescendant points.
  function option(s, id) {
    const a = link(s, false);
    a.id = id;
    a.setAttribute("role", "option");
    a.setAttribute("aria-selected", "false");
    a.tabIndex = -1;
    const li = document.createElement("li");
    li.setAttribute("role", "none");
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
    let active = -1;  // the highlighted option; -1: none, the text in the box is what counts

    function options() {
      return Array.from(box.querySelectorAll("[role=option]"));
    }

    function highlight(index) {
      const all = options();
      active = index;
      all.forEach(function (o, i) { o.setAttribute("aria-selected", i === index ? "true" : "false"); });
      if (index < 0) {
        field.removeAttribute("aria-activedescendant");
      } else {
        field.setAttribute("aria-activedescendant", all[index].id);
        all[index].scrollIntoView({block: "nearest"});
      }
    }

    function clear() {
      box.replaceChildren();
      if (popup) {
        box.hidden = true;
        field.setAttribute("aria-expanded", "false");
        highlight(-1);
      }
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
        if (popup) {
          data.suggestions.forEach(function (s, i) { box.appendChild(option(s, box.id + "-" + i)); });
          box.hidden = false;
          field.setAttribute("aria-expanded", "true");
        } else {
          const list = document.createElement("ul");
          for (const s of data.suggestions) {
            const li = document.createElement("li");
            li.appendChild(link(s, newTab));
            list.appendChild(li);
          }
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
      // The combobox keys of the ARIA Authoring Practices: arrows move, Enter opens, Escape closes.
      field.addEventListener("keydown", function (event) {
        const all = options();
        if (event.key === "Escape" && !box.hidden) {
          event.preventDefault();
          clear();
        } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          event.preventDefault();
          if (box.hidden) { last = ""; suggest(); return; }  // the same text's list, back again
          let next = active + (event.key === "ArrowDown" ? 1 : -1);  // -1: back in the box
          if (next >= all.length) next = -1;
          if (next < -1) next = all.length - 1;
          highlight(next);
        } else if (event.key === "Enter" && active >= 0 && all[active]) {
          event.preventDefault();
          window.location.assign(all[active].href);
        }
      });
      // A press on an option keeps the focus in the box, so leaving the box can close the list.
      box.addEventListener("mousedown", function (event) { event.preventDefault(); });
      field.addEventListener("blur", clear);
      document.addEventListener("click", function (event) {
        if (!field.form.contains(event.target)) clear();
      });
    }
  }

  document.querySelectorAll("[data-suggest]").forEach(attach);
})();
