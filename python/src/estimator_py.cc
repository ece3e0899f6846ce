// Model and Estimator. estimate() reads NumPy arrays where they lie when it can (rows of RGB or
// BGR pixels, also the channel-reversed view img[..., ::-1]) and copies other layouts first; the
// GIL is released while the picture is resized and the network runs, so threads scale.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <mutex>

#include "bindings.h"
#include "estimator_py.h"
#include "pipeline/model_info.h"

namespace posenet::python {
namespace {

namespace py = pybind11;

PixelFormat Swapped(PixelFormat f) {
  return f == PixelFormat::kRgb ? PixelFormat::kBgr : PixelFormat::kRgb;
}

DecoderKind ParseDecoder(const std::string& name) {
  if (name == "auto") return DecoderKind::kAuto;
  if (name == "tfjs") return DecoderKind::kTfjs;
  if (name == "coral") return DecoderKind::kCoral;
  if (name == "single") return DecoderKind::kSinglePose;
  throw py::value_error("decoder must be 'auto', 'tfjs', 'coral' or 'single', not '" + name + "'");
}

}  // namespace

std::vector<Pose> PyEstimator::Estimate(const RgbView& view) {
  std::lock_guard<std::mutex> lock(mutex);  // one Estimate at a time, whatever threads call
  return Unwrap(estimator->Estimate(view));
}

py::dict PyEstimator::ModelInfo() const {
  const JsonModelInfo info = ModelInfoOf(*estimator, model_path);  // the tool's own
  py::dict d;
  d["path"] = info.path;
  d["input_width"] = info.input_width;
  d["input_height"] = info.input_height;
  d["output_stride"] = info.output_stride;
  d["decoder"] = info.decoder;
  return d;
}

void AddEstimator(py::module_& m) {
  py::class_<PyModel, std::shared_ptr<PyModel>>(
      m, "Model", "A verified .tflite model, loaded once and shared by any number of estimators.")
      .def(py::init([](const std::string& path) {
             auto model = std::make_shared<PyModel>();
             {
               py::gil_scoped_release release;
               model->model = Unwrap(Model::Load(path));
             }
             model->path = path;
             return model;
           }),
           py::arg("path"))
      .def_property_readonly("path", [](const PyModel& self) { return self.path; });

  py::class_<PyEstimator>(m, "_Estimator")
      .def(py::init([](const PyModel& model, int threads, int input_height, int input_width,
                       int output_stride, const std::string& decoder, int max_poses,
                       float score_threshold, float nms_radius, bool pad_to_aspect, bool nearest,
                       bool flip_horizontal, bool model_space, bool legacy_edge_channels,
                       float input_mean, float input_std) {
             EstimatorOptions o;
             o.session.threads = threads;
             o.session.input_height = input_height;
             o.session.input_width = input_width;
             o.session.output_stride = output_stride;
             o.decoder = ParseDecoder(decoder);
             o.max_poses = max_poses;
             o.score_threshold = score_threshold;
             o.nms_radius = nms_radius;
             o.pad_to_aspect = pad_to_aspect;
             o.nearest = nearest;
             o.flip_horizontal = flip_horizontal;
             o.model_space = model_space;
             o.legacy_edge_channels = legacy_edge_channels;
             o.input_mean = input_mean;
             o.input_std = input_std;
             auto e = std::make_unique<PyEstimator>();
             e->model_path = model.path;
             py::gil_scoped_release release;
             e->estimator = Unwrap(Estimator::Create(model.model, o));
             return e;
           }),
           py::arg("model"), py::arg("threads"), py::arg("input_height"), py::arg("input_width"),
           py::arg("output_stride"), py::arg("decoder"), py::arg("max_poses"),
           py::arg("score_threshold"), py::arg("nms_radius"), py::arg("pad_to_aspect"),
           py::arg("nearest"), py::arg("flip_horizontal"), py::arg("model_space"),
           py::arg("legacy_edge_channels"), py::arg("input_mean"), py::arg("input_std"))
      .def(
          "estimate",
          [](PyEstimator& e, const py::array& image, const std::string& color) {
            if (color != "rgb" && color != "bgr") {
              throw py::value_error("color must be 'rgb' or 'bgr', not '" + color + "'");
            }
            if (image.ndim() != 3 || image.shape(2) != 3 || image.dtype().kind() != 'u' ||
                image.itemsize() != 1) {
              throw py::value_error(
                  "cannot estimate poses: expected an HxWx3 uint8 array, got shape " +
                  std::string(py::str(image.attr("shape"))) + " dtype " +
                  std::string(py::str(image.dtype())));
            }
            const PixelFormat asked = color == "rgb" ? PixelFormat::kRgb : PixelFormat::kBgr;
            const py::ssize_t h = image.shape(0), w = image.shape(1);
            const py::ssize_t row = image.strides(0), px = image.strides(1), ch = image.strides(2);
            py::array held = image;  // keeps the pixels alive while the GIL is released
            RgbView view{nullptr, static_cast<int>(w), static_cast<int>(h),
                         static_cast<size_t>(row), asked};
            const bool rows_ok = row >= 3 * w && px == 3;
            if (rows_ok && ch == 1) {  // C order, or rows of an ROI
              view.data = static_cast<const uint8_t*>(image.data());
            } else if (rows_ok && ch == -1) {
              // img[..., ::-1]: each pixel's bytes lie reversed from its first channel's address,
              // i.e. the array is the other channel order read from 2 bytes before.
              view.data = static_cast<const uint8_t*>(image.data()) - 2;
              view.format = Swapped(asked);
            } else {  // any other layout (flipped rows, planar, strided pixels): a packed copy
              held = py::array_t<uint8_t, py::array::c_style | py::array::forcecast>::ensure(image);
              view.data = static_cast<const uint8_t*>(held.data());
              view.stride = static_cast<size_t>(held.strides(0));
            }
            py::gil_scoped_release release;
            return e.Estimate(view);
          },
          py::arg("image"), py::arg("color") = "rgb")
      .def_property_readonly("model_info", &PyEstimator::ModelInfo)
      .def_property_readonly("input_width",
                             [](const PyEstimator& e) { return e.estimator->input_width(); })
      .def_property_readonly("input_height",
                             [](const PyEstimator& e) { return e.estimator->input_height(); })
      .def_property_readonly("output_stride",
                             [](const PyEstimator& e) { return e.estimator->output_stride(); })
      .def_property_readonly("last_inference_ms",
                             [](const PyEstimator& e) { return e.estimator->last_inference_ms(); });
}

}  // namespace posenet::python
