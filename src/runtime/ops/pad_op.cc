// PAD with a constant (real zero: the output zero point for quantized tensors).
#include <algorithm>
#include <cstring>

#include "kernels/reference/pad.h"
#include "runtime/ops/op_checks.h"
#include "runtime/ops/ops.h"

namespace posenet {
namespace {

class PadKernel final : public OpKernel {
 public:
  Status Prepare(const PrepareContext& ctx) override {
    const TensorDef& in = Input(ctx, 0);
    const TensorDef& pads = Input(ctx, 1);
    const TensorDef& out = Output(ctx, 0);
    POSENET_RETURN_IF_ERROR(
        ExpectType(ctx, in, {DataType::kFloat32, DataType::kUInt8, DataType::kInt8}));
    POSENET_RETURN_IF_ERROR(ExpectType(ctx, out, {in.type}));
    POSENET_RETURN_IF_ERROR(ExpectConstant(ctx, pads));
    POSENET_RETURN_IF_ERROR(ExpectType(ctx, pads, {DataType::kInt32, DataType::kInt64}));
    POSENET_RETURN_IF_ERROR(ExpectRankAtMost4(ctx, in));
    POSENET_RETURN_IF_ERROR(ExpectRankAtMost4(ctx, out));
    const size_t rank = in.shape.size();
    if (ElementCount(pads.shape) != static_cast<int64_t>(rank * 2)) {
      return OpError(ctx, "paddings must have " + std::to_string(rank * 2) + " values");
    }
    Shape padded = in.shape;
    for (size_t d = 0; d < rank; ++d) {
      for (int side = 0; side < 2; ++side) {
        int64_t v = 0;
        if (pads.type == DataType::kInt32) {
          int32_t v32;
          std::memcpy(&v32, pads.data.data() + (2 * d + side) * 4, 4);
          v = v32;
        } else {
          std::memcpy(&v, pads.data.data() + (2 * d + side) * 8, 8);
        }
        if (v < 0 || v > kMaxElements) {
          return OpError(ctx, "padding " + std::to_string(v) + " of dimension " +
                                  std::to_string(d) + " is outside 0-" +
                                  std::to_string(kMaxElements));
        }
        (side == 0 ? p_.before : p_.after)[4 - rank + d] = static_cast<int32_t>(v);
        padded[d] = static_cast<int32_t>(std::min<int64_t>(padded[d] + v, kMaxElements + 1));
      }
    }
    POSENET_RETURN_IF_ERROR(ExpectShapeIs(ctx, out, padded));
    type_ = in.type;
    if (type_ != DataType::kFloat32) {
      POSENET_RETURN_IF_ERROR(ExpectPerTensorQuantization(ctx, out));
      p_.quant_value = static_cast<int32_t>(out.quantization.zero_point[0]);
    }
    in_ = ctx.node->inputs[0], out_ = ctx.node->outputs[0];
    in_shape_ = ToDims4(in.shape), out_shape_ = ToDims4(out.shape);
    return Status::Ok();
  }

  void Run(const RunContext& ctx) const override {
    if (type_ == DataType::kUInt8) {
      ref::PadUint8(p_, in_shape_, TensorData<uint8_t>(ctx, in_), out_shape_,
                    TensorData<uint8_t>(ctx, out_));
    } else if (type_ == DataType::kInt8) {
      ref::PadInt8(p_, in_shape_, TensorData<int8_t>(ctx, in_), out_shape_,
                   TensorData<int8_t>(ctx, out_));
    } else {
      ref::PadFloat(p_, in_shape_, TensorData<float>(ctx, in_), out_shape_,
                    TensorData<float>(ctx, out_));
    }
  }

 private:
  PadParams p_;
  DataType type_ = DataType::kFloat32;
  int32_t in_ = -1, out_ = -1;
  Dims4 in_shape_, out_shape_;
};

}  // namespace

std::unique_ptr<OpKernel> CreatePadKernel() { return std::make_unique<PadKernel>(); }

}  // namespace posenet
