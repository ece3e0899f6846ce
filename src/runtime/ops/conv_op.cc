// CONV_2D and DEPTHWISE_CONV_2D: operand checks, padding, activation clamp, requantization
// multipliers; then an optimized kernel for the session's SIMD level when one fits the
// problem, else the reference kernel.
#include <functional>
#include <variant>

#include "kernels/optimized/prepared_conv.h"

#include "base/window.h"
#include "kernels/activation.h"
#include "kernels/reference/conv.h"
#include "runtime/ops/op_checks.h"
#include "runtime/ops/ops.h"
#include "runtime/ops/quant_params.h"
#include "runtime/shared_weights.h"

namespace posenet {
namespace {

enum class Kind { kFloat, kUInt8, kInt8 };

class ConvKernel final : public OpKernel {
 public:
  explicit ConvKernel(bool depthwise) : depthwise_(depthwise) {}

  Status Prepare(const PrepareContext& ctx) override {
    const TensorDef& in = Input(ctx, 0);
    const TensorDef& filter = Input(ctx, 1);
    const TensorDef& out = Output(ctx, 0);
    POSENET_RETURN_IF_ERROR(
        ExpectType(ctx, in, {DataType::kFloat32, DataType::kUInt8, DataType::kInt8}));
    POSENET_RETURN_IF_ERROR(ExpectType(ctx, filter, {in.type}));
    POSENET_RETURN_IF_ERROR(ExpectType(ctx, out, {in.type}));
    POSENET_RETURN_IF_ERROR(ExpectConstant(ctx, filter));
    const bool has_bias = HasInput(ctx, 2);
    if (has_bias) {
      const TensorDef& bias = Input(ctx, 2);
      POSENET_RETURN_IF_ERROR(ExpectConstant(ctx, bias));
      POSENET_RETURN_IF_ERROR(ExpectType(
          ctx, bias, {in.type == DataType::kFloat32 ? DataType::kFloat32 : DataType::kInt32}));
    }
    for (const TensorDef* t : {&in, &filter, &out}) {
      POSENET_RETURN_IF_ERROR(ExpectShape(ctx, *t, 4));
    }
    input_ = ctx.node->inputs[0];
    filter_ = ctx.node->inputs[1];
    bias_ = has_bias ? ctx.node->inputs[2] : -1;
    output_ = ctx.node->outputs[0];
    in_shape_ = ToDims4(in.shape);
    filter_shape_ = ToDims4(filter.shape);
    out_shape_ = ToDims4(out.shape);

    const Conv2DOptions& o = depthwise_ ? std::get<DepthwiseConv2DOptions>(ctx.node->options)
                                        : std::get<Conv2DOptions>(ctx.node->options);
    const Activation activation = o.activation;
    if (depthwise_) {
      p_.depth_multiplier = std::get<DepthwiseConv2DOptions>(ctx.node->options).depth_multiplier;
    }
    p_.stride_h = o.stride_h, p_.stride_w = o.stride_w;
    p_.dilation_h = o.dilation_h, p_.dilation_w = o.dilation_w;
    // Channels: OHWI filters read every input channel; depthwise [1,H,W,C*m] ones give output
    // channel c*m+k from input channel c.
    const int64_t out_c =
        depthwise_ ? int64_t{in_shape_.c} * p_.depth_multiplier : int64_t{filter_shape_.n};
    if (depthwise_ &&
        (p_.depth_multiplier < 1 || filter_shape_.n != 1 || filter_shape_.c != out_c)) {
      return OpError(ctx, "filter " + Quoted(filter) + " " + ShapeToString(filter.shape) +
                              " does not fit " + std::to_string(in_shape_.c) +
                              " input channels times depth multiplier " +
                              std::to_string(p_.depth_multiplier));
    }
    if (!depthwise_ && filter_shape_.c != in_shape_.c) {
      return OpError(ctx, "filter " + Quoted(filter) + " " + ShapeToString(filter.shape) +
                              " does not fit " + std::to_string(in_shape_.c) + " input channels");
    }
    if (has_bias && ElementCount(Input(ctx, 2).shape) != out_c) {
      return OpError(ctx, "bias " + Quoted(Input(ctx, 2)) + " has " +
                              std::to_string(ElementCount(Input(ctx, 2).shape)) +
                              " values, expected " + std::to_string(out_c));
    }
    POSENET_ASSIGN_OR_RETURN(const WindowPadding rows,
                             ExpectWindow(ctx, "height", in_shape_.h, filter_shape_.h, p_.stride_h,
                                          p_.dilation_h, o.padding, out_shape_.h));
    POSENET_ASSIGN_OR_RETURN(const WindowPadding cols,
                             ExpectWindow(ctx, "width", in_shape_.w, filter_shape_.w, p_.stride_w,
                                          p_.dilation_w, o.padding, out_shape_.w));
    POSENET_RETURN_IF_ERROR(
        ExpectShapeIs(ctx, out, {in_shape_.n, rows.out, cols.out, static_cast<int32_t>(out_c)}));
    p_.pad_top = rows.pad_before;
    p_.pad_left = cols.pad_before;

    const int64_t taps = int64_t{filter_shape_.h} * filter_shape_.w;
    macs_ = out_shape_.size() * taps * (depthwise_ ? 1 : in_shape_.c);

    if (in.type == DataType::kFloat32) {
      kind_ = Kind::kFloat;
      std::tie(p_.float_min, p_.float_max) = CalculateActivationRangeFloat(activation);
      problem_ = Problem(ctx, DataType::kFloat32);
      optimized_ = Share(ctx, [&] { return PrepareFloatConv(problem_, ctx.isa); });
      if (optimized_ != nullptr && optimized_->streams_rows()) {
        rows_.conv = optimized_.get();
        rows_.input = input_, rows_.output = output_;
        rows_.in_h = in_shape_.h, rows_.out_h = out_shape_.h;
        rows_.kernel_h = filter_shape_.h, rows_.stride_h = p_.stride_h;
        rows_.dilation_h = p_.dilation_h, rows_.pad_top = p_.pad_top;
        rows_.in_row_bytes = int64_t{in_shape_.w} * in_shape_.c * int64_t{sizeof(float)};
        rows_.out_row_bytes = int64_t{out_shape_.w} * out_shape_.c * int64_t{sizeof(float)};
      }
      return Status::Ok();
    }
    kind_ = in.type == DataType::kUInt8 ? Kind::kUInt8 : Kind::kInt8;
    POSENET_RETURN_IF_ERROR(ExpectPerTensorQuantization(ctx, in));
    POSENET_RETURN_IF_ERROR(ExpectPerTensorQuantization(ctx, out));
    if (filter.quantization.empty()) {
      return OpError(ctx, "filter " + Quoted(filter) + " is not quantized");
    }
    if (kind_ == Kind::kUInt8 && filter.quantization.per_channel()) {
      return OpError(ctx, "per-channel weights need int8 tensors, found uint8");
    }
    if (kind_ == Kind::kInt8) {
      for (int64_t zp : filter.quantization.zero_point) {
        if (zp != 0)
          return OpError(ctx, "int8 filter " + Quoted(filter) + " has zero point " +
                                  std::to_string(zp) + ", expected 0");
      }
    }
    p_.input_offset = -static_cast<int32_t>(in.quantization.zero_point[0]);
    p_.filter_offset = -static_cast<int32_t>(filter.quantization.zero_point[0]);
    p_.output_offset = static_cast<int32_t>(out.quantization.zero_point[0]);
    std::tie(p_.quant_min, p_.quant_max) = CalculateActivationRangeQuantized(
        activation, out.quantization.scale[0], p_.output_offset, out.type);
    POSENET_RETURN_IF_ERROR(
        ConvolutionRequant(ctx, in, filter, out, out_shape_.c, depthwise_ ? 3 : 0, p_.requant));
    optimized_ = Share(ctx, [&] { return PrepareQuantizedConv(Problem(ctx, in.type), ctx.isa); });
    return Status::Ok();
  }

