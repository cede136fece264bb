"""An app for subprocess tests (gunicorn 'slow_app:create()'): hints for the topic "slow"
take SLOW_SECONDS, everything else is instant.  Settings come from CROSSWORD_* variables."""

from __future__ import annotations

import time
from collections.abc import Sequence

from crossword.hints import HintContext, HintRequest
from crossword.puzzle import Clue

SLOW_SECONDS = 60.0


class SlowProvider:
    name = "slow"
    model = None

    def hints(self, requests: Sequence[HintRequest], context: HintContext) -> dict[str, Clue]:
        if context.topic == "slow":
            if context.progress is not None:
                context.progress(0, len(requests), "thinking slowly")
            time.sleep(SLOW_SECONDS)
        return {
            r.answer: Clue(f"A word of {len(r.answer)} letters", "🔤", r.enumeration, source="slow")
            for r in requests
        }

    def words_for_topic(self, topic: str, count: int, *, seed: int = 0) -> list[str]:
        return ["otter", "beaver", "heron", "salmon", "trout", "reed", "swan", "newt"]


def create():
    from web import create_app

    provider = SlowProvider()
    return create_app({"PROVIDER_FACTORY": lambda settings, db: provider})
