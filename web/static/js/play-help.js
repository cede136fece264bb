// The keyboard help dialog (docs/PLAYER.md says the same). Loaded on demand.

import { el } from "./play-view.js";

export function showHelp(ask) {
  const rows = [
    ["Letters", "fill the square and move on (filled squares are skipped: setting)"],
    ["Click / tap", "select a square; again to change direction"],
    ["Arrows", "move; across the gaps of the grid. A perpendicular arrow first turns"],
    ["Space", "change direction"], ["Tab / Enter", "next clue (Shift: previous)"],
    ["Backspace", "clear, then step back"], ["Delete", "clear in place"],
    ["Home / End", "first / last square of the word"], ["Esc", "leave the grid (to the clue list)"],
  ];
  const list = el("dl", { class: "keys" });
  for (const [k, v] of rows) list.append(el("div", {}, el("dt", { text: k }), el("dd", { text: v })));
  return ask("Keyboard", [list, el("p", { text: "Tab into the grid again to come back. Emoji lifelines (Text mode) show one entry's emoji clue and are counted." })],
    [{ label: "Close", value: null, primary: true }], { wide: true });
}
