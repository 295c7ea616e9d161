"""Training and quality: one Django app per capability.

``courses``, ``qa`` and ``kpis``; see docs/architecture.md for what each owns
and which may import which.
"""
