// The player's DOM. Puzzle text goes through textContent: clues come from users and models.

import { $, el } from "./common.js";
import { ACROSS } from "./play-model.js";

export { $, el };

/** A stylesheet from css/ (`name`.css), added once; resolves when it has loaded. */
export function addStyles(name) {
  let link = document.getElementById(`${name}-css`);
  if (!link) {
    link = el("link", { rel: "stylesheet", id: `${name}-css`, href: new URL(`../css/${name}.css`, import.meta.url).href });
    link.loaded = new Promise((resolve) => {
      link.addEventListener("load", resolve);
      link.addEventListener("error", resolve);
    });
    document.head.append(link);
  }
  return link.loaded;
}

/** player-more.css: dialogs, toasts, clue-list mode, results. */
export const moreStyles = () => addStyles("player-more");

const DIR_NAME = { across: "Across", down: "Down" };
export const entryName = (e) => `${e.number} ${DIR_NAME[e.direction]}`;

/** A role=row per grid row, a gridcell per letter cell, a spacer elsewhere. */
export function buildGrid(model, grid) {
  const cellEls = new Array(model.cells.length).fill(null);
  const frag = document.createDocumentFragment();
  for (let r = 0; r < model.height; r++) {
    const row = el("div", { class: "row", role: "row" });
    for (let c = 0; c < model.width; c++) {
      const i = r * model.width + c;
      const cell = model.cells[i];
      if (!cell) {
        row.append(el("div", { class: "void" }));
        continue;
      }
      const node = el("div", { class: "cell", role: "gridcell", tabindex: "-1" });
      node.dataset.i = i;
      // The number is drawn by CSS: the visible text is the letter, in the label (WCAG 2.5.3).
      if (cell.number !== null) node.append(el("span", { class: "num", "aria-hidden": "true", "data-n": cell.number }));
      const letter = el("span", { class: "letter", "aria-hidden": "true" });
      node.append(letter);
      node.letterEl = letter;
      cellEls[i] = node;
      row.append(node);
    }
    frag.append(row);
  }
  grid.append(frag);
  return cellEls;
}

/** An emoji clue with a spoken label: the server's names, else the screen reader's own. */
export function emojiNode(entry, extraClass = "") {
  const cls = `emoji ${extraClass}`.trim();
  if (entry.emojiLabel) {
    return el("span", { class: cls, role: "img", "aria-label": `emoji clue: ${entry.emojiLabel}`, text: entry.emoji });
  }
  return el("span", { class: cls }, el("span", { class: "visually-hidden", text: "emoji clue: " }), entry.emoji);
}

/** What a clue shows in a hint mode. `lifeline`: the emoji was asked for; `solved`: payoff emoji. */
export function clueContent(entry, mode, { lifeline = false, solved = false } = {}) {
  const noEmoji = () => el("span", { class: "no-emoji", text: "no emoji clue" });
  const text = el("span", { class: "clue-text", text: entry.clue });
  const enumeration = el("span", { class: "enum", text: ` (${entry.enumeration})` });
  if (mode === "emoji") {
    if (entry.emoji) return [emojiNode(entry, "big"), enumeration];
    text.classList.add("fallback");
    return [noEmoji(), text, enumeration];
  }
  if (mode === "both") {
    return [text, enumeration, el("span", { class: "second" }, entry.emoji ? emojiNode(entry, "big") : noEmoji())];
  }
  const parts = [text, enumeration];
  if (entry.emoji && (lifeline || solved)) parts.push(emojiNode(entry, solved && !lifeline ? "payoff" : ""));
  return parts;
}

export function buildClues(model, lists, onPick) {
  const clueEls = [];
  for (const e of model.order) {
    const btn = el("button", { type: "button", class: "clue" });
    btn.dataset.entry = e.i;
    btn.addEventListener("click", () => onPick(e));
    const li = el("li", {}, btn);
    (e.direction === ACROSS ? lists.across : lists.down).append(li);
    clueEls[e.i] = btn;
  }
  return clueEls;
}

export function fillClue(btn, entry, mode, flags) {
  btn.replaceChildren(el("span", { class: "clue-num", text: String(entry.number) }),
    el("span", { class: "clue-body" }, ...clueContent(entry, mode, flags)));
}

export function formatTime(ms) {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}
