// The puzzle model from the wire JSON, and the pure navigation rules (no DOM).

export const ACROSS = "across";
export const DOWN = "down";
export const other = (dir) => (dir === ACROSS ? DOWN : ACROSS);

/** '1' where there is a cell: the wire's shape, or the solution rows ('#' = no cell). */
const shapeOf = (data) => data.shape || data.grid.map((row) => row.replace(/#/g, "0").replace(/[^0]/g, "1"));

/** Cells (index = row * width + col; null where there is none) and entries. */
export function buildModel(data) {
  const width = data.width;
  const height = data.height;
  const cells = new Array(width * height).fill(null);
  const solution = data.grid || null;
  shapeOf(data).forEach((row, r) => {
    [...row].forEach((ch, c) => {
      if (ch === "1") {
        cells[r * width + c] = {
          index: r * width + c, row: r, col: c,
          answer: solution ? solution[r][c] : "",
          number: null, across: null, down: null, acrossPos: 0, downPos: 0,
        };
      }
    });
  });
  const entries = data.entries.map((e, i) => {
    const idx = [];
    for (let k = 0; k < e.length; k++) {
      const r = e.row + (e.direction === DOWN ? k : 0);
      const c = e.col + (e.direction === ACROSS ? k : 0);
      const cell = cells[r * width + c];
      if (!cell) throw new Error(`entry ${e.id} runs outside the grid shape`);
      cell[e.direction] = i;
      cell[e.direction + "Pos"] = k;
      idx.push(cell.index);
    }
    cells[idx[0]].number = e.number;
    return {
      i, id: e.id, number: e.number, direction: e.direction, row: e.row, col: e.col,
      length: e.length, enumeration: e.enumeration || String(e.length),
      clue: e.clue || "", emoji: e.emoji || null, emojiLabel: e.emoji_label || null,
      answer: e.answer || (solution ? idx.map((j) => cells[j].answer).join("") : ""),
      cells: idx,
    };
  });
  // Across by number, then Down (the wire order, made sure).
  const order = entries.slice().sort((a, b) =>
    (a.direction === b.direction ? 0 : a.direction === ACROSS ? -1 : 1) || a.number - b.number);
  order.forEach((e, k) => { e.rank = k; });
  return { width, height, cells, entries, order, letterCells: cells.filter(Boolean) };
}

export function entryAt(model, cell, dir) {
  const i = model.cells[cell]?.[dir];
  return i === null || i === undefined ? null : model.entries[i];
}

/** The direction to use at `cell`, keeping `dir` when the cell has an entry that way. */
export function dirAt(model, cell, dir) {
  return entryAt(model, cell, dir) ? dir : other(dir);
}

/** Next letter cell from `cell` along (dr, dc), jumping over gaps; null at the edge. */
export function step(model, cell, dr, dc) {
  let r = Math.floor(cell / model.width) + dr;
  let c = (cell % model.width) + dc;
  while (r >= 0 && r < model.height && c >= 0 && c < model.width) {
    const i = r * model.width + c;
    if (model.cells[i]) return i;
    r += dr;
    c += dc;
  }
  return null;
}

/** Entry after (delta 1) or before (-1) `entry` in list order, wrapping; with
 *  `unfilledOnly`, the next that is not isFull (null if none). */
export function nextEntry(model, entry, delta, isFull, unfilledOnly) {
  const n = model.order.length;
  for (let k = 1; k <= n; k++) {
    const e = model.order[(((entry.rank + delta * k) % n) + n) % n];
    if (!unfilledOnly || !isFull(e)) return e;
  }
  return unfilledOnly ? null : entry;
}

/** Tiny stable hash (FNV-1a, 32 bit) of the puzzle's content, for the storage key. */
export function contentHash(data) {
  const text = JSON.stringify([shapeOf(data), data.grid || null,
    data.entries.map((e) => [e.id, e.clue, e.emoji])]);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
