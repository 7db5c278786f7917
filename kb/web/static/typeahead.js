// Search-as-you-type for the header search box. Progressive enhancement: without it, the form
// simply submits to the search page.
(function () {
  "use strict";
  const form = document.querySelector("form.searchbox");
  if (!form) return;
  const input = form.querySelector("input[name=q]");
  const list = document.getElementById("typeahead");
  const lang = form.dataset.lang;
  let timer = null;
  let last = "";

  function hide() { list.hidden = true; list.replaceChildren(); }

  async function suggest() {
    const q = input.value.trim();
    if (q.length < 2) { hide(); last = ""; return; }
    if (q === last) return;
    last = q;
    try {
      const resp = await fetch("/api/v1/suggest?lang=" + encodeURIComponent(lang) + "&q=" + encodeURIComponent(q));
      if (!resp.ok) return;
      const data = await resp.json();
      if (q !== input.value.trim()) return;
      list.replaceChildren();
      for (const s of data.suggestions) {
        const li = document.createElement("li");
        li.setAttribute("role", "option");
        const a = document.createElement("a");
        a.href = s.url;
        a.lang = s.lang;
        a.textContent = s.section ? s.title + " › " + s.section : s.title;  // text, never HTML
        li.appendChild(a);
        list.appendChild(li);
      }
      list.hidden = data.suggestions.length === 0;
    } catch (err) {
      hide();
    }
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(suggest, 200);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
    if (event.key === "ArrowDown" && !list.hidden) {
      const first = list.querySelector("a");
      if (first) { event.preventDefault(); first.focus(); }
    }
  });
  document.addEventListener("click", function (event) {
    if (!form.contains(event.target)) hide();
  });
})();
