"""The part of `worksheets` that runs in the browser (Pyodide) and in CPython alike.

Standard library only, so Pyodide loads nothing beyond its own runtime. Each worksheet
with a computation has a module here defining `compute(answers, context) -> list[Block]`.
"""
