"""The rasa-sdk executor holding every action of ``actions/``, built once per service
container. It imports neither the container nor the routes' dependencies, so the
container can build it without an import circle."""

from rasa_sdk.executor import ActionExecutor

from actions import build_actions
from actions.support.services import ActionServices

__all__ = ["build_executor"]


def build_executor(services: ActionServices) -> ActionExecutor:
    """An executor with every action of ``actions/`` bound to ``services``."""
    executor = ActionExecutor()
    for action in build_actions(services):
        executor.register_action(action)
    return executor
