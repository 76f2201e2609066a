"""The domain engine: numbers, periods, targets, evaluation, scoring, gaps.

Pure Python. Nothing in this package imports Django (a test checks it): the web layer, the
API and the CLI all call these functions.
"""
