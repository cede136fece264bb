// The crossword player: state, the keyboard model, aids, saving and completion.
// Loaded as an ES module by templates/play.html; reads the puzzle from #puzzle-data.

import {
  ACROSS, DOWN, buildModel, contentHash, dirAt, entryAt, nextEntry, other, step,
} from "./play-model.js";
import * as store from "./play-store.js";
import {
  $, buildClues, buildGrid, clueContent, dirName, el, entryName, fillClue, formatTime,
} from "./play-view.js";
import { ask, isTouch, toast } from "./play-ui.js";

const startedRender = performance.now();
const data = JSON.parse($("puzzle-data").textContent);
const root = $("player");
const model = buildModel(data);
const KEY = `crossword:${root.dataset.puzzleId}:${contentHash(data)}`;
const PREFS_KEY = "crossword:prefs";
const prefs = { skipFilled: true, theme: null, ...(store.load(PREFS_KEY) || {}) };

const first = model.order[0];
const st = {
  letters: new Array(model.cells.length).fill(""),
  pencil: new Set(), marks: new Map(), // cell -> "wrong" | "right" | "revealed"
  cur: first.cells[0], dir: first.direction,
  mode: "text", lifelines: new Set(), emojiSeen: new Set(),
  checks: 0, reveals: 0, autocheck: false, pencilMode: false,
  elapsed: 0, solved: false, status: null, wasFull: false,
};

// ---------------------------------------------------------------- state helpers
const answer = (i) => model.cells[i].answer;
const locked = (i) => st.marks.get(i) === "right" || st.marks.get(i) === "revealed";
const isFull = (e) => e.cells.every((i) => st.letters[i]);
const isCorrect = (e) => e.cells.every((i) => st.letters[i] === answer(i));
const curEntry = () => entryAt(model, st.cur, st.dir);
const firstEmpty = (e) => e.cells.find((i) => !st.letters[i]) ?? e.cells[0];

function setLetter(i, ch) {
  if (locked(i)) return;
  st.letters[i] = ch;
  st.marks.delete(i);
  if (ch && st.pencilMode) st.pencil.add(i);
  else st.pencil.delete(i);
  if (ch && st.autocheck && ch !== answer(i)) st.marks.set(i, "wrong");
}

function goEntry(e) {
  if (!e) return;
  st.dir = e.direction;
  st.cur = firstEmpty(e);
}

// ------------------------------------------------------------ keyboard model
function typeLetter(ch) {
  if (st.solved) return;
  const e = curEntry();
  const wasFull = isFull(e);
  setLetter(st.cur, ch);
  const pos = e.cells.indexOf(st.cur);
  const last = pos === e.cells.length - 1;
  if (wasFull) {
    if (!last) st.cur = e.cells[pos + 1];
    else goEntry(nextEntry(model, e, 1, isFull, true));
    return;
  }
  const after = e.cells.slice(pos + 1);
  const next = prefs.skipFilled ? after.find((i) => !st.letters[i]) : after[0];
  if (next !== undefined) st.cur = next;
  else if (!isFull(e)) st.cur = firstEmpty(e); // end of the entry: back to its first blank
  else goEntry(nextEntry(model, e, 1, isFull, true)); // entry done: the next unfilled one
}

function backspace() {
  if (st.solved) return;
  if (st.letters[st.cur] && !locked(st.cur)) {
    setLetter(st.cur, "");
    return;
  }
  const e = curEntry();
  const pos = e.cells.indexOf(st.cur);
  if (pos > 0) {
    st.cur = e.cells[pos - 1];
  } else {
    const prev = nextEntry(model, e, -1, isFull, false);
    st.dir = prev.direction;
    st.cur = prev.cells[prev.cells.length - 1];
  }
  setLetter(st.cur, "");
}

