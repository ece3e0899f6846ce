// One-input, same-shape ops: LOGISTIC, RELU, RELU6, QUANTIZE, DEQUANTIZE, RESHAPE.
#include <cmath>
#include <limits>

#include "kernels/reference/logistic.h"
#include "kernels/reference/quantize.h"
#include "kernels/reference/relu.h"
#include "kernels/reference/reshape.h"
#include "runtime/ops/op_checks.h"
#include "runtime/ops/ops.h"
#include "runtime/ops/quant_params.h"

namespace posenet {
namespace {

// Shared bookkeeping: one input, one output, element count, types and quantization.
class UnaryKernel : public OpKernel {
 protected:
  Status PrepareUnary(const PrepareContext& ctx) {
    in_ = ctx.node->inputs[0];
    out_ = ctx.node->outputs[0];
    in_type_ = Input(ctx, 0).type;
    out_type_ = Output(ctx, 0).type;
    POSENET_RETURN_IF_ERROR(ExpectShape(ctx, Input(ctx, 0), kAnyRank));
    POSENET_RETURN_IF_ERROR(ExpectShape(ctx, Output(ctx, 0), kAnyRank));
    size_ = ElementCount(Output(ctx, 0).shape);
    if (ElementCount(Input(ctx, 0).shape) != size_) {
      return OpError(ctx, "input and output sizes differ");
    }
    for (const TensorDef* t : {&Input(ctx, 0), &Output(ctx, 0)}) {
      if (t->type != DataType::kFloat32 && t->type != DataType::kInt32 &&
          t->type != DataType::kInt64) {
        POSENET_RETURN_IF_ERROR(ExpectPerTensorQuantization(ctx, *t));
      }
    }
    return Status::Ok();
  }
  int32_t in_ = -1, out_ = -1;
  DataType in_type_ = DataType::kFloat32, out_type_ = DataType::kFloat32;
  int64_t size_ = 0;
};

class LogisticKernel final : public UnaryKernel {
 public:
  Status Prepare(const PrepareContext& ctx) override {
    POSENET_RETURN_IF_ERROR(PrepareUnary(ctx));
    POSENET_RETURN_IF_ERROR(
        ExpectType(ctx, Input(ctx, 0), {DataType::kFloat32, DataType::kUInt8, DataType::kInt8}));
    POSENET_RETURN_IF_ERROR(ExpectType(ctx, Output(ctx, 0), {in_type_}));
    if (in_type_ != DataType::kFloat32) {
      in_q_ = QuantOf(Input(ctx, 0));
      out_q_ = QuantOf(Output(ctx, 0));
    }
    return Status::Ok();
  }
  void Run(const RunContext& ctx) const override {
    if (in_type_ == DataType::kUInt8) {
      ref::LogisticUint8(in_q_, out_q_, size_, TensorData<uint8_t>(ctx, in_),
                         TensorData<uint8_t>(ctx, out_));
    } else if (in_type_ == DataType::kInt8) {
      ref::LogisticInt8(in_q_, out_q_, size_, TensorData<int8_t>(ctx, in_),
                        TensorData<int8_t>(ctx, out_));
    } else {
      ref::LogisticFloat(size_, TensorData<float>(ctx, in_), TensorData<float>(ctx, out_));
    }
  }

 private:
  QuantParams in_q_, out_q_;
};

class ReluKernel final : public UnaryKernel {
 public:
  explicit ReluKernel(float act_max) : act_max_(act_max) {}
  Status Prepare(const PrepareContext& ctx) override {
    POSENET_RETURN_IF_ERROR(PrepareUnary(ctx));
    POSENET_RETURN_IF_ERROR(
        ExpectType(ctx, Input(ctx, 0), {DataType::kFloat32, DataType::kUInt8, DataType::kInt8}));
    POSENET_RETURN_IF_ERROR(ExpectType(ctx, Output(ctx, 0), {in_type_}));
    const QuantParams none;
    const bool q = in_type_ != DataType::kFloat32;
    p_ = ref::MakeReluParams(0.0f, act_max_, q ? QuantOf(Input(ctx, 0)) : none,
                             q ? QuantOf(Output(ctx, 0)) : none, in_type_);
    if (q) {
      POSENET_RETURN_IF_ERROR(ExpectRepresentable(
          ctx, {p_.output_multiplier, p_.output_shift},
          static_cast<double>(QuantOf(Input(ctx, 0)).scale) / QuantOf(Output(ctx, 0)).scale,
          "the output"));
    }
    return Status::Ok();
  }
  void Run(const RunContext& ctx) const override {
    if (in_type_ == DataType::kUInt8) {
      ref::ReluUint8(p_, size_, TensorData<uint8_t>(ctx, in_), TensorData<uint8_t>(ctx, out_));
    } else if (in_type_ == DataType::kInt8) {
      ref::ReluInt8(p_, size_, TensorData<int8_t>(ctx, in_), TensorData<int8_t>(ctx, out_));
    } else {
      ref::ReluFloat(p_, size_, TensorData<float>(ctx, in_), TensorData<float>(ctx, out_));
    }
  }

