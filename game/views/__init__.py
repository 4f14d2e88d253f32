"""observe(state, actor) -> Observation: the only place that knows who sees what."""

from .observe import Observer, observe
from .rules_view import rules_view

__all__ = ["Observer", "observe", "rules_view"]
