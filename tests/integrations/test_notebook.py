"""docs/quickstart.ipynb runs top to bottom on the fixture articles."""

from __future__ import annotations

from pathlib import Path

from tests.integrations.extras import needs

nbformat = needs("nbformat")
nbclient = needs("nbclient")
needs("ipykernel")
needs("pandas")

NOTEBOOK = Path(__file__).resolve().parents[2] / "docs" / "quickstart.ipynb"


def test_quickstart_notebook_runs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.get("outputs", [])]
    assert not [output for output in outputs if output.get("output_type") == "error"]
    assert any("<mark" in output.get("data", {}).get("text/html", "") for output in outputs)
