#!/usr/bin/env bash
# Installs the posenet Python package (python/) into a virtual environment, offline: Debian's
# python3 with its NumPy, OpenCV and Dask (system site packages), the _posenet module built in
# the release build tree (configured here if it is not yet). Then:
#   build/venv/bin/python -c "import posenet; print(posenet.__version__)"
# or `source build/venv/bin/activate` and use python3. $POSENET_VENV picks another folder.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${POSENET_VENV:-build/venv}
if [ ! -x "$venv/bin/python" ]; then
  /usr/bin/python3 -m venv --system-site-packages "$venv"
fi
"$venv/bin/python" -m pip install --quiet --no-index --no-build-isolation --disable-pip-version-check ./python
"$venv/bin/python" -c "import posenet; print('install-python: posenet', posenet.__version__, 'in $venv')"
