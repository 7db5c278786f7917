// Progressive enhancement: suggest articles while the customer types (the form works without it).
(function () {
  "use strict";
  const form = document.getElementById("contact-form");
  if (!form) return;
  const box = document.getElementById("question");
  const list = document.getElementById("suggestions");
  const opened = document.getElementById("opened");
  const lang = form.dataset.lang;
  let timer = null;
  let last = "";
  document.getElementById("suggest-button").hidden = true;

  list.addEventListener("click", function (event) {
    if (event.target.closest("a")) opened.value = "1";
  });

  async function suggest() {
    const q = box.value.trim();
    if (q.length < 3 || q === last) return;
    last = q;
    try {
      const resp = await fetch("/api/v1/suggest?lang=" + encodeURIComponent(lang) + "&q=" + encodeURIComponent(q),
                               {headers: {"Accept": "application/json"}});
      if (!resp.ok) return;
      const data = await resp.json();
      if (q !== box.value.trim()) return;  // the customer kept typing
      list.replaceChildren();
      if (!data.suggestions.length) return;
      const title = document.createElement("h2");
      title.textContent = list.dataset.title;
      const ul = document.createElement("ul");
      for (const hit of data.suggestions) {
        const li = document.createElement("li");
        const a = document.createElement("a");
        a.href = hit.url;
        a.target = "_blank";
        a.rel = "noopener";
        a.lang = hit.lang;
        a.textContent = hit.title;  // text, never HTML
        li.appendChild(a);
        ul.appendChild(li);
      }
      list.append(title, ul);
    } catch (err) {
      // Suggestions are a convenience: the form still sends without them.
    }
  }

  box.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(suggest, 250);
  });
})();