 private:
  float act_max_;
  ActivationParams p_;
};

// QUANTIZE (float -> uint8/int8, or between 8-bit types) and DEQUANTIZE (8-bit -> float).
class QuantizeKernel final : public UnaryKernel {
 public:
  explicit QuantizeKernel(bool dequantize) : dequantize_(dequantize) {}
  Status Prepare(const PrepareContext& ctx) override {
    POSENET_RETURN_IF_ERROR(PrepareUnary(ctx));
    const TensorDef& in = Input(ctx, 0);
    const TensorDef& out = Output(ctx, 0);
    if (dequantize_) {
      POSENET_RETURN_IF_ERROR(ExpectType(ctx, in, {DataType::kUInt8, DataType::kInt8}));
      POSENET_RETURN_IF_ERROR(ExpectType(ctx, out, {DataType::kFloat32}));
      q_ = QuantOf(in);
    } else {
      POSENET_RETURN_IF_ERROR(
          ExpectType(ctx, in, {DataType::kFloat32, DataType::kUInt8, DataType::kInt8}));
      POSENET_RETURN_IF_ERROR(ExpectType(ctx, out, {DataType::kUInt8, DataType::kInt8}));
      q_ = QuantOf(out);
      if (in.type != DataType::kFloat32) {
        requant_ = ref::MakeRequantizeParams(QuantOf(in), q_);
        POSENET_RETURN_IF_ERROR(
            ExpectRepresentable(ctx, {requant_.multiplier, requant_.shift},
                                static_cast<double>(QuantOf(in).scale) / q_.scale, "the output"));
      }
    }
    return Status::Ok();
  }
  void Run(const RunContext& ctx) const override {
    const uint8_t* in = ctx.tensors[in_];
    uint8_t* out = ctx.tensors[out_];
    const auto u8 = [](const uint8_t* p) { return p; };
    const auto s8 = [](const uint8_t* p) { return reinterpret_cast<const int8_t*>(p); };
    const auto s8w = [](uint8_t* p) { return reinterpret_cast<int8_t*>(p); };
    const auto f32 = [](const uint8_t* p) { return reinterpret_cast<const float*>(p); };
    const auto f32w = [](uint8_t* p) { return reinterpret_cast<float*>(p); };
    if (dequantize_) {
      if (in_type_ == DataType::kUInt8)
        ref::DequantizeUint8(q_, size_, u8(in), f32w(out));
      else
        ref::DequantizeInt8(q_, size_, s8(in), f32w(out));
      return;
    }
    const bool to_u8 = out_type_ == DataType::kUInt8;
    switch (in_type_) {
      case DataType::kFloat32:
        if (to_u8)
          ref::QuantizeToUint8(q_, size_, f32(in), out);
        else
          ref::QuantizeToInt8(q_, size_, f32(in), s8w(out));
        break;
      case DataType::kUInt8:
        if (to_u8)
          ref::Requantize(requant_, size_, u8(in), out);
        else
          ref::Requantize(requant_, size_, u8(in), s8w(out));
        break;
      default:
        if (to_u8)
          ref::Requantize(requant_, size_, s8(in), out);
        else
          ref::Requantize(requant_, size_, s8(in), s8w(out));
        break;
    }
  }

 private:
  bool dequantize_;
  QuantParams q_;
  ref::RequantizeParams requant_;
};

class ReshapeKernel final : public UnaryKernel {
 public:
  Status Prepare(const PrepareContext& ctx) override {
    POSENET_RETURN_IF_ERROR(PrepareUnary(ctx));
    POSENET_RETURN_IF_ERROR(ExpectType(ctx, Output(ctx, 0), {in_type_}));
    bytes_ = static_cast<size_t>(ByteSize(Output(ctx, 0)));
    return Status::Ok();
  }
  void Run(const RunContext& ctx) const override {
    ref::Reshape(ctx.tensors[in_], ctx.tensors[out_], bytes_);
  }

 private:
  size_t bytes_ = 0;
};

}  // namespace

std::unique_ptr<OpKernel> CreateLogisticKernel() { return std::make_unique<LogisticKernel>(); }
std::unique_ptr<OpKernel> CreateReluKernel() {
  return std::make_unique<ReluKernel>(std::numeric_limits<float>::infinity());
}
std::unique_ptr<OpKernel> CreateRelu6Kernel() { return std::make_unique<ReluKernel>(6.0f); }
std::unique_ptr<OpKernel> CreateQuantizeKernel() { return std::make_unique<QuantizeKernel>(false); }
std::unique_ptr<OpKernel> CreateDequantizeKernel() {
  return std::make_unique<QuantizeKernel>(true);
}
std::unique_ptr<OpKernel> CreateReshapeKernel() { return std::make_unique<ReshapeKernel>(); }

}  // namespace posenet
