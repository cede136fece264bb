"""The layout engine's working state: a sparse board of letters (hot path).

Cells are plain ints, ``pos = row * STRIDE + col`` around ``ORIGIN``, so the
neighbours of a cell are ``pos +- 1`` (across) and ``pos +- STRIDE`` (down).
Each cell keeps its letter and which directions use it (bit 1 across, bit 2
down).  ``index[letter]`` holds, in insertion order, the cells of that letter
used in exactly one direction: the only places a new word can cross.

Everything here is ints, strs, dicts and tuples on purpose: it runs millions
of times per layout.  The public types live in ``crossword.layout``.
"""

from __future__ import annotations

STRIDE = 1 << 14  # far more than 250 words x 21 letters in a line
ORIGIN = (STRIDE // 2) * STRIDE + STRIDE // 2
ACROSS, DOWN = 1, 2


def fit(cells: dict[int, str], dirs: dict[int, int], word: str, start: int, bit: int) -> int:
    """Crossings made by `word` at `start` in direction `bit`, or -1 if illegal.

    Legal means: the cells just before and after the word are empty; a cell
    the word fills anew has no letter on either side across the word; a cell it
    shares holds the same letter and is not already used in this direction.
    """
    if bit == ACROSS:
        step, perp = 1, STRIDE
    else:
        step, perp = STRIDE, 1
    if start - step in cells:
        return -1
    p = start
    n = 0
    for ch in word:
        have = cells.get(p)
        if have is None:
            if p + perp in cells or p - perp in cells:
                return -1
        elif have != ch or dirs[p] & bit:
            return -1
        else:
            n += 1
        p += step
    if p in cells:
        return -1
    return n


class Board:
    """Placed words on the sparse board, with incremental bookkeeping."""

    __slots__ = ("cells", "dirs", "index", "placed", "crossings", "box")

    def __init__(self) -> None:
        self.cells: dict[int, str] = {}
        self.dirs: dict[int, int] = {}
        self.index: dict[str, dict[int, None]] = {}
        self.placed: dict[str, tuple[int, int]] = {}  # word -> (start, bit), in placing order
        self.crossings = 0
        self.box = (0, -1, 0, -1)  # min_row, max_row, min_col, max_col (empty: max < min)

    @classmethod
    def from_plan(cls, plan: dict[str, tuple[int, int]]) -> Board:
        """A board holding `plan` (word -> (start, bit)), with its box computed."""
        board = cls()
        for word, (start, bit) in plan.items():
            board.place(word, start, bit)
        board.recompute_box()
        return board

    def copy(self) -> Board:
        other = Board.__new__(Board)
        other.cells = self.cells.copy()
        other.dirs = self.dirs.copy()
        index = self.index  # the same dict as a comprehension, built in C
        other.index = dict(zip(index, map(dict.copy, index.values()), strict=True))
        other.placed = self.placed.copy()
        other.crossings = self.crossings
        other.box = self.box
        return other

    @property
    def width(self) -> int:
        return self.box[3] - self.box[2] + 1

    @property
    def height(self) -> int:
        return self.box[1] - self.box[0] + 1

    def place(self, word: str, start: int, bit: int) -> None:
        cells, dirs, index = self.cells, self.dirs, self.index
        step = 1 if bit == ACROSS else STRIDE
        p = start
        for ch in word:
            if p in dirs:
                dirs[p] |= bit
                self.crossings += 1
                del index[ch][p]
            else:
                cells[p] = ch
                dirs[p] = bit
                spots = index.get(ch)  # not setdefault(ch, {}): no throwaway dict per letter
                if spots is None:
                    spots = index[ch] = {}
                spots[p] = None
            p += step
        self.placed[word] = (start, bit)
        last = p - step
        r0, c0 = divmod(start, STRIDE)
        r1, c1 = divmod(last, STRIDE)
        if len(self.placed) > 1:
            b0, b1, b2, b3 = self.box  # conditional expressions: cheaper than min()/max() calls
            self.box = (
                b0 if b0 < r0 else r0,
                b1 if b1 > r1 else r1,
                b2 if b2 < c0 else c0,
                b3 if b3 > c1 else c1,
            )
        else:
            self.box = (r0, r1, c0, c1)

    def remove(self, word: str) -> None:
        start, bit = self.placed.pop(word)
        cells, dirs, index = self.cells, self.dirs, self.index
        step = 1 if bit == ACROSS else STRIDE
        p = start
        for ch in word:
            d = dirs[p] & ~bit
            if d:
                dirs[p] = d
                self.crossings -= 1
                index[ch][p] = None
            else:
                del cells[p], dirs[p], index[ch][p]
            p += step

    def leaves_runs(self, word: str, start: int, bit: int) -> bool:
        """True if two neighbouring cells of a removed word are still letters:
        words crossing it side by side would now touch, so the removal is illegal."""
        step = 1 if bit == ACROSS else STRIDE
        cells = self.cells
        p = start
        for _ in range(len(word) - 1):
            if p in cells and p + step in cells:
                return True
            p += step
        return False

    def recompute_box(self) -> None:
        if not self.cells:
            self.box = (0, -1, 0, -1)
            return
        cells = self.cells
        cols = [p % STRIDE for p in cells]
        # A cell's row grows with its number, so the lowest and highest cells give the rows.
        self.box = (min(cells) // STRIDE, max(cells) // STRIDE, min(cols), max(cols))

    def neighbours(self, word: str) -> list[str]:
        """The placed words crossing `word` (in placing order)."""
        start, bit = self.placed[word]
        step = 1 if bit == ACROSS else STRIDE
        shared = {start + i * step for i in range(len(word)) if self.dirs[start + i * step] == 3}
        out = []
        for other, (s, b) in self.placed.items():
            if b == bit:
                continue
            st = 1 if b == ACROSS else STRIDE
            if any(s + i * st in shared for i in range(len(other))):
                out.append(other)
        return out

    def word_crossings(self, word: str) -> int:
        start, bit = self.placed[word]
        step = 1 if bit == ACROSS else STRIDE
        dirs = self.dirs
        return sum(1 for i in range(len(word)) if dirs[start + i * step] == 3)

    def reachable(self, first: int) -> set[int]:
        """The cells connected to cell `first`."""
        cells = self.cells
        stride = STRIDE
        seen = {first}
        stack = [first]
        while stack:
            p = stack.pop()
            for q in (p + 1, p - 1, p + stride, p - stride):
                if q in cells and q not in seen:
                    seen.add(q)
                    stack.append(q)
        return seen

    def is_connected(self) -> bool:
        cells = self.cells
        if not cells:
            return True
        return len(self.reachable(next(iter(cells)))) == len(cells)
