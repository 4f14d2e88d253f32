"""Load YAML scenarios (through game.boundary: a capped regular file, the strict YAML loader), validate
them, and build the initial GameState."""

from .loader import ScenarioError, load_scenario, parse_scenario
from .registry import bundled, find_scenario
from .setup import initial_state

__all__ = ["ScenarioError", "load_scenario", "parse_scenario", "bundled", "find_scenario", "initial_state"]
