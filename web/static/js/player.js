// The crossword player (templates/play.html): events become actions, reduce() makes the
// next state, render() paints it; effects follow from the difference between two states.

import { plural } from "./common.js";
import { makeClock } from "./play-clock.js";
import { isTouch, scrollClue, showGrid, sizeGrid } from "./play-layout.js";
import { ACROSS, DOWN, buildModel, contentHash } from "./play-model.js";
import { paintClueBar, paintClues, paintGrid } from "./play-render.js";
import { FINISHED, currentEntry, fromSaved, initialState, reduce, toSaved } from "./play-state.js";
import * as store from "./play-store.js";
import { $, addStyles, buildClues, buildGrid, el, entryName, formatTime, moreStyles } from "./play-view.js";

// Not needed for the first render.
const ui = () => Promise.all([import("./play-ui.js"), moreStyles()]).then(([m]) => m);

const PREFS_KEY = "crossword:prefs";
const GRID_KEYS = {
  ArrowLeft: { type: "arrow", axis: ACROSS, delta: -1 }, ArrowRight: { type: "arrow", axis: ACROSS, delta: 1 },
  ArrowUp: { type: "arrow", axis: DOWN, delta: -1 }, ArrowDown: { type: "arrow", axis: DOWN, delta: 1 },
  Backspace: { type: "backspace" }, Delete: { type: "delete" }, " ": { type: "toggle" },
  Home: { type: "home" }, End: { type: "end" }, "!": { type: "lifeline" },
};
const SCREEN_KEYS = { Backspace: { type: "backspace" }, Toggle: { type: "toggle" },
  Prev: { type: "hop", delta: -1 }, Next: { type: "hop", delta: 1 } };

/** The action a key press in the grid asks for, or null (the browser keeps the key). */
function keyAction(ev) {
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return null;
  if (ev.key === "Tab" || ev.key === "Enter") return { type: "hop", delta: ev.shiftKey ? -1 : 1 };
  if (/^[a-zA-Z]$/.test(ev.key)) return { type: "letter", letter: ev.key.toUpperCase() };
  return GRID_KEYS[ev.key] || null;
}

const checkText = (c) => (!c.seen ? "Nothing to check yet" : c.wrong ? `${plural(c.wrong, "wrong letter")}` : "No wrong letters");
const CONFIRM = {
  check: ["Check", "Wrong letters will be marked; right ones are locked in."],
  reveal: ["Reveal", "Every answer will be shown and the puzzle ends as revealed."],
  clear: ["Clear", "All your letters will be removed. The timer keeps running."],
};

