"""posenet.dask.process_videos on a LocalCluster of 2 worker processes: outputs equal to
`posenet video`'s, reruns skip finished videos, a failing video is reported alone, and a worker
killed mid-video leaves complete, equal results and no partial file."""

import os
import signal
import threading
import time

import pytest

distributed = pytest.importorskip("distributed")

import posenet.dask  # noqa: E402
from conftest import VIDEO_MODEL  # noqa: E402


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=40)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def outputs_equal_cli(out, videos, cli_jsonl):
    assert sorted(os.listdir(out)) == sorted(v.stem + ".jsonl" for v in videos)
    for video in videos:
        assert (out / (video.stem + ".jsonl")).read_text() == cli_jsonl[video]


def test_process_videos_then_rerun_skips(client, videos, corrupt_video, cli_jsonl, tmp_path):
    out = tmp_path / "out"
    paths = [str(v) for v in videos] + [str(corrupt_video)]
    results = posenet.dask.process_videos(client, paths, out, model=str(VIDEO_MODEL))
    assert [r.status for r in results] == ["done", "done", "done", "failed"]
    assert "broken.mp4" in results[3].error
    assert [r.frames for r in results[:3]] == [len(cli_jsonl[v].splitlines()) for v in videos]
    outputs_equal_cli(out, videos, cli_jsonl)
    # Each worker process loaded the model once, whatever number of videos it ran.
    loaded = client.run(lambda: list(posenet.dask._models))
    assert all(models in ([], [str(VIDEO_MODEL)]) for models in loaded.values())

    again = posenet.dask.process_videos(client, paths, out, model=str(VIDEO_MODEL))
    assert [r.status for r in again] == ["skipped", "skipped", "skipped", "failed"]


def test_a_killed_worker_still_gives_complete_results(client, videos, cli_jsonl, tmp_path):
    out = tmp_path / "out"
    result = {}
    run = threading.Thread(target=lambda: result.update(
        r=posenet.dask.process_videos(client, [str(v) for v in videos], out,
                                      model=str(VIDEO_MODEL))))
    run.start()
    # Wait for a video to be half written, then kill the worker process writing it.
    killed = None
    deadline = time.monotonic() + 120
    while killed is None and time.monotonic() < deadline and run.is_alive():
        parts = [n for n in (os.listdir(out) if out.exists() else []) if n.endswith(".part")]
        if parts:
            pid = int(parts[0].rsplit("-", 1)[1].split(".")[0])
            os.kill(pid, signal.SIGKILL)
            killed = parts[0]
        time.sleep(0.05)
    run.join(timeout=300)
    assert killed is not None, "no video was in progress to kill"
    assert not run.is_alive()
    assert [r.status for r in result["r"]] == ["done"] * 3
    outputs_equal_cli(out, videos, cli_jsonl)  # also: no ".part" file is left
