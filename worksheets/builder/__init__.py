"""Build-time engine, in three steps: prepare (`site.py`), render (`formatters.py`) and
finish (`finish.py`, also a command: `python -m worksheets.builder.finish SITE_DIR`).

Nothing here imports MkDocs; `hooks/onward.py` adapts the steps to MkDocs events.
"""
