// libFuzzer entry point for the pose decoders on random network outputs: a small grid, a
// stride and options from the first bytes, then every float of the three heads from the rest
// (raw bit patterns: NaN, infinities, 1e38 offsets). Each decoder must return poses whose
// coordinates are finite and within the reach the guards allow (pose_util.h: offsets clamped
// to the input's extent), scores in [0, 1] or NaN-free, and never crash or overflow.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "decode/multi_pose_coral.h"
#include "decode/multi_pose_tfjs.h"
#include "decode/output_views.h"
#include "decode/single_pose.h"

namespace {

// Reads the fuzzer's bytes front to back; zeros once they run out.
class Bytes {
 public:
  Bytes(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  uint8_t Byte() { return at_ < size_ ? data_[at_++] : 0; }
  float Float() {
    uint32_t bits = 0;
    for (int i = 0; i < 4; ++i) bits = bits << 8 | Byte();
    float v;
    std::memcpy(&v, &bits, sizeof(v));
    return v;
  }

 private:
  const uint8_t* data_;
  size_t size_, at_ = 0;
};

void Check(const posenet::Result<std::vector<posenet::Pose>>& poses, float reach,
           const char* decoder) {
  if (!poses.ok()) return;  // options the decoder refuses: an error is fine
  for (const posenet::Pose& p : *poses) {
    for (const posenet::Keypoint& k : p.keypoints) {
      if (!std::isfinite(k.x) || !std::isfinite(k.y) || std::fabs(k.x) > reach ||
          std::fabs(k.y) > reach || !(k.score >= 0.0f && k.score <= 1.0f)) {
        std::fprintf(stderr, "%s: keypoint (%g, %g) score %g beyond reach %g\n", decoder, k.x, k.y,
                     k.score, reach);
        std::abort();
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Bytes in(data, size);
  const int height = 1 + in.Byte() % 12, width = 1 + in.Byte() % 12;
  // Mostly sane strides, sometimes absurd ones (the decoders must refuse those).
  const uint8_t s = in.Byte();
  const int stride = s < 200 ? 1 + s % 32 : (s - 200) * 100003;
  std::vector<float> heat(static_cast<size_t>(height) * width * 17);
  std::vector<float> shorts(static_cast<size_t>(height) * width * 34);
  std::vector<float> mids(static_cast<size_t>(height) * width * 64);
  for (std::vector<float>* v : {&heat, &shorts, &mids}) {
    for (float& f : *v) f = in.Float();
  }
  const posenet::OutputViews views{{heat.data(), height, width, 17},
                                   {shorts.data(), height, width, 34},
                                   {mids.data(), height, width, 64}};
  // Every position is a cell times the stride plus offsets clamped to the input's extent:
  // a few extents at most.
  const float extent = static_cast<float>(std::max(height, width)) * static_cast<float>(stride);
  const float reach = 4 * extent + 1;
  // TF.js's decoder with no refine steps follows displacements along the pose tree without
  // snapping back: a root (cell + offset, 2 extents) plus up to one extent per edge of the chain.
  const float tfjs_reach = (2 + static_cast<float>(posenet::kPoseEdges.size())) * extent + 1;

  posenet::SinglePoseOptions single;
  single.stride = stride;
  Check(posenet::DecodeSinglePose(views, single), reach, "single");

  posenet::TfjsMultiPoseOptions tfjs;
  tfjs.stride = stride;
  tfjs.max_poses = 1 + in.Byte() % 6;
  tfjs.refine_steps = in.Byte() % 4;
  tfjs.local_max_radius = in.Byte() % 3;
  tfjs.score_threshold = in.Float();
  tfjs.nms_radius = in.Float();
  Check(posenet::DecodeMultiPosesTfjs(views, tfjs), tfjs_reach, "tfjs");

  posenet::CoralDecoderOptions coral;
  coral.stride = stride;
  coral.max_detections = 1 + in.Byte() % 6;
  coral.score_threshold = in.Float();
  coral.nms_radius = in.Float();
  coral.legacy_edge_channels = in.Byte() % 2 == 0;
  Check(posenet::DecodeMultiPosesCoral(views, coral), reach, "coral");
  return 0;
}
