"""Lists the packages for setuptools; all other metadata lives in pyproject.toml.

``site/`` holds the project package but installs as ``deskbook`` (see
``package-dir`` in pyproject.toml), so its sub-packages are renamed here.
"""

from setuptools import find_packages, setup

APPS = ["kb", "lessons", "workforce", "training"]

packages = ["deskbook"]
packages += [f"deskbook.{name}" for name in find_packages("site")]
packages += find_packages(include=[f"{app}*" for app in APPS])

setup(packages=packages)
