"""Starts Rasa's own command line with our start-up changes applied first.

This file runs as a script in the Rasa venv (Python 3.10), never inside the gateway:
``.venv-rasa/bin/python …/rasa_launcher.py run --model …`` takes exactly the
arguments of ``rasa``. It imports only the standard library, Rasa and its
dependencies.

The one change: Rasa 3.6 checks every action server response with
``jsonschema.validate``, which re-checks the schema against its meta-schema and
builds a new validator on each call; under load that was 62 % of the Rasa
process's CPU (docs/notes: rasa-speed). The validator is built once here, for the
same schema, and a malformed response fails with the same ``ValidationError`` and
message as before.
"""

import sys
from pathlib import Path
from typing import Any

__all__ = ["install_cached_validator", "main"]


def install_cached_validator() -> None:
    """Replace ``RemoteAction._validate_action_result`` with a validator built once."""
    from jsonschema import ValidationError
    from jsonschema.exceptions import best_match
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.constants import DOCS_BASE_URL

    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)  # once, as jsonschema.validate did per call
    validator = validator_class(schema)

    def _validate_action_result(self: Any, result: dict[str, Any]) -> bool:
        # best_match picks the error jsonschema.validate would have raised.
        error: ValidationError | None = best_match(validator.iter_errors(result))
        if error is None:
            return True
        error.message += (
            ". Failed to validate Action server response from API, "
            "make sure your response from the Action endpoint is valid. "
            "For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error

    RemoteAction._validate_action_result = _validate_action_result


def main(argv: list[str]) -> None:
    """Apply the start-up changes, then run ``rasa`` with ``argv``."""
    install_cached_validator()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *argv]
    rasa_main()


if __name__ == "__main__":
    # Run as a file, this folder would come first on sys.path, and its gateway
    # modules (models.py, client.py, …) could shadow Rasa's dependencies.
    here = Path(__file__).resolve().parent
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != here]
    main(sys.argv[1:])
