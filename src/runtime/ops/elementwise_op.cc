// ADD and MUL with 4-D broadcasting and a fused activation, float or quantized.
#include <algorithm>
#include <variant>

#include "kernels/activation.h"
#include "kernels/reference/binary_elementwise.h"
#include "runtime/ops/op_checks.h"
#include "runtime/ops/ops.h"
#include "runtime/ops/quant_params.h"

namespace posenet {
namespace {

class ElementwiseKernel final : public OpKernel {
 public:
  explicit ElementwiseKernel(bool mul) : mul_(mul) {}

  Status Prepare(const PrepareContext& ctx) override {
    const TensorDef& a = Input(ctx, 0);
    const TensorDef& b = Input(ctx, 1);
    const TensorDef& out = Output(ctx, 0);
    POSENET_RETURN_IF_ERROR(
        ExpectType(ctx, out, {DataType::kFloat32, DataType::kUInt8, DataType::kInt8}));
    POSENET_RETURN_IF_ERROR(ExpectType(ctx, a, {out.type}));
    POSENET_RETURN_IF_ERROR(ExpectType(ctx, b, {out.type}));
    for (const TensorDef* t : {&a, &b, &out}) {
      POSENET_RETURN_IF_ERROR(ExpectRankAtMost4(ctx, *t));
    }
    // NumPy broadcasting, right-aligned: each dimension equal, or 1 on one side.
    const size_t rank = std::max(a.shape.size(), b.shape.size());
    Shape broadcast(rank);
    for (size_t i = 0; i < rank; ++i) {
      const int32_t da = i + a.shape.size() >= rank ? a.shape[i + a.shape.size() - rank] : 1;
      const int32_t db = i + b.shape.size() >= rank ? b.shape[i + b.shape.size() - rank] : 1;
      if (da != db && da != 1 && db != 1) {
        return OpError(
            ctx, "cannot broadcast " + ShapeToString(a.shape) + " with " + ShapeToString(b.shape));
      }
      broadcast[i] = std::max(da, db);
    }
    POSENET_RETURN_IF_ERROR(ExpectShapeIs(ctx, out, broadcast));
    const Activation act = std::get<ElementwiseOptions>(ctx.node->options).activation;
    type_ = out.type;
    if (type_ == DataType::kFloat32) {
      std::tie(p_.float_min, p_.float_max) = CalculateActivationRangeFloat(act);
    } else {
      for (const TensorDef* t : {&a, &b, &out}) {
        POSENET_RETURN_IF_ERROR(ExpectPerTensorQuantization(ctx, *t));
      }
      const auto [qmin, qmax] = CalculateActivationRangeQuantized(
          act, out.quantization.scale[0], static_cast<int32_t>(out.quantization.zero_point[0]),
          out.type);
      p_ = mul_ ? ref::QuantizedMulParams(QuantOf(a), QuantOf(b), QuantOf(out), qmin, qmax)
                : ref::QuantizedAddParams(QuantOf(a), QuantOf(b), QuantOf(out), qmin, qmax);
      // The multipliers the kernel applies, with the real values they stand for (docs/ops.md).
      const double sa = QuantOf(a).scale, sb = QuantOf(b).scale, so = QuantOf(out).scale;
      const double twice_max = 2.0 * std::max(sa, sb);
      POSENET_RETURN_IF_ERROR(ExpectRepresentable(
          ctx, {p_.output_multiplier, p_.output_shift},
          mul_ ? sa * sb / so : twice_max / ((1 << p_.left_shift) * so), "the output"));
      if (!mul_) {  // ADD also rescales each input to the common scale
        POSENET_RETURN_IF_ERROR(ExpectRepresentable(ctx, {p_.input1_multiplier, p_.input1_shift},
                                                    sa / twice_max, "input 0"));
        POSENET_RETURN_IF_ERROR(ExpectRepresentable(ctx, {p_.input2_multiplier, p_.input2_shift},
                                                    sb / twice_max, "input 1"));
      }
    }
    a_ = ctx.node->inputs[0], b_ = ctx.node->inputs[1], out_ = ctx.node->outputs[0];
    sa_ = ToDims4(a.shape), sb_ = ToDims4(b.shape), so_ = ToDims4(out.shape);
    return Status::Ok();
  }

  void Run(const RunContext& ctx) const override {
    const ref::BinaryOp op = mul_ ? ref::BinaryOp::kMul : ref::BinaryOp::kAdd;
    switch (type_) {
      case DataType::kUInt8:
        ref::BinaryElementwise(op, p_, sa_, TensorData<uint8_t>(ctx, a_), sb_,
                               TensorData<uint8_t>(ctx, b_), so_, TensorData<uint8_t>(ctx, out_));
        break;
      case DataType::kInt8:
        ref::BinaryElementwise(op, p_, sa_, TensorData<int8_t>(ctx, a_), sb_,
                               TensorData<int8_t>(ctx, b_), so_, TensorData<int8_t>(ctx, out_));
        break;
      default:
        ref::BinaryElementwise(op, p_, sa_, TensorData<float>(ctx, a_), sb_,
                               TensorData<float>(ctx, b_), so_, TensorData<float>(ctx, out_));
        break;
    }
  }

 private:
  bool mul_;
  DataType type_ = DataType::kFloat32;
  ElementwiseParams p_;
  int32_t a_ = -1, b_ = -1, out_ = -1;
  Dims4 sa_, sb_, so_;
};

}  // namespace

std::unique_ptr<OpKernel> CreateAddKernel() { return std::make_unique<ElementwiseKernel>(false); }
std::unique_ptr<OpKernel> CreateMulKernel() { return std::make_unique<ElementwiseKernel>(true); }

}  // namespace posenet
