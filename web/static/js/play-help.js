// The keyboard help dialog (docs/PLAYER.md says the same). Loaded on demand.

import { el, moreStyles } from "./play-view.js";

const KEYS = [
  ["Letters", "fill the square and move on (filled squares are skipped: setting)"],
  ["Click / tap", "select a square; again to change direction"],
  ["Arrows", "move; across the gaps of the grid. A perpendicular arrow first turns"],
  ["Space", "change direction"], ["Tab / Enter", "next clue (Shift: previous)"],
  ["Backspace", "clear, then step back"], ["Delete", "clear in place"],
  ["Home / End", "first / last square of the word"],
  ["!", "show the current entry's emoji clue (an emoji lifeline, counted)"],
  ["?", "this help"], ["Esc", "leave the grid (to the clue list); Tab back into it"],
];

export async function showHelp(ask) {
  await moreStyles();
  const list = el("dl", { class: "keys" });
  for (const [k, v] of KEYS) list.append(el("div", {}, el("dt", { text: k }), el("dd", { text: v })));
  return ask("Keyboard", [list, el("p", { text: "Toolbar buttons hand the keyboard back to the grid. Clue list (toolbar) shows one text box per clue instead of the grid." })],
    [{ label: "Close", value: null, primary: true }], { wide: true });
}