function arrow(axis, delta) {
  if (st.dir !== axis && entryAt(model, st.cur, axis)) {
    st.dir = axis; // a perpendicular arrow first turns
    return;
  }
  const n = step(model, st.cur, axis === DOWN ? delta : 0, axis === ACROSS ? delta : 0);
  if (n !== null) {
    st.cur = n;
    st.dir = dirAt(model, n, axis);
  }
}

function hop(delta) {
  const e = curEntry();
  goEntry(nextEntry(model, e, delta, isFull, prefs.skipFilled) || nextEntry(model, e, delta, isFull, false));
}

function toggleDir() {
  if (entryAt(model, st.cur, other(st.dir))) st.dir = other(st.dir);
}

const KEYS = {
  ArrowLeft: () => arrow(ACROSS, -1), ArrowRight: () => arrow(ACROSS, 1),
  ArrowUp: () => arrow(DOWN, -1), ArrowDown: () => arrow(DOWN, 1),
  Backspace: backspace,
  Delete: () => !st.solved && setLetter(st.cur, ""),
  " ": toggleDir,
  Home: () => { st.cur = curEntry().cells[0]; },
  End: () => { const c = curEntry().cells; st.cur = c[c.length - 1]; },
};

function onKeyDown(ev) {
  if (ev.ctrlKey || ev.metaKey || ev.altKey || paused) return;
  const k = ev.key;
  if (k === "Escape") {
    ev.preventDefault();
    clueEls[curEntry().i].focus(); // the documented way out of the grid
    return;
  }
  if (k === "Tab" || k === "Enter") hop(ev.shiftKey ? -1 : 1);
  else if (/^[a-zA-Z]$/.test(k)) typeLetter(k.toUpperCase());
  else if (KEYS[k]) KEYS[k]();
  else return;
  ev.preventDefault();
  update(true);
}

function onCellClick(ev) {
  const node = ev.target.closest(".cell");
  if (!node || paused) return;
  const i = Number(node.dataset.i);
  if (i === st.cur) toggleDir();
  else {
    st.cur = i;
    st.dir = dirAt(model, i, st.dir);
  }
  update(true);
}

function onScreenKey(key) {
  if (paused) return;
  if (key === "Backspace") backspace();
  else if (key === "Toggle") toggleDir();
  else if (key === "Prev" || key === "Next") hop(key === "Prev" ? -1 : 1);
  else if (key === "Pencil") setPencil(!st.pencilMode);
  else typeLetter(key);
  update(true);
}

// --------------------------------------------------------------------- aids
function cellsFor(scope) {
  if (scope === "letter") return [st.cur];
  if (scope === "word") return curEntry().cells;
  return model.letterCells.map((c) => c.index);
}

async function aid(kind, scope) {
  if (scope === "puzzle") {
    const verb = { check: "Check", reveal: "Reveal", clear: "Clear" }[kind];
    const ok = await ask(`${verb} the whole puzzle?`,
      kind === "reveal" ? "Every answer will be shown. This counts as revealed letters."
        : kind === "clear" ? "All your letters will be removed. The timer keeps running."
          : "Wrong letters will be marked; right ones are locked in.",
      [{ label: "Cancel", value: false }, { label: verb, value: true, primary: true }]);
    if (!ok) return focusGrid();
  }
  const cells = cellsFor(scope);
  if (kind === "check") {
    st.checks += 1;
    let wrong = 0;
    let seen = 0;
    for (const i of cells) {
      if (!st.letters[i] || st.marks.get(i) === "revealed") continue;
      seen += 1;
      const right = st.letters[i] === answer(i);
      st.marks.set(i, right ? "right" : "wrong");
      if (right) st.pencil.delete(i);
      else wrong += 1;
    }
    toast(!seen ? "Nothing to check yet" : wrong ? `${wrong} wrong letter${wrong > 1 ? "s" : ""}` : "No wrong letters");
  } else if (kind === "reveal") {
    for (const i of cells) {
      if (st.letters[i] === answer(i)) {
        if (!st.marks.has(i)) st.marks.set(i, "right");
        continue;
      }
      st.letters[i] = answer(i);
      st.marks.set(i, "revealed");
      st.pencil.delete(i);
      st.reveals += 1;
    }
  } else if (kind === "clear") {
    const all = scope === "puzzle";
    for (const i of cells) {
      if (!all && locked(i)) continue;
      st.letters[i] = "";
      st.marks.delete(i);
      st.pencil.delete(i);
    }
    if (all) {
      root.classList.remove("solved");
      st.solved = false;
      st.status = null;
      startClock();
    }
  }
  update(false);
  focusGrid();
}

