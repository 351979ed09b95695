"""Settings of staff access: sessions, lock-out."""

from pathlib import Path

from pydantic import BaseModel, Field

__all__ = ["StaffSettings"]


class StaffSettings(BaseModel):
    session_hours: float = Field(default=12.0, gt=0)  # a working day, then log in again
    # Failed logins in a row before an account is locked, and for how long: slows a
    # password guesser to a handful of tries per quarter hour.
    max_failed_logins: int = Field(default=5, ge=1)
    lockout_minutes: float = Field(default=15.0, gt=0)
    # Intent-tester rows below this confidence are highlighted: the threshold under
    # which config.yml's FallbackClassifier gives up on a message.
    low_confidence: float = Field(default=0.5, ge=0, le=1)
    # Where examples added in the console are written (its nlu/console.yml) and which
    # domain lists the intents; default: the checkout's nlu_data/.
    training_data_dir: Path | None = None
    # The labelled sets of the regression page; default: the checkout's
    # tests/nlu/heldout.yml and bench/data/search_questions.jsonl.
    regression_nlu_path: Path | None = None
    regression_search_path: Path | None = None