  void Run(const RunContext& ctx) const override {
    if (optimized_ != nullptr) {
      optimized_->Run(ctx.tensors[input_], ctx.tensors[output_], ctx.scratch, ctx.pool);
      return;
    }
    switch (kind_) {
      case Kind::kFloat:
        RunReference<float, float>(ctx, ref::Conv2DFloat, ref::DepthwiseConv2DFloat);
        break;
      case Kind::kUInt8:
        RunReference<uint8_t, int32_t>(ctx, ref::Conv2DUint8, ref::DepthwiseConv2DUint8);
        break;
      case Kind::kInt8:
        RunReference<int8_t, int32_t>(ctx, ref::Conv2DInt8, ref::DepthwiseConv2DInt8);
        break;
    }
  }

  int64_t macs() const override { return macs_; }
  size_t scratch_bytes() const override {
    return optimized_ != nullptr ? optimized_->scratch_bytes() : 0;
  }
  std::string implementation() const override {
    return optimized_ != nullptr ? optimized_->name() : "reference";
  }
  const ConvProblem* float_conv_problem() const override {
    return kind_ == Kind::kFloat && !depthwise_ && optimized_ != nullptr ? &problem_ : nullptr;
  }
  const RowStreaming* row_streaming() const override {
    return rows_.conv != nullptr ? &rows_ : nullptr;
  }

