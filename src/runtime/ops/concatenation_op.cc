// CONCATENATION: any axis of up to 4-D tensors, float or quantized (requantized per input).
#include <variant>

#include "kernels/reference/concatenation.h"
#include "runtime/ops/op_checks.h"
#include "runtime/ops/ops.h"
#include "runtime/ops/quant_params.h"

namespace posenet {
namespace {

class ConcatenationKernel final : public OpKernel {
 public:
  Status Prepare(const PrepareContext& ctx) override {
    const TensorDef& out = Output(ctx, 0);
    POSENET_RETURN_IF_ERROR(
        ExpectType(ctx, out, {DataType::kFloat32, DataType::kUInt8, DataType::kInt8}));
    POSENET_RETURN_IF_ERROR(ExpectRankAtMost4(ctx, out));
    const auto& o = std::get<ConcatenationOptions>(ctx.node->options);
    if (o.activation != Activation::kNone) {
      return OpError(ctx, "a fused activation on CONCATENATION is not supported");
    }
    const int32_t rank = static_cast<int32_t>(out.shape.size());
    const int32_t axis = o.axis < 0 ? o.axis + rank : o.axis;
    if (axis < 0 || axis >= rank) {
      return OpError(ctx, "axis " + std::to_string(o.axis) + " is outside an output of rank " +
                              std::to_string(rank));
    }
    p_.axis = axis + 4 - rank;
    type_ = out.type;
    const bool quantized = out.type != DataType::kFloat32;
    if (quantized) {
      POSENET_RETURN_IF_ERROR(ExpectPerTensorQuantization(ctx, out));
      p_.output = QuantOf(out);
    }
    int64_t along_axis = 0;  // the inputs' extents along the axis, added up
    for (size_t i = 0; i < ctx.node->inputs.size(); ++i) {
      const TensorDef& in = Input(ctx, i);
      POSENET_RETURN_IF_ERROR(ExpectType(ctx, in, {out.type}));
      POSENET_RETURN_IF_ERROR(ExpectShape(ctx, in));
      if (in.shape.size() != out.shape.size()) {
        return OpError(ctx, "input " + Quoted(in) + " has rank " + std::to_string(in.shape.size()) +
                                ", expected " + std::to_string(rank));
      }
      for (int32_t d = 0; d < rank; ++d) {
        if (d != axis && in.shape[d] != out.shape[d]) {
          return OpError(ctx, "input " + Quoted(in) + " has shape " + ShapeToString(in.shape) +
                                  ", which differs from the output " + ShapeToString(out.shape) +
                                  " off the axis " + std::to_string(axis));
        }
      }
      along_axis += in.shape[axis];
      if (quantized) {
        POSENET_RETURN_IF_ERROR(ExpectPerTensorQuantization(ctx, in));
        p_.inputs.push_back(QuantOf(in));
      }
      inputs_.push_back(ctx.node->inputs[i]);
      in_shapes_.push_back(ToDims4(in.shape));
    }
    if (along_axis != out.shape[axis]) {
      return OpError(ctx, "the inputs add up to " + std::to_string(along_axis) + " along axis " +
                              std::to_string(axis) + ", the output has " +
                              std::to_string(out.shape[axis]));
    }
    output_ = ctx.node->outputs[0];
    out_shape_ = ToDims4(out.shape);
    floats_.resize(inputs_.size());
    uint8s_.resize(inputs_.size());
    int8s_.resize(inputs_.size());
    return Status::Ok();
  }

  void Run(const RunContext& ctx) const override {
    switch (type_) {
      case DataType::kUInt8:
        ref::ConcatenationUint8(p_, in_shapes_, Gather(ctx, uint8s_), out_shape_,
                                TensorData<uint8_t>(ctx, output_));
        break;
      case DataType::kInt8:
        ref::ConcatenationInt8(p_, in_shapes_, Gather(ctx, int8s_), out_shape_,
                               TensorData<int8_t>(ctx, output_));
        break;
      default:
        ref::ConcatenationFloat(p_, in_shapes_, Gather(ctx, floats_), out_shape_,
                                TensorData<float>(ctx, output_));
        break;
    }
  }

 private:
  // The inputs' data pointers for this run, in the vector of the right type (sized in Prepare).
  template <typename T>
  std::span<const T* const> Gather(const RunContext& ctx, std::vector<const T*>& v) const {
    for (size_t i = 0; i < inputs_.size(); ++i) v[i] = TensorData<const T>(ctx, inputs_[i]);
    return v;
  }

  ConcatParams p_;
  DataType type_ = DataType::kFloat32;
  std::vector<int32_t> inputs_;
  std::vector<Dims4> in_shapes_;
  int32_t output_ = -1;
  Dims4 out_shape_;
  mutable std::vector<const float*> floats_;
  mutable std::vector<const uint8_t*> uint8s_;
  mutable std::vector<const int8_t*> int8s_;
};

}  // namespace

std::unique_ptr<OpKernel> CreateConcatenationKernel() {
  return std::make_unique<ConcatenationKernel>();
}

}  // namespace posenet
