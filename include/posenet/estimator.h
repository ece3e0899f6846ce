// Poses from pictures: an Estimator owns a Session and the decoder settings, takes an RGB
// picture and returns people with 17 keypoints each.
//
//   auto model = posenet::Model::Load("posenet.tflite");
//   auto estimator = posenet::Estimator::Create(*model, {});
//   auto poses = (*estimator)->Estimate(posenet::RgbView{pixels, width, height, width * 3});
//
// Two stages, which Estimate(picture) runs in sequence:
//  1. Prepare(picture): resize (pad to the model's aspect or stretch; bilinear or PIL-exact
//     nearest) and transform into the model's input (raw bytes for uint8 models,
//     (p - mean) / std for float models). Const and free of the session: callable from any
//     thread, also while stage 2 runs, so a video pipeline resizes the next frame meanwhile.
//  2. Estimate(prepared): run the network, decode (single pose, TF.js multi-pose, or Coral's
//     PosenetDecoderOp semantics), drop weak and duplicate poses, map keypoints back to
//     picture pixels, optionally mirror. Not thread-safe: one Estimator per thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "posenet/export.h"
#include "posenet/picture.h"
#include "posenet/pose.h"
#include "posenet/posenet.h"
#include "posenet/status.h"

namespace posenet {

// A borrowed 8-bit picture, rows top to bottom, `stride` bytes apart (>= width * bytes per
// pixel). RGB unless `format` says otherwise: BGR and BGRA (OpenCV's orders) and RGBA are read
// as they are, without a converted copy.
struct RgbView {
  const uint8_t* data = nullptr;
  int width = 0;
  int height = 0;
  size_t stride = 0;
  PixelFormat format = PixelFormat::kRgb;
};

enum class DecoderKind {
  kAuto,        // kPosenet
  kSinglePose,  // TF.js decodeSinglePose
  kTfjs,        // TF.js decodeMultiplePoses, exactly
  kCoral,       // Coral's PosenetDecoderOp semantics, exactly (also on models without the op)
  kPosenet,     // posenet.cpp's: Coral's decoding (with the corrected backward edge channels),
                // then left and right legs kept on different legs (docs/decoding.md)
};

struct EstimatorOptions {
  Options session;            // threads, input size, output stride
  bool pad_to_aspect = true;  // true: keep aspect with black borders (TF.js); false: stretch
  bool nearest = false;       // true: PIL-exact nearest resize; false: bilinear
  float input_mean = 127.5f;  // float models take (p - mean) / std
  float input_std = 127.5f;
  DecoderKind decoder = DecoderKind::kAuto;
  // Multi-pose settings; negative means the decoder's default (TF.js: 5, 0.5, 20 px; Coral: the
  // model's stored options, else 10, 0.2, 10 px).
  int max_poses = -1;
  float score_threshold = -1;
  float nms_radius = -1;             // input pixels
  bool legacy_edge_channels = true;  // Coral's shipped backward-edge channel quirk
  bool flip_horizontal = false;      // mirror x (x' = width - 1 - x); nothing else changes
  // Poses scored below this are dropped, whatever the decoder (measured: docs/tracking.md).
  float min_pose_score = 0.15f;
  // A pose whose OKS against a stronger one exceeds this repeats it and is dropped; 1 keeps
  // every pose (measured: docs/tracking.md).
  float duplicate_oks = 0.5f;
  bool model_space = false;  // keypoints in model-input pixels instead of picture pixels
};

// A picture made ready for one Estimator's network by Estimator::Prepare: the input tensor and
// where the picture lies in it. Movable, not copyable; owns its memory.
class POSENET_API PreparedInput {
 public:
  PreparedInput();
  ~PreparedInput();
  PreparedInput(PreparedInput&&) noexcept;
  PreparedInput& operator=(PreparedInput&&) noexcept;

  int picture_width() const;
  int picture_height() const;
  // The input tensor's bytes, NHWC: uint8 pixels or float32 values, as the model takes them.
  std::span<const uint8_t> tensor() const;
  // A model-input position in picture pixels (the map Estimate applies to keypoints).
  double ToPictureX(double model_x) const;
  double ToPictureY(double model_y) const;

 private:
  friend class Estimator;
  struct Data;
  std::unique_ptr<Data> data_;
};

class POSENET_API Estimator {
 public:
  static Result<std::unique_ptr<Estimator>> Create(std::shared_ptr<const Model> model,
                                                   const EstimatorOptions& options = {});
  ~Estimator();

  // Pictures smaller than this on either side hold no person we could find: an error.
  static constexpr int kMinPictureSide = 16;

  // People in `picture`, best first (TF.js: detection order): Prepare, then Estimate.
  Result<std::vector<Pose>> Estimate(const RgbView& picture);

  // Stage 1: the picture resized and transformed for this Estimator's model input. Reads only
  // the options fixed at Create: safe from any thread, concurrently with Estimate.
  Result<PreparedInput> Prepare(const RgbView& picture) const;
  // Stage 2: people in a picture prepared by this Estimator (or one with the same input size
  // and type; anything else is an error).
  Result<std::vector<Pose>> Estimate(const PreparedInput& input);

  Session& session();
  int output_stride() const;
  int input_width() const;
  int input_height() const;
  DecoderKind decoder() const;  // the one in use (never kAuto)
  // Time of the last Estimate's network run, in milliseconds.
  double last_inference_ms() const;

 private:
  struct Impl;
  explicit Estimator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace posenet
