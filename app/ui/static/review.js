// Article review: keyboard-first (j/k . [ ] a r e u n ?), every decision saved at once.
// Offsets are Unicode code points: each text segment carries its code-point start (data-s), and a
// selection is counted with Array.from over the segment's string, never with UTF-16 lengths.
import { PREFIX, post, say, typeahead } from "./common.js";

const grid = document.getElementById("review");
const textBox = document.getElementById("text");
const articleId = grid.dataset.article;
const canReview = grid.dataset.canReview === "true";
const textLength = Number(textBox.dataset.len);
const undoStack = grid.dataset.lastReview ? [Number(grid.dataset.lastReview)] : [];
let cards = [...document.querySelectorAll("#claims > .claim")];
let current = -1;
let lit = [];

const cpLen = (s) => Array.from(s).length;

// --- moving between claims -------------------------------------------------------------------------------

function segmentsOf(id) {
  return textBox.querySelectorAll(`[data-c~="${id}"]`);
}

// scroll only the column (scrollIntoView would scroll the window too); `center`: put it mid-column
function scrollWithin(box, el, center) {
  if (!box) return;
  const boxRect = box.getBoundingClientRect();
  const rect = el.getBoundingClientRect();
  if (center) {
    box.scrollTop += rect.top - boxRect.top - (box.clientHeight - rect.height) / 2;
  } else if (rect.top < boxRect.top) {
    box.scrollTop += rect.top - boxRect.top - 8;
  } else if (rect.bottom > boxRect.bottom) {
    box.scrollTop += rect.bottom - boxRect.bottom + 8;
  }
}

function select(index, { scrollText = true, scrollCard = true, focus = true } = {}) {
  if (!cards.length) return;
  current = Math.max(0, Math.min(cards.length - 1, index));
  document.querySelector(".claim.current")?.classList.remove("current");
  lit.forEach((el) => el.classList.remove("current"));
  const card = cards[current];
  card.classList.add("current");
  lit = [...segmentsOf(card.dataset.id)];
  lit.forEach((el) => el.classList.add("current"));
  if (scrollCard) scrollWithin(card.parentElement.closest(".side"), card, false);
  if (scrollText && lit.length) scrollWithin(textBox, lit[0], true);
  if (focus) card.focus({ preventScroll: true });
  history.replaceState(null, "", `#c${card.dataset.id}`);
}

const cardIndex = (id) => cards.findIndex((c) => c.dataset.id === String(id));

function replaceCard(html) {
  const tpl = document.createElement("template");
  tpl.innerHTML = html.trim();  // a card the server rendered and escaped
  const fresh = tpl.content.firstElementChild;
  const old = document.getElementById(fresh.id);
  old.replaceWith(fresh);
  cards = [...document.querySelectorAll("#claims > .claim")];
  const rejected = fresh.classList.contains("status-rejected");
  segmentsOf(fresh.dataset.id).forEach((el) => el.classList.toggle("rej", rejected));
  const reviewed = cards.filter((c) => !c.classList.contains("status-unreviewed")).length;
  document.getElementById("progress").textContent = `${reviewed}/${cards.length}`;
  return fresh;
}

// --- moving through the queue: the next unreviewed claim, the next and previous article ---------------------

// the next unreviewed claim after the current one here; else the server finds one in the articles below
// this one in the inbox (then from the top), or earlier here, or says that none is left
function nextUnreviewed() {
  const later = cards.slice(current + 1).find((c) => c.classList.contains("status-unreviewed"));
  if (later) { select(cardIndex(later.dataset.id)); return; }
  const after = cards[current]?.dataset.position ?? 0;
  location.assign(`${PREFIX}/next-unreviewed?article=${articleId}&after=${after}`);
}

function toArticle(rel) {
  const link = document.querySelector(`.pager a[rel="${rel}"]`);
  if (!link) { say(rel === "next" ? "This is the last article" : "This is the first article"); return; }
  location.assign(link.href);
}

// --- decisions -------------------------------------------------------------------------------------------

// decisions run one after another, in the order of the keys pressed
let queue = Promise.resolve();
const enqueue = (task) => { queue = queue.then(task, task); };

async function decide(action) {
  const card = cards[current];
  if (!card) return;
  try {
    const data = await post(`/claims/${card.dataset.id}/review`, { action });
    undoStack.push(data.review_id);
    replaceCard(data.html);
    say(`${action === "accept" ? "Accepted" : "Rejected"} claim`);
    select(current + 1);
  } catch (error) {
    say(error.message, true);
  }
}

async function undo() {
  const reviewId = undoStack.pop();
  if (!reviewId) { say("Nothing to undo"); return; }
  try {
    const data = await post(`/reviews/${reviewId}/undo`, {});
    replaceCard(data.html);
    say("Undone");
    select(cardIndex(data.id));
  } catch (error) {
    undoStack.push(reviewId);
    say(error.message, true);
  }
}

