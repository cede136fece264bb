// The maker page: build a POST /api/puzzles body from the form, start the job
// asynchronously, poll /api/jobs/<id> for progress, then show the result for review
// (make-review.js). Every string from the server or the user is set with textContent;
// error messages are said next to their field, in words (never a field path).

import { $, parseLines, plural } from "./common.js";
import { hideResult, showResult } from "./make-review.js";

const form = $("maker");
const button = $("make-button");
const FIELDS = ["topic", "words", "count", "title", "max_size", "seed", "provider"];
const POLL_MS = [300, 400, 600, 800, 1000, 1500];
const MAX_POLL_MINUTES = 15;

let mode = "topic";
let running = false;
let sentLines = []; // the parsed word lines last sent, to name a line in a server error

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
  const box = $(`${field}-error`);
  const input = $(field);
  if (!box || !input) return false;
  box.textContent = box.hidden ? message : `${box.textContent} ${message}`;
  box.hidden = false;
  input.setAttribute("aria-invalid", "true");
  if (["title", "max_size", "seed", "provider"].includes(field)) $("options").open = true;
  if (field === "topic" || field === "count") selectTab(tabs[0]);
  if (field === "words") selectTab(tabs[1]);
  return true;
}

function clearError(field) {
  const box = $(`${field}-error`);
  if (box) {
    box.hidden = true;
    box.textContent = "";
  }
  $(field)?.removeAttribute("aria-invalid");
  if (field === "topic") $("themes-box").classList.remove("is-suggested");
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

const sentence = (text) => String(text).charAt(0).toUpperCase() + String(text).slice(1);
const LABELS = { count: "The number of words", seed: "The seed", max_size: "The grid size",
  title: "The title", provider: "The hint writer", topic: "The topic" };

/**
 * A server message said for this form: "words.1" / "entries.1.word" become
 * "Line 3: the word …" (the line in the text box), a field's own name becomes its
 * label, and a message that lists the themes the chips already show becomes short.
 */
function plainMessage(item) {
  const parts = String(item.field || "").split(".");
  const message = String(item.message || "");
  if ((parts[0] === "words" || parts[0] === "entries") && /^\d+$/.test(parts[1] || "")) {
    const line = sentLines[Number(parts[1])]?.line ?? Number(parts[1]) + 1;
    const what = parts[2] === "clue" ? "the clue" : parts[2] === "emoji" ? "the emoji" : "the word";
    return `Line ${line}: ${what} ${message}`;
  }
  if (parts[0] === "topic" && (themesListed(message) || /too little about the topic/.test(message))) {
    $("themes-box").classList.add("is-suggested");
    if (!themesListed(message)) return sentence(message); // already short: names the nearest themes
    const topic = $("topic").value.trim();
    return `There is no built-in word list for “${topic}”. Pick one of the themes below, or use your own words.`;
  }
  if (LABELS[parts[0]] && /^(is |must |has |contains )/.test(message)) return `${LABELS[parts[0]]} ${message}`;
  return sentence(message);
}

function themesListed(message) {
  const names = [...$("themes").children].map((chip) => chip.dataset.name);
  return names.length > 0 && names.filter((n) => message.includes(n)).length >= 5;
}

/** A headline without a leading field path ("entries.0.word: …", "seed: …"). */
function plainHeadline(body) {
  const text = String(body?.error || "Something went wrong.");
  return sentence(text.replace(/^[a-z_]+(\.[\w-]+)*: /, ""));
}

const withStop = (text) => (/[.!?…]$/.test(text) ? text : `${text}.`);

function showApiError(body) {
  const items = Array.isArray(body?.errors) ? body.errors.slice(0, 8) : [];
  const error = String(body?.error || "");
  const headline = plainHeadline(body);
  // A field check's headline repeats its item ("seed: must be …"); a library error's
  // headline says what happened ("only OTTER could be placed") and the items why.
  const ownHeadline = !items.some((i) => error === i.message || error.includes(`: ${i.message}`));
  let first = null;
  const lines = [];
  for (const item of items) {
    const field = fieldFor(item.field);
    if (field && showError(field, withStop(plainMessage(item)))) first ??= field;
    else lines.push(withStop(sentence(item.message)));
  }
  const box = first && $(`${first}-error`);
  if (box && ownHeadline && !themesListed(error)) box.textContent = `${withStop(headline)} ${box.textContent}`;
  if (!first) lines.unshift(withStop(headline));
  if (lines.length) showFormError(lines.join(" "));
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
    const lines = parseLines($("words").value);
    if (lines.length === 0) {
      showError("words", "Write at least one word, one per line.");
      return null;
    }
    const max = Number(form.dataset.maxWords);
    if (lines.length > max) {
      showError("words", `At most ${max} words (you have ${lines.length}).`);
      return null;
    }
    const problem = lineProblem(lines);
    if (problem) {
      showError("words", problem);
      return null;
    }
    sentLines = lines;
    const entries = lines.map(({ word, clue }) => (clue ? { word, clue } : { word }));
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

/** The first line the server would refuse, said with its line number. */
function lineProblem(lines) {
  const maxWord = Number(form.dataset.maxWordChars);
  const maxClue = Number(form.dataset.maxClueChars);
  for (const { line, word, clue } of lines) {
    if (!word) return `Line ${line} has a clue but no word. Write the word before the colon, like “otter: playful swimmer”.`;
    const [w, c] = [[...word].length, [...clue].length];
    if (w > maxWord) return `Line ${line}: a word can be at most ${maxWord} characters (this one has ${w}).`;
    if (c > maxClue) return `Line ${line}: a clue can be at most ${maxClue} characters (this one has ${c}).`;
  }
  return null;
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
function showMaker(show) {
  $("maker-layout").hidden = !show;
}

$("again").addEventListener("click", () => {
  hideResult();
  showMaker(true);
  $("how").hidden = false;
  (mode === "topic" ? $("topic") : $("words")).focus();
});

// -- submit ------------------------------------------------------------------
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (running) return;
  clearErrors();
  const body = buildBody();
  if (!body) {
    form.querySelector('[aria-invalid="true"]')?.focus();
    return;
  }
  setBusy(true);
  resetProgress();
  $("how").hidden = true;
  hideResult();
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
      const puzzle = await requestJson(`${done.urls.api}?solution=1`);
      if (puzzle.status !== 200) throw new Error(plainHeadline(puzzle.body));
      $("status").hidden = true;
      showMaker(false);
      showResult({ id: done.puzzle_id, puzzle: puzzle.body.puzzle, urls: puzzle.body.urls, notices: done.notices });
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
