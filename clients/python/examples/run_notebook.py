"""Executes a notebook in place of a reader (CI): /usr/bin/python3 run_notebook.py provenance.ipynb.
Fails on the first cell that raises; prints how many cells ran."""

import os
import sys

import nbformat
from nbclient import NotebookClient

path = sys.argv[1]
notebook = nbformat.read(path, as_version=4)
nbformat.validate(notebook)
NotebookClient(notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}}).execute()
code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
print(f"notebook {os.path.basename(path)}: {len(code_cells)} code cells executed, 0 errors")
