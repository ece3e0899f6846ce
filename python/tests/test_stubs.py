"""The type stubs name what the extension module has (and nothing it lacks)."""

import ast
from pathlib import Path

import posenet
from posenet import _posenet


def test_stub_names_exist_in_the_module():
    stub = ast.parse((Path(posenet.__file__).parent / "_posenet.pyi").read_text())
    names = {n.name for n in stub.body if isinstance(n, (ast.ClassDef, ast.FunctionDef))}
    names |= {n.target.id for n in stub.body if isinstance(n, ast.AnnAssign)}
    public = {n for n in dir(_posenet) if not n.startswith("__") or n == "__version__"}
    assert names == public
    for cls in (n for n in stub.body if isinstance(n, ast.ClassDef)):
        for member in cls.body:
            if isinstance(member, ast.FunctionDef) and not member.name.startswith("__"):
                assert hasattr(getattr(_posenet, cls.name), member.name), (cls.name, member.name)
