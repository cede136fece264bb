// The maker page: build a POST /api/puzzles body from the form, start the job
// asynchronously, poll /api/jobs/<id> for progress, then show the result.
// Every string from the server or the user is set with textContent.

import { $, copyText, parseLines, plural } from "./common.js";

const form = $("maker");
const button = $("make-button");
const FIELDS = ["topic", "words", "count", "title", "max_size", "seed", "provider"];
const POLL_MS = [300, 400, 600, 800, 1000, 1500];
const MAX_POLL_MINUTES = 15;

let mode = "topic";
let running = false;

// -- tabs --------------------------------------------------------------------
const tabs = [$("tab-topic"), $("tab-words")];

function selectTab(tab, focus = false) {
  for (const t of tabs) {
    const selected = t === tab;
    t.setAttribute("aria-selected", String(selected));
    t.tabIndex = selected ? 0 : -1;
    $(t.getAttribute("aria-controls")).hidden = !selected;
  }
  mode = tab.id === "tab-words" ? "words" : "topic";
  if (focus) tab.focus();
}

for (const tab of tabs) {
  tab.addEventListener("click", () => selectTab(tab));
  tab.addEventListener("keydown", (event) => {
    const i = tabs.indexOf(tab);
    let next = null;
    if (event.key === "ArrowRight") next = tabs[(i + 1) % tabs.length];
    else if (event.key === "ArrowLeft") next = tabs[(i - 1 + tabs.length) % tabs.length];
    else if (event.key === "Home") next = tabs[0];
    else if (event.key === "End") next = tabs[tabs.length - 1];
    if (next) {
      event.preventDefault();
      selectTab(next, true);
    }
  });
}

// -- themes ------------------------------------------------------------------
function markChosenTheme() {
  const value = $("topic").value.trim().toLowerCase();
  for (const chip of $("themes").children) {
    const on = chip.dataset.name.toLowerCase() === value || chip.dataset.title.toLowerCase() === value;
    chip.setAttribute("aria-pressed", String(on));
  }
}

