"""docs/kpi-formulas.md states every measure's formula as the code computes it."""

from pathlib import Path

import pytest

from training.kpis.calculations.measures import MEASURES

DOC = Path(__file__).resolve().parents[3] / "docs" / "kpi-formulas.md"


@pytest.mark.parametrize("key", list(MEASURES))
def test_the_doc_states_each_formula(key):
    assert MEASURES[key].formula in DOC.read_text(encoding="utf-8")