 private:
  // A reference kernel for elements T and bias B (the signature of kernels/reference/conv.h).
  template <typename T, typename B>
  using ReferenceConv = void (*)(const ConvParams&, const Dims4&, const T*, const Dims4&, const T*,
                                 const B*, const Dims4&, T*);

  template <typename T, typename B>
  void RunReference(const RunContext& ctx, ReferenceConv<T, B> conv,
                    ReferenceConv<T, B> depthwise) const {
    (depthwise_ ? depthwise : conv)(
        p_, in_shape_, TensorData<T>(ctx, input_), filter_shape_, TensorData<T>(ctx, filter_),
        bias_ >= 0 ? TensorData<B>(ctx, bias_) : nullptr, out_shape_, TensorData<T>(ctx, output_));
  }

  // The optimized kernel `make` prepares, or the one a session of the same model already made
  // for this node with the same shapes, threads and level (which then holds the packed weights
  // once for both).
  std::shared_ptr<const PreparedConv> Share(
      const PrepareContext& ctx, const std::function<std::unique_ptr<PreparedConv>()>& make) const {
    if (ctx.shared == nullptr) return make();
    return ctx.shared->Share<PreparedConv>(
        ShareKey("conv", {ctx.node->index, static_cast<int64_t>(ctx.isa), ctx.threads, in_shape_.n,
                          in_shape_.h, in_shape_.w, out_shape_.h, out_shape_.w, p_.stride_h,
                          p_.stride_w, p_.dilation_h, p_.dilation_w, p_.pad_top, p_.pad_left}),
        make);
  }

  ConvProblem Problem(const PrepareContext& ctx, DataType type) const {
    ConvProblem problem;
    problem.depthwise = depthwise_;
    problem.type = type;
    problem.params = p_;
    problem.in = in_shape_, problem.filter = filter_shape_, problem.out = out_shape_;
    problem.filter_data = ctx.graph->tensor(filter_).data.data();
    problem.bias_data = bias_ >= 0 ? ctx.graph->tensor(bias_).data.data() : nullptr;
    problem.threads = ctx.threads;
    return problem;
  }

  bool depthwise_;
  Kind kind_ = Kind::kFloat;
  ConvParams p_;
  Dims4 in_shape_, filter_shape_, out_shape_;
  int32_t input_ = -1, filter_ = -1, bias_ = -1, output_ = -1;
  int64_t macs_ = 0;
  ConvProblem problem_;  // float only
  std::shared_ptr<const PreparedConv> optimized_;
  RowStreaming rows_;
};

}  // namespace

std::unique_ptr<OpKernel> CreateConvKernel() { return std::make_unique<ConvKernel>(false); }
std::unique_ptr<OpKernel> CreateDepthwiseConvKernel() { return std::make_unique<ConvKernel>(true); }

}  // namespace posenet
