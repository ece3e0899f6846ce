// The C functions web/posenet.js calls (WebAssembly build only): a pose estimator made from a
// model's bytes, run on RGBA pixels (canvas ImageData), poses returned as a flat float array.
// Errors leave a message for pn_last_error() and return null / -1; nothing here throws.
#include <emscripten/emscripten.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "posenet/estimator.h"
#include "posenet/posenet.h"

namespace {

// Floats per pose in pn_poses(): score, box (x0, y0, x1, y1), then x, y, score per keypoint.
constexpr int kPoseFloats = 5 + 3 * posenet::kNumKeypoints;

struct Detector {
  std::unique_ptr<posenet::Estimator> estimator;
  std::vector<uint8_t> rgb;  // the last picture without its alpha channel
  std::vector<float> poses;  // kPoseFloats per pose of the last estimate
};

std::string& LastError() {
  static std::string message;
  return message;
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* pn_last_error() { return LastError().c_str(); }

EMSCRIPTEN_KEEPALIVE int pn_pose_floats() { return kPoseFloats; }

// A detector for the .tflite bytes [model, model + size) called `name` in messages, or null
// (see pn_last_error).
// decoder: 0 auto (posenet), 1 posenet, 2 coral, 3 tfjs (as the tool's --decoder). Negative
// max_poses / score_threshold / nms_radius keep the decoder's defaults; input_height or
// input_width 0 keeps the model's own input size.
EMSCRIPTEN_KEEPALIVE Detector* pn_create(const char* name, const uint8_t* model, int size,
                                         int threads, int decoder, int max_poses,
                                         float score_threshold, float nms_radius, int input_height,
                                         int input_width) {
  if (model == nullptr || size <= 0) {
    LastError() = std::string(name) + ": cannot load model: no bytes";
    return nullptr;
  }
  auto loaded = posenet::Model::LoadFromBuffer(std::vector<uint8_t>(model, model + size), name);
  if (!loaded.ok()) {
    LastError() = loaded.message();
    return nullptr;
  }
  posenet::EstimatorOptions options;
  options.session.threads = threads;
  options.session.input_height = input_height;
  options.session.input_width = input_width;
  options.decoder = decoder == 1   ? posenet::DecoderKind::kPosenet
                    : decoder == 2 ? posenet::DecoderKind::kCoral
                    : decoder == 3 ? posenet::DecoderKind::kTfjs
                                   : posenet::DecoderKind::kAuto;
  options.max_poses = max_poses;
  options.score_threshold = score_threshold;
  options.nms_radius = nms_radius;
  auto estimator = posenet::Estimator::Create(std::move(*loaded), options);
  if (!estimator.ok()) {
    const std::string& message = estimator.message();
    LastError() = message.starts_with(name) ? message : std::string(name) + ": " + message;
    return nullptr;
  }
  auto detector = std::make_unique<Detector>();
  detector->estimator = std::move(*estimator);
  return detector.release();
}

// Poses in the RGBA picture (width * height * 4 bytes, rows top to bottom), best first: their
// count, or -1 (see pn_last_error). pn_poses() then holds them.
EMSCRIPTEN_KEEPALIVE int pn_estimate(Detector* detector, const uint8_t* rgba, int width,
                                     int height) {
  if (detector == nullptr) {
    LastError() = "the detector was disposed";
    return -1;
  }
  if (rgba == nullptr || width <= 0 || height <= 0) {
    LastError() = "cannot read picture: it has no pixels";
    return -1;
  }
  const size_t pixels = static_cast<size_t>(width) * static_cast<size_t>(height);
  detector->rgb.resize(pixels * 3);
  for (size_t i = 0; i < pixels; ++i) std::memcpy(&detector->rgb[3 * i], rgba + 4 * i, 3);
  auto poses = detector->estimator->Estimate(
      posenet::RgbView{detector->rgb.data(), width, height, static_cast<size_t>(width) * 3});
  if (!poses.ok()) {
    LastError() = poses.message();
    return -1;
  }
  detector->poses.clear();
  for (const posenet::Pose& pose : *poses) {
    detector->poses.insert(detector->poses.end(),
                           {pose.score, pose.box.x0, pose.box.y0, pose.box.x1, pose.box.y1});
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
