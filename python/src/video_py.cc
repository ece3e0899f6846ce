// VideoPoses: frames of a video file or stream through an estimator (and a tracker), one frame
// per next(), as `posenet video` reads them (same decoding, frame indices and timestamps). The
// GIL is released while a frame is decoded, estimated and tracked.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cstring>
#include <memory>
#include <optional>

#include "bindings.h"
#include "estimator_py.h"
#include "io/capture_source.h"
#include "posenet/tracker.h"

namespace posenet::python {
namespace {

namespace py = pybind11;

struct PyFrame {
  int64_t index = 0;
  double timestamp_ms = 0;
  int width = 0, height = 0;
  std::vector<Pose> poses;
  std::optional<Image> image;  // with keep_images
};

class VideoPoses {
 public:
  VideoPoses(PyEstimator& estimator, py::object estimator_ref, const std::string& input,
             Tracker* tracker, py::object tracker_ref, int64_t max_frames, bool keep_images)
      : estimator_(estimator),
        estimator_ref_(std::move(estimator_ref)),
        tracker_(tracker),
        tracker_ref_(std::move(tracker_ref)),
        max_frames_(max_frames),
        keep_images_(keep_images) {
    py::gil_scoped_release release;
    source_ = Unwrap(IsStreamUrl(input) ? OpenStream(input) : OpenVideoFile(input));
  }

  const SourceInfo& info() const { return source_->info(); }

  PyFrame Next() {
    PyFrame out;
    bool got = false;
    if (max_frames_ < 0 || read_ < max_frames_) {
      py::gil_scoped_release release;
      VideoFrame frame;
      got = Unwrap(source_->Next(frame));
      if (got) {
        ++read_;
        const Image& image = frame.image;
        out.index = frame.index;
        out.timestamp_ms = frame.timestamp_ms;
        out.width = image.width();
        out.height = image.height();
        out.poses = estimator_.Estimate(
            RgbView{image.data(), image.width(), image.height(), image.stride()});
        if (tracker_ != nullptr) {
          out.poses = Unwrap(tracker_->Update(std::move(out.poses), frame.timestamp_ms / 1000.0));
        }
        if (keep_images_) out.image = std::move(frame.image);
      }
    }
    if (!got) throw py::stop_iteration();
    return out;
  }

 private:
  PyEstimator& estimator_;
  py::object estimator_ref_;  // keeps the estimator alive
  Tracker* tracker_;
  py::object tracker_ref_;
  int64_t max_frames_;
  bool keep_images_;
  int64_t read_ = 0;
  std::unique_ptr<FrameSource> source_;
};

}  // namespace

void AddVideo(py::module_& m) {
  py::class_<PyFrame>(m, "Frame", "One video frame's results.")
      .def_readonly("index", &PyFrame::index, "0, 1, 2 ... in reading order.")
      .def_readonly("timestamp_ms", &PyFrame::timestamp_ms,
                    "Files: index / fps; streams: time since the first frame.")
      .def_readonly("width", &PyFrame::width)
      .def_readonly("height", &PyFrame::height)
      .def_readonly("poses", &PyFrame::poses, "Poses, tracked (ids set) unless track=False.")
      .def_property_readonly(
          "image",
          [](const PyFrame& f) -> py::object {
            if (!f.image) return py::none();
            const Image& im = *f.image;
            py::array_t<uint8_t> a({im.height(), im.width(), 3});
            std::memcpy(a.mutable_data(), im.data(), im.size_bytes());
            return a;
          },
          "The frame as an HxWx3 RGB uint8 array with keep_images=True, else None.")
      .def("__iter__", [](const PyFrame& f) {  // index, timestamp, poses = frame
        return py::iter(py::make_tuple(f.index, f.timestamp_ms, f.poses));
      });

  py::class_<VideoPoses>(m, "_VideoPoses")
      .def(py::init([](py::object estimator, const std::string& input, py::object tracker,
                       int64_t max_frames, bool keep_images) {
             PyEstimator& e = estimator.cast<PyEstimator&>();
             Tracker* t = tracker.is_none() ? nullptr : &tracker.cast<Tracker&>();
             return std::make_unique<VideoPoses>(e, estimator, input, t, tracker, max_frames,
                                                 keep_images);
           }),
           py::arg("estimator"), py::arg("input"), py::arg("tracker"), py::arg("max_frames"),
           py::arg("keep_images"))
      .def("__iter__", [](py::object self) { return self; })
      .def("__next__", &VideoPoses::Next)
      .def_property_readonly("fps", [](const VideoPoses& v) { return v.info().fps; })
      .def_property_readonly("name", [](const VideoPoses& v) { return v.info().name; })
      .def_property_readonly("declared_frames",
                             [](const VideoPoses& v) { return v.info().declared_frames; });
}

}  // namespace posenet::python
