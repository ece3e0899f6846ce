"""posenet.read_video and the writers against `posenet video`: the same lines, byte for byte."""

import os

import pytest

import posenet
from conftest import VIDEO_MODEL, run_cli


@pytest.fixture(scope="module")
def estimator():
    return posenet.Estimator(VIDEO_MODEL)


def test_jsonl_equals_the_tools(videos, cli_jsonl, estimator, tmp_path):
    for video in videos[:2]:
        out = tmp_path / (video.stem + ".jsonl")
        frames = posenet.write_jsonl(out, posenet.read_video(str(video), estimator))
        assert frames == len(cli_jsonl[video].splitlines()) > 10
        assert out.read_text() == cli_jsonl[video]
        assert os.listdir(tmp_path).count(out.name) == 1


def test_frames_unpack_and_csv_equals_the_tools(videos, estimator, tmp_path):
    video = videos[1]
    ref = tmp_path / "ref.csv"
    run_cli("video", video, "--model", VIDEO_MODEL, "--csv", ref, "--max-frames", 8, "--quiet")
    reader = posenet.read_video(video, estimator, max_frames=8)
    seen = []
    frames = []
    for frame in reader:
        index, timestamp_ms, poses = frame
        seen.append((index, timestamp_ms))
        frames.append(frame)
        assert all(p.id >= 0 for p in poses)  # tracked
    assert [i for i, _ in seen] == list(range(8))
    assert seen[1][1] == pytest.approx(1000.0 / reader.fps)
    out = tmp_path / "py.csv"
    assert posenet.write_csv(out, frames) == 8
    assert out.read_text() == ref.read_text()


def test_untracked_frames_and_images(videos, estimator):
    frames = list(posenet.read_video(videos[0], estimator, track=False, max_frames=2,
                                     keep_images=True))
    assert len(frames) == 2
    assert all(p.id == -1 for f in frames for p in f.poses)
    image = frames[0].image
    assert image.shape == (frames[0].height, frames[0].width, 3) and image.dtype.name == "uint8"
    # The frame read back gives the poses read_video found in it.
    again = estimator.estimate(image)
    assert [p.to_dict() for p in again] == [p.to_dict() for p in frames[0].poses]


def test_a_corrupt_video_raises_and_leaves_no_file(corrupt_video, estimator, tmp_path):
    out = tmp_path / "broken.jsonl"
    with pytest.raises(posenet.Error, match="broken.mp4"):
        posenet.write_jsonl(out, posenet.read_video(corrupt_video, estimator))
    assert os.listdir(tmp_path) == []
    with pytest.raises(posenet.Error, match="missing.mp4"):
        posenet.read_video(tmp_path / "missing.mp4", estimator)
