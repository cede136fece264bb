"""An app for subprocess tests (gunicorn 'slow_app:create()' and its worker processes):
hints for the topic "slow" take SLOW_SECONDS (60, or the variable of that name),
everything else is instant.  With
SLOW_ONCE set to a file path, only the first slow generation is slow (it creates
the file), so a job retried after its worker was killed then finishes.  Settings
come from CROSSWORD_* variables."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path

from crossword.hints import HintContext, HintRequest
from crossword.puzzle import Hints

SLOW_SECONDS = 60.0


class SlowProvider:
    name = "slow"
    model = None

    def hints(self, requests: Sequence[HintRequest], context: HintContext) -> dict[str, Hints]:
        if context.topic == "slow" and self._first_time():
            if context.progress is not None:
                context.progress(0, len(requests), "thinking slowly")
            time.sleep(float(os.environ.get("SLOW_SECONDS", SLOW_SECONDS)))
        return {
            r.answer: Hints(
                f"A word of {len(r.answer)} letters", "🔤", r.enumeration, source="slow"
            )
            for r in requests
        }

    def _first_time(self) -> bool:
        marker = os.environ.get("SLOW_ONCE")
        if not marker:
            return True
        try:
            Path(marker).touch(exist_ok=False)
        except FileExistsError:
            return False
        return True

    def words_for_topic(self, topic: str, count: int, *, seed: int = 0) -> list[str]:
        return ["otter", "beaver", "heron", "salmon", "trout", "reed", "swan", "newt"]


def create():
    from web import create_app

    provider = SlowProvider()
    return create_app({"PROVIDER_FACTORY": lambda settings, db: provider})
