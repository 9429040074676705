// Live updates of the agent desktop. One EventSource per page listens to /desk/events; a notice only
// says which case changed, and the page re-fetches its own parts (each part declares its URL with
// hx-get and refreshes on the "deskrefresh" event). The case page also reports every few seconds that
// its agent is still there, which drives the "also viewing / replying" warning of other agents.
(function () {
  "use strict";
  const main = document.getElementById("main");
  if (!main || !window.htmx || !window.EventSource) {
    return;
  }
  const page = main.dataset.livePage;
  const caseId = main.dataset.caseId;
  let listTimer = null;

  function refreshLists() {
    // Several notices in a burst cause one refresh.
    clearTimeout(listTimer);
    listTimer = setTimeout(() => {
      document.querySelectorAll("[data-live-list]").forEach((el) => htmx.trigger(el, "deskrefresh"));
    }, 250);
  }

  function refreshCase() {
    document.querySelectorAll("[data-live-case]").forEach((el) => {
      // Never replace a form the agent is filling in.
      if (el.contains(document.activeElement) && document.activeElement !== document.body) {
        return;
      }
      htmx.trigger(el, "deskrefresh");
    });
  }

  const events = new EventSource(main.dataset.eventsUrl || "/desk/events");
  events.addEventListener("open", () => main.setAttribute("data-live", "connected"));
  events.addEventListener("error", () => main.setAttribute("data-live", "reconnecting"));
  events.addEventListener("case", (event) => {
    const notice = JSON.parse(event.data);
    if (page === "case" && notice.caseId === caseId) {
      refreshCase();
    } else if (page !== "case") {
      refreshLists();
    }
  });
  events.addEventListener("viewers", (event) => {
    const notice = JSON.parse(event.data);
    const viewers = document.getElementById("case-viewers");
    if (page === "case" && notice.caseId === caseId && viewers) {
      htmx.trigger(viewers, "deskviewers");
    }
  });
  window.addEventListener("pagehide", () => events.close());

  if (page !== "case" || !main.dataset.presenceUrl) {
    return;
  }
  const composer = document.getElementById("composer-text");
  let lastActivity = null;

  function activity() {
    return composer && composer.value.trim() !== "" ? "replying" : "viewing";
  }

  function report() {
    lastActivity = activity();
    htmx.ajax("POST", main.dataset.presenceUrl, {
      target: "#case-viewers",
      swap: "outerHTML",
      values: { activity: lastActivity },
    });
  }

  report();
  setInterval(report, Math.max(2, Number(main.dataset.presenceSeconds || 10)) * 1000);
  if (composer) {
    composer.addEventListener("input", () => {
      if (activity() !== lastActivity) {
        report();
      }
    });
  }
  window.addEventListener("pagehide", () => {
    const token = document.querySelector('meta[name="_csrf"]');
    const body = new URLSearchParams();
    if (token) {
      body.append("_csrf", token.content);
    }
    navigator.sendBeacon(main.dataset.leaveUrl, body);
  });
})();
