# Shared set-up for bin/run and bin/test: a virtual environment under .venv with
# the project installed in editable mode. Re-installs only when pyproject.toml
# or setup.py change, so repeated runs start quickly.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"

find_python() {
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
        echo "$candidate"
        return
    fi
  done
  echo "Deskbook needs Python 3.11 (python3.11 or python3 on PATH)." >&2
  exit 1
}

ensure_venv() {
  local extras="$1" stamp want
  if [ ! -x "$VENV/bin/python" ]; then
    echo "Creating a virtual environment in .venv ..."
    "$(find_python)" -m venv "$VENV"
  fi
  stamp="$VENV/.deskbook-installed"
  want="$(cat pyproject.toml setup.py | sha256sum | cut -d' ' -f1) $extras"
  if [ ! -f "$stamp" ] || ! grep -qxF "$want" "$stamp"; then
    echo "Installing Deskbook${extras:+ with [$extras]} ..."
    if ! { "$VENV/bin/python" -m pip install --upgrade pip &&
      "$VENV/bin/python" -m pip install -e ".${extras:+[$extras]}"; } \
      >"$VENV/install.log" 2>&1; then
      tail -n 40 "$VENV/install.log" >&2
      echo "Installation failed; the full log is in .venv/install.log" >&2
      exit 1
    fi
    echo "$want" >"$stamp"
  fi
}
