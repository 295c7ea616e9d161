"""What the machine was doing when a benchmark started: figures taken while
other work runs are not comparable, so each bench prints this first."""

import os


def machine_line() -> str:
    """Cores and load average, with a warning when the machine is already busy."""
    cores = os.cpu_count() or 1
    load = os.getloadavg()[0]
    line = f"Machine: {cores} cores, load {load:.2f} (1-minute average) at start"
    if load > 0.5 * cores:
        line += " -- busy: figures will not compare with a quiet run"
    return line
