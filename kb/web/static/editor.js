// The editor's live preview: the text is rendered by the server (same Markdown and sanitizer as
// the site) and the answer, already sanitised HTML, replaces the preview. Progressive
// enhancement: without JavaScript the preview shown is the one rendered with the page.
(function () {
  "use strict";

  function attach(form) {
    const text = form.querySelector("textarea[name=text]");
    const preview = document.getElementById("preview");
    const problems = document.querySelector(".preview-problems");
    const token = form.querySelector("input[name=csrf_token]");
    if (!text || !preview || !token) return;
    let timer = null;
    let sent = 0;

    async function refresh() {
      const mine = ++sent;
      const body = new URLSearchParams({text: text.value, lang: form.dataset.lang || "", slug: form.dataset.slug || ""});
      try {
        const resp = await fetch(form.dataset.preview, {
          method: "POST", body: body, credentials: "same-origin",
          headers: {"X-CSRFToken": token.value, "Accept": "application/json"},
        });
        if (!resp.ok || mine !== sent) return;  // a newer request is on its way
        const data = await resp.json();
        preview.innerHTML = data.html;  // sanitised by nh3 on the server, like every article page
        preview.lang = data.lang;  // the reader's direction: Persian previews read right to left
        preview.dir = data.dir;
        if (problems) {
          problems.replaceChildren(...data.problems.concat(data.warnings || []).map(function (p) {
            const li = document.createElement("li");
            li.textContent = p;
            return li;
          }));
        }
        preview.dataset.rendered = String(mine);
      } catch (e) { /* offline or signed out: the saved preview stays */ }
    }

    text.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 300);
    });
  }

  // Bring the first changed source paragraph into view inside its own pane.
  function showFirstChange() {
    const first = document.querySelector(".source .para.changed");
    const pane = first && first.closest(".source");
    if (!pane || pane.scrollHeight <= pane.clientHeight || document.querySelector(".problems")) return;
    pane.parentElement.scrollIntoView({block: "start"});  // both panes fill the window
    pane.scrollTop += first.getBoundingClientRect().top - pane.getBoundingClientRect().top - 16;
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-preview]").forEach(attach);
    showFirstChange();
  });
})();
