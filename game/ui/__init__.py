"""The pygame front end: the only package that imports pygame / pygame_gui.

Scenes read Observations (or the public view) and submit orders through the Session; nothing here
changes game state while drawing.
"""
