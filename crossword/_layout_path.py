"""Path search: the fallback for lists the restarts cannot complete.

Lists of short words (a kids' list of 30 three-letter words) defeat the greedy
constructions: a 3-letter word crossed in its middle by another's middle blocks
both words' ends, vowels sit in the middle of most such words, and the layouts
that hold every word turn out to be long snakes in which almost every word
crosses exactly two others.  This search grows such a snake depth-first:

* each step extends the newest word that still has a free letter (the tail,
  else the newest before it), with a word that crosses it legally;
* candidates are ordered by Warnsdorff's rule on the "could cross" graph:
  the word with the fewest unused partners first (it would be stranded later),
  a word with none last; only the WIDTH best are tried before backtracking;
* two 3-letter words never cross at both middles (that would end the snake);
* a node budget bounds each attempt, and a few attempts start from other words;
  the caller's remaining work budget and deadline bound the whole search.

It runs only after the restarts and repairs leave words out, on lists of at most
MAX_WORDS words; the caller keeps its result only if it places more words, then
compacts it with the usual repairs.  Deterministic: all choices come from the
caller's seeded random.Random.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence

from ._layout_board import ACROSS, DOWN, ORIGIN, STRIDE, Board, fit

MAX_WORDS = 40  # longer lists are complete already or out of reach of a path search
ATTEMPTS = 20
NODES_PER_ATTEMPT = 3000
WIDTH = 3  # candidates tried per step before backtracking
W_GROW = 1.0  # per row/column the grid grows, added to the Warnsdorff key
ASPECT_GUARD = 1.4  # long side / short side beyond which growing the long side costs more
EXTRA = 3  # attempts after the first complete one, for a smaller grid

Partners = dict[str, list[list[tuple[str, int]]]]


def partners(words: Sequence[str]) -> Partners:
    """For each word and letter index: the (other word, its index) that could cross there."""
    table: Partners = {w: [[] for _ in w] for w in words}
    for w in words:
        for a, letter in enumerate(w):
            for x in words:
                if x == w:
                    continue
                for b, other in enumerate(x):
                    if other == letter and not _both_short_middles(w, a, x, b):
                        table[w][a].append((x, b))
    return table


def _both_short_middles(w: str, a: int, x: str, b: int) -> bool:
    return len(w) == 3 and len(x) == 3 and a == 1 and b == 1


class PathSearch:
    """Depth-first snake growth with a node budget (see the module docstring)."""

    def __init__(
        self,
        words: Sequence[str],
        rng: random.Random,
        max_width: int,
        max_height: int,
        quality: Callable[[Board], float],
        budget: int,
        deadline: float | None,
    ) -> None:
        self.words = list(words)
        self.rng = rng
        self.max_w = max_width
        self.max_h = max_height
        self.table = partners(self.words)
        # Where each word is listed as a partner: (host, letter index), once per entry.
        self.listed: dict[str, list[tuple[str, int]]] = {w: [] for w in self.table}
        for host, rows in self.table.items():
            for a, row in enumerate(rows):
                for word, _ in row:
                    self.listed[word].append((host, a))
        # Per word and letter index: its partners not used yet, kept in step with an
        # attempt's used words so that options() need not scan the used ones.
        self.unused: dict[str, list[int]] = {}
        self.quality = quality  # of a whole layout, after the number of words
        self.budget = budget  # legality tests, at most
        self.deadline = deadline
        self.work = 0

    def run(self) -> dict[str, tuple[int, int]]:
        """The placements (word -> (start, bit)) of the best attempt: most words, then
        best layout quality; after the first attempt that places every word, EXTRA more."""
        best: dict[str, tuple[int, int]] = {}
        best_key = (0, 0.0)
        extra = None
        for _ in range(ATTEMPTS):
            if self.spent():
                break
            found = self.attempt()
            key = (len(found), self.quality(Board.from_plan(found)))
            if key > best_key:
                best, best_key = found, key
            if extra is None and len(best) == len(self.words):
                extra = EXTRA
            if extra is not None:
                if extra == 0:
                    break
                extra -= 1
        return best

    def attempt(self) -> dict[str, tuple[int, int]]:
        rng = self.rng
        n = len(self.words)
        board = Board()
        first = self.words[rng.randrange(n)]
        dirs = [d for d, room in ((ACROSS, self.max_w), (DOWN, self.max_h)) if len(first) <= room]
        board.place(first, ORIGIN, rng.choice(dirs))
        self.unused = {w: [len(row) for row in rows] for w, rows in self.table.items()}
        used: set[str] = set()
        self.take(used, first)
        path = [first]
        best = dict(board.placed)
        nodes = 0
        exhausted: set[str] = set()  # see first_options()

        def grow() -> bool:
            """True when the attempt is over (all placed or out of nodes)."""
            nonlocal best, nodes
            nodes += 1
            if len(used) > len(best):
                best = dict(board.placed)
                if len(used) == n:
                    return True
            if nodes > NODES_PER_ATTEMPT or (nodes % 64 == 0 and self.spent()):
                return True
            options, newly = self.first_options(board, path, used, exhausted)
            for _, word, start, bit in options[:WIDTH]:
                box = board.box
                board.place(word, start, bit)
                self.take(used, word)
                path.append(word)
                if grow():
                    return True
                path.pop()
                self.give_back(used, word)
                board.remove(word)
                board.box = box
            exhausted.difference_update(newly)  # backtracking: they may have partners again
            return False

        grow()
        self.work += nodes
        return best

    def first_options(
        self, board: Board, path: list[str], used: set[str], exhausted: set[str]
    ) -> tuple[list[tuple[float, str, int, int]], list[str]]:
        """The sorted options of the newest word in `path` that has any, and the words newly
        found exhausted on the way (also added to `exhausted`).

        An exhausted word has no uncrossed letter that an unused word shares.  It stays
        so while words are only added (letters get crossed, partners used), so the search
        below this node skips it without a call; exhausted words cost no work either.
        """
        placed, dirs, unused = board.placed, board.dirs, self.unused
        newly = []
        for host in reversed(path):
            if host in exhausted:
                continue
            # the exhaustion test inline: most hosts deeper in the path fail it
            p, bit = placed[host]
            step = 1 if bit == ACROSS else STRIDE
            for free in unused[host]:
                if free and dirs[p] != 3:
                    break
                p += step
            else:
                exhausted.add(host)
                newly.append(host)
                continue
            options = self.options(board, host, used)
            if options:
                options.sort()
                return options, newly
        return [], newly

    def take(self, used: set[str], word: str) -> None:
        used.add(word)
        unused = self.unused
        for host, a in self.listed[word]:
            unused[host][a] -= 1

    def give_back(self, used: set[str], word: str) -> None:
        used.discard(word)
        unused = self.unused
        for host, a in self.listed[word]:
            unused[host][a] += 1

    def spent(self) -> bool:
        if self.work >= self.budget:
            return True
        return self.deadline is not None and time.monotonic() >= self.deadline

    def options(self, board: Board, host: str, used: set[str]) -> list[tuple[float, str, int, int]]:
        """Legal crossings of `host` by unused words, as (Warnsdorff key, word, start, bit)."""
        table, rng, unused = self.table, self.rng, self.unused
        cells, dirs = board.cells, board.dirs
        start, bit = board.placed[host]
        step, new_bit, new_step = (1, DOWN, STRIDE) if bit == ACROSS else (STRIDE, ACROSS, 1)
        last = len(self.words) - len(used) == 1
        free = unused[host]
        out = []
        for a in range(len(host)):
            p = start + a * step
            if not free[a] or dirs[p] == 3:
                continue
            for word, b in table[host][a]:
                if word in used:
                    continue
                s = p - b * new_step
                self.work += 1
                if fit(cells, dirs, word, s, new_bit) <= 0:
                    continue
                growth = self.growth(board, word, s, new_bit)
                if growth < 0:
                    continue
                # unused partners at the word's other letters
                onward = sum(unused[word]) - unused[word][b]
                if onward == 0 and not last:
                    onward = 1000  # a dead end: only when nothing else fits
                out.append((onward + W_GROW * growth + 0.5 * rng.random(), word, s, new_bit))
        return out

    def growth(self, board: Board, word: str, start: int, bit: int) -> int:
        """Rows + columns the grid grows by with `word` added; -1 beyond the size limit."""
        # conditional expressions, not min()/max(): this runs for every legal candidate
        r0, c0 = divmod(start, STRIDE)
        r1, c1 = (r0, c0 + len(word) - 1) if bit == ACROSS else (r0 + len(word) - 1, c0)
        br0, br1, bc0, bc1 = board.box
        width = (bc1 if bc1 > c1 else c1) - (bc0 if bc0 < c0 else c0) + 1
        height = (br1 if br1 > r1 else r1) - (br0 if br0 < r0 else r0) + 1
        if width > self.max_w or height > self.max_h:
            return -1
        old_w, old_h = bc1 - bc0 + 1, br1 - br0 + 1
        grown = width + height - old_w - old_h
        long, short = (width, height) if width > height else (height, width)
        if long > ASPECT_GUARD * short and long > (old_w if old_w > old_h else old_h):
            grown += 1  # stretching an already long grid: the snake should coil instead
        return grown
