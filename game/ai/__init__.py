"""AI controllers. They see Observations and the public rules, never the real game state (see determinize.py).

random     the baseline (random legal orders)
heuristic  the default: a utility-based negotiator with personalities and difficulty levels
search     information-set Monte Carlo tree search over sampled worlds, the heuristic as rollout policy
"""

from .base import Controller, Decision, controller_rng
from .heuristic import HeuristicController
from .random_ai import RandomController
from .search import SearchController

__all__ = ["Controller", "Decision", "controller_rng", "HeuristicController", "RandomController", "SearchController"]
