"""The Estimator: a model and the settings that turn pictures into poses."""

import os
from pathlib import Path

from . import _posenet

_SHARED_MODEL = "data/models/posenet_mobilenet_v1_075_481_641_quant_decoder.tflite"
_STARTER_MODEL = "posenet_mobilenet_v1_100_257x257_multi_kpt_stripped.tflite"


def default_model_path():
    """The model the ``posenet`` tool uses when --model is absent, found the same way:
    $POSENET_MODEL; else the shared Coral model (../shared/data/models/..., from the working
    folder, then from the checkout the package was built in); else the starter model cached by
    ``posenet fetch-model``. Raises posenet.Error when there is none."""
    env = os.environ.get("POSENET_MODEL")
    if env:
        return env
    for root in (Path("../shared"), Path(_posenet._shared_dir)):
        if (root / _SHARED_MODEL).is_file():
            return str(root / _SHARED_MODEL)
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path(os.environ.get("HOME", ".")) / ".cache")
    cached = Path(cache) / "posenet" / _STARTER_MODEL
    if cached.is_file():
        return str(cached)
    raise _posenet.Error(
        "cannot find a model: pass model=FILE or set POSENET_MODEL; Google's starter model "
        "can be downloaded with 'posenet fetch-model'"
    )


def _size(input_size):
    if input_size is None:
        return 0, 0
    if isinstance(input_size, str):
        h, sep, w = input_size.partition("x")
        if not sep:
            raise ValueError(f"input_size must be (height, width) or 'HxW', not {input_size!r}")
        return int(h), int(w)
    if isinstance(input_size, int):
        return input_size, input_size
    h, w = input_size
    return int(h), int(w)


def _choice(name, value, allowed):
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")
    return value


class Estimator(_posenet._Estimator):
    """Poses from pictures with one model and one set of settings (the ``posenet detect``
    options, with the same defaults).

    model: a .tflite path or a loaded posenet.Model (shared by several estimators); None finds
    the tool's default model (default_model_path()). threads: inference threads. input_size:
    the model input as (height, width) or "HxW" (default: the file's own). output_stride: 8, 16
    or 32 (default: the model's own). decoder: "auto" (Coral's for models with the decoder op,
    else TF.js multi-pose), "tfjs", "coral" or "single". max_poses, score_threshold, nms_radius:
    None keeps the decoder's defaults. resize: "pad" (keep the aspect) or "stretch".
    interpolation: "bilinear" or "nearest" (PIL-exact). keypoint_space: "image" (picture
    pixels) or "model" (model-input pixels).

    Not for two threads at once: give each thread its own Estimator (a shared one is safe but
    runs one picture at a time).
    """

    def __init__(
        self,
        model=None,
        threads=1,
        input_size=None,
        output_stride=None,
        decoder="auto",
        *,
        max_poses=None,
        score_threshold=None,
        nms_radius=None,
        resize="pad",
        interpolation="bilinear",
        keypoint_space="image",
        flip_horizontal=False,
        modern_edge_channels=False,
        input_mean=127.5,
        input_std=127.5,
    ):
        if model is None:
            model = default_model_path()
        if not isinstance(model, _posenet.Model):
            model = _posenet.Model(os.fspath(model))
        height, width = _size(input_size)
        super().__init__(
            model=model,
            threads=int(threads),
            input_height=height,
            input_width=width,
            output_stride=int(output_stride or 0),
            decoder=_choice("decoder", decoder, ("auto", "tfjs", "coral", "single")),
            max_poses=-1 if max_poses is None else int(max_poses),
            score_threshold=-1.0 if score_threshold is None else float(score_threshold),
            nms_radius=-1.0 if nms_radius is None else float(nms_radius),
            pad_to_aspect=_choice("resize", resize, ("pad", "stretch")) == "pad",
            nearest=_choice("interpolation", interpolation, ("bilinear", "nearest")) == "nearest",
            flip_horizontal=bool(flip_horizontal),
            model_space=_choice("keypoint_space", keypoint_space, ("image", "model")) == "model",
            legacy_edge_channels=not modern_edge_channels,
            input_mean=float(input_mean),
            input_std=float(input_std),
        )
        self.model = model

    def estimate(self, image, color="rgb"):
        """People in an HxWx3 uint8 picture, best first: a list of posenet.Pose with keypoints
        in picture pixels. color: "rgb", or "bgr" for OpenCV's arrays. Any strides are read
        correctly (img[..., ::-1] and ROIs without a copy; other layouts are copied first)."""
        return super().estimate(image, color)

    def to_json(self, poses, image_path="", width=0, height=0):
        """The JSON document ``posenet detect --json`` writes for these poses (a str)."""
        return _posenet._json_document(poses, image_path, width, height, self.model_info)
