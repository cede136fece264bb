"""Free-form crossword generator with a text clue and an emoji-only clue per entry."""

__version__ = "0.1.0"
