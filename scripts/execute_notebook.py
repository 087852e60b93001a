"""Executes a notebook cell by cell with nbclient and always writes what ran.

Used by scripts/jupyter/execute.ts (npm run notebook, test/notebook): run with the project's .venv python.

    python scripts/execute_notebook.py NOTEBOOK OUTPUT --cwd DIR [--kernel tslab] [--timeout SEC]

The kernel starts in --cwd (the project root, so cells can import ./lib/index). Cells run in order until
one fails; the executed notebook (complete, or up to and including the failing cell) is written to OUTPUT
either way. The last line of stdout is a JSON summary:
    {"ok": bool, "cells": n_code_cells, "ran": n_ran, "ms": total,
     "failed": null | {"index": i, "code_cell": k, "source": "...", "error": "..."}}
tslab reports a failing cell (a type error, an exception) by the reply status only, with the message on
its stderr stream, so the error text is taken from the cell's stderr/error outputs. A cell's output that
has not all arrived 60 s after its reply fails the run instead of being cut short.
"""

import argparse
import json
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError


def cell_error_text(cell, exc):
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            parts.append(out.get("text", ""))
        elif out.get("output_type") == "error":
            parts.append(f"{out.get('ename', '')}: {out.get('evalue', '')}")
    text = "".join(parts).strip()
    if not text:
        # nbclient's message frames the cell's source between lines of dashes: keep what follows the frame.
        lines = [l for l in str(exc).strip().splitlines() if l.strip() and not set(l.strip()) <= {"-"}]
        text = "\n".join(lines[-5:]) if lines else type(exc).__name__
    return text


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("notebook")
    parser.add_argument("output")
    parser.add_argument("--cwd", required=True)
    parser.add_argument("--kernel", default="tslab")
    parser.add_argument("--timeout", type=int, default=900)
    args = parser.parse_args()

    nb = nbformat.read(args.notebook, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name=args.kernel,
        timeout=args.timeout,
        # nbclient stops reading a cell's output 4 s after its reply by default and drops what comes later
        # without a word; a cell that prints thousands of lines takes longer than that to read here.
        iopub_timeout=60,
        raise_on_iopub_timeout=True,
        resources={"metadata": {"path": args.cwd}},
    )
    code_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    summary = {"ok": True, "cells": len(code_cells), "ran": 0, "ms": 0, "failed": None}
    started = time.monotonic()
    try:
        with client.setup_kernel():
            for k, index in enumerate(code_cells):
                cell = nb.cells[index]
                try:
                    client.execute_cell(cell, index, execution_count=k + 1)
                    summary["ran"] += 1
                except (CellExecutionError, CellTimeoutError) as exc:
                    summary["ran"] += 1
                    summary["ok"] = False
                    summary["failed"] = {
                        "index": index,
                        "code_cell": k + 1,
                        "source": cell.source,
                        "error": cell_error_text(cell, exc),
                    }
                    break
    except Exception as exc:  # the kernel did not start, died, …
        summary["ok"] = False
        summary["failed"] = {"index": None, "code_cell": None, "source": "", "error": f"{type(exc).__name__}: {exc}"}
    finally:
        summary["ms"] = round((time.monotonic() - started) * 1000)
        nbformat.write(nb, args.output)
    print(json.dumps(summary))
    return 0 if summary["ok"] else 2


if __name__ == "__main__":
    sys.exit(main())
