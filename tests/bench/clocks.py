"""Timing what a benchmark runs, in wall and CPU seconds."""

import time


class Clock:
    """Wall and CPU seconds of what runs inside: on a machine shared with
    other work, the CPU time (SQLite runs in this process) says more."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu
