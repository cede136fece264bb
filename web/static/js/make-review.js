// The maker's result card: read every entry with its two hints, edit a clue or an
// emoji clue, remove a word, then share. A stored puzzle never changes (its link may
// be shared already): each change is POST /api/puzzles/<id>/edits, which answers with
// a new puzzle and a new link; Undo goes back to the previous version, still stored.
// Every string from the server or the user is set with textContent.

import { $, copyText, el, plural } from "./common.js";

const DIRECTIONS = ["across", "down"];
let versions = []; // [{id, puzzle, urls}], newest last
let jobNotices = []; // notices of the generation job (e.g. the model budget was spent)
let editing = null; // the entry id whose hints are being edited

const current = () => versions[versions.length - 1];
const sentence = (text) => String(text).charAt(0).toUpperCase() + String(text).slice(1);
const dirName = (d) => (d === "across" ? "Across" : "Down");

// -- the card ------------------------------------------------------------------
/** Show a freshly made puzzle (with its solution) and start its review. */
export function showResult({ id, puzzle, urls, notices = [] }) {
  versions = [{ id, puzzle, urls }];
  jobNotices = Array.isArray(notices) ? notices.map(String) : [];
  editing = null;
  setStatus("");
  render();
  $("result").hidden = false;
  $("result").scrollIntoView({ behavior: "smooth", block: "start" });
  $("result-title").focus({ preventScroll: true });
}

export function hideResult() {
  $("result").hidden = true;
  versions = [];
  editing = null;
}

function render() {
  const { puzzle, urls } = current();
  $("result-title").textContent = puzzle.title;
  const emoji = puzzle.entries.filter((e) => e.emoji).length;
  $("result-meta").textContent = [
    `${puzzle.width} × ${puzzle.height}`,
    plural(puzzle.entries.length, "clue"),
    `${emoji} with emoji`,
    `hints: ${puzzle.provider}${puzzle.model ? ` (${puzzle.model})` : ""}`,
    `seed ${puzzle.seed}`,
  ].join(" · ");
  renderNotices([...jobNotices, ...(Array.isArray(puzzle.notices) ? puzzle.notices : [])]);
  $("play-link").href = urls.play;
  $("share-url").value = urls.play;
  $("dl-ipuz").href = urls.ipuz;
  $("dl-puz").href = urls.puz;
  $("dl-print").href = `${urls.print}?variant=both`;
  $("dl-print-key").href = `${urls.print}?variant=both&key=1`; // the key prints on its own page
  renderUnplaced(puzzle.unplaced || []);
  for (const dir of DIRECTIONS) {
    const list = $(`review-${dir}`);
    list.replaceChildren(...puzzle.entries.filter((e) => e.direction === dir).map(entryRow));
  }
}

function renderNotices(notices) {
  const unique = [...new Set(notices.map(String).filter(Boolean))];
  $("notice-list").replaceChildren(...unique.map((text) => el("li", { text })));
  $("result-notices").hidden = unique.length === 0;
}

function renderUnplaced(unplaced) {
  $("unplaced").replaceChildren(
    ...unplaced.map((u) => el("li", {}, el("strong", { text: u.word }), ` — ${u.reason}`)),
  );
  $("unplaced-box").hidden = unplaced.length === 0;
  $("unplaced-summary").textContent = `${plural(unplaced.length, "word")} left out`;
}

// -- one entry -----------------------------------------------------------------
function entryName(e) {
  return `${e.number} ${e.direction}, ${e.answer}`;
}

function entryRow(e) {
  const li = el("li", { class: "review-entry", id: `review-${e.id}`, "data-id": e.id });
  const head = el(
    "div",
    { class: "review-head" },
    el("span", { class: "review-num", text: String(e.number) }),
    el("span", { class: "review-answer", text: e.answer }),
    el("span", { class: "review-enum", text: `(${e.enumeration})` }),
  );
  li.append(head);
  if (editing === e.id) {
    li.append(editForm(e));
    return li;
  }
  const clue = el("p", { class: "review-clue" }, el("span", { class: "review-tag", text: "Clue" }), e.clue);
  const emoji = e.emoji
    ? el(
        "p",
        { class: "review-emoji" },
        el("span", { class: "review-tag tag-emoji", text: "Emoji" }),
        el("span", { class: "review-emoji-text", text: e.emoji, role: "img", "aria-label": e.emoji_label || e.emoji }),
      )
    : el("p", { class: "review-emoji is-none" }, el("span", { class: "review-tag tag-emoji", text: "Emoji" }), "none");
  const tools = el(
    "div",
    { class: "review-tools" },
    button("Edit", `Edit the clues of ${entryName(e)}`, () => startEdit(e.id)),
    button("Remove", `Remove ${e.answer} (${e.number} ${e.direction})`, (btn) => removeEntry(e, btn), "btn-quiet"),
  );
  li.append(clue, emoji, tools);
  return li;
}

function button(label, name, onClick, extra = "") {
  const b = el("button", { type: "button", class: `btn btn-small ${extra}`.trim(), "aria-label": name, text: label });
  b.addEventListener("click", () => onClick(b));
  return b;
}