function setPencil(on) {
  st.pencilMode = on;
  $("pencil").setAttribute("aria-pressed", String(on));
  root.classList.toggle("pencil-on", on);
}

function setMode(mode) {
  st.mode = mode;
  if (mode !== "text") {
    for (const e of model.entries) if (e.emoji && !isCorrect(e)) st.emojiSeen.add(e.id);
  }
  for (const input of document.querySelectorAll('input[name="mode"]')) input.checked = input.value === mode;
  lastAnnounced = null;
}

function useLifeline() {
  const e = curEntry();
  if (!e.emoji || st.lifelines.has(e.id)) return;
  st.lifelines.add(e.id);
  st.emojiSeen.add(e.id);
  update(false);
  live.textContent = `${entryName(e)}: emoji clue shown. ${st.lifelines.size} used.`;
}

// -------------------------------------------------------------------- timer
let running = false;
let startedAt = 0;
let paused = false;
const elapsed = () => st.elapsed + (running ? performance.now() - startedAt : 0);

function startClock() {
  if (running || st.solved || paused) return;
  running = true;
  startedAt = performance.now();
}

function stopClock() {
  if (!running) return;
  st.elapsed = elapsed();
  running = false;
}

function setPaused(on) {
  if (on === paused || (on && st.solved)) return;
  if (on) stopClock();
  paused = on;
  root.classList.toggle("is-paused", on);
  $("paused").hidden = !on;
  $("pause").setAttribute("aria-label", on ? "Resume" : "Pause");
  $("pause").classList.toggle("resume", on);
  if (on) $("resume").focus();
  else {
    startClock();
    focusGrid();
  }
  tick();
  persist();
}

function tick() {
  $("timer").textContent = formatTime(elapsed());
}

// --------------------------------------------------------------- completion
function checkComplete() {
  const full = model.letterCells.every((c) => st.letters[c.index]);
  if (!full) {
    st.wasFull = false;
    return;
  }
  const correct = model.letterCells.every((c) => st.letters[c.index] === c.answer);
  if (correct && !st.solved) {
    stopClock();
    st.solved = true;
    root.classList.add("solved");
    st.status = Object.fromEntries(model.entries.map((e) => [e.id,
      e.cells.some((i) => st.marks.get(i) === "revealed") ? "r" : st.emojiSeen.has(e.id) ? "e" : "t"]));
    persist();
    showResults();
  } else if (!correct && !st.wasFull) {
    ask("Almost there", "The grid is full, but some letters are wrong.",
      [{ label: "Keep trying", value: "keep", primary: true }, { label: "Check puzzle", value: "check" }])
      .then((v) => (v === "check" ? aid("check", "puzzle") : focusGrid()));
  }
  st.wasFull = true;
}

function showResults() {
  $("results").hidden = false;
  import("./play-results.js").then((m) => m.showResults({ data, model, st, ask, focusGrid }));
}

// ------------------------------------------------------------------ painting
let lastAnnounced = null;
const live = $("live");
const clueSig = [];