function start() {
  const startedRender = performance.now();
  const data = JSON.parse($("puzzle-data").textContent);
  const root = $("player");
  const grid = $("grid");
  const live = $("live");
  const model = buildModel(data);
  const key = `crossword:${root.dataset.puzzleId}:${contentHash(data)}`;
  const prefs = { skipFilled: true, theme: null, ...(store.load(PREFS_KEY) || {}) };
  const saved = store.load(key);
  let state = fromSaved(model, saved, initialState(model, { skipFilled: prefs.skipFilled !== false }));
  const clock = makeClock(Number(saved?.elapsed) || 0);
  let paused = false;
  let announced = null;
  const touch = isTouch();
  if (touch) root.classList.add("touch");

  const view = { model, clueSig: [], cellEls: [], clueEls: [], list: null, listEls: null };
  sizeGrid(root, grid, model);
  view.cellEls = buildGrid(model, grid);
  view.clueEls = buildClues(model, { across: $("across-list"), down: $("down-list") },
    (e) => dispatch({ type: "pick", entry: e.id }, true));

  // -- rendering
  function render(prev) {
    paintGrid(view, state);
    paintClues(view, state);
    paintClueBar(view, state);
    const listOn = state.listMode && view.list !== null; // loaded on first use
    if (listOn) view.list.paintList(view, state);
    $("list-mode").hidden = !listOn;
    $("pl-body").hidden = listOn;
    $("list-toggle").setAttribute("aria-pressed", String(state.listMode));
    $("pencil").setAttribute("aria-pressed", String(state.pencilMode));
    root.classList.toggle("pencil-on", state.pencilMode);
    root.classList.toggle("list-on", state.listMode);
    root.classList.toggle("finished", FINISHED.has(state.status));
    for (const input of document.querySelectorAll('input[name="mode"]')) input.checked = input.value === state.mode;
    $("autocheck").checked = state.autocheck;
    $("skip-filled").checked = state.skipFilled;
    announce(prev);
  }

  function announce(prev) {
    const e = currentEntry(model, state);
    if (announced === `${e.id}|${state.mode}`) return;
    if (prev && currentEntry(model, prev) !== e) scrollClue(view.clueEls[e.i]);
    announced = `${e.id}|${state.mode}`;
    if (state.listMode) return; // the focused text box's label says it
    const hint = state.mode === "emoji" ? `emoji clue ${e.emojiLabel || e.emoji || "missing"}` : e.clue;
    live.textContent = `${entryName(e)}: ${hint}, ${e.length} letters`;
  }

  // -- effects
  function effects(prev) {
    if (state.checks > prev.checks) ui().then((m) => m.toast(checkText(state.lastCheck)));
    if (state.lifelines.length > prev.lifelines.length) {
      live.textContent = `${entryName(currentEntry(model, state))}: emoji clue shown. ${state.lifelines.length} used.`;
    }
    if (state.listMode !== prev.listMode) {
      live.textContent = state.listMode
        ? "Clue list: one text box per clue. What you type there fills the grid."
        : "Grid.";
    }
    if (state.status === prev.status) return;
    if (state.status === "full" && prev.status === "playing") almostThere();
    if (FINISHED.has(state.status)) finish();
    else if (FINISHED.has(prev.status)) {
      $("results").hidden = true;
      clock.start();
    }
  }

  async function almostThere() {
    const { ask } = await ui();
    ask("Almost there", "The grid is full, but some letters are wrong.",
      [{ label: "Keep trying", value: "keep", primary: true }, { label: "Check puzzle", value: "check" }])
      .then((v) => (v === "check" ? dispatch({ type: "check", scope: "puzzle" }, true) : focusHome()));
  }

  function finish() {
    clock.stop();
    tick();
    ui().then((m) => m.hideToast()); // a "1 wrong letter" from before must not sit under the results
    $("results").hidden = false;
    if (document.activeElement && root.contains(document.activeElement)) document.activeElement.blur();
    showResults();
  }

  async function showResults() {
    const [{ ask }, results] = await Promise.all([ui(), import("./play-results.js")]);
    results.showResults({ data, model, state, elapsed: clock.elapsed(), ask, focusGrid: focusHome });
  }

  /** Clue-list mode's module and styles, loaded the first time it is turned on. */
  async function loadList() {
    if (view.list) return;
    const [list] = await Promise.all([import("./play-list.js"), moreStyles()]);
    view.listEls = list.buildList(model, $("lm-list"), listHandlers);
    view.list = list;
  }

  async function setListMode(on) {
    if (on) await loadList();
    dispatch({ type: "listMode", on }, true);
  }

  function dispatch(action, focus = false) {
    const prev = state;
    state = reduce(model, prev, action);
    render(prev);
    if (focus) focusHome();
    effects(prev);
    persist();
  }

  // -- focus
  function focusHome() {
    if (paused || $("dialog").open) return;
    if (state.listMode) {
      view.listEls?.[currentEntry(model, state).i]?.input.focus();
      return;
    }
    view.cellEls[state.cur].focus({ preventScroll: touch });
    if (touch) showGrid(grid);
  }

  const menus = [...document.querySelectorAll("details.menu")];
  const closeMenus = () => menus.forEach((m) => { m.open = false; });

  /** After a toolbar or menu action: the keyboard goes back to the grid. */
  function done() {
    closeMenus();
    focusHome();
  }

  // -- keyboard
  function onKeyDown(ev) {
    if (paused) return;
    if (ev.key === "Escape" && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      ev.preventDefault();
      view.clueEls[currentEntry(model, state).i].focus(); // the documented way out of the grid
      return;
    }
    if (ev.key === "?") {
      ev.preventDefault();
      openHelp();
      return;
    }
    const action = keyAction(ev);
    if (!action) return;
    ev.preventDefault();
    dispatch(action, true);
  }

  const listHandlers = {
    focus: (e) => { if (currentEntry(model, state) !== e) dispatch({ type: "pick", entry: e.id }); },
    input: (e, value) => dispatch({ type: "fill", entry: e.id, text: value }),
    keydown: (ev, e) => {
      if (ev.key !== "Enter") return;
      ev.preventDefault();
      const next = model.order[(e.rank + (ev.shiftKey ? -1 : 1) + model.order.length) % model.order.length];
      view.listEls[next.i].input.focus();
    },
  };

  // -- aids
  async function aid(kind, scope) {
    closeMenus();
    if (scope === "puzzle") {
      const [verb, text] = CONFIRM[kind];
      const { ask } = await ui();
      const ok = await ask(`${verb} the whole puzzle?`, text,
        [{ label: "Cancel", value: false }, { label: verb, value: true, primary: true }]);
      if (!ok) return focusHome();
    }
    dispatch({ type: kind, scope }, true);
    return undefined;
  }

  function openHelp() {
    closeMenus();
    Promise.all([ui(), import("./play-help.js")]).then(([m, help]) => help.showHelp(m.ask)).then(focusHome);
  }

  // -- clock
  function tick() {
    $("timer").textContent = formatTime(clock.elapsed());
  }

  function setPaused(on) {
    if (on === paused || (on && FINISHED.has(state.status))) return;
    if (on) clock.stop();
    paused = on;
    root.classList.toggle("is-paused", on);
    $("paused").hidden = !on;
    $("pause").setAttribute("aria-label", on ? "Resume" : "Pause");
    $("pause").classList.toggle("resume", on);
    if (on) $("resume").focus();
    else {
      clock.start();
      focusHome();
    }
    tick();
    persist();
  }

  function persist() {
    store.save(key, toSaved(state, clock.elapsed()));
  }

  const isDark = () => (prefs.theme ? prefs.theme === "dark" : window.matchMedia("(prefers-color-scheme: dark)").matches);

  function applyTheme() {
    if (prefs.theme) document.documentElement.dataset.theme = prefs.theme;
    else delete document.documentElement.dataset.theme;
    $("theme").textContent = isDark() ? "Light mode" : "Dark mode";
  }

  // -- setup
  if (touch) {
    $("dock").prepend($("clue-bar"));
    Promise.all([import("./play-keyboard.js"), addStyles("play-keyboard")])
      .then(([m]) => m.buildKeyboard($("osk"), (k) => {
        if (paused) return;
        dispatch(k === "Pencil" ? { type: "pencil", on: !state.pencilMode }
          : SCREEN_KEYS[k] || { type: "letter", letter: k }, true);
      }))
      .then(() => sizeGrid(root, grid, model));
  }
  const resultsBtn = el("button", { type: "button", class: "btn", id: "results", text: "Results", hidden: true });
  resultsBtn.addEventListener("click", showResults);
  $("pause").after(resultsBtn);
  applyTheme();
  render(null);
  sizeGrid(root, grid, model); // again: the clue bar has its text now, and its height
  tick();
  if (state.listMode) loadList().then(() => render(null));
  if (FINISHED.has(state.status)) resultsBtn.hidden = false;
  else clock.start();
  root.dataset.setupMs = (performance.now() - startedRender).toFixed(1);
  window.requestAnimationFrame(() => {
    root.dataset.ready = "true";
    root.dataset.renderMs = (performance.now() - startedRender).toFixed(1); // for bench_player.py
  });

  grid.addEventListener("keydown", onKeyDown);
  // Keyboard-first: a grid key pressed while nothing has focus goes to the grid (NYT).
  document.addEventListener("keydown", (ev) => {
    const idle = document.activeElement === document.body || document.activeElement === null;
    if (!idle || paused || ev.key === "Tab" || (!keyAction(ev) && ev.key !== "?")) return;
    focusHome();
    if (!state.listMode) onKeyDown(ev);
  });
  grid.addEventListener("click", (ev) => {
    const node = ev.target.closest(".cell");
    if (node && !paused) dispatch({ type: "select", cell: Number(node.dataset.i) }, true);
  });
  $("lifeline").addEventListener("click", () => dispatch({ type: "lifeline" }, true));
  $("pencil").addEventListener("click", () => dispatch({ type: "pencil", on: !state.pencilMode }, true));
  $("list-toggle").addEventListener("click", () => setListMode(!state.listMode));
  $("pause").addEventListener("click", () => setPaused(!paused));
  $("resume").addEventListener("click", () => setPaused(false));
  $("autocheck").addEventListener("change", (ev) => {
    dispatch({ type: "autocheck", on: ev.target.checked });
    done();
  });
  $("skip-filled").addEventListener("change", (ev) => {
    prefs.skipFilled = ev.target.checked;
    store.save(PREFS_KEY, prefs);
    dispatch({ type: "skipFilled", on: ev.target.checked });
    done();
  });
  $("theme").addEventListener("click", () => {
    prefs.theme = isDark() ? "light" : "dark";
    store.save(PREFS_KEY, prefs);
    applyTheme();
    done();
  });
  $("help").addEventListener("click", openHelp);
  $("modes").addEventListener("change", (ev) => dispatch({ type: "mode", mode: ev.target.value }, true));
  for (const btn of document.querySelectorAll("[data-action]")) {
    btn.addEventListener("click", () => {
      const [kind, scope] = btn.dataset.action.split("-");
      aid(kind, scope);
    });
  }
  for (const menu of menus) {
    menu.addEventListener("toggle", () => {
      if (menu.open) for (const m of menus) if (m !== menu) m.open = false;
    });
    menu.addEventListener("keydown", (ev) => {
      if (ev.key === "Escape" && menu.open) {
        ev.preventDefault();
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  }
  document.addEventListener("click", (ev) => {
    for (const m of menus) if (m.open && !m.contains(ev.target)) m.open = false;
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") {
      if (clock.running) setPaused(true);
      persist();
    }
  });
  window.addEventListener("pagehide", persist);
  window.addEventListener("resize", () => sizeGrid(root, grid, model));
  setInterval(() => {
    tick();
    if (clock.running && Math.floor(clock.elapsed() / 1000) % 5 === 0) persist();
  }, 1000);
}

start();
