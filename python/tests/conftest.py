"""Shared fixtures: the posenet tool (the reference every Python result is compared with), the
shared pictures and models, and short cuts of the shared videos (made once per run)."""

import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("POSENET_SHARED_DIR", REPO.parent / "shared")) / "data"
CLI = Path(os.environ.get("POSENET_CLI", REPO / "build" / "release" / "apps" / "posenet" / "posenet"))
# The small Coral model keeps the video tests short; the picture test uses the default model.
VIDEO_MODEL = SHARED / "models" / "posenet_mobilenet_v1_075_353_481_quant_decoder.tflite"

# name, source, start second, seconds, scale: ~25-50 frames each.
CUTS = [
    ("dance_a", "dance.mp4", 0, 2, "iw:ih"),
    ("squats", "pose_squats.mp4", 0, 5, "360:-2"),
    ("dance_b", "dance.mp4", 5, 2, "iw:ih"),
]


def run_cli(*args, check=True):
    """Runs the posenet tool; returns the CompletedProcess (text)."""
    if not CLI.is_file():
        pytest.fail(f"{CLI}: the posenet tool is not built (cmake --build --preset release)")
    return subprocess.run([str(CLI), *map(str, args)], capture_output=True, text=True, check=check)


@pytest.fixture(scope="session")
def videos(tmp_path_factory):
    """Three short videos cut from the shared ones (mpeg4, no audio)."""
    folder = tmp_path_factory.mktemp("videos")
    paths = []
    for name, source, start, seconds, scale in CUTS:
        out = folder / f"{name}.mp4"
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-ss", str(start), "-t", str(seconds),
                        "-i", str(SHARED / "videos" / source), "-an", "-vf", f"scale={scale}",
                        "-c:v", "mpeg4", "-q:v", "4", str(out)], check=True)
        paths.append(out)
    return paths


@pytest.fixture(scope="session")
def corrupt_video(videos, tmp_path_factory):
    """The first half of a video's bytes: its index (at the end) is gone."""
    out = tmp_path_factory.mktemp("corrupt") / "broken.mp4"
    data = videos[0].read_bytes()
    out.write_bytes(data[: len(data) // 2])
    return out


@pytest.fixture(scope="session")
def cli_jsonl(videos, tmp_path_factory):
    """`posenet video --jsonl` of each cut with VIDEO_MODEL: the text of each file, by path."""
    folder = tmp_path_factory.mktemp("cli")
    texts = {}
    for video in videos:
        out = folder / (video.stem + ".jsonl")
        run_cli("video", video, "--model", VIDEO_MODEL, "--jsonl", out, "--quiet")
        texts[video] = out.read_text()
    return texts


def read_jsonl(path):
    return [json.loads(line) for line in Path(path).read_text().splitlines()]