function cellLabel(i) {
  const e = entryAt(model, i, dirAt(model, i, st.dir));
  const pos = e.cells.indexOf(i);
  const mark = st.marks.get(i);
  const extra = mark === "wrong" ? ", wrong" : mark === "revealed" ? ", revealed" : mark === "right" ? ", correct"
    : st.pencil.has(i) ? ", pencil" : "";
  return `${entryName(e)}, letter ${pos + 1} of ${e.length}, ${st.letters[i] || "blank"}${extra}`;
}

function paint() {
  const e = curEntry();
  const cross = entryAt(model, st.cur, other(st.dir));
  const inWord = new Set(e.cells);
  for (const c of model.letterCells) {
    const i = c.index;
    const node = cellEls[i];
    const cl = node.classList;
    cl.toggle("sel", i === st.cur);
    cl.toggle("word", inWord.has(i));
    const mark = st.marks.get(i);
    cl.toggle("wrong", mark === "wrong");
    cl.toggle("right", mark === "right");
    cl.toggle("revealed", mark === "revealed");
    cl.toggle("pencil", st.pencil.has(i));
    if (node.letterEl.textContent !== st.letters[i]) node.letterEl.textContent = st.letters[i];
    node.tabIndex = i === st.cur ? 0 : -1;
    node.setAttribute("aria-label", cellLabel(i));
    if (i === st.cur) node.setAttribute("aria-selected", "true");
    else node.removeAttribute("aria-selected");
  }
  for (const entry of model.entries) {
    const btn = clueEls[entry.i];
    const solved = isCorrect(entry);
    const flags = { lifeline: st.lifelines.has(entry.id), solved };
    const sig = `${st.mode}|${flags.lifeline}|${solved}`;
    if (clueSig[entry.i] !== sig) {
      fillClue(btn, entry, st.mode, flags);
      clueSig[entry.i] = sig;
    }
    btn.classList.toggle("active", entry === e);
    btn.classList.toggle("cross", entry === cross);
    btn.classList.toggle("done", isFull(entry));
    if (entry === e) btn.setAttribute("aria-current", "true");
    else btn.removeAttribute("aria-current");
  }
  paintClueBar(e);
  if (lastAnnounced !== e.id) {
    if (lastAnnounced !== null) scrollClue(clueEls[e.i]);
    lastAnnounced = e.id;
    const hint = st.mode === "emoji" ? `emoji clue ${e.emojiLabel || e.emoji || "missing"}` : e.clue;
    live.textContent = `${entryName(e)}: ${hint}, ${e.length} letters`;
  }
}

function paintClueBar(e) {
  $("cb-label").textContent = `${e.number} ${dirName(e.direction)}`;
  const flags = { lifeline: st.lifelines.has(e.id), solved: isCorrect(e) };
  $("cb-clue").replaceChildren(...clueContent(e, st.mode, flags));
  const btn = $("lifeline");
  const offer = st.mode === "text" && !flags.lifeline && !flags.solved;
  btn.hidden = !offer;
  btn.disabled = !e.emoji;
  btn.lastChild.textContent = e.emoji ? "Show emoji" : "no emoji clue";
  btn.title = e.emoji ? `Emoji lifeline (${st.lifelines.size} used)` : "This entry has no emoji clue";
}

function scrollClue(btn) {
  const box = btn.closest(".clue-list");
  if (!box || box.scrollHeight <= box.clientHeight) return;
  const top = btn.offsetTop - box.offsetTop;
  if (top < box.scrollTop || top + btn.offsetHeight > box.scrollTop + box.clientHeight) {
    box.scrollTop = top - box.clientHeight / 3;
  }
}

function focusGrid() {
  if (paused) return;
  const touch = root.classList.contains("touch");
  cellEls[st.cur].focus({ preventScroll: touch });
  if (touch) showGrid();
}

function update(focus) {
  paint();
  if (focus) focusGrid();
  checkComplete();
  persist();
}

