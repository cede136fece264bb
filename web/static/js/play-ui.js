// Page furniture around the grid: the in-page dialog and toasts. Loaded on first use.

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

export function hideToast() {
  clearTimeout(toastTimer);
  $("toast").classList.remove("show");
  $("toast").textContent = "";
}
