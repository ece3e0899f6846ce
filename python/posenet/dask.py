"""Video archives on a Dask cluster: one task per video, each worker loading the model once.

    from distributed import Client
    import posenet.dask
    client = Client("tcp://scheduler:8786")
    results = posenet.dask.process_videos(client, paths, "/data/poses", threads=1)
    failed = [r for r in results if r.status == "failed"]

Each video's poses go to <out_dir>/<video name>.jsonl, the lines ``posenet video --jsonl``
writes, written under a temporary name and renamed when complete: an output is whole or absent.
Outputs that exist are skipped, so a run that was interrupted is simply started again. A video
that fails (unreadable, truncated) is reported in its result and the others go on; a worker
that dies mid-video has its task run again elsewhere by Dask. See docs/scale-out.md.
"""

import glob
import os
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

from . import _posenet
from ._estimator import Estimator
from ._video import read_video
from ._writers import JsonlWriter

_TRACKER_OPTIONS = {"similarity", "min_similarity", "max_tracks", "max_age_frames",
                    "min_keypoint_score", "smoothing", "min_cutoff", "beta", "d_cutoff"}


@dataclass
class VideoResult:
    """What became of one video: status is "done", "skipped" (its output existed) or "failed"
    (error says why; no output was written)."""

    path: str
    output: str
    status: str
    frames: int = 0
    error: str = ""


def output_names(paths):
    """The output file name of each path: its file name without extension plus ".jsonl", with
    "_2", "_3" ... for later paths sharing one (the names ``posenet batch`` gives)."""
    seen = {}
    names = []
    for path in paths:
        stem = Path(os.fspath(path)).stem
        if not stem or stem.startswith("."):
            stem = "video" + stem
        seen[stem] = seen.get(stem, 0) + 1
        n = seen[stem]
        names.append((stem if n == 1 else f"{stem}_{n}") + ".jsonl")
    return names


# Per worker process: models by path (loaded once), estimators per thread (an Estimator runs one
# picture at a time; Dask workers may run several tasks at once).
_models = {}
_models_lock = threading.Lock()
_local = threading.local()


def _estimator(options):
    model_path = options.get("model") or _posenet_default_model()
    with _models_lock:
        model = _models.get(model_path)
        if model is None:
            model = _models[model_path] = _posenet.Model(os.fspath(model_path))
    key = repr(sorted(options.items()))
    cache = getattr(_local, "estimators", None)
    if cache is None:
        cache = _local.estimators = {}
    if key not in cache:
        cache[key] = Estimator(model, **{k: v for k, v in options.items() if k != "model"})
    return cache[key]


def _posenet_default_model():
    from ._estimator import default_model_path
    return default_model_path()


def process_video(path, output, options):
    """One video to `output` (the task each worker runs). Returns a VideoResult; never raises
    for a bad video."""
    if os.path.exists(output):
        return VideoResult(path, output, "skipped")
    estimator_options = {k: v for k, v in options.items()
                         if k not in _TRACKER_OPTIONS and k not in ("track", "max_frames")}
    tracker_options = {k: v for k, v in options.items() if k in _TRACKER_OPTIONS}
    try:
        estimator = _estimator(estimator_options)
        tracker = _posenet.Tracker(**tracker_options) if options.get("track", True) else None
        video = read_video(path, estimator, track=tracker is not None, tracker=tracker,
                           max_frames=options.get("max_frames"))
        frames = 0
        with JsonlWriter(output, video.name, video.model_info) as writer:
            for frame in video:
                writer.write(frame)
                frames += 1
    except (_posenet.Error, OSError, ValueError) as e:
        return VideoResult(path, output, "failed", error=str(e))
    return VideoResult(path, output, "done", frames=frames)


def _remove_partial(output):
    folder, name = os.path.split(output)
    for part in glob.glob(os.path.join(glob.escape(folder), "." + glob.escape(name) + ".*.part")):
        try:
            os.remove(part)
        except FileNotFoundError:
            pass


def process_videos(client, paths, out_dir, **options):
    """Every video of `paths` (files or stream URLs, as the workers see them) through the
    estimator on `client`'s cluster, one task per video, to <out_dir>/<name>.jsonl. Options:
    the Estimator's (model, threads, input_size, decoder, ...), the Tracker's (similarity,
    smoothing, ...), track=False for raw poses, max_frames. Returns one VideoResult per path, in
    order. Videos whose output exists are skipped without a task."""
    paths = [os.fspath(p) for p in paths]
    out_dir = os.path.abspath(os.fspath(out_dir))
    os.makedirs(out_dir, exist_ok=True)
    outputs = [os.path.join(out_dir, name) for name in output_names(paths)]
    results = [None] * len(paths)
    futures = {}
    run = uuid.uuid4().hex[:8]
    for i, (path, output) in enumerate(zip(paths, outputs)):
        if os.path.exists(output):
            results[i] = VideoResult(path, output, "skipped")
            continue
        key = f"posenet-video-{Path(output).stem}-{run}"
        futures[i] = client.submit(process_video, path, output, options, key=key, pure=False)
    for i, future in futures.items():
        try:
            results[i] = future.result()
        except Exception as e:  # the task itself died (e.g. its workers kept being killed)
            results[i] = VideoResult(paths[i], outputs[i], "failed", error=f"{paths[i]}: {e!r}")
    # Every task has ended: temporary files left by workers that died are garbage now.
    for output in outputs:
        _remove_partial(output)
    return results
