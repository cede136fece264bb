// Unit tests of the player's pure state (web/static/js/play-state.js): node --test tests/js/
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  currentEntry, fromSaved, initialState, reduce, scoreEntries, summary, toSaved,
} from "../../web/static/js/play-state.js";
import { spaceModel } from "./puzzles.mjs";

const model = spaceModel();
const entry = (id) => model.entries.find((e) => e.id === id);
const at = (row, col) => row * model.width + col;
const run = (actions, s = initialState(model)) => actions.reduce((st, a) => reduce(model, st, a), s);
const type = (text) => [...text].map((letter) => ({ type: "letter", letter }));
const word = (s, id) => entry(id).cells.map((i) => s.letters[i] || ".").join("");
const where = (s) => {
  const e = currentEntry(model, s);
  return `${e.id} ${e.cells.indexOf(s.cur) + 1}`;
};
const SOLUTION = { "1-across": "PLANET", "3-across": "ROAM", "5-across": "HALO", "7-across": "STAR",
  "1-down": "PLUTO", "2-down": "EARTH", "4-down": "MOON", "6-down": "AXIS" };
const solveAll = (s) => Object.entries(SOLUTION).reduce(
  (st, [id, text]) => reduce(model, st, { type: "fill", entry: id, text }), s);

test("starts on 1 Across, playing, nothing used", () => {
  const s = initialState(model);
  assert.equal(where(s), "1-across 1");
  assert.equal(s.status, "playing");
  assert.deepEqual(summary(model, s).emojiUsed, 0);
});

test("reduce never changes the state it is given", () => {
  const s = initialState(model);
  const frozen = JSON.stringify(s);
  run([...type("PLA"), { type: "check", scope: "word" }, { type: "reveal", scope: "letter" }], s);
  assert.equal(JSON.stringify(s), frozen);
});

test("typing fills and advances, skipping filled squares", () => {
  let s = run([{ type: "select", cell: at(0, 2) }, ...type("A"), { type: "select", cell: at(0, 0) }, ...type("P")]);
  assert.equal(where(s), "1-across 2");
  s = run(type("L"), s);
  assert.equal(where(s), "1-across 4"); // square 3 is filled: skipped
  const noSkip = run([{ type: "skipFilled", on: false }, { type: "select", cell: at(0, 2) }, ...type("A"),
    { type: "select", cell: at(0, 0) }, ...type("PL")]);
  assert.equal(where(noSkip), "1-across 3");
});

test("finishing a word goes to the next unfilled one; blanks left send you back", () => {
  assert.equal(where(run(type("PLANET"))), "3-across 1");
  const s = run([{ type: "select", cell: at(0, 2) }, ...type("ANET")]);
  assert.equal(where(s), "1-across 1");
});

test("backspace clears, then steps back and clears across entries", () => {
  let s = run([...type("PL"), { type: "backspace" }]);
  assert.equal(word(s, "1-across"), "P.....");
  assert.equal(where(s), "1-across 2");
  s = run([{ type: "backspace" }], s);
  assert.equal(word(s, "1-across"), "......");
  assert.equal(where(s), "1-across 1");
  s = run([{ type: "pick", entry: "3-across" }, { type: "backspace" }], run(type("PLANET")));
  assert.equal(where(s), "1-across 6");
  assert.equal(word(s, "1-across"), "PLANE.");
});

test("delete clears in place", () => {
  const s = run([...type("PL"), { type: "select", cell: at(0, 0) }, { type: "delete" }]);
  assert.equal(word(s, "1-across"), ".L....");
  assert.equal(where(s), "1-across 1");
});

test("a perpendicular arrow turns first; arrows jump over gaps", () => {
  let s = run([{ type: "arrow", axis: "down", delta: 1 }]);
  assert.equal(where(s), "1-down 1");
  s = run([{ type: "arrow", axis: "down", delta: 1 }], s);
  assert.equal(where(s), "1-down 2");
  s = run([{ type: "select", cell: at(4, 0) }, { type: "arrow", axis: "across", delta: 1 }]);
  assert.equal(where(s), "5-across 1"); // O . . . H: over the gap
});

