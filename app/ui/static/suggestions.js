// The source page's merge suggestions: `m` accepts the first one (the form it submits is the page's own,
// with the session's CSRF token), unless the analyst is typing in a field.
document.addEventListener("keydown", (event) => {
  if (event.key !== "m" || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (target instanceof HTMLElement && target.closest("input, textarea, select, [contenteditable]")) return;
  const button = document.querySelector(".suggestions .accept-suggestion");
  if (!button) return;
  event.preventDefault();
  button.closest("form").requestSubmit();
});
