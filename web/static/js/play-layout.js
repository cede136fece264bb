// Fitting the grid to the screen; keeping the current square in view.

import { $ } from "./play-view.js";

const WIDE = 900; // px: clues beside the grid from here up
const CLUES_MIN = 360; // px the clue column keeps beside the grid
const TWO_COLUMNS = 560; // px of clue area needed for Across and Down side by side
const MAX_CELL = 48;
const MIN_DESKTOP = 22; // the smallest legible square on a desktop; below it the page scrolls
const SMALL = 30; // squares smaller than this put the letter in the lower right corner

export const isTouch = () =>
  window.matchMedia("(pointer: coarse)").matches || navigator.maxTouchPoints > 0;

/** Height of the site's sticky header (0 where it scrolls away). */
export function stickyTop() {
  const bar = document.querySelector(".site-header");
  return bar && getComputedStyle(bar).position === "sticky" ? bar.offsetHeight : 0;
}

function desktopSize(root, grid, model) {
  const wide = window.innerWidth >= WIDE;
  const availW = (wide ? root.clientWidth - 40 - 28 - CLUES_MIN : root.clientWidth - 40) - 4;
  const fitW = Math.floor(availW / model.width);
  const top = grid.getBoundingClientRect().top + window.scrollY;
  const atLoad = Math.floor((window.innerHeight - top - 44) / model.height);
  // Too small below the title and tools: fit the screen once scrolled, under the sticky bar.
  const barH = $("clue-bar").offsetHeight + 12;
  const scrolled = Math.floor((window.innerHeight - stickyTop() - barH - 24) / model.height);
  const fitH = atLoad >= 26 ? atLoad : Math.max(atLoad, scrolled);
  return Math.min(Math.max(Math.min(fitH, fitW, MAX_CELL), wide ? MIN_DESKTOP : 16), fitW);
}

function touchSize(root, model) {
  const availW = root.clientWidth - 4;
  const availH = Math.max(window.innerHeight - stickyTop() - 8 - $("dock").offsetHeight - 8, 160);
  return Math.min(Math.floor(Math.min(availW / model.width, availH / model.height, 44)),
    Math.floor(availW / model.width));
}

export function sizeGrid(root, grid, model) {
  const touch = root.classList.contains("touch");
  const size = touch ? touchSize(root, model) : desktopSize(root, grid, model);
  grid.style.setProperty("--pl-cell", `${size}px`);
  grid.classList.toggle("small", size < SMALL);
  const board = Math.max(size * model.width, 340);
  root.style.setProperty("--pl-board", `${board}px`);
  root.style.setProperty("--pl-top", `${stickyTop()}px`);
  const cluesW = root.clientWidth - 40 - 28 - board;
  root.classList.toggle("clues-one-col", window.innerWidth >= WIDE && cluesW < TWO_COLUMNS);
}

/** Touch: keep the grid between the sticky header and the docked keyboard. */
export function showGrid(grid) {
  const r = grid.getBoundingClientRect();
  const top = stickyTop() + 6;
  const bottom = window.innerHeight - $("dock").offsetHeight - 6;
  if (r.top < top || r.bottom > bottom) {
    const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    window.scrollBy({ top: r.top - top, behavior: smooth ? "smooth" : "auto" });
  }
}

/** Scroll the clue list (or one-column box) to the current clue. */
export function scrollClue(btn) {
  const box = [btn.closest(".clue-list"), btn.closest(".pl-clues")]
    .find((b) => b && b.scrollHeight > b.clientHeight + 1 && getComputedStyle(b).overflowY !== "visible");
  if (!box) return;
  const top = btn.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
  if (top < box.scrollTop || top + btn.offsetHeight > box.scrollTop + box.clientHeight) {
    box.scrollTop = top - box.clientHeight / 3;
  }
}
