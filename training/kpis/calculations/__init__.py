"""KPI formulas, the composite score, new-hire ramp curves and training
effectiveness: pure functions with no Django import (docs/kpi-formulas.md)."""
