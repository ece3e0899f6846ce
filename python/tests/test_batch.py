"""`posenet batch`: shards that cover the manifest exactly once, outputs equal to `posenet
video`'s, a corrupt video reported while the others finish, exit code 2, resumable."""

import os

from conftest import VIDEO_MODEL, run_cli


def test_shards_cover_the_manifest_once(videos, corrupt_video, cli_jsonl, tmp_path):
    manifest = tmp_path / "videos.txt"
    lines = [str(videos[0]), "# a comment", "", str(corrupt_video), str(videos[1]), str(videos[2])]
    manifest.write_text("\n".join(lines) + "\n")
    out = tmp_path / "out"
    expected = {v.stem + ".jsonl" for v in videos}

    produced = []
    codes = []
    for shard in ("0/2", "1/2"):
        before = set(os.listdir(out)) if out.exists() else set()
        r = run_cli("batch", manifest, "--out", out, "--shard", shard, "--model", VIDEO_MODEL,
                    check=False)
        codes.append(r.returncode)
        produced.append(set(os.listdir(out)) - before)
        if shard == "0/2":  # entries 0 and 2: videos[0] and videos[1]
            assert r.returncode == 0, r.stderr
        else:  # entries 1 and 3: the corrupt one, reported, and videos[2], finished
            assert r.returncode == 2
            assert "broken.mp4" in r.stderr and "1 done, 0 skipped (already done), 1 failed" in r.stderr
    assert produced[0] & produced[1] == set()
    assert produced[0] | produced[1] == expected
    assert sorted(os.listdir(out)) == sorted(expected)  # no temporary or partial file left
    for video in videos:
        assert (out / (video.stem + ".jsonl")).read_text() == cli_jsonl[video]

    # A rerun skips what is done and tries the failed video again.
    stamps = {name: os.stat(out / name).st_mtime_ns for name in expected}
    r = run_cli("batch", manifest, "--out", out, "--model", VIDEO_MODEL, check=False)
    assert r.returncode == 2
    assert "0 done, 3 skipped (already done), 1 failed" in r.stderr
    assert {name: os.stat(out / name).st_mtime_ns for name in expected} == stamps


def test_bad_arguments_are_one_line_errors(tmp_path):
    for args, message in [
        (("batch", tmp_path / "none.txt", "--out", tmp_path), "none.txt: cannot read manifest"),
        (("batch", tmp_path / "none.txt", "--out", tmp_path, "--shard", "2/2"), "cannot use --shard 2/2"),
        (("batch", tmp_path / "none.txt", "--out", tmp_path, "--shard", "1"), "cannot use --shard 1"),
    ]:
        r = run_cli(*args, check=False)
        assert r.returncode == 1
        assert message in r.stderr and len(r.stderr.strip().splitlines()) == 1
