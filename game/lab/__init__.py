"""The policy lab: many headless AI-vs-AI games per configuration or sweep point, their spread, paired
differences and sensitivities, exported as tidy rows and drawn in an HTML report.

Modules: ``batch`` (arms, games, tasks and where they run), ``cluster`` (Dask), ``sweep`` (designs over
parameters), ``stats`` (intervals and paired tests), ``sensitivity``, ``export`` (CSV, Parquet),
``report`` (HTML with charts) and ``cli`` (the ``armistice lab`` command). Nothing is imported here, so
``armistice`` runs without the lab's optional dependencies.
"""
