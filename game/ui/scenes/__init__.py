"""The scene stack: title, setup, play, hand-off, resolution, debrief, projector, settings, load."""
