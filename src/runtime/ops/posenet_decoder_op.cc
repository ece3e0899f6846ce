// Coral's PosenetDecoderOp (custom op) executed natively: dequantizes its three inputs
// (heatmaps, short offsets, mid offsets) and runs the Coral decoder with the options stored in
// the model. Outputs, as the op defines them: keypoints [1, max, 17, 2] as (y, x) in input
// pixels, keypoint scores [1, max, 17], pose scores [1, max], pose count (float).
#include <algorithm>
#include <cmath>
#include <span>
#include <variant>

#include "decode/multi_pose_coral.h"
#include "decode/output_views.h"
#include "decode/pose_util.h"
#include "runtime/ops/op_checks.h"
#include "runtime/ops/ops.h"

namespace posenet {
namespace {

constexpr int kChannels[3] = {17, kShortOffsetChannels, kMidOffsetChannels};

class PosenetDecoderKernel final : public OpKernel {
 public:
  Status Prepare(const PrepareContext& ctx) override {
    options_ = std::get<PosenetDecoderOptions>(ctx.node->options);
    if (options_.max_detections < 1 || options_.max_detections > 1000) {
      return OpError(
          ctx, "max_detections " + std::to_string(options_.max_detections) + " is outside 1-1000");
    }
    if (!CheckDecodeStride(options_.stride).ok()) {
      return OpError(ctx, "stride " + std::to_string(options_.stride) + " is outside 1-" +
                              std::to_string(kMaxDecodeStride));
    }
    if (!std::isfinite(options_.nms_radius) || options_.nms_radius < 0 ||
        !std::isfinite(options_.score_threshold) || options_.score_threshold < 0) {
      return OpError(ctx, "nms_radius and score_threshold must be finite and >= 0");
    }
    for (int i = 0; i < 3; ++i) {
      const TensorDef& t = Input(ctx, i);
      POSENET_RETURN_IF_ERROR(ExpectType(ctx, t, {DataType::kUInt8, DataType::kFloat32}));
      POSENET_RETURN_IF_ERROR(ExpectShape(ctx, t));
      if (t.type == DataType::kUInt8) POSENET_RETURN_IF_ERROR(ExpectPerTensorQuantization(ctx, t));
      if (t.shape.size() != 4 || t.shape[0] != 1 || t.shape[3] != kChannels[i] ||
          t.shape[1] != Input(ctx, 0).shape[1] || t.shape[2] != Input(ctx, 0).shape[2]) {
        return OpError(ctx, "input " + Quoted(t) + " has shape " + ShapeToString(t.shape) +
                                ", expected [1,H,W," + std::to_string(kChannels[i]) + "]");
      }
      inputs_[i] = {ctx.node->inputs[i], t.type,
                    t.quantization.empty() ? 1.0f : t.quantization.scale[0],
                    t.quantization.empty() ? 0 : t.quantization.zero_point[0]};
    }
    for (int i = 0; i < 4; ++i) {
      POSENET_RETURN_IF_ERROR(ExpectType(ctx, Output(ctx, i), {DataType::kFloat32}));
      POSENET_RETURN_IF_ERROR(ExpectShape(ctx, Output(ctx, i), kAnyRank));
      outputs_[i] = ctx.node->outputs[i];
      output_sizes_[i] = ElementCount(Output(ctx, i).shape);
    }
    if (output_sizes_[0] != int64_t{options_.max_detections} * 34 ||
        output_sizes_[1] != int64_t{options_.max_detections} * 17 ||
        output_sizes_[2] != options_.max_detections || output_sizes_[3] != 1) {
      return OpError(ctx, "output shapes do not match max_detections " +
                              std::to_string(options_.max_detections));
    }
    height_ = Input(ctx, 0).shape[1];
    width_ = Input(ctx, 0).shape[2];
    return Status::Ok();
  }

  size_t scratch_bytes() const override {
    return sizeof(float) * static_cast<size_t>(height_) * width_ * (17 + 34 + 64);
  }

  void Run(const RunContext& ctx) const override {
    float* scratch = reinterpret_cast<float*>(ctx.scratch);
    GridView views[3];
    for (int i = 0; i < 3; ++i) {
      const size_t n = static_cast<size_t>(height_) * width_ * kChannels[i];
      const float* data = scratch;
      if (inputs_[i].type == DataType::kUInt8) {
        (void)DequantizeUInt8({TensorData<uint8_t>(ctx, inputs_[i].tensor), n}, inputs_[i].scale,
                              inputs_[i].zero_point, {scratch, n});
      } else {
        data = TensorData<float>(ctx, inputs_[i].tensor);
      }
      views[i] = GridView{data, height_, width_, kChannels[i]};
      scratch += n;
    }
    CoralDecoderOptions o;
    o.max_detections = options_.max_detections;
    o.score_threshold = options_.score_threshold;
    o.nms_radius = options_.nms_radius;
    o.stride = options_.stride;
    auto poses = DecodeMultiPosesCoral(OutputViews{views[0], views[1], views[2]}, o);
    float* keypoints = TensorData<float>(ctx, outputs_[0]);
    float* keypoint_scores = TensorData<float>(ctx, outputs_[1]);
    float* pose_scores = TensorData<float>(ctx, outputs_[2]);
    const size_t count = poses.ok() ? std::min<size_t>(poses->size(), o.max_detections) : 0;
    for (size_t p = 0; p < count; ++p) {
      const Pose& pose = (*poses)[p];
      pose_scores[p] = pose.score;
      for (int k = 0; k < kNumKeypoints; ++k) {
        keypoints[(p * kNumKeypoints + k) * 2 + 0] = pose.keypoints[k].y;
        keypoints[(p * kNumKeypoints + k) * 2 + 1] = pose.keypoints[k].x;
        keypoint_scores[p * kNumKeypoints + k] = pose.keypoints[k].score;
      }
    }
    *TensorData<float>(ctx, outputs_[3]) = static_cast<float>(count);
  }

 private:
  struct In {
    int32_t tensor = -1;
    DataType type = DataType::kUInt8;
    float scale = 1;
    int64_t zero_point = 0;
  };
  PosenetDecoderOptions options_;
  In inputs_[3];
  int32_t outputs_[4] = {-1, -1, -1, -1};
  int64_t output_sizes_[4] = {};
  int32_t height_ = 0, width_ = 0;
};

}  // namespace

std::unique_ptr<OpKernel> CreatePosenetDecoderKernel() {
  return std::make_unique<PosenetDecoderKernel>();
}

}  // namespace posenet
