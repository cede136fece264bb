"""The layout search: randomized constructions, then destroy-and-repair.

1. Construction: words longest first (with noise); each word goes where its
   score is best among the placements through cells of the same letter:
   crossings, growth of the bounding box, overflow of a target box (area from
   the letter count and a target density, near square), look-ahead (new
   letters that still-unplaced words share) and a little noise.  Words that do
   not fit are retried after every pass until a pass places nothing.
   Every BEAM_EVERY-th construction is a beam search instead: the words go in
   one order, and the BEAM_WIDTH best partial layouts (ranked by the layout
   objective with crossings weighted BEAM_XW) each try the BEAM_BRANCH best
   placements of the next word.
2. Restarts with different orders and target boxes; the best layout by the
   objective (words placed, then crossings/word + 1.5 x density - aspect
   penalty) is kept.
3. Destroy-and-repair on the best layout: take out a few weakly crossed words
   (leaves on the edge of the box, or a small cluster), keep the rest connected,
   put them back (with the words still unplaced) inside the smaller box, greedily
   or (BEAM_REPAIR of the moves) with the beam; keep the result when it is not
   worse.
4. If words are still left out of a list of at most MAX_PATH_WORDS words, a path
   search (``crossword._layout_path``) grows a snake of crossing words; when it
   places more words, its layout is compacted by the same destroy-and-repair.

The work is counted in candidate placements evaluated, so a seed gives the
same layout on every machine; an optional deadline may cut it short.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Sequence
from operator import itemgetter

from ._layout_board import ACROSS, DOWN, ORIGIN, STRIDE, Board, fit
from ._layout_path import MAX_WORDS as MAX_PATH_WORDS
from ._layout_path import PathSearch

# Score weights of one placement.
W_CROSS = 5.0  # per crossing
W_LOOK = 0.6  # per new letter that a still-unplaced word contains
W_GROW = 1.0  # per row/column the bounding box grows
W_OVER = 3.0  # per row/column beyond the target box
W_NOISE = 1.0  # uniform noise
W_LENGTH = 0.5  # per letter, when choosing among the next WINDOW words
WINDOW = 6
CUT_SHARE = 0.8  # most of the words a repair move may take out
# Objective of a whole layout (after the number of words placed).
W_XW = 1.05
W_DENSITY = 1.5
W_ASPECT = 0.25  # per unit of aspect ratio above ASPECT_FREE
ASPECT_FREE = 1.25

MAX_RESTARTS = 80
# A construction costs ~words^2, so small lists get more restarts in about the same time:
# up to RESTART_SCALE / words^2 (300 for 8 words, 133 for 12; lists of 15+ words keep 80),
# never more than MAX_SMALL_RESTARTS.
RESTART_SCALE = 19200
MAX_SMALL_RESTARTS = 300
RESTART_SHARE = 0.4  # of the budget, at most, for restarts
MOVES_PER_WORD = 20  # destroy-and-repair moves, at most, per word
BEAM_WIDTH = 6  # partial layouts kept by a beam construction
BEAM_BRANCH = 4  # placements of the next word tried from each of them
BEAM_EVERY = 3  # every BEAM_EVERY-th restart is a beam construction
BEAM_REPAIR = 0.3  # of the repair moves, beam re-insertions
BEAM_XW = 2.0  # weight of crossings/word when ranking partial layouts


class Search:
    """One search over one word list (the words are distinct and A-Z)."""

    def __init__(
        self,
        words: Sequence[str],
        *,
        seed: int,
        max_width: int | None,
        max_height: int | None,
        budget: int,
        deadline: float | None,
    ) -> None:
        self.words = list(words)
        self.rng = random.Random(seed)
        self.max_w = max_width or STRIDE // 2
        self.max_h = max_height or STRIDE // 2
        self.budget = budget
        self.deadline = deadline
        self.work = 0
        letters = sum(len(w) for w in self.words)
        # cells ~ letters - crossings (about 1.15 per word)
        self.cells_estimate = max(1.0, letters - 1.15 * (len(self.words) - 1))
        self.longest = max(len(w) for w in self.words)

    # ----------------------------------------------------------- helpers
    def out_of_time(self) -> bool:
        if self.work >= self.budget:
            return True
        return self.deadline is not None and time.monotonic() >= self.deadline

    def target_box(self, density: float) -> tuple[int, int]:
        area = self.cells_estimate / density
        side = math.sqrt(area)
        tw = th = max(2, round(side))
        if self.longest > tw:
            tw = self.longest
            th = max(2, round(area / tw))
        tw, th = min(tw, self.max_w), min(th, self.max_h)
        if self.rng.random() < 0.5 and th <= self.max_w and tw <= self.max_h:
            tw, th = th, tw
        return tw, th

    def objective(self, board: Board) -> tuple[int, float]:
        n = len(board.placed)
        w, h = board.width, board.height
        density = len(board.cells) / (w * h)
        aspect = max(w, h) / min(w, h)
        quality = W_XW * board.crossings / n + W_DENSITY * density
        if n > 1:
            quality -= W_ASPECT * max(0.0, aspect - ASPECT_FREE)
        return n, quality

    def order(self, words: Sequence[str], spread: float) -> list[str]:
        """Longest first, plus noise."""
        rnd = self.rng.random
        keyed = [(-(len(w) + spread * rnd()), i, w) for i, w in enumerate(words)]
        keyed.sort()
        return [w for _, _, w in keyed]

    # ------------------------------------------------------ construction
    def start(self, board: Board, word: str) -> None:
        dirs = []
        if len(word) <= self.max_w:
            dirs.append(ACROSS)
        if len(word) <= self.max_h:
            dirs.append(DOWN)
        board.place(word, ORIGIN, self.rng.choice(dirs))

    def fill(self, board: Board, queue: list[str], target: tuple[int, int]) -> list[str]:
        """Place what fits of `queue`, return the rest.

        Each step looks at the next WINDOW words of the queue and places the
        one with the best placement; a word with no legal placement waits for
        the next pass.  Passes repeat until one places nothing.
        """
        need: dict[str, int] = {}
        for word in queue:
            for letter in set(word):
                need[letter] = need.get(letter, 0) + 1
        window = WINDOW
        pending = list(queue)
        failed: list[str] = []
        progress = False
        while True:
            if not pending:
                if not failed or not progress:
                    return failed
                pending, failed, progress = failed, [], False
            best = None
            best_score = -1e18
            k = 0
            while k < len(pending) and k < window:
                word = pending[k]
                found = self.best_for(board, word, need, target)
                if found is None:
                    failed.append(pending.pop(k))
                    continue
                if found[0] > best_score:
                    best_score = found[0]
                    best = (k, found[1], found[2])
                k += 1
            if best is not None:
                word = pending.pop(best[0])
                for letter in set(word):
                    need[letter] -= 1
                board.place(word, best[1], best[2])
                progress = True

    def best_for(
        self,
        board: Board,
        word: str,
        need: dict[str, int],
        target: tuple[int, int],
        collect: list[tuple[float, int, int, int, int, int]] | None = None,
    ) -> tuple[float, int, int] | None:
        """The best placement of `word` as (score, start, bit), or None.

        `need` counts, per letter, the words still to place that hold it, `word` too.
        The layout engine's hot loop, kept whole on purpose: it scores every candidate
        placement the work budget counts (up to DEFAULT_BUDGET = 700k a layout), so its
        names are bound to locals up front and its steps are not split into calls.
        """
        cells, dirs, index = board.cells, board.dirs, board.index
        br0, br1, bc0, bc1 = board.box
        cw, ch_ = bc1 - bc0 + 1, br1 - br0 + 1
        tw, th = target
        max_w, max_h = self.max_w, self.max_h
        cur_over = max(0, cw - tw) + max(0, ch_ - th)
        rnd = self.rng.random
        w_cross, w_look, w_grow, w_over, w_noise = W_CROSS, W_LOOK, W_GROW, W_OVER, W_NOISE
        stride = STRIDE
        length = len(word)
        down_len = length * stride
        best_score = -1e18
        best_start = best_bit = 0
        across, down = ACROSS, DOWN
        # Candidates met so far, by direction (a placement crossing two letters is met twice)
        seen_across: set[int] = set()
        seen_down: set[int] = set()
        # New letters another unplaced word needs, counted as all the word's such letters
        # (need 1: only this word) minus those at crossings: the loop then only touches
        # crossing cells.
        wanted = length - list(map(need.__getitem__, word)).count(1)
        span = length - 1
        for i, ch in enumerate(word):
            spots = index.get(ch)
            if not spots:
                continue
            down_i = i * stride
            for p in spots:
                if dirs[p] == across:
                    bit, seen = down, seen_down
                    start = p - down_i
                    step, perp, after = stride, 1, down_len
                else:
                    bit, seen = across, seen_across
                    start = p - i
                    step, perp, after = 1, stride, length
                if start in seen:
                    continue
                seen.add(start)
                # fit(), inlined: crossings, new letters still needed, or illegal
                if start - step in cells or start + after in cells:
                    continue
                q = start
                n = look = 0
                for letter in word:
                    if q in cells:  # `in` then [], not .get(): no call for the usual empty cell
                        if cells[q] != letter or dirs[q] & bit:
                            break
                        n += 1
                        if need[letter] > 1:
                            look -= 1
                    elif q + perp in cells or q - perp in cells:
                        break
                    q += step
                else:
                    look += wanted
                    r0, c0 = divmod(start, stride)
                    if bit == across:
                        r1, c1 = r0, c0 + span
                    else:
                        r1, c1 = r0 + span, c0
                    nw = (bc1 if bc1 > c1 else c1) - (bc0 if bc0 < c0 else c0) + 1
                    nh = (br1 if br1 > r1 else r1) - (br0 if br0 < r0 else r0) + 1
                    if nw > max_w or nh > max_h:
                        continue
                    over = (nw - tw if nw > tw else 0) + (nh - th if nh > th else 0)
                    score = (
                        w_cross * n
                        + w_look * look
                        - w_grow * (nw + nh - cw - ch_)
                        - w_over * (over - cur_over)
                        + w_noise * rnd()
                    )
                    if collect is not None:
                        collect.append((score, start, bit, n, nw, nh))
                    if score > best_score:
                        best_score = score
                        best_start, best_bit = start, bit
        self.work += len(seen_across) + len(seen_down) + 1
        if not best_bit:
            return None
        return best_score + W_LENGTH * length, best_start, best_bit

    def construct(self) -> tuple[Board, list[str]]:
        rng = self.rng
        board = Board()
        order = self.order(self.words, spread=rng.choice((0.5, 2.0, 4.0)))
        self.start(board, order[0])
        target = self.target_box(rng.uniform(0.42, 0.6))
        left = self.fill(board, order[1:], target)
        return board, left

    def beam_construct(self) -> tuple[Board, list[str]]:
        """A construction that keeps several partial layouts (see `beam_fill`)."""
        rng = self.rng
        order = self.order(self.words, spread=rng.choice((0.5, 2.0, 4.0)))
        first = Board()
        self.start(first, order[0])
        target = self.target_box(rng.uniform(0.42, 0.6))
        return self.beam_fill(first, order[1:], target)

    def beam_fill(
        self, first: Board, queue: list[str], target: tuple[int, int]
    ) -> tuple[Board, list[str]]:
        """Place `queue` in its order, keeping the BEAM_WIDTH best partial layouts.

        Each partial layout tries the BEAM_BRANCH best placements of the next
        word; the children are ranked by the layout objective (words placed,
        then crossings/word + density - aspect), computed without copying.
        Words a layout cannot take are retried at the end.  `first` is not changed.
        """
        need: dict[str, int] = {}
        for word in queue:
            for letter in set(word):
                need[letter] = need.get(letter, 0) + 1
        beam: list[tuple[Board, list[str]]] = [(first, [])]
        for word in queue:
            # ((words placed, objective), beam index, candidate index, (start, bit) or None)
            ranked: list[tuple[tuple[int, float], int, int, tuple[int, int] | None]] = []
            for bi, (board, _left) in enumerate(beam):
                found: list[tuple[float, int, int, int, int, int]] = []
                self.best_for(board, word, need, target, found)
                np_ = len(board.placed)
                if not found:
                    ranked.append(((np_, self.objective(board)[1]), bi, -1, None))
                    continue
                found.sort(key=itemgetter(0), reverse=True)  # stable, as key=-score
                cells = len(board.cells)
                for j, (_, start, bit, n, nw, nh) in enumerate(found[:BEAM_BRANCH]):
                    q = BEAM_XW * (board.crossings + n) / (np_ + 1) + W_DENSITY * (
                        cells + len(word) - n
                    ) / (nw * nh)
                    q -= W_ASPECT * max(0.0, max(nw, nh) / min(nw, nh) - ASPECT_FREE)
                    ranked.append(((np_ + 1, q), bi, j, (start, bit)))
            # Best first; ties keep their (beam index, candidate index) order, as appended.
            ranked.sort(key=itemgetter(0), reverse=True)
            self.work += len(ranked)
            beam = _next_beam(beam, ranked, word, first)
            for letter in set(word):
                need[letter] -= 1
        best_board, best_left = max(beam, key=lambda bl: self.objective(bl[0]))
        if best_left:
            best_left = self.fill(best_board, best_left, target)
        best_board.recompute_box()
        return best_board, best_left

    # ------------------------------------------------- destroy and repair
    def destroy(self, board: Board) -> list[str] | None:
        rng = self.rng
        placed = list(board.placed)
        if len(placed) < 3:
            return None
        r0, r1, c0, c1 = board.box
        k = min(len(placed) - 1, rng.choice((1, 1, 2, 2, 3, 4)))
        if rng.random() < 0.6:
            # weakly crossed words on the edge of the box
            edge = []
            for w in placed:
                start, bit = board.placed[w]
                ra, ca = divmod(start, STRIDE)
                rb, cb = (ra, ca + len(w) - 1) if bit == ACROSS else (ra + len(w) - 1, ca)
                if ra == r0 or rb == r1 or ca == c0 or cb == c1:
                    edge.append(w)
            pool = [w for w in edge if board.word_crossings(w) <= 1] or edge
            rng.shuffle(pool)
            removed = pool[:k]
        else:
            seed_word = rng.choice(placed)
            removed = [seed_word]
            frontier = board.neighbours(seed_word)
            rng.shuffle(frontier)
            for w in frontier:
                if len(removed) >= k:
                    break
                removed.append(w)
        plan = [(w, *board.placed[w]) for w in removed]
        for w in removed:
            board.remove(w)
        self.work += len(board.cells) // 4 + 1
        if not board.cells or any(board.leaves_runs(*item) for item in plan):
            return None
        start, _ = board.placed[max(board.placed, key=len)]
        islands = self.drop_islands(board, start)
        if islands is None:
            return None
        board.recompute_box()
        return removed + islands

    def drop_islands(self, board: Board, anchor: int) -> list[str] | None:
        """Keep the words connected to cell `anchor`; take out the others.

        None if too many would go.
        """
        cells = board.cells
        if not cells:
            return None
        main = board.reachable(anchor)
        self.work += len(cells) // 4 + 1
        if len(main) == len(cells):
            return []
        cut = [w for w, (s, _) in board.placed.items() if s not in main]
        if len(cut) > max(6, int(len(board.placed) * CUT_SHARE)):
            return None
        for w in cut:
            board.remove(w)
        return cut

    def make_room(self, board: Board, left: list[str]) -> list[str] | None:
        """Place an unplaced word at a crossing by taking out the words in its way.

        Returns the words taken out (to be put back), or None if the move fails.
        """
        rng = self.rng
        word = rng.choice(left)
        spots = _crossing_spots(board, word)
        self.work += len(spots) + 1
        if not spots:
            return None
        cross, start, bit = rng.choice(spots)
        removed = _in_the_way(board, word, cross, start, bit)
        if len(removed) > 6 or len(removed) >= len(board.placed):
            return None
        plan = [(other, *board.placed[other]) for other in removed]
        for other in removed:
            board.remove(other)
        if any(board.leaves_runs(*item) for item in plan):
            return None
        islands = self.drop_islands(board, cross)
        if islands is None:
            return None
        removed += islands
        if fit(board.cells, board.dirs, word, start, bit) < 0:
            return None
        board.place(word, start, bit)
        board.recompute_box()
        if board.width > self.max_w or board.height > self.max_h:
            return None
        return removed

    def improve(self, board: Board, left: list[str]) -> tuple[Board, list[str]]:
        rng = self.rng
        cur_plan = dict(board.placed)
        cur_left = list(left)
        cur_obj = self.objective(board)
        best_plan, best_left, best_obj = cur_plan, cur_left, cur_obj
        moves = MOVES_PER_WORD * len(self.words)
        while moves > 0 and not self.out_of_time():
            moves -= 1
            room = bool(cur_left) and rng.random() < 0.5
            removed = self.make_room(board, cur_left) if room else self.destroy(board)
            if removed is not None:
                w, h = board.width, board.height
                shrink = rng.random() < 0.3
                target = (max(2, w - shrink), max(2, h - shrink))
                queue = self.order(
                    removed + [w for w in cur_left if w not in board.placed], spread=3.0
                )
                if rng.random() < BEAM_REPAIR:
                    board, rest = self.beam_fill(board, queue, target)
                else:
                    rest = self.fill(board, queue, target)
                board.recompute_box()
                obj = self.objective(board)
                if obj >= cur_obj:
                    cur_plan, cur_left, cur_obj = dict(board.placed), rest, obj
                    if obj > best_obj:
                        best_plan, best_left, best_obj = cur_plan, cur_left, obj
                    continue
            if board.placed != cur_plan:
                board = Board.from_plan(cur_plan)
        return Board.from_plan(best_plan), best_left

    # -------------------------------------------------------------- run
    def run(self) -> tuple[Board, list[str]]:
        if len(self.words) == 1:
            board = Board()
            self.start(board, self.words[0])
            return board, []
        best: tuple[Board, list[str]] | None = None
        best_obj = (-1, 0.0)
        restart_budget = self.budget * RESTART_SHARE
        restarts = 0
        cap = max(MAX_RESTARTS, min(MAX_SMALL_RESTARTS, RESTART_SCALE // len(self.words) ** 2))
        while restarts < cap:
            beam = restarts % BEAM_EVERY == BEAM_EVERY - 1
            board, left = self.beam_construct() if beam else self.construct()
            restarts += 1
            obj = self.objective(board)
            if obj > best_obj:
                best, best_obj = (board, left), obj
            if self.work >= restart_budget or self.out_of_time():
                break
        assert best is not None
        board, left = self.improve(*best)
        if left and len(self.words) <= MAX_PATH_WORDS and not self.out_of_time():
            # Short-word lists: grow a snake instead, then compact it (see _layout_path).
            path = PathSearch(
                self.words,
                self.rng,
                self.max_w,
                self.max_h,
                quality=lambda b: self.objective(b)[1],
                budget=self.budget - self.work,
                deadline=self.deadline,
            )
            plan = path.run()
            self.work += path.work
            if len(plan) > len(board.placed):
                rest = [w for w in self.words if w not in plan]
                board, left = self.improve(Board.from_plan(plan), rest)
        return board, left


def _next_beam(
    beam: list[tuple[Board, list[str]]],
    ranked: list[tuple[tuple[int, float], int, int, tuple[int, int] | None]],
    word: str,
    first: Board,
) -> list[tuple[Board, list[str]]]:
    """The BEAM_WIDTH best distinct children in `ranked` (best first), as (board, left).

    Two children are the same when their placed words and places are: `word` is on
    no board yet, so that is the parent's placements plus the move.  A parent's last
    child gets the parent board itself rather than a copy (the old beam is dropped),
    except `first`, which belongs to the caller.
    """
    picked: list[tuple[int, tuple[int, int] | None]] = []
    seen: set[tuple[frozenset, tuple[int, int] | None]] = set()
    bases: dict[int, frozenset] = {}
    for _, bi, _, move in ranked:
        if len(picked) >= BEAM_WIDTH:
            break
        base = bases.get(bi)
        if base is None:
            base = bases[bi] = frozenset(beam[bi][0].placed.items())
        if (base, move) in seen:
            continue
        seen.add((base, move))
        picked.append((bi, move))
    last = {bi: k for k, (bi, _) in enumerate(picked)}
    children: list[tuple[Board, list[str]]] = []
    for k, (bi, move) in enumerate(picked):
        board, left = beam[bi]
        child = board if last[bi] == k and board is not first else board.copy()
        if move is None:
            children.append((child, [*left, word]))
        else:
            child.place(word, *move)
            children.append((child, left))
    return children


def _crossing_spots(board: Board, word: str) -> list[tuple[int, int, int]]:
    """Every (crossing cell, start, direction) where ``word`` would cross a placed
    letter it shares, whatever is in its way."""
    dirs = board.dirs
    spots = []
    for i, ch in enumerate(word):
        for p in board.index.get(ch, ()):
            if dirs[p] == ACROSS:
                spots.append((p, p - i * STRIDE, DOWN))
            else:
                spots.append((p, p - i, ACROSS))
    return spots


def _in_the_way(board: Board, word: str, cross: int, start: int, bit: int) -> list[str]:
    """The placed words (in the order met along ``word``) that it would clash with or
    touch side by side at ``start``, except those through the crossing cell ``cross``."""
    cells, dirs = board.cells, board.dirs
    step, perp = (1, STRIDE) if bit == ACROSS else (STRIDE, 1)
    zone = [start - step, start + len(word) * step]
    for i, ch in enumerate(word):
        q = start + i * step
        if q in cells and (cells[q] != ch or dirs[q] & bit):
            zone.append(q)
        zone.append(q + perp)
        zone.append(q - perp)
    owners: dict[int, list[str]] = {}
    for other, (s, b) in board.placed.items():
        st = 1 if b == ACROSS else STRIDE
        for k in range(len(other)):
            owners.setdefault(s + k * st, []).append(other)
    keep = set(owners[cross])
    removed: list[str] = []
    for q in zone:
        if q in cells and q != cross:
            for other in owners[q]:
                if other not in removed and other not in keep:
                    removed.append(other)
    return removed
