"""Poses through video files and streams, frame by frame."""

import os

from . import _posenet
from ._estimator import Estimator


class VideoReader:
    """The frames of one video file or stream URL with their poses, as ``posenet video`` reads
    them (same frames, indices and timestamps, same tracking and smoothing by default).
    Iterating yields posenet.Frame objects, which unpack as (index, timestamp_ms, poses).

    estimator: a posenet.Estimator (None: Estimator() with the default model). track: give
    people ids across frames and smooth their keypoints with a posenet.Tracker() (or pass your
    own `tracker`). max_frames: stop after this many. keep_images: Frame.image holds the RGB
    frame. Errors (an unreadable or truncated file) raise posenet.Error, naming the input, after
    the frames that could be read.
    """

    def __init__(self, path_or_url, estimator=None, *, track=True, tracker=None, max_frames=None,
                 keep_images=False):
        self.estimator = estimator if estimator is not None else Estimator()
        if tracker is None and track:
            tracker = _posenet.Tracker()
        self.tracker = tracker
        self._frames = _posenet._VideoPoses(
            self.estimator, os.fspath(path_or_url), tracker,
            -1 if max_frames is None else int(max_frames), bool(keep_images))

    @property
    def name(self):
        """The input as given: the "image.path" of every JSON line."""
        return self._frames.name

    @property
    def fps(self):
        """Frames per second (0 when unknown)."""
        return self._frames.fps

    @property
    def declared_frames(self):
        """The container's frame count (-1 when unknown or live)."""
        return self._frames.declared_frames

    @property
    def model_info(self):
        return self.estimator.model_info

    def __iter__(self):
        return self._frames


def read_video(path_or_url, estimator=None, **options):
    """A VideoReader over `path_or_url`: ``for index, timestamp_ms, poses in read_video(p)``.
    Options: track, tracker, max_frames, keep_images (see VideoReader)."""
    return VideoReader(path_or_url, estimator, **options)
