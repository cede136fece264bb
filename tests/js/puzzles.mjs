// Puzzles for the state tests, in the wire format the page embeds (#puzzle-data).
import { buildModel } from "../../web/static/js/play-model.js";

/** Entries by standard numbering from rows of letters and "#" (as crossword/grid.py does). */
export function puzzleData(rows, hints = {}) {
  const height = rows.length;
  const width = rows[0].length;
  const open = (r, c) => r >= 0 && c >= 0 && r < height && c < width && rows[r][c] !== "#";
  const entries = [];
  let number = 0;
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      if (!open(r, c)) continue;
      const across = !open(r, c - 1) && open(r, c + 1);
      const down = !open(r - 1, c) && open(r + 1, c);
      if (!across && !down) continue;
      number += 1;
      for (const [direction, dr, dc, starts] of [["across", 0, 1, across], ["down", 1, 0, down]]) {
        if (!starts) continue;
        let answer = "";
        for (let k = 0; open(r + dr * k, c + dc * k); k++) answer += rows[r + dr * k][c + dc * k];
        const [clue, emoji] = hints[answer] || [`Clue for ${answer}`, "🙂"];
        entries.push({ id: `${number}-${direction}`, number, direction, row: r, col: c,
          length: answer.length, answer, clue, emoji });
      }
    }
  }
  return { width, height, entries, grid: rows,
    shape: rows.map((row) => [...row].map((ch) => (ch === "#" ? "0" : "1")).join("")) };
}

// The browser tests' "space" puzzle (tests/browser/player_puzzles.py).
export const SPACE_ROWS = [
  "PLANET###",
  "L###A####",
  "U###ROAM#",
  "T###T##O#",
  "O###HALO#",
  "#####X#N#",
  "#####I###",
  "#####STAR",
];
export const SPACE_HINTS = {
  PLANET: ["World circling a star", "🪐"], PLUTO: ["Dwarf world demoted in 2006", "🐶"],
  EARTH: ["Our home", "🌍"], ROAM: ["Wander about", "🚶🗺️"], MOON: ["It waxes and wanes", "🌕"],
  HALO: ["Ring of light", "😇"], AXIS: ["Line a planet spins around", null], STAR: ["Sun, for one", "⭐"],
};

export const spaceModel = () => buildModel(puzzleData(SPACE_ROWS, SPACE_HINTS));
