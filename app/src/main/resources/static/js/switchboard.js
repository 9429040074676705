// Sends the CSRF token with every htmx request (forms rendered by Thymeleaf carry it already).
document.addEventListener("htmx:configRequest", (event) => {
  const token = document.querySelector('meta[name="_csrf"]');
  const header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});

// A form asking for a date and time without offset (datetime-local) sends the browser's time zone beside it.
document.addEventListener("submit", (event) => {
  const zone = event.target.querySelector && event.target.querySelector('input[name="zone"]');
  if (zone) {
    zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone;
  }
}, true);
