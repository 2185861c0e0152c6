"""Build-time engine: load and validate definitions, render HTML, bundle the browser runtime.

Nothing here imports MkDocs; the hooks in `hooks/` adapt it to MkDocs events.
"""
