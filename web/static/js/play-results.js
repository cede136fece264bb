// The solved dialog: time, aids used, and a spoiler-free share text (one symbol per
// entry). Loaded on demand when a puzzle is solved.

import { copyText, plural } from "./common.js";
import { ACROSS, DOWN } from "./play-model.js";
import { el, formatTime } from "./play-view.js";

const SYMBOL = { t: "🟩", e: "🟨", r: "🟥" };
const MODE_NAME = { text: "Text clues", emoji: "Emoji clues", both: "Text + emoji clues" };

function shareText({ data, model, st }) {
  const line = (dir) => model.order.filter((e) => e.direction === dir)
    .map((e) => SYMBOL[st.status?.[e.id] || "t"]).join("");
  return [`🧩 ${data.title} — solved in ${formatTime(st.elapsed)}`,
    `Across ${line(ACROSS)}`, `Down ${line(DOWN)}`,
    `${MODE_NAME[st.mode]} · ${plural(st.lifelines.size, "emoji lifeline")} · ${plural(st.checks, "check")} · ${plural(st.reveals, "letter")} revealed`,
    window.location.href.split("#")[0]].join("\n");
}

export function showResults({ data, model, st, ask, focusGrid }) {
  celebrate(model.entries.map((e) => e.emoji).filter(Boolean));
  const stats = el("dl", { class: "stats" });
  for (const [k, v] of [["Time", formatTime(st.elapsed)], ["Checks", st.checks],
    ["Revealed", st.reveals], ["Emoji lifelines", st.lifelines.size]]) {
    stats.append(el("div", {}, el("dt", { text: k }), el("dd", { text: String(v) })));
  }
  const text = shareText({ data, model, st });
  const area = el("textarea", { class: "share", readOnly: true, rows: 6, "aria-label": "Share text", value: text });
  const legend = el("p", { class: "legend", text: "🟩 solved from the text clue · 🟨 needed the emoji · 🟥 revealed" });
  const mode = el("p", { class: "legend", text: `Played with ${MODE_NAME[st.mode].toLowerCase()}.` });
  ask("Solved! 🎉", [stats, mode, area, legend], [
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
