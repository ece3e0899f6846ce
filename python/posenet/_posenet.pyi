# Types of the _posenet extension module (python/src); the package's Python modules carry their
# own. Checked against the module by python/tests/test_stubs.py.
from typing import Iterator, Sequence

import numpy as np
import numpy.typing as npt

__version__: str
_shared_dir: str
_CSV_HEADER: str
KEYPOINT_NAMES: tuple[str, ...]

class Error(RuntimeError): ...

class Pose:
    score: float
    id: int
    @property
    def box(self) -> tuple[float, float, float, float]: ...
    @property
    def keypoints(self) -> npt.NDArray[np.float32]: ...  # (17, 3): x, y, score
    def to_dict(self) -> dict: ...

class Tracker:
    def __init__(
        self,
        *,
        similarity: str = "oks",
        min_similarity: float = 0.2,
        max_tracks: int = 16,
        max_age_frames: int = 10,
        min_keypoint_score: float = 0.3,
        smoothing: bool = True,
        min_cutoff: float = 1.0,
        beta: float = 0.02,
        d_cutoff: float = 1.0,
    ) -> None: ...
    def update(self, poses: Sequence[Pose], t_seconds: float) -> list[Pose]: ...
    @property
    def ids_seen(self) -> int: ...
    @property
    def live_tracks(self) -> int: ...

class Model:
    def __init__(self, path: str) -> None: ...
    @property
    def path(self) -> str: ...

class _Estimator:
    def __init__(
        self,
        model: Model,
        threads: int,
        input_height: int,
        input_width: int,
        output_stride: int,
        decoder: str,
        max_poses: int,
        score_threshold: float,
        nms_radius: float,
        pad_to_aspect: bool,
        nearest: bool,
        flip_horizontal: bool,
        model_space: bool,
        legacy_edge_channels: bool,
        input_mean: float,
        input_std: float,
    ) -> None: ...
    def estimate(self, image: npt.NDArray[np.uint8], color: str = "rgb") -> list[Pose]: ...
    @property
    def model_info(self) -> dict: ...
    @property
    def input_width(self) -> int: ...
    @property
    def input_height(self) -> int: ...
    @property
    def output_stride(self) -> int: ...
    @property
    def last_inference_ms(self) -> float: ...

class Frame:
    @property
    def index(self) -> int: ...
    @property
    def timestamp_ms(self) -> float: ...
    @property
    def width(self) -> int: ...
    @property
    def height(self) -> int: ...
    @property
    def poses(self) -> list[Pose]: ...
    @property
    def image(self) -> npt.NDArray[np.uint8] | None: ...
    def __iter__(self) -> Iterator[object]: ...

class _VideoPoses:
    def __init__(
        self, estimator: _Estimator, input: str, tracker: Tracker | None, max_frames: int,
        keep_images: bool
    ) -> None: ...
    def __iter__(self) -> _VideoPoses: ...
    def __next__(self) -> Frame: ...
    @property
    def fps(self) -> float: ...
    @property
    def name(self) -> str: ...
    @property
    def declared_frames(self) -> int: ...

def _jsonl_line(frame: int, timestamp_ms: float, poses: Sequence[Pose], image_path: str,
                width: int, height: int, model: dict) -> str: ...
def _json_document(poses: Sequence[Pose], image_path: str, width: int, height: int,
                   model: dict) -> str: ...
def _csv_rows(frame: int, timestamp_ms: float, poses: Sequence[Pose]) -> str: ...
