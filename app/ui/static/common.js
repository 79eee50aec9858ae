// Shared by the review pages: CSRF-carrying fetch, a status toast, and a type-ahead over sources.
// Text from the server is only ever set with textContent; the one HTML we insert is a claim card that
// the server rendered (and escaped) itself.

export const PREFIX = "/ui";
const csrf = () => document.querySelector('meta[name="csrf-token"]')?.content ?? "";

export async function post(path, body) {
  const response = await fetch(PREFIX + path, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf(), Accept: "application/json" },
    body: JSON.stringify(body ?? {}),
  });
  let data = {};
  try { data = await response.json(); } catch { /* an empty or non-JSON answer */ }
  if (!response.ok) {
    throw new Error(data.detail ?? `the server answered ${response.status}`);
  }
  return data;
}

let toastTimer;
export function say(message, bad = false) {
  const box = document.getElementById("status");
  if (!box) return;
  box.textContent = message;
  box.classList.toggle("bad", bad);
  box.classList.add("show");
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => box.classList.remove("show"), bad ? 5000 : 1800);
}

// A combobox over /ui/sources/search: arrow keys move, Enter picks, Escape closes.
// `create(name)` (optional) offers to create a new source named as typed.
export function typeahead(input, list, { type = "", onPick, create }) {
  let items = [];
  let active = -1;
  let timer;
  let seq = 0;

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const mark = () => {
    [...list.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === active)));
    if (active >= 0) {
      input.setAttribute("aria-activedescendant", list.children[active].id);
      list.children[active].scrollIntoView({ block: "nearest" });
    }
  };
  const pick = async (i) => {
    const item = items[i];
    if (!item) return;
    close();
    let source = item.source;
    if (item.create) {
      try {
        source = await create(item.create);
      } catch (error) {
        say(error.message, true);
        return;
      }
    }
    input.value = "";
    onPick(source);
  };
  const render = (query, found) => {
    items = found.map((s) => ({ source: s, label: `${s.name} · ${s.anonymous ? "anonymous" : s.type}` +
      (s.aliases?.length ? ` (${s.aliases.join(", ")})` : "") }));
    if (create && query && !found.some((s) => s.name.toLowerCase() === query.toLowerCase())) {
      items.push({ create: query, label: `+ create “${query}”` });
    }
    list.replaceChildren(...items.map((item, i) => {
      const li = document.createElement("li");
      li.id = `${list.id}-${i}`;
      li.setAttribute("role", "option");
      li.textContent = item.label;
      li.addEventListener("mousedown", (event) => { event.preventDefault(); pick(i); });
      return li;
    }));
    active = items.length ? 0 : -1;
    list.hidden = !items.length;
    input.setAttribute("aria-expanded", String(!list.hidden));
    mark();
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const query = input.value.trim();
    if (!query) { close(); return; }
    timer = setTimeout(async () => {
      const mine = ++seq;
      const params = new URLSearchParams({ q: query });
      if (type) params.set("type", type);
      const response = await fetch(`${PREFIX}/sources/search?${params}`,
                                   { credentials: "same-origin", headers: { Accept: "application/json" } });
      const found = response.ok ? await response.json() : [];
      if (mine === seq) render(query, found);
    }, 120);
  });
  input.addEventListener("keydown", (event) => {
    if (list.hidden) return;
    if (event.key === "ArrowDown") { active = Math.min(items.length - 1, active + 1); mark(); event.preventDefault(); }
    else if (event.key === "ArrowUp") { active = Math.max(0, active - 1); mark(); event.preventDefault(); }
    else if (event.key === "Enter") { event.preventDefault(); event.stopPropagation(); pick(active); }
    else if (event.key === "Escape") { event.preventDefault(); event.stopPropagation(); close(); }
  });
  input.addEventListener("blur", () => setTimeout(close, 150));
}