test("Tab hops to the next clue, skipping full ones; Space, Home and End", () => {
  let s = run([...type("PLANET"), { type: "pick", entry: "1-across" }, { type: "hop", delta: 1 }]);
  assert.equal(where(s), "3-across 1");
  s = run([{ type: "hop", delta: -1 }], initialState(model));
  assert.equal(where(s), "6-down 1");
  s = run([{ type: "toggle" }]);
  assert.equal(where(s), "1-down 1");
  s = run([{ type: "end" }]);
  assert.equal(where(s), "1-across 6");
  assert.equal(where(run([{ type: "home" }], s)), "1-across 1");
});

test("clicking the selected square again turns", () => {
  const s = run([{ type: "select", cell: at(0, 0) }]);
  assert.equal(where(s), "1-down 1");
});

test("check marks wrong and right letters; right ones lock", () => {
  let s = run([...type("PXA"), { type: "check", scope: "word" }]);
  assert.deepEqual(s.lastCheck, { seen: 3, wrong: 1, n: 1 });
  assert.equal(s.marks[at(0, 1)], "wrong");
  assert.equal(s.marks[at(0, 0)], "right");
  s = run([{ type: "select", cell: at(0, 0) }, { type: "delete" }], s);
  assert.equal(word(s, "1-across"), "PXA...");
  s = run([{ type: "select", cell: at(0, 1) }, ...type("L")], s);
  assert.equal(s.marks[at(0, 1)], "");
});

test("autocheck marks wrong letters, as typed and already there", () => {
  let s = run([...type("PX")]);
  s = run([{ type: "autocheck", on: true }], s);
  assert.equal(s.marks[at(0, 1)], "wrong");
  s = run(type("Z"), s);
  assert.equal(s.marks[at(0, 2)], "wrong");
});

test("pencil letters are flagged until checked right", () => {
  let s = run([{ type: "pencil", on: true }, ...type("P")]);
  assert.equal(s.pencil[at(0, 0)], true);
  s = run([{ type: "check", scope: "letter" }, { type: "select", cell: at(0, 0) }, { type: "check", scope: "letter" }], s);
  assert.equal(s.pencil[at(0, 0)], false);
});

test("reveal counts letters and locks them; clear word keeps locked letters", () => {
  let s = run([{ type: "reveal", scope: "letter" }]);
  assert.equal(word(s, "1-across"), "P.....");
  assert.equal(s.reveals, 1);
  s = run([...type("LA"), { type: "clear", scope: "word" }], s);
  assert.equal(word(s, "1-across"), "P.....");
});

test("a full grid with a wrong letter is 'full', fixing it solves", () => {
  const s = solveAll(initialState(model));
  assert.equal(s.status, "solved");
  assert.equal(run([{ type: "fill", entry: "7-across", text: "STAX" }], s), s); // a finished grid ignores edits
  const wrong = Object.entries({ ...SOLUTION, "7-across": "STAX" }).reduce(
    (st, [id, text]) => reduce(model, st, { type: "fill", entry: id, text }), initialState(model));
  assert.equal(wrong.status, "full");
  const fixed = run([{ type: "fill", entry: "7-across", text: "STAR" }], wrong);
  assert.equal(fixed.status, "solved");
});

test("a grid completed by Reveal ends 'revealed', not 'solved'", () => {
  const s = run([{ type: "reveal", scope: "puzzle" }]);
  assert.equal(s.status, "revealed");
  assert.ok(Object.values(s.scores).every((v) => v === "r"));
  const byWord = run([{ type: "pick", entry: "7-across" }, { type: "reveal", scope: "word" }],
    Object.entries({ ...SOLUTION, "6-down": "AXI" }).filter(([id]) => id !== "7-across").reduce(
      (st, [id, text]) => reduce(model, st, { type: "fill", entry: id, text }), initialState(model)));
  assert.equal(byWord.status, "revealed");
  const cleared = run([{ type: "clear", scope: "puzzle" }], s);
  assert.equal(cleared.status, "playing");
  assert.equal(cleared.scores, null);
});

