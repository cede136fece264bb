// Helpers the maker and the player share; no state of their own.

/** The element with this id. */
export const $ = (id) => document.getElementById(id);

/** el("p", {class, text, …}, ...children): DOM properties (value, hidden) are set as such,
 *  others (aria-*, role, data-*, for) as attributes; text always through textContent. */
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

/** Copy to the clipboard; true when it worked. Without access (plain http, denied) select
 *  `field` and try the old copy command, so Ctrl+C still works. */
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

/** A pasted word list ("word" or "word: clue" a line) -> [{line, word, clue}] for the
 *  non-blank lines; `line` counts from 1, for messages such as "Line 3 has no word". */
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
