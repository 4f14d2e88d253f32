"""Armistice: a turn-based policy tabletop game of Korean Peninsula diplomacy."""

from . import native

native.install()  # first: the compiled rules and views, if built from these very sources (game/native.py)
