"""The shapes the model answers in: lenient on purpose.

No semantic validators here: instructor re-asks for a whole response when its
model fails validation, so one bad hint would regenerate a batch.  The schema
only catches broken JSON or a wrong shape; the checks in
``crossword.hints.checks`` judge each item, and only failed items are asked
again.  Each item names the answer it is for: hints are matched to answers by
that echo, never by position or number, so a reordered, renumbered, shortened or
padded list cannot put a hint on the wrong answer.  The class names and
docstrings go on the wire (tool name, schema description), so renaming them
changes what the model sees.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["HintBatch", "HintItem", "TopicWord", "TopicWords"]


class HintItem(BaseModel):
    model_config = ConfigDict(extra="ignore")  # e.g. an "id" some models add anyway
    answer: str | None = ""
    clue: str | None = ""
    emoji: str | None = ""


class HintBatch(BaseModel):
    """Hints for the listed answers; every item repeats its answer."""

    model_config = ConfigDict(extra="ignore")
    items: list[HintItem] = Field(default_factory=list)


class TopicWord(BaseModel):
    model_config = ConfigDict(extra="ignore")
    word: str
    why: str | None = ""


class TopicWords(BaseModel):
    """Words for a crossword on the topic."""

    model_config = ConfigDict(extra="ignore")
    words: list[TopicWord] = Field(default_factory=list)
