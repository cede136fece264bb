"""The shapes the model answers in: lenient on purpose.

No semantic validators here: instructor re-asks for a whole response when its
model fails validation, so one bad hint would regenerate a batch.  The schema
only catches broken JSON or a wrong shape; the checks in
``crossword.hints.checks`` judge each item, and only failed items are asked
again.  The class names and docstrings go on the wire (tool name, schema
description), so renaming them changes what the model sees.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["HintBatch", "HintItem", "TopicWord", "TopicWords"]


class HintItem(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: int
    clue: str | None = ""
    emoji: str | None = ""


class HintBatch(BaseModel):
    """Hints for the numbered answers."""

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
