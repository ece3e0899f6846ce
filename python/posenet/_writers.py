"""Result files as the ``posenet`` tool writes them: JSON Lines (one frame per line) and CSV
(one row per frame, person and keypoint). A file appears whole or not at all: it is written
under a temporary name in the same folder and renamed when closed without error."""

import os
import socket

from . import _posenet


def temporary_path(path):
    """The hidden ".<name>.<host>-<pid>.part" beside `path` that a writer fills before the
    rename (unique per process, also on a file system shared by machines)."""
    folder, name = os.path.split(os.fspath(path))
    return os.path.join(folder, f".{name}.{socket.gethostname()}-{os.getpid()}.part")


class _AtomicText:
    def __init__(self, path):
        self.path = os.fspath(path)
        self._temporary = temporary_path(self.path)
        self._file = open(self._temporary, "w", encoding="utf-8", newline="\n")

    def _write(self, text):
        self._file.write(text)

    def close(self):
        """Makes the file final (flushed, synced, renamed to its name)."""
        if self._file is None:
            return
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        self._file = None
        os.replace(self._temporary, self.path)

    def abort(self):
        """Drops what was written: no file appears."""
        if self._file is None:
            return
        self._file.close()
        self._file = None
        try:
            os.remove(self._temporary)
        except FileNotFoundError:
            pass

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.close()
        else:
            self.abort()
        return False


class JsonlWriter(_AtomicText):
    """Frames as ``posenet video --jsonl`` writes them. image_path names the input in every
    line; model_info is Estimator.model_info."""

    def __init__(self, path, image_path, model_info):
        super().__init__(path)
        self._image_path = image_path
        self._model = dict(model_info)

    def write(self, frame):
        self._write(_posenet._jsonl_line(frame.index, frame.timestamp_ms, frame.poses,
                                         self._image_path, frame.width, frame.height,
                                         self._model) + "\n")


class CsvWriter(_AtomicText):
    """Frames as ``posenet video --csv`` writes them (header, then one row per keypoint)."""

    def __init__(self, path):
        super().__init__(path)
        self._write(_posenet._CSV_HEADER + "\n")

    def write(self, frame):
        self._write(_posenet._csv_rows(frame.index, frame.timestamp_ms, frame.poses))


def write_jsonl(path, video):
    """Every frame of a VideoReader to `path` as JSON Lines; returns the number of frames. On an
    error nothing is left at `path` and the error is raised."""
    frames = 0
    with JsonlWriter(path, video.name, video.model_info) as writer:
        for frame in video:
            writer.write(frame)
            frames += 1
    return frames


def write_csv(path, frames):
    """Frames (a VideoReader or any iterable of posenet.Frame) to `path` as CSV; returns the
    number of frames."""
    count = 0
    with CsvWriter(path) as writer:
        for frame in frames:
            writer.write(frame)
            count += 1
    return count
