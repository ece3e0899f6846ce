#!/usr/bin/env python3
"""Do Python threads scale? 200 pictures through one thread with one posenet.Estimator, then
through 2 threads with an Estimator each (100 pictures each), side by side in one run. The GIL
is released while the engine runs, so on a machine with 2 free cores the 2 threads finish in
about half the time. Run with the venv's python (scripts/install-python.sh):

    build/venv/bin/python bench/python_threads.py [--pictures 200] [--model FILE] [--rounds 3]

Prints the best time of each setup over the rounds and the speed-up. Timings drift when the
machine is busy: read the ratio, and run it again when other work competes for the cores.
"""

import argparse
import os
import threading
import time
from pathlib import Path

import cv2

import posenet

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def pictures(count):
    files = sorted((SHARED / "images").glob("*.jpg"))
    images = [cv2.imread(str(f)) for f in files]
    return [images[i % len(images)] for i in range(count)]


def run(estimators, work):
    """Each estimator in its own thread over its share of `work`; returns the wall seconds and
    the process's CPU seconds (above the wall time only when threads ran at once)."""
    shares = [work[i :: len(estimators)] for i in range(len(estimators))]
    counts = [0] * len(estimators)

    def worker(i):
        for image in shares[i]:
            counts[i] += len(estimators[i].estimate(image, color="bgr")) >= 0

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(estimators))]
    start, cpu_start = time.perf_counter(), time.process_time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    assert sum(counts) == len(work)
    return seconds, cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pictures", type=int, default=200)
    parser.add_argument("--model", default=None, help="default: the posenet tool's")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    work = pictures(args.pictures)
    model = posenet.Model(args.model or posenet.default_model_path())
    one = [posenet.Estimator(model)]
    two = [posenet.Estimator(model), posenet.Estimator(model)]
    run(one, work[:4])  # warm up both setups (first-run packing and allocation)
    run(two, work[:4])
    best1 = best2 = (float("inf"), 0.0)
    for _ in range(args.rounds):  # alternate, so drifting load hits both alike
        best1 = min(best1, run(one, work))
        best2 = min(best2, run(two, work))
    print(f"model {model.path}, {len(work)} pictures, best of {args.rounds} rounds, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for name, (wall, cpu) in (("1 thread ", best1), ("2 threads", best2)):
        print(f"{name}: {wall:7.2f} s  {len(work) / wall:6.1f} pictures/s  "
              f"CPU {cpu:6.2f} s = {cpu / wall:.2f} cores busy")
    print(f"speed-up : {best1[0] / best2[0]:.2f}x")


if __name__ == "__main__":
    main()
