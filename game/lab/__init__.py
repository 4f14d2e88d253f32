"""The policy lab: many headless AI-vs-AI games per configuration, their spread and paired differences."""
from .batch import Arm, GameResult, play_game, run_study
from .stats import report, summarize, to_csv

__all__ = ["Arm", "GameResult", "play_game", "run_study", "report", "summarize", "to_csv"]
