// AVERAGE_POOL_2D and MAX_POOL_2D, float or quantized (input and output share quantization).
#include <algorithm>
#include <variant>

#include "base/window.h"
#include "kernels/activation.h"
#include "kernels/reference/pooling.h"
#include "runtime/ops/op_checks.h"
#include "runtime/ops/ops.h"

namespace posenet {
namespace {

// 2^23 taps of at most 255 (plus half the count for rounding) stay below 2^31.
constexpr int64_t kMaxAverageTaps = int64_t{1} << 23;

class PoolKernel final : public OpKernel {
 public:
  explicit PoolKernel(bool max) : max_(max) {}

  Status Prepare(const PrepareContext& ctx) override {
    const TensorDef& in = Input(ctx, 0);
    const TensorDef& out = Output(ctx, 0);
    POSENET_RETURN_IF_ERROR(
        ExpectType(ctx, in, {DataType::kFloat32, DataType::kUInt8, DataType::kInt8}));
    POSENET_RETURN_IF_ERROR(ExpectType(ctx, out, {in.type}));
    POSENET_RETURN_IF_ERROR(ExpectShape(ctx, in, 4));
    POSENET_RETURN_IF_ERROR(ExpectShape(ctx, out, 4));
    const auto& o = std::get<Pool2DOptions>(ctx.node->options);
    in_shape_ = ToDims4(in.shape), out_shape_ = ToDims4(out.shape);
    p_.stride_h = o.stride_h, p_.stride_w = o.stride_w;
    p_.filter_h = o.filter_h, p_.filter_w = o.filter_w;
    POSENET_ASSIGN_OR_RETURN(const WindowPadding rows,
                             ExpectWindow(ctx, "height", in_shape_.h, o.filter_h, o.stride_h, 1,
                                          o.padding, out_shape_.h));
    POSENET_ASSIGN_OR_RETURN(const WindowPadding cols,
                             ExpectWindow(ctx, "width", in_shape_.w, o.filter_w, o.stride_w, 1,
                                          o.padding, out_shape_.w));
    POSENET_RETURN_IF_ERROR(
        ExpectShapeIs(ctx, out, {in_shape_.n, rows.out, cols.out, in_shape_.c}));
    p_.pad_top = rows.pad_before;
    p_.pad_left = cols.pad_before;
    // A quantized average sums up to this many 8-bit values (and half the count) in int32.
    const int64_t taps =
        int64_t{std::min(o.filter_h, in_shape_.h)} * std::min(o.filter_w, in_shape_.w);
    if (!max_ && in.type != DataType::kFloat32 && taps > kMaxAverageTaps) {
      return OpError(ctx, "the window averages " + std::to_string(taps) +
                              " values; the int32 sum holds at most " +
                              std::to_string(kMaxAverageTaps));
    }
    type_ = in.type;
    if (type_ == DataType::kFloat32) {
      std::tie(p_.float_min, p_.float_max) = CalculateActivationRangeFloat(o.activation);
    } else {
      POSENET_RETURN_IF_ERROR(ExpectPerTensorQuantization(ctx, in));
      POSENET_RETURN_IF_ERROR(ExpectPerTensorQuantization(ctx, out));
      if (in.quantization.scale[0] != out.quantization.scale[0] ||
          in.quantization.zero_point[0] != out.quantization.zero_point[0]) {
        return OpError(ctx, "input and output quantization must be equal");
      }
      std::tie(p_.quant_min, p_.quant_max) = CalculateActivationRangeQuantized(
          o.activation, out.quantization.scale[0],
          static_cast<int32_t>(out.quantization.zero_point[0]), out.type);
    }
    in_ = ctx.node->inputs[0], out_ = ctx.node->outputs[0];
    return Status::Ok();
  }

  void Run(const RunContext& ctx) const override {
    switch (type_) {
      case DataType::kUInt8:
        (max_ ? ref::MaxPool2DUint8 : ref::AveragePool2DUint8)(
            p_, in_shape_, TensorData<uint8_t>(ctx, in_), out_shape_,
            TensorData<uint8_t>(ctx, out_));
        break;
      case DataType::kInt8:
        (max_ ? ref::MaxPool2DInt8 : ref::AveragePool2DInt8)(
            p_, in_shape_, TensorData<int8_t>(ctx, in_), out_shape_, TensorData<int8_t>(ctx, out_));
        break;
      default:
        (max_ ? ref::MaxPool2DFloat : ref::AveragePool2DFloat)(
            p_, in_shape_, TensorData<float>(ctx, in_), out_shape_, TensorData<float>(ctx, out_));
        break;
    }
  }

 private:
  bool max_;
  DataType type_ = DataType::kFloat32;
  PoolParams p_;
  Dims4 in_shape_, out_shape_;
  int32_t in_ = -1, out_ = -1;
};

}  // namespace

std::unique_ptr<OpKernel> CreateAveragePoolKernel() { return std::make_unique<PoolKernel>(false); }
std::unique_ptr<OpKernel> CreateMaxPoolKernel() { return std::make_unique<PoolKernel>(true); }

}  // namespace posenet
