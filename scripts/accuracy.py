#!/usr/bin/python3
"""PCK and left/right collapse against the hand-marked keypoints of tests/data/hand_marks.json.

Usage (from the checkout, with ../shared beside it and the release build made):
  /usr/bin/python3 scripts/accuracy.py [--tool build/release/apps/posenet/posenet]
      [--config 'NAME=FLAGS' ...] [--markdown]

Without --config it runs the table of docs/accuracy.md: every shared 0.75 model (three input
sizes, with and without Coral's decoder op) x decoder (coral, tfjs, and posenet.cpp's) x resize
mode (pad, stretch). The marked video frames are extracted with ffmpeg into a temporary folder;
every configuration runs `posenet detect` on the same 32 pictures.

Measures, for each marked person (matched to the predicted pose with the most keypoints within
0.2 of the person's size; unmatched people count every keypoint as missed):
  PCK@a   the share of marked keypoints (v >= 1) predicted within a * D of the mark, D = the
          diagonal of the box around the person's marked keypoints; per joint group and overall.
  collapse  for knees and ankles whose two marks are at least 0.1 * D apart: the share of
          pairs whose left and right predictions land on the same limb (both nearer the same
          mark, and closer to each other than half the marked distance).
Only the Python standard library is used.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile

GROUPS = [("head", [0, 1, 2, 3, 4]), ("shoulders", [5, 6]), ("elbows", [7, 8]),
          ("wrists", [9, 10]), ("hips", [11, 12]), ("knees", [13, 14]), ("ankles", [15, 16])]
PAIRS = [(13, 14), (15, 16)]  # knees, ankles
MODELS = "../shared/data/models/posenet_mobilenet_v1_075_{}_quant{}.tflite"
SIZES = ["353_481", "481_641", "721_1281"]


def default_configs():
    configs = []
    for size in SIZES:
        for suffix, head in (("_decoder", "op heads"), ("", "plain")):
            model = MODELS.format(size, suffix)
            for decoder in ("coral", "tfjs", "posenet"):
                for resize in ("pad", "stretch"):
                    name = f"{size.replace('_', 'x')} {head} | {decoder} | {resize}"
                    configs.append((name, ["--model", model, "--decoder", decoder, "--resize",
                                           resize]))
    return configs


def extract_pictures(marks, shared, folder):
    """Path of each marked frame: pictures as they are, video frames extracted to PNG."""
    paths = []
    for i, frame in enumerate(marks["frames"]):
        source = os.path.join(shared, "data", frame["source"])
        if frame["source"].startswith("videos/"):
            out = os.path.join(folder, "%02d_%s_%d.png" % (
                i, os.path.basename(frame["source"]).split(".")[0], frame["frame"]))
            subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", source, "-vf",
                            "select=eq(n\\,%d)" % frame["frame"], "-vsync", "0", "-frames:v",
                            "1", out], check=True)
            paths.append(out)
        else:
            paths.append(source)
    return paths


def size_of(person):
    pts = [(x, y) for x, y, v in person["keypoints"] if v > 0]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return math.hypot(max(xs) - min(xs), max(ys) - min(ys))


def distance(pred, x, y):
    return math.hypot(pred["x"] - x, pred["y"] - y)


def match(person, poses):
    """The predicted pose with the most keypoints within 0.2 D of the marks (None if none)."""
    d = size_of(person)
    best, best_hits = None, 0
    for pose in poses:
        hits = sum(1 for (x, y, v), p in zip(person["keypoints"], pose["keypoints"])
                   if v > 0 and distance(p, x, y) <= 0.2 * d)
        if hits > best_hits:
            best, best_hits = pose, hits
    return best


def collapsed(person, pose, left, right):
    (lx, ly, lv), (rx, ry, rv) = person["keypoints"][left], person["keypoints"][right]
    apart = math.hypot(lx - rx, ly - ry)
    if lv == 0 or rv == 0 or apart < 0.1 * size_of(person):
        return None  # not evaluated
    if pose is None:
        return None
    pl, pr = pose["keypoints"][left], pose["keypoints"][right]
    same_limb = (distance(pl, lx, ly) < distance(pl, rx, ry)) != (
        distance(pr, lx, ly) > distance(pr, rx, ry))
    close = math.hypot(pl["x"] - pr["x"], pl["y"] - pr["y"]) < 0.5 * apart
    return same_limb and close


def evaluate(marks, results):
    """results[i]: the poses of frame i. Returns {group: (pck01, pck02)}, overall, collapse."""
    hit = {g: [0, 0, 0] for g, _ in GROUPS}  # within 0.1, within 0.2, total
    pairs = [0, 0]  # collapsed, evaluated
    for frame, poses in zip(marks["frames"], results):
        for person in frame["people"]:
            pose = match(person, poses)
            d = size_of(person)
            for group, ids in GROUPS:
                for k in ids:
                    x, y, v = person["keypoints"][k]
                    if v == 0:
                        continue
                    hit[group][2] += 1
                    if pose is None:
                        continue
                    e = distance(pose["keypoints"][k], x, y)
                    hit[group][0] += e <= 0.1 * d
                    hit[group][1] += e <= 0.2 * d
            for left, right in PAIRS:
                c = collapsed(person, pose, left, right)
                if c is not None:
                    pairs[0] += c
                    pairs[1] += 1
    table = {g: (100.0 * a / n, 100.0 * b / n) for g, (a, b, n) in hit.items()}
    total = [sum(hit[g][i] for g in hit) for i in range(3)]
    overall = (100.0 * total[0] / total[2], 100.0 * total[1] / total[2])
    return table, overall, 100.0 * pairs[0] / max(pairs[1], 1), pairs[1]


def run_config(tool, flags, pictures):
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        r = subprocess.run([tool, "detect", *pictures, "--json", out.name, *flags],
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(r.stderr.strip())
        data = json.load(open(out.name))
    return [entry["poses"] for entry in data]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", default=os.path.join(root, "build/release/apps/posenet/posenet"))
    ap.add_argument("--shared", default=os.path.join(root, "../shared"))
    ap.add_argument("--marks", default=os.path.join(root, "tests/data/hand_marks.json"))
    ap.add_argument("--config", action="append", default=[],
                    help="NAME=FLAGS (posenet detect flags, space separated)")
    ap.add_argument("--markdown", action="store_true", help="print a markdown table")
    args = ap.parse_args()
    marks = json.load(open(args.marks))
    configs = [(c.split("=", 1)[0], c.split("=", 1)[1].split()) for c in args.config]
    configs = configs or default_configs()
    with tempfile.TemporaryDirectory() as folder:
        pictures = extract_pictures(marks, args.shared, folder)
        groups = [g for g, _ in GROUPS]
        if args.markdown:
            print("| configuration | " + " | ".join(groups) + " | overall | L/R collapse |")
            print("|---" * (len(groups) + 3) + "|")
        for name, flags in configs:
            table, overall, collapse, npairs = evaluate(marks,
                                                        run_config(args.tool, flags, pictures))
            cells = ["%.0f / %.0f" % table[g] for g in groups]
            if args.markdown:
                print("| %s | %s | **%.1f** / %.1f | %.0f%% |" % (
                    name, " | ".join(cells), overall[0], overall[1], collapse))
            else:
                print("%-40s %s  overall %.1f / %.1f  collapse %.0f%% of %d" % (
                    name, " ".join(cells), overall[0], overall[1], collapse, npairs))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