// ------------------------------------------------------------------- saving
function persist() {
  store.save(KEY, {
    v: 1, letters: st.letters, pencil: [...st.pencil], marks: [...st.marks],
    cur: st.cur, dir: st.dir, mode: st.mode, lifelines: [...st.lifelines],
    emojiSeen: [...st.emojiSeen], checks: st.checks, reveals: st.reveals,
    autocheck: st.autocheck, pencilMode: st.pencilMode, elapsed: Math.round(elapsed()),
    solved: st.solved, status: st.status,
  });
}

function restore() {
  const s = store.load(KEY);
  if (!s || s.v !== 1 || !Array.isArray(s.letters) || s.letters.length !== st.letters.length) return;
  s.letters.forEach((ch, i) => {
    if (model.cells[i] && typeof ch === "string" && /^[A-Z]?$/.test(ch)) st.letters[i] = ch;
  });
  st.pencil = new Set(s.pencil || []);
  st.marks = new Map(s.marks || []);
  if (model.cells[s.cur]) {
    st.cur = s.cur;
    st.dir = dirAt(model, s.cur, s.dir);
  }
  st.lifelines = new Set(s.lifelines || []);
  st.emojiSeen = new Set(s.emojiSeen || []);
  Object.assign(st, {
    checks: s.checks | 0, reveals: s.reveals | 0, autocheck: !!s.autocheck,
    elapsed: Number(s.elapsed) || 0, solved: !!s.solved, status: s.status || null,
  });
  st.wasFull = model.letterCells.every((c) => st.letters[c.index]);
  if (["text", "emoji", "both"].includes(s.mode)) st.mode = s.mode;
  st.pencilMode = !!s.pencilMode;
}

function savePrefs() {
  store.save(PREFS_KEY, prefs);
}

function applyTheme() {
  const dark = prefs.theme ? prefs.theme === "dark" : window.matchMedia("(prefers-color-scheme: dark)").matches;
  if (prefs.theme) document.documentElement.dataset.theme = prefs.theme;
  else delete document.documentElement.dataset.theme;
  $("theme").textContent = dark ? "Light mode" : "Dark mode";
}

// --------------------------------------------------------------------- sizing
// On phones the page header may scroll away; only the site's sticky bar stays.
const stickyTop = () => {
  const bar = document.querySelector(".site-header");
  return bar && getComputedStyle(bar).position === "sticky" ? bar.offsetHeight : 0;
};

function sizeGrid() {
  const touch = root.classList.contains("touch");
  const wide = window.innerWidth >= 900;
  const availW = (wide ? root.clientWidth - 380 : root.clientWidth) - 4;
  const above = touch ? stickyTop() + 8 : grid.getBoundingClientRect().top + window.scrollY;
  const below = touch ? $("dock").offsetHeight + 8 : 48;
  const availH = Math.max(window.innerHeight - above - below, 160);
  let size = Math.floor(Math.min(availW / model.width, availH / model.height, touch ? 44 : 48));
  size = Math.min(Math.max(size, wide ? 28 : 16), Math.floor(availW / model.width)); // never wider than the screen
  grid.style.setProperty("--pl-cell", `${size}px`);
  root.style.setProperty("--pl-board", `${Math.max(size * model.width, 340)}px`);
}

/** Touch screens: keep the whole grid between the sticky header and the docked keyboard. */
function showGrid() {
  const r = grid.getBoundingClientRect();
  const top = stickyTop() + 6;
  const bottom = window.innerHeight - $("dock").offsetHeight - 6;
  if (r.top < top || r.bottom > bottom) {
    const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    window.scrollBy({ top: r.top - top, behavior: smooth ? "smooth" : "auto" });
  }
}

// ---------------------------------------------------------------------- setup
const grid = $("grid");
if (isTouch()) root.classList.add("touch");
sizeGrid(); // before the grid exists: the layout it reads is cheap
const cellEls = buildGrid(model, grid);
const clueEls = buildClues(model, { across: $("across-list"), down: $("down-list") }, (e) => {
  goEntry(e);
  update(true);
});

