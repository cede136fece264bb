// reduce(model, state, action) -> state, pure (tests/js/). A state is plain JSON indexed by
// cell; status "playing" | "full" (filled, some wrong) | "solved" | "revealed".

import { ACROSS, DOWN, dirAt, entryAt, nextEntry, other, step } from "./play-model.js";

export const MODES = ["text", "emoji", "both"];
export const FINISHED = new Set(["solved", "revealed"]);

export function initialState(model, { skipFilled = true } = {}) {
  const n = model.cells.length;
  const first = model.order[0];
  return {
    letters: new Array(n).fill(""), marks: new Array(n).fill(""), pencil: new Array(n).fill(false),
    cur: first.cells[0], dir: first.direction, mode: "text",
    lifelines: [], emojiSeen: [], checks: 0, reveals: 0, lastCheck: null,
    autocheck: false, pencilMode: false, skipFilled, listMode: false,
    status: "playing", scores: null,
  };
}

// -- queries
const answerAt = (model, i) => model.cells[i].answer;
export const currentEntry = (model, s) => entryAt(model, s.cur, s.dir);
export const crossingEntry = (model, s) => entryAt(model, s.cur, other(s.dir));
export const isFull = (s, e) => e.cells.every((i) => s.letters[i]);
export const isCorrect = (model, s, e) => e.cells.every((i) => s.letters[i] === answerAt(model, i));
const locked = (s, i) => s.marks[i] === "right" || s.marks[i] === "revealed";
const firstEmpty = (s, e) => e.cells.find((i) => !s.letters[i]) ?? e.cells[0];
const entryById = (model, id) => model.entries.find((e) => e.id === id) || null;

/** One symbol per entry: "r" a letter of it was revealed, "e" its emoji clue was shown
 *  before it was solved, "t" solved from the text clue alone. */
export function scoreEntries(model, s) {
  const seen = new Set(s.emojiSeen);
  return Object.fromEntries(model.entries.map((e) => [e.id,
    e.cells.some((i) => s.marks[i] === "revealed") ? "r" : seen.has(e.id) ? "e" : "t"]));
}

/** The numbers of the results dialog and the share text, from one place. */
export function summary(model, s) {
  const scores = s.scores || scoreEntries(model, s);
  const count = (k) => Object.values(scores).filter((v) => v === k).length;
  return { scores, emojiUsed: count("e"), checks: s.checks, reveals: s.reveals };
}

// -- editing
function copy(s) {
  return { ...s, letters: s.letters.slice(), marks: s.marks.slice(), pencil: s.pencil.slice(),
    lifelines: s.lifelines.slice(), emojiSeen: s.emojiSeen.slice() };
}

function setLetter(model, s, i, ch) {
  if (locked(s, i)) return;
  s.letters[i] = ch;
  s.marks[i] = ch && s.autocheck && ch !== answerAt(model, i) ? "wrong" : "";
  s.pencil[i] = Boolean(ch) && s.pencilMode;
}

function goEntry(s, e) {
  if (!e) return;
  s.dir = e.direction;
  s.cur = firstEmpty(s, e);
}

const full = (s) => (e) => isFull(s, e);

function typeLetter(model, s, ch) {
  const e = currentEntry(model, s);
  const wasFull = isFull(s, e);
  setLetter(model, s, s.cur, ch);
  const pos = e.cells.indexOf(s.cur);
  if (wasFull) { // overwriting a full word moves one square at a time
    if (pos < e.cells.length - 1) s.cur = e.cells[pos + 1];
    else goEntry(s, nextEntry(model, e, 1, full(s), true));
    return;
  }
  const after = e.cells.slice(pos + 1);
  const next = s.skipFilled ? after.find((i) => !s.letters[i]) : after[0];
  if (next !== undefined) s.cur = next;
  else if (!isFull(s, e)) s.cur = firstEmpty(s, e); // end of the entry: back to its first blank
  else goEntry(s, nextEntry(model, e, 1, full(s), true)); // entry done: the next unfilled one
}

function backspace(model, s) {
  if (s.letters[s.cur] && !locked(s, s.cur)) {
    setLetter(model, s, s.cur, "");
    return;
  }
  const e = currentEntry(model, s);
  const pos = e.cells.indexOf(s.cur);
  if (pos > 0) s.cur = e.cells[pos - 1];
  else {
    const prev = nextEntry(model, e, -1, full(s), false);
    s.dir = prev.direction;
    s.cur = prev.cells[prev.cells.length - 1];
  }
  setLetter(model, s, s.cur, "");
}

