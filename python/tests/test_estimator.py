"""posenet.Estimator against the posenet tool: the same float32 numbers for the same picture,
whatever the array's layout."""

import json
import subprocess
import sys

import cv2
import numpy as np
import pytest

import posenet
from conftest import CLI, REPO, SHARED, VIDEO_MODEL, run_cli

PICTURE = SHARED / "images" / "test_couple.jpg"


def test_version_matches_the_tool():
    assert posenet.__version__ == run_cli("--version").stdout.split()[-1]


@pytest.fixture(scope="module")
def cli_poses(tmp_path_factory):
    out = tmp_path_factory.mktemp("detect") / "couple.json"
    run_cli("detect", PICTURE, "--json", out)
    return json.loads(out.read_text())["poses"]


@pytest.fixture(scope="module")
def estimator():
    return posenet.Estimator()  # the tool's default model, found the same way


def assert_same_as_cli(poses, cli_poses):
    assert len(poses) == len(cli_poses) > 0
    for pose, ref in zip(poses, cli_poses):
        # The tool prints each float32 in its shortest round-trip form: read back as float32 it
        # is the very value, so equality is exact.
        expected = np.array([[k["x"], k["y"], k["score"]] for k in ref["keypoints"]], np.float32)
        assert pose.keypoints.dtype == np.float32 and pose.keypoints.shape == (17, 3)
        np.testing.assert_array_equal(pose.keypoints, expected)
        assert np.float32(pose.score) == np.float32(ref["score"])
        np.testing.assert_array_equal(np.float32(pose.box), np.float32(ref["box"]))
        assert pose.id == -1
        assert pose.to_dict() == ref


def test_rgb_view_of_opencv_picture_gives_the_tools_numbers(estimator, cli_poses):
    bgr = cv2.imread(str(PICTURE))
    rgb_view = bgr[..., ::-1]  # negative channel stride, read in place
    assert rgb_view.strides[2] == -1
    assert_same_as_cli(estimator.estimate(rgb_view), cli_poses)


def test_every_layout_gives_the_same_poses(estimator, cli_poses):
    bgr = cv2.imread(str(PICTURE))
    rgb = np.ascontiguousarray(bgr[..., ::-1])
    assert_same_as_cli(estimator.estimate(bgr, color="bgr"), cli_poses)
    assert_same_as_cli(estimator.estimate(rgb), cli_poses)
    assert_same_as_cli(estimator.estimate(rgb[..., ::-1], color="bgr"), cli_poses)
    # Fortran order and rows upside down twice: copied to packed rows first.
    assert_same_as_cli(estimator.estimate(np.asfortranarray(rgb)), cli_poses)
    assert_same_as_cli(estimator.estimate(rgb[::-1][::-1]), cli_poses)
    # A view with a row stride wider than its rows (an ROI) is read in place: the same poses as
    # the packed copy of that region.
    padded = np.zeros((rgb.shape[0], rgb.shape[1] + 7, 3), np.uint8)
    padded[:, 3 : 3 + rgb.shape[1]] = rgb
    roi = padded[:, 3 : 3 + rgb.shape[1]]
    assert not roi.flags.c_contiguous
    assert_same_as_cli(estimator.estimate(roi), cli_poses)


def test_flipped_rows_are_not_misread(estimator):
    rgb = np.ascontiguousarray(cv2.imread(str(PICTURE))[..., ::-1])
    flipped = rgb[::-1]  # negative row stride
    reference = estimator.estimate(np.ascontiguousarray(flipped))
    poses = estimator.estimate(flipped)
    assert len(poses) == len(reference) > 0
    for a, b in zip(poses, reference):
        np.testing.assert_array_equal(a.keypoints, b.keypoints)


def test_bad_arrays_are_value_errors(estimator):
    for bad in (np.zeros((64, 64), np.uint8), np.zeros((64, 64, 4), np.uint8),
                np.zeros((64, 64, 3), np.float32), np.zeros((64, 64, 3), np.uint16)):
        with pytest.raises(ValueError, match="expected an HxWx3 uint8 array"):
            estimator.estimate(bad)
    with pytest.raises(ValueError, match="color"):
        estimator.estimate(np.zeros((64, 64, 3), np.uint8), color="hsv")
    with pytest.raises(posenet.Error, match="too small|smaller|at least"):
        estimator.estimate(np.zeros((4, 4, 3), np.uint8))


def test_a_bad_model_is_an_error_naming_the_file(tmp_path):
    bad = tmp_path / "bad.tflite"
    bad.write_bytes(b"not a model at all, just some bytes")
    with pytest.raises(posenet.Error, match=str(bad)):
        posenet.Estimator(bad)
    with pytest.raises(posenet.Error, match="missing.tflite"):
        posenet.Estimator(tmp_path / "missing.tflite")


def test_options_reach_the_engine():
    e = posenet.Estimator(VIDEO_MODEL, input_size=(257, 353), decoder="tfjs", threads=2)
    assert (e.input_height, e.input_width) == (257, 353)
    assert e.model_info == {"path": str(VIDEO_MODEL), "input_width": 353, "input_height": 257,
                            "output_stride": 16, "decoder": "tfjs-multi"}
    with pytest.raises(ValueError, match="decoder"):
        posenet.Estimator(VIDEO_MODEL, decoder="fast")


def test_to_json_is_the_tools_document(estimator, tmp_path):
    out = tmp_path / "couple.json"
    run_cli("detect", PICTURE, "--json", out, "--model", estimator.model.path)
    bgr = cv2.imread(str(PICTURE))
    poses = estimator.estimate(bgr, color="bgr")
    text = estimator.to_json(poses, str(PICTURE), bgr.shape[1], bgr.shape[0])
    assert text == out.read_text()


def test_tracker_gives_ids_and_keeps_them():
    pose = posenet.Estimator().estimate(cv2.imread(str(PICTURE)), color="bgr")
    tracker = posenet.Tracker(smoothing=False)
    first = tracker.update(pose, 0.0)
    second = tracker.update(pose, 0.04)
    assert [p.id for p in first] == list(range(len(pose)))
    assert [p.id for p in second] == [p.id for p in first]
    assert tracker.ids_seen == len(pose)
    with pytest.raises(posenet.Error):
        tracker.update(pose, -1.0)  # time going backwards
    with pytest.raises(posenet.Error):
        posenet.Tracker(max_tracks=0)


def test_import_from_a_fresh_interpreter():
    # What a user types after the install step (the interpreter running these tests).
    out = subprocess.run([sys.executable, "-c", "import posenet; print(posenet.__version__)"],
                         capture_output=True, text=True, check=True, cwd=REPO.parent)
    assert out.stdout.strip() == posenet.__version__
