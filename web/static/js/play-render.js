// Painting a state (read only) into the grid, the clue lists and the clue bar.

import { dirAt, entryAt } from "./play-model.js";
import { crossingEntry, currentEntry, FINISHED, isCorrect, isFull } from "./play-state.js";
import { $, clueContent, el, entryName, fillClue } from "./play-view.js";

const MARK_WORD = { wrong: ", wrong", revealed: ", revealed", right: ", correct" };

function cellLabel(model, s, i) {
  const e = entryAt(model, i, dirAt(model, i, s.dir));
  const extra = MARK_WORD[s.marks[i]] || (s.pencil[i] ? ", pencil" : "");
  return `${entryName(e)}, letter ${e.cells.indexOf(i) + 1} of ${e.length}, ${s.letters[i] || "blank"}${extra}`;
}

export function paintGrid(view, s) {
  const { model, cellEls } = view;
  const inWord = new Set(currentEntry(model, s).cells);
  for (const c of model.letterCells) {
    const i = c.index;
    const node = cellEls[i];
    const cl = node.classList;
    cl.toggle("sel", i === s.cur);
    cl.toggle("word", inWord.has(i));
    for (const mark of ["wrong", "right", "revealed"]) cl.toggle(mark, s.marks[i] === mark);
    cl.toggle("pencil", s.pencil[i]);
    if (node.letterEl.textContent !== s.letters[i]) node.letterEl.textContent = s.letters[i];
    // Written only when changed: every key press repaints the whole grid, and an attribute
    // written again with the same value is still a DOM change (style, accessibility tree).
    const tab = i === s.cur ? 0 : -1;
    if (node.tabIndex !== tab) node.tabIndex = tab;
    const label = cellLabel(model, s, i);
    if (node.getAttribute("aria-label") !== label) node.setAttribute("aria-label", label);
    if (i === s.cur) node.setAttribute("aria-selected", "true");
    else node.removeAttribute("aria-selected");
  }
}

export const flagsOf = (model, s, e) => ({ lifeline: s.lifelines.includes(e.id), solved: isCorrect(model, s, e) });

export function paintClues(view, s) {
  const { model, clueEls, clueSig } = view;
  const e = currentEntry(model, s);
  const cross = crossingEntry(model, s);
  for (const entry of model.entries) {
    const btn = clueEls[entry.i];
    const flags = flagsOf(model, s, entry);
    const sig = `${s.mode}|${flags.lifeline}|${flags.solved}`;
    if (clueSig[entry.i] !== sig) {
      fillClue(btn, entry, s.mode, flags);
      clueSig[entry.i] = sig;
    }
    btn.classList.toggle("active", entry === e);
    btn.classList.toggle("cross", entry === cross);
    btn.classList.toggle("done", isFull(s, entry));
    if (entry === e) btn.setAttribute("aria-current", "true");
    else btn.removeAttribute("aria-current");
  }
}

/** The current clue, and under it the crossing clue in small type (as the NYT's bar does). */
export function paintClueBar(view, s) {
  const { model } = view;
  const e = currentEntry(model, s);
  const cross = crossingEntry(model, s);
  const flags = flagsOf(model, s, e);
  $("cb-label").textContent = entryName(e);
  $("cb-clue").replaceChildren(...clueContent(e, s.mode, flags));
  $("cb-cross").replaceChildren(...(cross
    ? [el("span", { class: "cb-cross-label", text: `${entryName(cross)} ` }),
      ...clueContent(cross, s.mode === "text" ? "text" : "emoji", flagsOf(model, s, cross))]
    : []));
  const btn = $("lifeline");
  btn.hidden = s.mode !== "text" || flags.lifeline || flags.solved || FINISHED.has(s.status);
  btn.disabled = !e.emoji;
  btn.lastChild.textContent = e.emoji ? "Show emoji" : "no emoji clue";
  btn.title = e.emoji ? `Show this entry's emoji clue (key: !) · ${s.lifelines.length} used` : "This entry has no emoji clue";
}
