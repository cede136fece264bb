// localStorage, guarded: where it is blocked (sandboxed iframes, private modes) the player
// keeps working in memory.

const memory = new Map();

export function load(key) {
  let text = null;
  try {
    text = window.localStorage.getItem(key);
  } catch {
    text = memory.get(key) ?? null;
  }
  if (text === null) text = memory.get(key) ?? null;
  try {
    return text === null ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

export function save(key, value) {
  const text = JSON.stringify(value);
  memory.set(key, text);
  try {
    window.localStorage.setItem(key, text);
    return true;
  } catch {
    return false;
  }
}

export function remove(key) {
  memory.delete(key);
  try {
    window.localStorage.removeItem(key);
  } catch {
    /* storage blocked: the in-memory copy is gone, that is enough */
  }
}
