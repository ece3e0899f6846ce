"""Builds the _posenet extension with the project's CMake build instead of compiling it here:
the module's target is built in the release build tree (build/release, or $POSENET_BUILD_DIR),
so the engine's objects already compiled there are reused, then the module is copied into the
package."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent.parent


def version():
    text = (ROOT / "CMakeLists.txt").read_text()
    return re.search(r"project\(posenet_cpp VERSION ([0-9.]+)", text).group(1)


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build_dir = Path(os.environ.get("POSENET_BUILD_DIR", ROOT / "build" / "release"))
        if not (build_dir / "CMakeCache.txt").exists():
            if "POSENET_BUILD_DIR" in os.environ:
                sys.exit(f"{build_dir}: not a CMake build folder (configure it first)")
            subprocess.check_call(["cmake", "--preset", "release"], cwd=ROOT)
        subprocess.check_call(["cmake", "-S", str(ROOT), "-B", str(build_dir),
                               "-DPOSENET_BUILD_PYTHON=ON", f"-DPython_EXECUTABLE={sys.executable}"],
                              stdout=subprocess.DEVNULL)
        jobs = str(os.cpu_count() or 2)
        subprocess.check_call(["cmake", "--build", str(build_dir), "--target", "_posenet", "-j", jobs])
        built = sorted((build_dir / "python").glob("_posenet*.so"))
        if not built:
            sys.exit(f"{build_dir}/python: the _posenet module was not built")
        target = Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built[-1], target)


setup(
    version=version(),
    ext_modules=[Extension("posenet._posenet", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
)
