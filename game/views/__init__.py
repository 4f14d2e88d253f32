"""observe(state, actor) -> Observation: the only place that knows who sees what."""
from .observe import observe
from .rules_view import rules_view

__all__ = ["observe", "rules_view"]
