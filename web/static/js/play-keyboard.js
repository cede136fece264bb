// Our own keyboard for touch screens, so the native one never covers the grid.
// Loaded only on touch devices (a dynamic import from player.js).

import { el } from "./play-view.js";

const ROWS = ["QWERTYUIOP", "ASDFGHJKL", "<ZXCVBNM>"];
const SPECIAL = {
  "<": { key: "Backspace", label: "⌫", name: "Backspace" },
  ">": { key: "Toggle", label: "↻", name: "Toggle direction" },
};

/** `onKey(key)` receives a letter, "Backspace", "Toggle", "Prev" or "Next". */
export function buildKeyboard(root, onKey) {
  const press = (key) => (ev) => {
    ev.preventDefault();
    onKey(key);
  };
  const nav = el("div", { class: "osk-row osk-nav" },
    keyButton("‹", "Previous clue", "wide", press("Prev")),
    keyButton("Pencil", "Pencil mode", "wide pencil-key", press("Pencil")),
    keyButton("›", "Next clue", "wide", press("Next")));
  root.append(nav);
  for (const row of ROWS) {
    const line = el("div", { class: "osk-row" });
    for (const ch of row) {
      const sp = SPECIAL[ch];
      line.append(sp ? keyButton(sp.label, sp.name, "wide", press(sp.key))
        : keyButton(ch, ch, "", press(ch)));
    }
    root.append(line);
  }
  root.hidden = false;
}

function keyButton(label, name, cls, handler) {
  const b = el("button", { type: "button", class: `key ${cls}`.trim(), text: label, "aria-label": name });
  b.addEventListener("pointerdown", (ev) => ev.preventDefault()); // keep focus in the grid
  b.addEventListener("click", handler);
  return b;
}

