// Page furniture around the grid: the in-page dialog, toasts, the on-screen
// keyboard, the copy button and the solve celebration.

import { $, el } from "./play-view.js";

/** Show the in-page dialog; resolves with the value of the button pressed (null on Esc). */
export function ask(title, body, buttons, { wide = false } = {}) {
  const dialog = $("dialog");
  $("dialog-title").textContent = title;
  $("dialog-body").replaceChildren(...(Array.isArray(body) ? body : [body]).map(
    (b) => (typeof b === "string" ? el("p", { text: b }) : b)));
  dialog.classList.toggle("wide", wide);
  return new Promise((resolve) => {
    const done = (value) => {
      dialog.removeEventListener("close", onClose);
      if (dialog.open) dialog.close();
      resolve(value);
    };
    const onClose = () => {
      if (!dialog.open) done(null); // a stale close event of the previous dialog is ignored
    };
    $("dialog-actions").replaceChildren(...buttons.map((b) => {
      const btn = el("button", { type: "button", class: `btn ${b.primary ? "primary" : ""}`, text: b.label });
      btn.addEventListener("click", () => (b.onClick ? b.onClick(btn) : done(b.value)));
      return btn;
    }));
    dialog.addEventListener("close", onClose);
    dialog.showModal();
    const first = dialog.querySelector(".btn.primary") || dialog.querySelector("button");
    if (first) first.focus();
  });
}

let toastTimer = 0;
export function toast(text) {
  const node = $("toast");
  node.textContent = text;
  node.classList.add("show");
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => node.classList.remove("show"), 2600);
}

export async function copyText(text, textarea) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    textarea.select();
    try {
      return document.execCommand("copy");
    } catch {
      return false;
    }
  }
}

export const isTouch = () =>
  window.matchMedia("(pointer: coarse)").matches || navigator.maxTouchPoints > 0;

const ROWS = ["QWERTYUIOP", "ASDFGHJKL", "<ZXCVBNM>"];
const SPECIAL = {
  "<": { key: "Backspace", label: "⌫", name: "Backspace" },
  ">": { key: "Toggle", label: "↻", name: "Toggle direction" },
};

/** Our own keyboard for touch screens, so the native one never covers the grid.
 *  `onKey(key)` receives a letter, "Backspace", "Toggle", "Prev" or "Next". */
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

/** A shower of the puzzle's own emoji; nothing when the user prefers reduced motion. */
export function celebrate(emojis) {
  if (!emojis.length || window.matchMedia("(prefers-reduced-motion: reduce)").matches) return;
  const layer = el("div", { class: "confetti", "aria-hidden": "true" });
  for (let k = 0; k < 28; k++) {
    const bit = el("span", { text: emojis[k % emojis.length] });
    bit.style.setProperty("--pl-x", `${Math.round(Math.random() * 100)}vw`);
    bit.style.setProperty("--pl-d", `${(Math.random() * 0.8).toFixed(2)}s`);
    bit.style.setProperty("--pl-r", `${Math.round(Math.random() * 720 - 360)}deg`);
    layer.append(bit);
  }
  document.body.append(layer);
  setTimeout(() => layer.remove(), 3200);
}
