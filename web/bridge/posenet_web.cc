// The C functions web/posenet.js calls (WebAssembly build only): a pose estimator made from a
// model's bytes, run on RGBA pixels (canvas ImageData), poses returned as a flat float array.
// Errors leave a message for pn_last_error() and return null / -1; nothing here throws.
#include <emscripten/emscripten.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "posenet/estimator.h"
#include "posenet/posenet.h"
#include "posenet/tracker.h"

namespace {

// Floats per pose in pn_poses(): id (-1 untracked), score, box (x0, y0, x1, y1), then x, y,
// score per keypoint.
constexpr int kPoseFloats = 6 + 3 * posenet::kNumKeypoints;

struct Detector {
  std::shared_ptr<const posenet::Model> model;
  posenet::EstimatorOptions options;  // those of `estimator`
  std::unique_ptr<posenet::Estimator> estimator;
  std::optional<posenet::Tracker> tracker;  // with tracking only
  posenet::TrackerOptions tracker_options;
  std::vector<float> poses;  // kPoseFloats per pose of the last estimate
};

std::string& LastError() {
  static std::string message;
  return message;
}

// The error message, prefixed with the model's name when it does not name a file already.
void SetError(const std::string& name, const std::string& message) {
  LastError() = message.starts_with(name) ? message : name + ": " + message;
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* pn_last_error() { return LastError().c_str(); }

EMSCRIPTEN_KEEPALIVE int pn_pose_floats() { return kPoseFloats; }

// A detector for the .tflite bytes [model, model + size) called `name` in messages, or null
// (see pn_last_error).
// decoder: 0 auto (posenet), 1 posenet, 2 coral, 3 tfjs (as the tool's --decoder). Negative
// max_poses / score_threshold / nms_radius keep the decoder's defaults; input_height or
// input_width 0 keeps the model's own input size, output_stride 0 the model's own stride.
// tracking: ids across calls (posenet::Tracker), smoothing: its One Euro filters.
EMSCRIPTEN_KEEPALIVE Detector* pn_create(const char* name, const uint8_t* model, int size,
                                         int threads, int decoder, int max_poses,
                                         float score_threshold, float nms_radius, int input_height,
                                         int input_width, int output_stride, int tracking,
                                         int smoothing) {
  if (model == nullptr || size <= 0) {
    LastError() = std::string(name) + ": cannot load model: no bytes";
    return nullptr;
  }
  auto loaded = posenet::Model::LoadFromBuffer(std::vector<uint8_t>(model, model + size), name);
  if (!loaded.ok()) {
    LastError() = loaded.message();
    return nullptr;
  }
  auto detector = std::make_unique<Detector>();
  detector->model = std::move(*loaded);
  posenet::EstimatorOptions& options = detector->options;
  options.session.threads = threads;
  options.session.input_height = input_height;
  options.session.input_width = input_width;
  options.session.output_stride = output_stride;
  options.decoder = decoder == 1   ? posenet::DecoderKind::kPosenet
                    : decoder == 2 ? posenet::DecoderKind::kCoral
                    : decoder == 3 ? posenet::DecoderKind::kTfjs
                                   : posenet::DecoderKind::kAuto;
  options.max_poses = max_poses;
  options.score_threshold = score_threshold;
  options.nms_radius = nms_radius;
  auto estimator = posenet::Estimator::Create(detector->model, options);
  if (!estimator.ok()) {
    SetError(name, estimator.message());
    return nullptr;
  }
  detector->estimator = std::move(*estimator);
  if (tracking != 0) {
    detector->tracker_options.smoothing = smoothing != 0;
    auto tracker = posenet::Tracker::Create(detector->tracker_options);
    if (!tracker.ok()) {
      SetError(name, tracker.message());
      return nullptr;
    }
    detector->tracker.emplace(std::move(*tracker));
  }
  return detector.release();
}

// Changes the multi-pose settings (negative: the decoder's default) for the next estimates; the
// estimator is made again only when they differ. 0, or -1 (see pn_last_error).
EMSCRIPTEN_KEEPALIVE int pn_set_decoding(Detector* detector, int max_poses, float score_threshold,
                                         float nms_radius) {
  if (detector == nullptr) {
    LastError() = "the detector was disposed";
    return -1;
  }
  posenet::EstimatorOptions options = detector->options;
  options.max_poses = max_poses;
  options.score_threshold = score_threshold;
  options.nms_radius = nms_radius;
  if (options.max_poses == detector->options.max_poses &&
      options.score_threshold == detector->options.score_threshold &&
      options.nms_radius == detector->options.nms_radius) {
    return 0;
  }
  auto estimator = posenet::Estimator::Create(detector->model, options);
  if (!estimator.ok()) {
    LastError() = estimator.message();
    return -1;
  }
  detector->estimator = std::move(*estimator);
  detector->options = options;
  return 0;
}

// Forgets every track (ids start again from 0); nothing without tracking.
EMSCRIPTEN_KEEPALIVE void pn_reset(Detector* detector) {
  if (detector != nullptr && detector->tracker) {
    auto tracker = posenet::Tracker::Create(detector->tracker_options);  // valid at pn_create
    if (tracker.ok()) detector->tracker.emplace(std::move(*tracker));
  }
}

// Poses in the RGBA picture (width * height * 4 bytes, rows top to bottom), best first: their
// count, or -1 (see pn_last_error). pn_poses() then holds them. `t_seconds` is the frame's time
// for tracking (not before the previous call's).
EMSCRIPTEN_KEEPALIVE int pn_estimate(Detector* detector, const uint8_t* rgba, int width, int height,
                                     double t_seconds) {
  if (detector == nullptr) {
    LastError() = "the detector was disposed";
    return -1;
  }
  if (rgba == nullptr || width <= 0 || height <= 0) {
    LastError() = "cannot read picture: it has no pixels";
    return -1;
  }
  // The resize reads RGBA as it is (alpha unused): no copy without the alpha channel first.
  auto poses = detector->estimator->Estimate(posenet::RgbView{
      rgba, width, height, static_cast<size_t>(width) * 4, posenet::PixelFormat::kRgba});
  if (!poses.ok()) {
    LastError() = poses.message();
    return -1;
  }
  if (detector->tracker) {
    poses = detector->tracker->Update(std::move(*poses), t_seconds);
    if (!poses.ok()) {
      LastError() = poses.message();
      return -1;
    }
  }
  detector->poses.clear();
  for (const posenet::Pose& pose : *poses) {
    detector->poses.insert(detector->poses.end(),
                           {static_cast<float>(pose.id), pose.score, pose.box.x0, pose.box.y0,
                            pose.box.x1, pose.box.y1});
    for (const posenet::Keypoint& k : pose.keypoints) {
      detector->poses.insert(detector->poses.end(), {k.x, k.y, k.score});
    }
  }
  return static_cast<int>(poses->size());
}

EMSCRIPTEN_KEEPALIVE const float* pn_poses(const Detector* detector) {
  return detector->poses.data();
}

EMSCRIPTEN_KEEPALIVE double pn_inference_ms(const Detector* detector) {
  return detector->estimator->last_inference_ms();
}

EMSCRIPTEN_KEEPALIVE int pn_input_width(const Detector* detector) {
  return detector->estimator->input_width();
}

EMSCRIPTEN_KEEPALIVE int pn_input_height(const Detector* detector) {
  return detector->estimator->input_height();
}

EMSCRIPTEN_KEEPALIVE void pn_destroy(Detector* detector) { delete detector; }

}  // extern "C"