test("solving by hand after an earlier reveal is 'solved', with that entry red", () => {
  const s = solveAll(run([{ type: "reveal", scope: "letter" }]));
  assert.equal(s.status, "solved");
  assert.equal(s.scores["1-across"], "r");
  assert.equal(s.scores["1-down"], "r");
  assert.equal(s.scores["3-across"], "t");
});

test("the lifeline shows one entry's emoji and counts it", () => {
  const s = run([{ type: "lifeline" }, { type: "lifeline" }]);
  assert.deepEqual(s.lifelines, ["1-across"]);
  assert.deepEqual(s.emojiSeen, ["1-across"]);
  const none = run([{ type: "pick", entry: "6-down" }, { type: "lifeline" }]);
  assert.deepEqual(none.lifelines, []); // AXIS has no emoji clue
});

test("Emoji/Both mode counts only the entries shown as the current clue while unsolved", () => {
  let s = run([...type("PLANET"), { type: "pick", entry: "1-across" }, { type: "mode", mode: "emoji" }]);
  assert.deepEqual(s.emojiSeen, []); // 1 Across was solved before its emoji showed
  s = run([{ type: "pick", entry: "3-across" }, { type: "mode", mode: "text" }], s);
  assert.deepEqual(s.emojiSeen, ["3-across"]);
  s = run([{ type: "pick", entry: "5-across" }], s);
  assert.deepEqual(s.emojiSeen, ["3-across"]); // back in Text mode: nothing more
  const done = solveAll(s);
  assert.deepEqual(Object.entries(done.scores).filter(([, v]) => v === "e").map(([k]) => k), ["3-across"]);
});

test("the emoji count in the summary is the number of 🟨 entries", () => {
  let s = run([{ type: "lifeline" }, { type: "reveal", scope: "word" }, { type: "pick", entry: "3-across" },
    { type: "mode", mode: "both" }, { type: "mode", mode: "text" }]);
  s = solveAll(s);
  const sum = summary(model, s);
  assert.deepEqual(s.lifelines, ["1-across"]);
  assert.equal(sum.emojiUsed, 1); // 1 Across was revealed: 🟥, not 🟨; 3 Across shown in Both
  assert.equal(Object.values(sum.scores).filter((v) => v === "e").length, sum.emojiUsed);
});

test("clue-list mode: typing an entry's text fills its squares", () => {
  let s = run([{ type: "fill", entry: "1-down", text: "pl to" }]);
  assert.equal(word(s, "1-down"), "PL.TO");
  s = run([{ type: "fill", entry: "1-down", text: "PLUTOXX" }], s);
  assert.equal(word(s, "1-down"), "PLUTO");
  assert.equal(word(s, "1-across"), "P.....");
});

test("saved progress round-trips, and older saves still load", () => {
  const s = run([...type("PLA"), { type: "lifeline" }, { type: "check", scope: "letter" }, { type: "mode", mode: "both" }]);
  const back = fromSaved(model, JSON.parse(JSON.stringify(toSaved(s, 1234))), initialState(model));
  for (const k of ["letters", "marks", "pencil", "cur", "dir", "mode", "lifelines", "emojiSeen", "checks", "status"]) {
    assert.deepEqual(back[k], s[k], k);
  }
  const old = { v: 1, letters: solveAll(initialState(model)).letters, solved: true, status: { "1-across": "e" } };
  const restored = fromSaved(model, old, initialState(model));
  assert.equal(restored.status, "solved");
  assert.equal(restored.scores["1-across"], "e");
  assert.equal(fromSaved(model, { v: 1, letters: [] }, initialState(model)).letters.length, model.cells.length);
});

test("scores: every entry gets one symbol", () => {
  assert.deepEqual(Object.keys(scoreEntries(model, initialState(model))).sort(),
    model.entries.map((e) => e.id).sort());
});
