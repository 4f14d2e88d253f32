"""After-action reports: a finished (or saved) game as one self-contained HTML page with matplotlib charts,
and its tables as CSV or JSON.

Modules: ``page`` (the page shell, tables and inline SVG charts, shared with the lab's study report),
``words`` (the words for meters, clauses and commitments the screens use too), ``timeline`` (the log
replayed to each turn's state), ``aar`` (what a report holds, as tables), ``html`` (the page) and
``export`` (CSV files, and the debrief's export into the saves folder). Nothing is imported here, so the game's screens can use ``words`` without loading matplotlib.
"""
