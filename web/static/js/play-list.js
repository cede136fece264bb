// Clue-list mode: a label and a text box per entry instead of the grid, for screen-reader
// and voice users. Loaded on demand (with its stylesheet) the first time it is turned on.

import { flagsOf } from "./play-render.js";
import { FINISHED, isFull } from "./play-state.js";
import { clueContent, el, entryName } from "./play-view.js";

/** Built once; handlers: focus(entry), input(entry, text), keydown(event, entry). */
export function buildList(model, list, handlers) {
  const inputs = [];
  for (const e of model.order) {
    const id = `lm-${e.id}`;
    const label = el("label", { for: id, class: "lm-label" });
    const input = el("input", { id, class: "lm-input", type: "text", maxLength: e.length, autocomplete: "off",
      spellcheck: false, autocapitalize: "characters", "aria-describedby": `${id}-state` });
    input.style.setProperty("--lm-len", e.length);
    input.addEventListener("focus", () => handlers.focus(e));
    input.addEventListener("input", () => handlers.input(e, input.value));
    input.addEventListener("keydown", (ev) => handlers.keydown(ev, e));
    const state = el("span", { id: `${id}-state`, class: "lm-state" });
    list.append(el("li", { class: "lm-item" }, label, input, state));
    inputs[e.i] = { label, input, state };
  }
  return inputs;
}

const listValue = (s, e) => e.cells.map((i) => s.letters[i] || " ").join("").trimEnd();

export function paintList(view, s) {
  const { model, listEls } = view;
  for (const e of model.entries) {
    const { label, input, state } = listEls[e.i];
    const flags = flagsOf(model, s, e);
    label.replaceChildren(el("span", { class: "clue-num", text: entryName(e) }), " ",
      ...clueContent(e, s.mode, flags));
    if (document.activeElement !== input) input.value = listValue(s, e);
    input.readOnly = FINISHED.has(s.status);
    state.textContent = flags.solved && FINISHED.has(s.status) ? "solved" : isFull(s, e) ? "filled" : "";
  }
}
