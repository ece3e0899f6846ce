"""posenet: human pose estimation with posenet.cpp's engine, from Python.

    import cv2, posenet
    estimator = posenet.Estimator()                       # the tool's default model
    poses = estimator.estimate(cv2.imread("people.jpg"), color="bgr")
    for pose in poses:
        print(pose.score, pose.box, pose.keypoints)       # keypoints: (17, 3) float32 x, y, score

    for index, timestamp_ms, poses in posenet.read_video("dance.mp4"):
        ...                                               # ids tracked across frames

Poses are exactly what the ``posenet`` command line tool computes (same float32 values), and
``Pose.to_dict()`` is its JSON. The GIL is released while a picture is estimated, so threads
with one Estimator each run in parallel. Scale-out over many machines: ``posenet.dask``
(docs/scale-out.md).
"""

from ._posenet import KEYPOINT_NAMES, Error, Frame, Model, Pose, Tracker, __version__
from ._estimator import Estimator, default_model_path
from ._video import VideoReader, read_video
from ._writers import CsvWriter, JsonlWriter, write_csv, write_jsonl

__all__ = [
    "KEYPOINT_NAMES",
    "CsvWriter",
    "Error",
    "Estimator",
    "Frame",
    "JsonlWriter",
    "Model",
    "Pose",
    "Tracker",
    "VideoReader",
    "__version__",
    "default_model_path",
    "read_video",
    "write_csv",
    "write_jsonl",
]
