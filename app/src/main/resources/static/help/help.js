// Help-center search: asks GET /api/v1/knowledge/search and lists the hits in place; without script
// the form still submits to /help.
(() => {
  const form = document.getElementById("help-search");
  if (!form) return;
  const results = document.getElementById("help-results");
  const hits = document.getElementById("help-hits");
  const message = (text) => {
    hits.replaceChildren();
    const item = document.createElement("li");
    item.className = "muted";
    item.textContent = text;
    hits.append(item);
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const q = document.getElementById("help-q").value.trim();
    if (!q) return;
    const params = new URLSearchParams({ q, limit: "10" });
    const lang = document.getElementById("help-lang").value;
    if (lang) params.set("lang", lang);
    if (form.dataset.audience) params.set("audience", form.dataset.audience);
    results.hidden = false;
    try {
      const response = await fetch("/api/v1/knowledge/search?" + params, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(String(response.status));
      const body = await response.json();
      if (!body.hits || body.hits.length === 0) {
        message(form.dataset.noResults);
        return;
      }
      hits.replaceChildren(...body.hits.map((hit) => {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = "/help/articles/" + encodeURIComponent(hit.articleId);
        link.textContent = hit.title;
        if (hit.language) link.lang = hit.language;
        const snippet = document.createElement("span");
        snippet.className = "snippet";
        // snippets carry highlight markup from the index; show them as text only
        snippet.textContent = new DOMParser().parseFromString(hit.snippet || "", "text/html").body.textContent;
        item.append(link, snippet);
        return item;
      }));
    } catch (e) {
      message(form.dataset.failed);
    }
  });
})();

// A callback time (datetime-local) is sent with the customer's time zone.
document.addEventListener("submit", (event) => {
  const zone = event.target.querySelector && event.target.querySelector('input[name="zone"]');
  if (zone) {
    zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone;
  }
}, true);
