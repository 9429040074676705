// Live routing pages. One EventSource listens to /routing/events; a notice refreshes the page's part
// (hx-trigger "routingrefresh"). The agent desktop also names its desktop session (kept for the browser
// tab) and sends a heartbeat every 10 seconds: when the tab goes away the heartbeats stop and the agent
// turns away. Offer countdowns tick down locally.
(function () {
  "use strict";
  const main = document.getElementById("main");
  if (!main || !window.htmx || !window.EventSource) {
    return;
  }
  const page = main.dataset.routingPage;
  let desktop = sessionStorage.getItem("switchboard-desktop");
  if (!desktop) {
    desktop = "desk-" + Math.random().toString(36).slice(2, 12);
    sessionStorage.setItem("switchboard-desktop", desktop);
  }
  const csrfToken = document.querySelector('meta[name="_csrf"]');
  const csrfHeader = document.querySelector('meta[name="_csrf_header"]');
  let timer = null;

  function refresh() {
    clearTimeout(timer);
    timer = setTimeout(() => {
      document.querySelectorAll('[hx-trigger*="routingrefresh"]').forEach((el) => {
        if (el.contains(document.activeElement) && document.activeElement.tagName === "INPUT") {
          return;
        }
        htmx.trigger(el, "routingrefresh");
      });
    }, 150);
  }

  const events = new EventSource(main.dataset.eventsUrl || "/routing/events");
  events.addEventListener("open", () => main.setAttribute("data-live", "connected"));
  events.addEventListener("error", () => main.setAttribute("data-live", "reconnecting"));
  ["offer", "presence", "work", "queue"].forEach((name) => events.addEventListener(name, refresh));
  window.addEventListener("pagehide", () => events.close());

  document.body.addEventListener("htmx:afterSwap", () => {
    document.querySelectorAll(".routing-desktop-id").forEach((input) => (input.value = desktop));
  });

  function tick() {
    document.querySelectorAll(".routing-countdown[data-expires]").forEach((el) => {
      const left = Math.max(0, Math.round((Date.parse(el.dataset.expires) - Date.now()) / 1000));
      el.textContent = String(left);
    });
  }
  setInterval(tick, 1000);

  if (page === "desktop" && main.dataset.agent) {
    const beat = () => {
      const headers = { "Content-Type": "application/x-www-form-urlencoded" };
      if (csrfToken && csrfHeader) {
        headers[csrfHeader.content] = csrfToken.content;
      }
      fetch("/routing/desktop/heartbeat", {
        method: "POST",
        headers: headers,
        body: "desktop=" + encodeURIComponent(desktop),
      });
    };
    beat();
    setInterval(beat, 10000);
  }
})();
