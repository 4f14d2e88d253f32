"""Armistice: a turn-based policy tabletop game of Korean Peninsula diplomacy."""
