"""Onward worksheets: definitions, the build-time engine and the Python that runs in the browser.

`worksheets.compute` is standard-library only and ships to Pyodide; `worksheets.builder`
runs at build time under CPython and imports nothing from MkDocs.
"""