restore();
setMode(st.mode);
setPencil(st.pencilMode);
$("autocheck").checked = st.autocheck;
$("skip-filled").checked = prefs.skipFilled;
applyTheme();
if (root.classList.contains("touch")) {
  $("dock").prepend($("clue-bar"));
  import("./play-keyboard.js").then((m) => m.buildKeyboard($("osk"), onScreenKey)).then(sizeGrid);
}
const resultsBtn = el("button", { type: "button", class: "btn", id: "results", text: "Results", hidden: true });
resultsBtn.addEventListener("click", showResults);
$("pause").after(resultsBtn);
paint();
tick();
if (st.solved) {
  resultsBtn.hidden = false;
  root.classList.add("solved");
} else startClock();
root.dataset.setupMs = (performance.now() - startedRender).toFixed(1);
window.requestAnimationFrame(() => {
  root.dataset.ready = "true";
  root.dataset.renderMs = (performance.now() - startedRender).toFixed(1); // first render, for tests
});

grid.addEventListener("keydown", onKeyDown);
// Keyboard-first: a letter or arrow typed while nothing has focus (just after the page
// loads, or after a click on empty space) goes to the grid, as on the NYT's player.
document.addEventListener("keydown", (ev) => {
  const idle = document.activeElement === document.body || document.activeElement === null;
  if (!idle || ev.ctrlKey || ev.metaKey || ev.altKey || paused) return;
  if (!/^[a-zA-Z]$/.test(ev.key) && !ev.key.startsWith("Arrow")) return;
  focusGrid();
  onKeyDown(ev);
});
grid.addEventListener("click", onCellClick);
$("lifeline").addEventListener("click", useLifeline);
$("pencil").addEventListener("click", () => {
  setPencil(!st.pencilMode);
  persist();
  focusGrid();
});
$("pause").addEventListener("click", () => setPaused(!paused));
$("resume").addEventListener("click", () => setPaused(false));
$("autocheck").addEventListener("change", (ev) => {
  st.autocheck = ev.target.checked;
  if (st.autocheck) {
    for (const c of model.letterCells) {
      const i = c.index;
      if (st.letters[i] && st.letters[i] !== c.answer && !st.marks.has(i)) st.marks.set(i, "wrong");
    }
  }
  update(false);
});
$("skip-filled").addEventListener("change", (ev) => {
  prefs.skipFilled = ev.target.checked;
  savePrefs();
});
$("theme").addEventListener("click", () => {
  const dark = document.documentElement.dataset.theme === "dark"
    || (!prefs.theme && window.matchMedia("(prefers-color-scheme: dark)").matches);
  prefs.theme = dark ? "light" : "dark";
  savePrefs();
  applyTheme();
});
$("help").addEventListener("click", () => import("./play-help.js").then((m) => m.showHelp(ask).then(focusGrid)));
$("modes").addEventListener("change", (ev) => {
  setMode(ev.target.value);
  update(false);
});
for (const btn of document.querySelectorAll("[data-action]")) {
  btn.addEventListener("click", () => {
    btn.closest("details").open = false;
    const [kind, scope] = btn.dataset.action.split("-");
    aid(kind, scope);
  });
}
const menus = [...document.querySelectorAll("details.menu")];
for (const menu of menus) {
  menu.addEventListener("toggle", () => {
    if (menu.open) for (const m of menus) if (m !== menu) m.open = false;
  });
  menu.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape" && menu.open) {
      ev.preventDefault();
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
}
document.addEventListener("click", (ev) => {
  for (const m of menus) if (m.open && !m.contains(ev.target)) m.open = false;
});
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "hidden") {
    if (running) setPaused(true);
    persist();
  }
});
window.addEventListener("pagehide", persist);
window.addEventListener("resize", sizeGrid);
setInterval(() => {
  tick();
  if (running && Math.floor(elapsed() / 1000) % 5 === 0) persist();
}, 1000);
