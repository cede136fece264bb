// The end-of-puzzle dialog: time, aids used, and a spoiler-free share text (one symbol
// per entry). "Solved" when the solver filled the last square, "Revealed" when a Reveal
// did (no celebration then). Loaded on demand.

import { copyText, plural } from "./common.js";
import { ACROSS, DOWN } from "./play-model.js";
import { summary } from "./play-state.js";
import { el, formatTime, moreStyles } from "./play-view.js";

const SYMBOL = { t: "🟩", e: "🟨", r: "🟥" };
const MODE_NAME = { text: "Text clues", emoji: "Emoji clues", both: "Text + emoji clues" };

/** The share text; its 🟨 count and its "emoji clues used" number come from one summary. */
export function shareText({ data, model, state, elapsed, url }) {
  const sum = summary(model, state);
  const line = (dir) => model.order.filter((e) => e.direction === dir).map((e) => SYMBOL[sum.scores[e.id]]).join("");
  const verb = state.status === "revealed" ? "revealed after" : "solved in";
  return [`🧩 ${data.title} — ${verb} ${formatTime(elapsed)}`,
    `Across ${line(ACROSS)}`, `Down ${line(DOWN)}`,
    `${MODE_NAME[state.mode]} · ${plural(sum.emojiUsed, "emoji clue")} used · ${plural(sum.checks, "check")} · ${plural(sum.reveals, "letter")} revealed`,
    url].join("\n");
}

export async function showResults({ data, model, state, elapsed, ask, focusGrid }) {
  await moreStyles();
  const revealed = state.status === "revealed";
  if (!revealed) celebrate(model.entries.map((e) => e.emoji).filter(Boolean));
  const sum = summary(model, state);
  const stats = el("dl", { class: "stats" });
  for (const [k, v] of [["Time", formatTime(elapsed)], ["Checks", sum.checks],
    ["Revealed", sum.reveals], ["Emoji clues used", sum.emojiUsed]]) {
    stats.append(el("div", {}, el("dt", { text: k }), el("dd", { text: String(v) })));
  }
  const text = shareText({ data, model, state, elapsed, url: window.location.href.split("#")[0] });
  const area = el("textarea", { class: "share", readOnly: true, rows: 6, "aria-label": "Share text", value: text });
  const legend = el("p", { class: "legend", text: "🟩 solved from the text clue · 🟨 its emoji clue was shown before it was solved · 🟥 revealed" });
  const intro = el("p", { class: "legend", text: revealed
    ? "Reveal filled in the last answers, so this one counts as revealed, not solved."
    : `Played with ${MODE_NAME[state.mode].toLowerCase()}.` });
  ask(revealed ? "Revealed" : "Solved! 🎉", [stats, intro, area, legend], [
    { label: "Copy result", primary: true, onClick: async (btn) => {
      btn.textContent = (await copyText(text, area)) ? "Copied ✓" : "Select and copy";
    } },
    { label: "Close", value: null },
  ], { wide: true }).then(focusGrid);
}

/** A shower of the puzzle's own emoji; nothing when the user prefers reduced motion. */
function celebrate(emojis) {
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
