// Small helpers shared by the maker (make.js) and the player (play-*.js).
// No DOM state of its own: each function takes what it works on.

/** The element with this id. */
export const $ = (id) => document.getElementById(id);

/**
 * A new element: el("p", {class: "hint", text: "…"}, child, …). Props that are DOM
 * properties are set as such (value, type, hidden: true), others as attributes
 * (aria-*, role, data-*, for). Text always goes through textContent.
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k in node && !k.startsWith("aria") && k !== "role") node[k] = v;
    else node.setAttribute(k, v);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

/** "1 word", "3 words", "2 entries" (plural(2, "entry", "entries")). */
export function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Copy text to the clipboard; true when it worked. Without clipboard access
 * (plain http, a denied permission) the text in `field` is selected and the
 * old copy command tried, so the person can still press Ctrl+C.
 */
export async function copyText(text, field = null) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field?.select();
    try {
      return Boolean(field) && document.execCommand("copy");
    } catch {
      return false;
    }
  }
}

/**
 * A pasted word list, one word per line, optionally "word: my clue".
 * Returns [{line, word, clue}] for the non-blank lines; `line` is the 1-based
 * line number in the text, so a message can say "Line 3 has a clue but no word".
 */
export function parseLines(text) {
  const out = [];
  String(text).split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    const colon = raw.indexOf(":");
    const word = (colon >= 0 ? raw.slice(0, colon) : raw).trim();
    const clue = colon >= 0 ? raw.slice(colon + 1).trim() : "";
    out.push({ line: i + 1, word, clue });
  });
  return out;
}
