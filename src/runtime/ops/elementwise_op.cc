// ADD and MUL with 4-D broadcasting and a fused activation, float or quantized.
#include <variant>

#include "kernels/activation.h"
#include "kernels/reference/add.h"
#include "kernels/reference/mul.h"
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
    }
    a_ = ctx.node->inputs[0], b_ = ctx.node->inputs[1], out_ = ctx.node->outputs[0];
    sa_ = ToDims4(a.shape), sb_ = ToDims4(b.shape), so_ = ToDims4(out.shape);
    return Status::Ok();
  }

  void Run(const RunContext& ctx) const override {
    switch (type_) {
      case DataType::kUInt8:
        (mul_ ? ref::MulUint8 : ref::AddUint8)(p_, sa_, TensorData<uint8_t>(ctx, a_), sb_,
                                               TensorData<uint8_t>(ctx, b_), so_,
                                               TensorData<uint8_t>(ctx, out_));
        break;
      case DataType::kInt8:
        (mul_ ? ref::MulInt8 : ref::AddInt8)(p_, sa_, TensorData<int8_t>(ctx, a_), sb_,
                                             TensorData<int8_t>(ctx, b_), so_,
                                             TensorData<int8_t>(ctx, out_));
        break;
      default:
        (mul_ ? ref::MulFloat : ref::AddFloat)(p_, sa_, TensorData<float>(ctx, a_), sb_,
                                               TensorData<float>(ctx, b_), so_,
                                               TensorData<float>(ctx, out_));
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
