"""Pure rules: legality, resolution, effects, detection, deals, events, scoring and end checks.
No I/O, no printing, no global random: the seeded RNG is passed in."""
