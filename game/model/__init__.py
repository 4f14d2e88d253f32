"""Pure data: ids, state, orders, deals, events, observations and the scenario schema."""