async function loadThemes() {
  try {
    const response = await fetch("/api/themes", { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const { themes } = await response.json();
    if (!Array.isArray(themes) || themes.length === 0) return;
    const box = $("themes");
    for (const theme of themes) {
      const chip = document.createElement("button");
      chip.type = "button";
      chip.className = "chip";
      chip.dataset.name = String(theme.name);
      chip.dataset.title = String(theme.title || theme.name);
      chip.setAttribute("aria-pressed", "false");
      if (theme.emoji) {
        const icon = document.createElement("span");
        icon.className = "chip-emoji";
        icon.setAttribute("aria-hidden", "true");
        icon.textContent = String(theme.emoji);
        chip.append(icon);
      }
      chip.append(document.createTextNode(String(theme.title || theme.name)));
      chip.addEventListener("click", () => {
        $("topic").value = chip.dataset.name;
        clearError("topic");
        markChosenTheme();
      });
      box.append(chip);
    }
    $("themes-box").hidden = false;
    markChosenTheme();
  } catch {
    // No theme list: a free topic still works.
  }
}

$("topic").addEventListener("input", () => {
  clearError("topic");
  markChosenTheme();
});
$("words").addEventListener("input", () => clearError("words"));
$("count").addEventListener("input", () => {
  $("count-out").textContent = $("count").value;
});

// -- errors ------------------------------------------------------------------
function fieldFor(name) {
  if (!name) return null;
  const root = String(name).split(".")[0];
  if (root === "entries" || root === "words") return "words";
  return FIELDS.includes(root) ? root : null;
}

function showError(field, message) {
  const el = $(`${field}-error`);
  const input = $(field);
  if (!el || !input) return false;
  el.textContent = el.hidden ? message : `${el.textContent} ${message}`;
  el.hidden = false;
  input.setAttribute("aria-invalid", "true");
  if (["title", "max_size", "seed", "provider"].includes(field)) $("options").open = true;
  if (field === "topic" || field === "count") selectTab(tabs[0]);
  if (field === "words") selectTab(tabs[1]);
  return true;
}

function clearError(field) {
  const el = $(`${field}-error`);
  if (el) {
    el.hidden = true;
    el.textContent = "";
  }
  $(field)?.removeAttribute("aria-invalid");
}

function clearErrors() {
  for (const f of FIELDS) clearError(f);
  $("form-error").hidden = true;
  $("form-error").textContent = "";
}

function showFormError(message) {
  $("form-error").textContent = message;
  $("form-error").hidden = false;
}

function showApiError(body) {
  const items = Array.isArray(body?.errors) ? body.errors : [];
  let placed = false;
  let first = null;
  const lines = [];
  for (const item of items.slice(0, 8)) {
    const field = fieldFor(item.field);
    const where = item.field && String(item.field).includes(".") ? `${item.field}: ` : "";
    if (field && showError(field, `${where}${item.message}`)) {
      placed = true;
      first ??= field;
    } else {
      lines.push(item.message);
    }
  }
  if (!placed || lines.length) {
    showFormError([body?.error || "Something went wrong.", ...lines].join(" · "));
  }
  if (first) $(first).focus();
}

// -- the request -------------------------------------------------------------
function buildBody() {
  const body = { async: true };
  if (mode === "topic") {
    const topic = $("topic").value.trim();
    if (!topic) {
      showError("topic", "Pick a theme or type a topic.");
      return null;
    }
    body.topic = topic;
    body.count = Number($("count").value);
  } else {
    const entries = parseLines($("words").value).map(({ word, clue }) => (clue ? { word, clue } : { word }));
    if (entries.length === 0) {
      showError("words", "Write at least one word, one per line.");
      return null;
    }
    const max = Number(form.dataset.maxWords);
    if (entries.length > max) {
      showError("words", `At most ${max} words (you have ${entries.length}).`);
      return null;
    }
    const maxWord = Number(form.dataset.maxWordChars);
    const maxClue = Number(form.dataset.maxClueChars);
    const tooLong = entries.findIndex(
      (e) => [...e.word].length > maxWord || [...(e.clue || "")].length > maxClue,
    );
    if (tooLong >= 0) {
      const e = entries[tooLong];
      const what = [...e.word].length > maxWord ? `a word is at most ${maxWord} characters` : `a clue is at most ${maxClue} characters`;
      showError("words", `Word ${tooLong + 1}: ${what}.`);
      return null;
    }
    if (entries.some((e) => e.clue)) body.entries = entries;
    else body.words = entries.map((e) => e.word);
  }
  const title = $("title").value.trim();
  if (title) body.title = title;
  if ($("max_size").value) body.max_size = Number($("max_size").value);
  const seed = $("seed").value.trim();
  if (seed) {
    if (!/^\d+$/.test(seed)) {
      showError("seed", "The seed is a whole number (or leave it empty).");
      return null;
    }
    body.seed = Number(seed);
  }
  if ($("provider").value) body.provider = $("provider").value;
  return body;
}

async function requestJson(url, options = {}) {
  const response = await fetch(url, {
    ...options,
    headers: { Accept: "application/json", ...(options.headers || {}) },
  });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = { ok: false, status: response.status, error: `The server answered ${response.status}.` };
  }
  return { status: response.status, body };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// -- progress ----------------------------------------------------------------
const STEPS = ["words", "layout", "hints"];

function setBusy(busy) {
  running = busy;
  button.disabled = busy;
  button.classList.toggle("is-busy", busy);
  button.querySelector(".btn-label").textContent = busy ? "Making…" : "Make crossword";
  form.setAttribute("aria-busy", String(busy));
}

function resetProgress() {
  for (const li of document.querySelectorAll(".step")) {
    li.classList.remove("is-active", "is-done");
    li.querySelector(".step-detail").textContent = "";
  }
  $("hints-progress").value = 0;
  $("hints-progress").max = 1;
  $("status-note").textContent = "";
  $("status-title").textContent = "Making your crossword…";
}

function showProgress(job) {
  const stage = job.stage === "done" || job.status === "done" ? "done" : job.stage;
  const at = stage === "done" ? STEPS.length : Math.max(0, STEPS.indexOf(stage));
  document.querySelectorAll(".step").forEach((li, i) => {
    li.classList.toggle("is-done", i < at);
    li.classList.toggle("is-active", i === at && job.status !== "failed");
  });
  const p = job.progress || {};
  if (p.words?.count != null) {
    let text = `${plural(p.words.count, "word")} chosen`;
    if (p.words.rejected) text += `, ${p.words.rejected} left out`;
    $("detail-words").textContent = text;
  }
  if (p.layout?.placed != null) {
    let text = `${p.layout.placed} placed`;
    if (p.layout.unplaced) text += `, ${p.layout.unplaced} did not fit`;
    $("detail-layout").textContent = text;
  } else if (p.layout?.words != null && stage === "layout") {
    $("detail-layout").textContent = `fitting ${plural(p.layout.words, "word")}…`;
  }
  if (p.hints?.total != null) {
    const done = Number(p.hints.done || 0);
    const total = Number(p.hints.total || 0);
    $("detail-hints").textContent = `${done} / ${total}`;
    $("hints-progress").max = Math.max(1, total);
    $("hints-progress").value = Math.min(done, total);
  }
  if (p.hints?.note) $("status-note").textContent = String(p.hints.note);
}

async function poll(job) {
  const deadline = Date.now() + MAX_POLL_MINUTES * 60_000;
  let i = 0;
  let failures = 0;
  while (Date.now() < deadline) {
    await sleep(POLL_MS[Math.min(i, POLL_MS.length - 1)]);
    i += 1;
    let answer;
    try {
      answer = await requestJson(job.url);
    } catch {
      failures += 1;
      if (failures > 5) throw new Error("Lost contact with the server. Check your connection and try again.");
      continue;
    }
    if (answer.status !== 200) {
      showApiError(answer.body);
      return null;
    }
    failures = 0;
    const current = answer.body.job;
    showProgress(current);
    if (current.status === "done") return current;
    if (current.status === "failed") {
      showApiError(current.error);
      return null;
    }
  }
  throw new Error("This is taking too long. Try fewer words or the offline provider.");
}

// -- the result --------------------------------------------------------------
function showResult(id, puzzle, urls, notices = []) {
  $("status").hidden = true;
  $("how").hidden = true;
  $("result").hidden = false;
  $("result-title").textContent = puzzle.title;
  const emoji = puzzle.entries.filter((e) => e.emoji).length;
  $("result-meta").textContent = [
    `${puzzle.width} × ${puzzle.height}`,
    plural(puzzle.entries.length, "clue"),
    `${emoji} with emoji`,
    `hints: ${puzzle.provider}${puzzle.model ? ` (${puzzle.model})` : ""}`,
    `seed ${puzzle.seed}`,
  ].join(" · ");
  const notice = Array.isArray(notices) ? notices.map(String).join(" ") : "";
  $("result-notice").textContent = notice;
  $("result-notice").hidden = !notice;
  $("play-link").href = urls.play;
  $("share-url").value = urls.play;
  $("dl-ipuz").href = urls.ipuz;
  $("dl-puz").href = urls.puz;
  $("dl-print").href = `${urls.print}?variant=both`;
  const list = $("unplaced");
  list.replaceChildren();
  for (const u of puzzle.unplaced || []) {
    const li = document.createElement("li");
    const word = document.createElement("strong");
    word.textContent = u.word;
    li.append(word, document.createTextNode(` — ${u.reason}`));
    list.append(li);
  }
  const n = (puzzle.unplaced || []).length;
  $("unplaced-box").hidden = n === 0;
  $("unplaced-summary").textContent = `${plural(n, "word")} left out`;
  $("result").scrollIntoView({ behavior: "smooth", block: "nearest" });
  $("play-link").focus({ preventScroll: true });
}

$("copy-link").addEventListener("click", async () => {
  const url = $("share-url").value;
  const copied = await copyText(url, $("share-url"));
  $("copy-link").textContent = copied ? "Copied ✓" : "Press Ctrl+C to copy";
  setTimeout(() => {
    $("copy-link").textContent = "Copy share link";
  }, 2500);
});

$("again").addEventListener("click", () => {
  $("result").hidden = true;
  $("how").hidden = false;
  (mode === "topic" ? $("topic") : $("words")).focus();
});

// -- submit ------------------------------------------------------------------
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (running) return;
  clearErrors();
  const body = buildBody();
  if (!body) return;
  setBusy(true);
  resetProgress();
  $("how").hidden = true;
  $("result").hidden = true;
  $("status").hidden = false;
  try {
    const { status, body: answer } = await requestJson("/api/puzzles", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    let done = null;
    if (status === 201) {
      done = { puzzle_id: answer.id, urls: answer.urls, notices: answer.notices };
    } else if (status === 202) {
      showProgress(answer.job);
      done = await poll(answer.job);
    } else {
      showApiError(answer);
    }
    if (done) {
      const puzzle = await requestJson(done.urls.api);
      if (puzzle.status !== 200) throw new Error(puzzle.body.error);
      showResult(done.puzzle_id, puzzle.body.puzzle, puzzle.body.urls, done.notices);
    } else {
      $("status").hidden = true;
      $("how").hidden = false;
    }
  } catch (error) {
    showFormError(error?.message || "Something went wrong. Please try again.");
    $("status").hidden = true;
    $("how").hidden = false;
  } finally {
    setBusy(false);
  }
});

loadThemes();