// --- selections as code-point offsets --------------------------------------------------------------------

function pointOffset(node, offset) {
  if (node.nodeType === Node.TEXT_NODE) {
    const seg = node.parentElement.closest("[data-s]");
    if (!seg || !textBox.contains(seg)) return null;
    return Number(seg.dataset.s) + cpLen(node.data.slice(0, offset));
  }
  if (node === textBox) {
    const child = textBox.children[offset];
    return child ? Number(child.dataset.s) : textLength;
  }
  const seg = node.closest?.("[data-s]");
  if (!seg || !textBox.contains(seg)) return null;
  return Number(seg.dataset.s) + (offset > 0 ? cpLen(seg.textContent) : 0);
}

// The selection inside the article as {start, end, selected}, trimmed of surrounding white space.
export function selectionOffsets() {
  const sel = window.getSelection();
  if (!sel || sel.isCollapsed || !sel.rangeCount) return null;
  const range = sel.getRangeAt(0);
  let start = pointOffset(range.startContainer, range.startOffset);
  let end = pointOffset(range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return null;
  let selected = range.toString();
  const lead = selected.length - selected.trimStart().length;  // white space is one code point a character
  const trail = selected.length - selected.trimEnd().length;
  selected = selected.trim();
  start += lead;
  end -= trail;
  if (!selected || end <= start) return null;
  return { start, end, selected };
}

// --- the editor ------------------------------------------------------------------------------------------

const editor = document.getElementById("editor");
const state = { mode: "edit", claimId: null, speaker: null, speakerChanged: false, relay: [], selected: null };

function showSpeaker() {
  document.getElementById("ed-speaker-chosen").textContent = state.speaker ? state.speaker.name : "no speaker";
}

function showRelay() {
  const list = document.getElementById("ed-relay-hops");
  list.replaceChildren(...state.relay.map((hop, i) => {
    const li = document.createElement("li");
    li.append(hop.name);
    const remove = document.createElement("button");
    remove.type = "button";
    remove.textContent = "×";
    remove.setAttribute("aria-label", `remove ${hop.name}`);
    remove.addEventListener("click", () => { state.relay.splice(i, 1); showRelay(); });
    li.append(remove);
    return li;
  }));
}

function openEditor(mode, span) {
  if (!editor) return;
  const card = cards[current];
  if (mode === "edit" && !card) return;
  state.mode = mode;
  state.speakerChanged = false;
  state.selected = span?.selected ?? null;
  document.getElementById("editor-error").hidden = true;
  if (mode === "edit") {
    state.claimId = card.dataset.id;
    state.speaker = card.dataset.speakerId ? { id: Number(card.dataset.speakerId), name: card.dataset.speakerName } : null;
    state.relay = JSON.parse(card.dataset.relay || "[]");
    document.getElementById("editor-h").textContent = `Edit claim #${card.querySelector(".pos").textContent.slice(1)}`;
    document.getElementById("ed-kind").value = card.dataset.kind;
    document.getElementById("ed-start").value = card.dataset.start;
    document.getElementById("ed-end").value = card.dataset.end;
    document.getElementById("editor-excerpt").textContent = card.querySelector(".claim-text").textContent.trim();
  } else {
    state.claimId = null;
    state.speaker = null;
    state.speakerChanged = true;
    state.relay = [];
    document.getElementById("editor-h").textContent = "Add a claim";
    document.getElementById("ed-kind").value = "indirect";
    document.getElementById("ed-start").value = span.start;
    document.getElementById("ed-end").value = span.end;
    document.getElementById("editor-excerpt").textContent = span.selected;
  }
  showSpeaker();
  showRelay();
  editor.show();
  document.getElementById("ed-speaker").focus();
}

async function saveEditor() {
  const start = Number(document.getElementById("ed-start").value);
  const end = Number(document.getElementById("ed-end").value);
  const kind = document.getElementById("ed-kind").value;
  const relay = state.relay.map((hop) => hop.id);
  try {
    let data;
    if (state.mode === "new") {
      data = await post(`/articles/${articleId}/claims`, {
        start, end, selected: state.selected ?? "", kind, speaker_id: state.speaker?.id ?? null, relay });
    } else {
      data = await post(`/claims/${state.claimId}/correct`, {
        set_speaker: state.speakerChanged, speaker_id: state.speaker?.id ?? null, relay, kind, start, end,
        selected: state.selected });
    }
    undoStack.push(data.review_id);
    editor.close();
    if (data.reload) {
      history.replaceState(null, "", `#c${data.id}`);
      location.reload();
      return;
    }
    const card = replaceCard(data.html);
    say("Saved");
    select(cardIndex(card.dataset.id));
  } catch (error) {
    const box = document.getElementById("editor-error");
    box.textContent = error.message;
    box.hidden = false;
  }
}

if (editor) {
  typeahead(document.getElementById("ed-speaker"), document.getElementById("ed-speaker-list"), {
    onPick(source) { state.speaker = source; state.speakerChanged = true; showSpeaker(); },
    create: (name) => post("/sources", { name, type: document.getElementById("ed-new-type").value,
                                          article_id: Number(articleId) }),
  });
  typeahead(document.getElementById("ed-relay"), document.getElementById("ed-relay-list"), {
    type: "outlet",
    onPick(source) { state.relay.push({ id: source.id, name: source.name }); showRelay(); },
    create: (name) => post("/sources", { name, type: "outlet" }),
  });
  document.getElementById("ed-speaker-clear").addEventListener("click", () => {
    state.speaker = null; state.speakerChanged = true; showSpeaker();
  });
  document.getElementById("ed-use-selection").addEventListener("click", () => {
    const span = selectionOffsets();
    if (!span) { say("Select the claim's text in the article first", true); return; }
    state.selected = span.selected;
    document.getElementById("ed-start").value = span.start;
    document.getElementById("ed-end").value = span.end;
    document.getElementById("editor-excerpt").textContent = span.selected;
  });
  for (const id of ["ed-start", "ed-end"]) {
    document.getElementById(id).addEventListener("input", () => { state.selected = null; });
  }
  document.getElementById("editor-form").addEventListener("submit", (event) => {
    if (event.submitter?.value === "save") { event.preventDefault(); saveEditor(); }
  });
  editor.addEventListener("close", () => cards[current]?.focus({ preventScroll: true }));
}

// --- adding a claim from a selection ---------------------------------------------------------------------

const addButton = document.getElementById("add-from-selection");

function addFromSelection() {
  const span = selectionOffsets();
  if (!span) { say("Select the missed claim's text in the article first", true); return; }
  openEditor("new", span);
}

if (addButton) {
  document.addEventListener("selectionchange", () => {
    addButton.hidden = !(editor && !editor.open && selectionOffsets());
  });
  addButton.addEventListener("mousedown", (event) => event.preventDefault());  // keep the selection
  addButton.addEventListener("click", addFromSelection);
}

// --- pointer ---------------------------------------------------------------------------------------------

textBox.addEventListener("click", (event) => {
  if (!window.getSelection().isCollapsed) return;  // a selection, not a click
  const seg = event.target.closest("[data-c]");
  if (!seg) return;
  const ids = seg.dataset.c.split(" ");
  const index = cardIndex(ids[ids.length - 1]);
  if (index >= 0) select(index, { scrollText: false });
});

document.getElementById("claims")?.addEventListener("click", (event) => {
  const card = event.target.closest(".claim");
  if (!card) return;
  const index = cardIndex(card.dataset.id);
  const act = event.target.closest("[data-act]")?.dataset.act;
  if (event.target.closest("[data-jump]")) event.preventDefault();
  if (event.target.closest("a:not([data-jump]), summary")) return;
  if (index !== current) select(index, { scrollCard: false });
  if (act === "accept" || act === "reject") enqueue(() => decide(act));
  else if (act === "edit") openEditor("edit");
});

// --- keys ------------------------------------------------------------------------------------------------

const help = document.getElementById("help");
document.querySelector("[data-help]")?.addEventListener("click", () => help.showModal());

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.target.closest?.("input, textarea, select, [contenteditable], dialog")) return;
  if (help.open || editor?.open) return;
  const keys = {
    j: () => enqueue(() => select(current + 1)),
    k: () => enqueue(() => select(current < 0 ? 0 : current - 1)),
    ".": () => enqueue(nextUnreviewed),
    "]": () => enqueue(() => toArticle("next")),
    "[": () => enqueue(() => toArticle("prev")),
    "?": () => help.showModal(),
    Enter: () => lit[0] && scrollWithin(textBox, lit[0], true),
  };
  if (canReview) {
    Object.assign(keys, {
      a: () => enqueue(() => decide("accept")),
      r: () => enqueue(() => decide("reject")),
      e: () => enqueue(() => openEditor("edit")),
      u: () => enqueue(undo),
      n: () => addFromSelection(),
    });
  }
  const action = keys[event.key];
  if (!action) return;
  if (event.key === "Enter" && event.target.closest?.("a, button, summary")) return;
  event.preventDefault();
  action();
});

// open where the address points (#c12), else on the first claim without moving the page
const wanted = /^#c(\d+)$/.exec(location.hash);
if (wanted && cardIndex(wanted[1]) >= 0) select(cardIndex(wanted[1]));
else if (cards.length) select(0, { scrollText: false, scrollCard: false, focus: false });
window.whosaidReady = true;
window.whosaidIdle = () => queue;  // tests wait for the decisions in flight
