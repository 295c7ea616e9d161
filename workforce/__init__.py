"""The back office's people side: one Django app per capability.

``people`` (label ``workforce``), ``scheduling``, ``leave`` and ``attendance``;
see docs/architecture.md for what each owns and which may import which.
"""