function arrow(model, s, axis, delta) {
  if (s.dir !== axis && entryAt(model, s.cur, axis)) {
    s.dir = axis; // a perpendicular arrow first turns
    return;
  }
  const n = step(model, s.cur, axis === DOWN ? delta : 0, axis === ACROSS ? delta : 0);
  if (n !== null) {
    s.cur = n;
    s.dir = dirAt(model, n, axis);
  }
}

function hop(model, s, delta) {
  const e = currentEntry(model, s);
  goEntry(s, nextEntry(model, e, delta, full(s), s.skipFilled) || nextEntry(model, e, delta, full(s), false));
}

function toggleDir(model, s) {
  if (entryAt(model, s.cur, other(s.dir))) s.dir = other(s.dir);
}

function select(model, s, cell) {
  if (!model.cells[cell]) return;
  if (cell === s.cur) toggleDir(model, s);
  else {
    s.cur = cell;
    s.dir = dirAt(model, cell, s.dir);
  }
}

/** Clue-list mode: the text typed for a whole entry; letters A-Z fill, anything else blanks. */
function fill(model, s, e, text) {
  const chars = [...String(text).toUpperCase()];
  e.cells.forEach((i, k) => setLetter(model, s, i, /^[A-Z]$/.test(chars[k] || "") ? chars[k] : ""));
}

// -- aids
function cellsFor(model, s, scope) {
  if (scope === "letter") return [s.cur];
  if (scope === "word") return currentEntry(model, s).cells;
  return model.letterCells.map((c) => c.index);
}

function check(model, s, cells) {
  s.checks += 1;
  let seen = 0;
  let wrong = 0;
  for (const i of cells) {
    if (!s.letters[i] || s.marks[i] === "revealed") continue;
    seen += 1;
    const right = s.letters[i] === answerAt(model, i);
    s.marks[i] = right ? "right" : "wrong";
    if (right) s.pencil[i] = false;
    else wrong += 1;
  }
  s.lastCheck = { seen, wrong, n: s.checks };
}

function reveal(model, s, cells) {
  for (const i of cells) {
    if (s.letters[i] === answerAt(model, i)) {
      if (!s.marks[i]) s.marks[i] = "right";
      continue;
    }
    s.letters[i] = answerAt(model, i);
    s.marks[i] = "revealed";
    s.pencil[i] = false;
    s.reveals += 1;
  }
}

function clear(model, s, scope, cells) {
  const all = scope === "puzzle";
  for (const i of cells) {
    if (!all && locked(s, i)) continue;
    s.letters[i] = "";
    s.marks[i] = "";
    s.pencil[i] = false;
  }
  if (all) {
    s.status = "playing";
    s.scores = null;
  }
}

function lifeline(model, s) {
  const e = currentEntry(model, s);
  if (!e.emoji || s.lifelines.includes(e.id) || isCorrect(model, s, e)) return;
  s.lifelines.push(e.id);
}

function setAutocheck(model, s, on) {
  s.autocheck = on;
  if (!on) return;
  for (const c of model.letterCells) {
    const i = c.index;
    if (s.letters[i] && s.letters[i] !== c.answer && !s.marks[i]) s.marks[i] = "wrong";
  }
}

// -- reducer
const EDITS = new Set(["letter", "backspace", "delete", "fill", "check", "reveal"]);

function apply(model, s, a) {
  switch (a.type) {
    case "letter": return typeLetter(model, s, a.letter);
    case "backspace": return backspace(model, s);
    case "delete": return setLetter(model, s, s.cur, "");
    case "arrow": return arrow(model, s, a.axis, a.delta);
    case "hop": return hop(model, s, a.delta);
    case "toggle": return toggleDir(model, s);
    case "home": s.cur = currentEntry(model, s).cells[0]; return undefined;
    case "end": s.cur = currentEntry(model, s).cells.at(-1); return undefined;
    case "select": return select(model, s, a.cell);
    case "pick": return goEntry(s, entryById(model, a.entry));
    case "fill": return fill(model, s, entryById(model, a.entry), a.text);
    case "check": return check(model, s, cellsFor(model, s, a.scope));
    case "reveal": return reveal(model, s, cellsFor(model, s, a.scope));
    case "clear": return clear(model, s, a.scope, cellsFor(model, s, a.scope));
    case "mode": if (MODES.includes(a.mode)) s.mode = a.mode; return undefined;
    case "lifeline": return lifeline(model, s);
    case "pencil": s.pencilMode = Boolean(a.on); return undefined;
    case "autocheck": return setAutocheck(model, s, Boolean(a.on));
    case "skipFilled": s.skipFilled = Boolean(a.on); return undefined;
    case "listMode": s.listMode = Boolean(a.on); return undefined;
    default: throw new Error(`unknown action ${a.type}`);
  }
}

