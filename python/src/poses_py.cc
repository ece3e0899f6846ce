// Pose (score, box, id, keypoints as a (17, 3) float32 array), Tracker, and the text the tool
// writes for poses (JSON, JSON Lines, CSV), made by the tool's own writers so that Python's
// outputs are the tool's, byte for byte.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.h"
#include "io/csv_writer.h"
#include "io/json_writer.h"
#include "io/jsonl_writer.h"
#include "posenet/pose.h"
#include "posenet/tracker.h"

namespace posenet::python {
namespace {

namespace py = pybind11;

py::array_t<float> KeypointArray(const Pose& pose) {
  py::array_t<float> out({kNumKeypoints, 3});
  auto k = out.mutable_unchecked<2>();
  for (int i = 0; i < kNumKeypoints; ++i) {
    k(i, 0) = pose.keypoints[i].x;
    k(i, 1) = pose.keypoints[i].y;
    k(i, 2) = pose.keypoints[i].score;
  }
  return out;
}

py::object ParseJson(const std::string& text) {
  return py::module_::import("json").attr("loads")(text);
}

JsonModelInfo ModelInfo(const py::dict& d) {
  JsonModelInfo info;
  info.path = d["path"].cast<std::string>();
  info.input_width = d["input_width"].cast<int>();
  info.input_height = d["input_height"].cast<int>();
  info.output_stride = d["output_stride"].cast<int>();
  info.decoder = d["decoder"].cast<std::string>();
  return info;
}

TrackSimilarity ParseSimilarity(const std::string& name) {
  if (name == "oks") return TrackSimilarity::kOks;
  if (name == "iou") return TrackSimilarity::kBoxIou;
  throw py::value_error("similarity must be 'oks' or 'iou', not '" + name + "'");
}

}  // namespace

void AddPoses(py::module_& m) {
  py::class_<Pose>(m, "Pose", "One person: 17 keypoints (PoseNet/COCO order), a box and a score.")
      .def_readwrite("score", &Pose::score, "Pose confidence in [0, 1].")
      .def_readwrite("id", &Pose::id, "Person id across frames when tracked, else -1.")
      .def_property_readonly(
          "box",
          [](const Pose& p) { return py::make_tuple(p.box.x0, p.box.y0, p.box.x1, p.box.y1); },
          "(x0, y0, x1, y1): the tight box around the keypoints, in pixels.")
      .def_property_readonly("keypoints", &KeypointArray,
                             "A (17, 3) float32 array of (x, y, score) per keypoint (a copy).")
      .def(
          "to_dict", [](const Pose& p) { return ParseJson(PoseToJson(p).dump()); },
          "The pose as `posenet detect` writes it in JSON: id (when tracked), score, box and "
          "keypoints with id, name, x, y and score.")
      .def("__repr__", [](const Pose& p) {
        return "<posenet.Pose id=" + std::to_string(p.id) + " score=" + std::to_string(p.score) +
               ">";
      });
  m.attr("KEYPOINT_NAMES") = [] {
    py::list names;
    for (int i = 0; i < kNumKeypoints; ++i) names.append(std::string(KeypointName(i)));
    return py::tuple(names);
  }();

  py::class_<Tracker>(m, "Tracker",
                      "Person ids across the frames of one stream and One Euro smoothing of "
                      "their keypoints (docs/tracking.md). Not thread-safe: one per stream.")
      .def(py::init([](const std::string& similarity, float min_similarity, int max_tracks,
                       int max_age_frames, float min_keypoint_score, bool smoothing,
                       double min_cutoff, double beta, double d_cutoff) {
             TrackerOptions o;
             o.similarity = ParseSimilarity(similarity);
             o.min_similarity = min_similarity;
             o.max_tracks = max_tracks;
             o.max_age_frames = max_age_frames;
             o.min_keypoint_score = min_keypoint_score;
             o.smoothing = smoothing;
             o.smoothing_params = {min_cutoff, beta, d_cutoff};
             return Unwrap(Tracker::Create(o));
           }),
           py::kw_only(), py::arg("similarity") = "oks", py::arg("min_similarity") = 0.2f,
           py::arg("max_tracks") = 16, py::arg("max_age_frames") = 10,
           py::arg("min_keypoint_score") = 0.3f, py::arg("smoothing") = true,
           py::arg("min_cutoff") = 1.0, py::arg("beta") = 0.02, py::arg("d_cutoff") = 1.0)
      .def(
          "update",
          [](Tracker& t, std::vector<Pose> poses, double t_seconds) {
            return Unwrap(t.Update(std::move(poses), t_seconds));
          },
          py::arg("poses"), py::arg("t_seconds"),
          "This frame's poses with ids set and, with smoothing, keypoints smoothed. t_seconds: "
          "the frame's time, never before the previous frame's.")
      .def_property_readonly("ids_seen", &Tracker::ids_seen, "Distinct ids handed out so far.")
      .def_property_readonly("live_tracks", &Tracker::live_tracks, "Tracks alive now.");

  m.def(
      "_jsonl_line",
      [](int64_t frame, double timestamp_ms, const std::vector<Pose>& poses,
         const std::string& image_path, int width, int height, const py::dict& model) {
        return FrameToJsonLine(frame, timestamp_ms, poses, JsonImageInfo{image_path, width, height},
                               ModelInfo(model));
      },
      "One frame's JSON line as `posenet video --jsonl` writes it (no newline).");
  m.def(
      "_json_document",
      [](const std::vector<Pose>& poses, const std::string& image_path, int width, int height,
         const py::dict& model) {
        return PosesToJson(poses, JsonImageInfo{image_path, width, height}, ModelInfo(model));
      },
      "A picture's JSON document as `posenet detect --json` writes it.");
  m.def(
      "_csv_rows",
      [](int64_t frame, double timestamp_ms, const std::vector<Pose>& poses) {
        return FrameToCsvRows(frame, timestamp_ms, poses);
      },
      "One frame's CSV rows as `posenet video --csv` writes them (long layout).");
  m.attr("_CSV_HEADER") = CsvHeader(CsvSubject::kVideo, CsvLayout::kLong);
}

}  // namespace posenet::python
