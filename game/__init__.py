"""Armistice: a turn-based policy tabletop game of Korean Peninsula diplomacy."""

from . import native

native.install()  # first: the compiled rules, views and AI, if built from these very sources (game/native.py)