/** The emoji clue of the current entry is on screen (clue bar) in Emoji/Both mode or
 *  after a lifeline: count it, unless the entry was already solved. */
function noteEmojiShown(model, s) {
  const e = currentEntry(model, s);
  const shown = s.mode !== "text" || s.lifelines.includes(e.id);
  if (shown && e.emoji && !s.emojiSeen.includes(e.id) && !isCorrect(model, s, e)) s.emojiSeen.push(e.id);
}

/** playing / full / solved / revealed; `how` names a finish that happens now. */
function settleStatus(model, s, how) {
  if (!model.letterCells.every((c) => s.letters[c.index])) s.status = "playing";
  else if (!model.letterCells.every((c) => s.letters[c.index] === c.answer)) s.status = "full";
  else if (!FINISHED.has(s.status)) {
    s.status = how;
    s.scores = scoreEntries(model, s);
  }
}

export function reduce(model, state, action) {
  if (FINISHED.has(state.status) && EDITS.has(action.type)) return state; // a finished grid is read-only
  const s = copy(state);
  apply(model, s, action);
  noteEmojiShown(model, s);
  settleStatus(model, s, action.type === "reveal" ? "revealed" : "solved");
  return s;
}

// -- saving
/** The JSON kept in localStorage (version 1, as before this module). */
export function toSaved(s, elapsed) {
  const idx = (arr, keep) => arr.flatMap((v, i) => (keep(v) ? [i] : []));
  return {
    v: 1, letters: s.letters, pencil: idx(s.pencil, Boolean),
    marks: idx(s.marks, Boolean).map((i) => [i, s.marks[i]]),
    cur: s.cur, dir: s.dir, mode: s.mode, lifelines: s.lifelines, emojiSeen: s.emojiSeen,
    checks: s.checks, reveals: s.reveals, autocheck: s.autocheck, pencilMode: s.pencilMode,
    listMode: s.listMode, elapsed: Math.round(elapsed || 0), status: s.status, scores: s.scores,
    solved: FINISHED.has(s.status),
  };
}

/** A state from saved JSON, or `base` when it does not fit this puzzle. */
export function fromSaved(model, data, base) {
  const v = data;
  if (!v || v.v !== 1 || !Array.isArray(v.letters) || v.letters.length !== base.letters.length) return base;
  const s = copy(base);
  v.letters.forEach((ch, i) => {
    if (model.cells[i] && typeof ch === "string" && /^[A-Z]?$/.test(ch)) s.letters[i] = ch;
  });
  for (const i of v.pencil || []) if (model.cells[i]) s.pencil[i] = true;
  for (const [i, m] of v.marks || []) if (model.cells[i] && ["wrong", "right", "revealed"].includes(m)) s.marks[i] = m;
  if (model.cells[v.cur]) {
    s.cur = v.cur;
    s.dir = dirAt(model, v.cur, v.dir === DOWN ? DOWN : ACROSS);
  }
  const ids = new Set(model.entries.map((e) => e.id));
  s.lifelines = (v.lifelines || []).filter((id) => ids.has(id));
  s.emojiSeen = (v.emojiSeen || []).filter((id) => ids.has(id));
  Object.assign(s, { checks: v.checks | 0, reveals: v.reveals | 0, autocheck: Boolean(v.autocheck),
    pencilMode: Boolean(v.pencilMode), listMode: Boolean(v.listMode) });
  if (MODES.includes(v.mode)) s.mode = v.mode;
  const status = typeof v.status === "string" ? v.status : v.solved ? "solved" : "playing";
  s.status = FINISHED.has(status) ? status : "playing";
  const saved = v.scores || (typeof v.status === "object" ? v.status : null); // older saves kept scores in status
  s.scores = FINISHED.has(s.status) ? { ...scoreEntries(model, s), ...(saved || {}) } : null;
  settleStatus(model, s, "solved");
  noteEmojiShown(model, s);
  return s;
}
