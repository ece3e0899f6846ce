"""The complete examples of docs/python.md and docs/scale-out.md run as written."""

import re
import subprocess
import sys

from conftest import REPO


def python_blocks(doc):
    return re.findall(r"```python\n(.*?)```", (REPO / "docs" / doc).read_text(), re.S)


def run_example(code):
    return subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                          timeout=600)


def test_python_md_example():
    (block,) = python_blocks("python.md")
    r = run_example(block)
    assert r.returncode == 0, r.stderr
    assert re.search(r"^person 0\.\d\d: box \(", r.stdout, re.M)
    assert "10 frames in out/dance.jsonl" in r.stdout
    assert len((REPO / "out" / "dance.jsonl").read_text().splitlines()) == 10


def test_scale_out_md_example():
    (block,) = python_blocks("scale-out.md")
    r = run_example(block)
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("done ") + r.stdout.count("skipped ") == 2