function field(e, key, label, value, hint) {
  const id = `edit-${key}-${e.id}`;
  const input = el("input", {
    id,
    type: "text",
    autocomplete: "off",
    "aria-describedby": `${hint ? `${id}-hint ` : ""}${id}-error`,
  });
  input.value = value || "";
  input.dataset.key = key;
  input.addEventListener("input", () => fieldError(input, ""));
  return el(
    "div",
    { class: "field" },
    el("label", { for: id, text: `${label} for ${e.number} ${dirName(e.direction)}` }),
    input,
    hint && el("p", { class: "hint", id: `${id}-hint`, text: hint }),
    el("p", { class: "field-error", id: `${id}-error`, hidden: true }),
  );
}

function fieldError(input, message) {
  const box = $(`${input.id}-error`);
  box.textContent = message;
  box.hidden = !message;
  if (message) input.setAttribute("aria-invalid", "true");
  else input.removeAttribute("aria-invalid");
}

function editForm(e) {
  const form = el("form", { class: "review-form", novalidate: "" });
  form.append(
    field(e, "clue", "Clue", e.clue),
    field(e, "emoji", "Emoji clue", e.emoji, "1 to 5 emoji, no letters or numbers. Leave it empty for no emoji clue."),
  );
  const save = el("button", { type: "submit", class: "btn btn-primary btn-small", text: "Save" });
  const cancel = el("button", { type: "button", class: "btn btn-small", text: "Cancel" });
  cancel.addEventListener("click", () => stopEdit(e.id));
  form.append(el("div", { class: "actions" }, save, cancel));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    saveEdit(e, form, save);
  });
  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape") stopEdit(e.id);
  });
  return form;
}

function startEdit(entryId) {
  editing = entryId;
  render();
  $(`edit-clue-${entryId}`).focus();
}

function stopEdit(entryId) {
  editing = null;
  render();
  $(`review-${entryId}`)?.querySelector(".review-tools button")?.focus();
}

// -- changes -------------------------------------------------------------------
async function saveEdit(e, form, save) {
  const clue = $(`edit-clue-${e.id}`).value.trim();
  const emoji = $(`edit-emoji-${e.id}`).value.trim();
  const change = {};
  if (clue !== e.clue) change.clue = clue;
  if (emoji !== (e.emoji || "")) change.emoji = emoji;
  if (Object.keys(change).length === 0) {
    stopEdit(e.id);
    return;
  }
  save.disabled = true;
  save.textContent = "Saving…";
  const answer = await send({ entries: { [e.id]: change } });
  save.disabled = false;
  save.textContent = "Save";
  if (answer.ok) {
    editing = null;
    addVersion(answer.body);
    setStatus(`Saved the clues of ${e.number} ${dirName(e.direction)}. The share link is new.`, true);
    $(`review-${e.id}`)?.querySelector(".review-tools button")?.focus();
    return;
  }
  const placed = showEditErrors(e, form, answer.body);
  if (!placed) setStatus(answer.message, false, true);
}

/** Field errors next to their inputs; true when at least one was placed. */
function showEditErrors(e, form, body) {
  let first = null;
  for (const item of Array.isArray(body?.errors) ? body.errors : []) {
    const key = String(item.field || "").split(".").pop();
    const input = item.field?.startsWith(`entries.${e.id}.`) ? form.querySelector(`[data-key="${key}"]`) : null;
    if (!input) continue;
    const box = $(`${input.id}-error`);
    fieldError(input, box.hidden ? sentence(item.message) : `${box.textContent} ${sentence(item.message)}`);
    first ??= input;
  }
  first?.focus();
  return first !== null;
}

async function removeEntry(e, btn) {
  btn.disabled = true;
  btn.textContent = "Removing…";
  const answer = await send({ remove: [e.id] });
  if (!answer.ok) {
    btn.disabled = false;
    btn.textContent = "Remove";
    setStatus(answer.message, false, true);
    return;
  }
  editing = null;
  addVersion(answer.body);
  const { puzzle } = current();
  setStatus(`Removed ${e.answer} and laid out the grid again (${puzzle.width} × ${puzzle.height}). The share link is new.`, true);
}

function addVersion(body) {
  versions.push({ id: body.id, puzzle: body.puzzle, urls: body.urls });
  render();
}

function undo() {
  if (versions.length < 2) return;
  versions.pop();
  editing = null;
  render();
  setStatus(versions.length > 1 ? "Went back one change." : "Back to the puzzle as it was made.", versions.length > 1);
}

/** The review's one status line, with Undo after a change. */
function setStatus(message, canUndo = false, isError = false) {
  const box = $("review-status");
  box.replaceChildren();
  box.classList.toggle("is-error", isError);
  if (!message) return;
  box.append(el("span", { text: message }));
  if (canUndo) {
    const b = button("Undo", "Undo the last change", undo, "btn-quiet");
    box.append(" ", b);
    b.focus({ preventScroll: true });
  }
}

async function send(change) {
  const { id } = current();
  try {
    const response = await fetch(`/api/puzzles/${encodeURIComponent(id)}/edits`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ ...change, solution: true }),
    });
    const body = await response.json().catch(() => null);
    if (response.status === 201 && body?.puzzle) return { ok: true, body };
    const message = body?.errors?.[0]?.message || body?.error || `The server answered ${response.status}.`;
    return { ok: false, body, message: sentence(message) };
  } catch {
    return { ok: false, body: null, message: "Could not reach the server. Check your connection and try again." };
  }
}

$("copy-link").addEventListener("click", async () => {
  const copied = await copyText($("share-url").value, $("share-url"));
  $("copy-link").textContent = copied ? "Copied ✓" : "Press Ctrl+C to copy";
  setTimeout(() => {
    $("copy-link").textContent = "Copy share link";
  }, 2500);
});
