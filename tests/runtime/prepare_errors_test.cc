// Every error Prepare can return in src/runtime/ops, each reached through the one-op harness with
// the operands or options that trigger it: a one-line message naming the file, the op and the
// bad value. The table is checked against the sources, so an error added without a case here
// fails the test (OpErrorSites.EachHasACase).
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <regex>
#include <sstream>

#include "op_runner.h"

namespace posenet::testing {
namespace {

std::vector<uint8_t> Bytes(size_t n, uint8_t v = 1) { return std::vector<uint8_t>(n, v); }

template <typename T>
std::vector<uint8_t> Raw(const std::vector<T>& values) {
  std::vector<uint8_t> b(values.size() * sizeof(T));
  std::memcpy(b.data(), values.data(), b.size());
  return b;
}

// A small valid convolution to break one piece at a time: uint8, 5x5x3 input, 3x3 filter,
// SAME padding, 4 output channels (depthwise: multiplier m, output 3m channels).
struct ConvCase {
  bool depthwise = false;
  DataType type = DataType::kUInt8;
  Shape in{1, 5, 5, 3}, filter{4, 3, 3, 3}, out{1, 5, 5, 4};
  int32_t stride = 1, dilation_h = 1, dilation_w = 1, multiplier = 1;
  Quant qin = Quant1(0.5f, 128), qfilter = Quant1(0.01f, 120), qout = Quant1(0.2f, 10);
  bool filter_constant = true, bias = true;
  int64_t filter_bytes = -1;  // -1: as the shape needs
  int64_t bias_count = -1;    // -1: output channels
  DataType bias_type = DataType::kInt32;

  static ConvCase Depthwise() {
    ConvCase c;
    c.depthwise = true;
    c.filter = {1, 3, 3, 6};
    c.out = {1, 5, 5, 6};
    c.multiplier = 2;
    return c;
  }

  Status Prepare() const {
    OpOptions options;
    if (depthwise) {
      DepthwiseConv2DOptions o;
      o.stride_h = o.stride_w = stride;
      o.dilation_h = dilation_h, o.dilation_w = dilation_w;
      o.depth_multiplier = multiplier;
      options = o;
    } else {
      Conv2DOptions o;
      o.stride_h = o.stride_w = stride;
      o.dilation_h = dilation_h, o.dilation_w = dilation_w;
      options = o;
    }
    OpRunner r(depthwise ? OpCode::kDepthwiseConv2D : OpCode::kConv2D, options);
    r.Input("in", in, type, qin);
    TensorDef probe;
    probe.type = type;
    probe.shape = filter;
    const int64_t need = ByteSize(probe);
    if (filter_constant) {
      r.Constant("filter", filter,
                 Bytes(static_cast<size_t>(filter_bytes < 0 ? need : filter_bytes)), type, qfilter);
    } else {
      r.Input("filter", filter, type, qfilter);
    }
    const int64_t channels = depthwise ? filter.back() : filter.front();
    const int64_t n = bias_count < 0 ? channels : bias_count;
    if (bias) {
      r.Constant("bias", {static_cast<int32_t>(n)}, Bytes(static_cast<size_t>(n) * 4, 0),
                 bias_type);
    } else {
      r.Omitted();
    }
    r.Output("out", out, type, qout);
    return r.Prepare();
  }
};

struct Case {
  std::string file;     // src/runtime/ops/<file> returns the error
  std::string literal;  // a piece of that error's text, as written in the source
  std::string expect;   // what the message must contain
  std::function<Status()> prepare;
};

std::vector<Case> Cases() {
  std::vector<Case> cases;
  auto add = [&](std::string file, std::string literal, std::string expect,
                 std::function<Status()> f) {
    cases.push_back({std::move(file), std::move(literal), std::move(expect), std::move(f)});
  };

  // --- op_checks.cc: shared checks, reached here through CONV_2D, LOGISTIC and ADD.
  add("op_checks.cc", " has type ", "tensor 'in' has type int32, expected float32 or uint8 or int8",
      [] {
        ConvCase c;
        c.type = DataType::kInt32;
        return c.Prepare();
      });
  add("op_checks.cc", " must be constant", "tensor 'filter' must be constant", [] {
    ConvCase c;
    c.filter_constant = false;
    return c.Prepare();
  });
  add("op_checks.cc", " bytes, its shape ", "constant 'filter' holds 10 bytes, its shape", [] {
    ConvCase c;
    c.filter_bytes = 10;
    return c.Prepare();
  });
  add("op_checks.cc", " needs one scale and zero point", "tensor 'in' needs one scale", [] {
    ConvCase c;
    c.qin = Quant{{0.5f, 0.25f}, {128, 128}, 3};
    return c.Prepare();
  });
  add("op_checks.cc", "\" has rank \"", "tensor 'in' has rank 3, expected 4", [] {
    ConvCase c;
    c.in = {5, 5, 3};
    return c.Prepare();
  });
  add("op_checks.cc", "every dimension must be at least 1", "has shape [1,0,5,3]", [] {
    ConvCase c;
    c.in = {1, 0, 5, 3};
    return c.Prepare();
  });
  add("op_checks.cc", "more than 2^30 elements", "[65536,32768]: more than 2^30 elements", [] {
    OpRunner r(OpCode::kLogistic);
    r.Input("x", {65536, 32768}, DataType::kFloat32);
    r.Output("y", {65536, 32768}, DataType::kFloat32);
    return r.Prepare();
  });
  add("op_checks.cc", "ShapeToString(expected)",
      "tensor 'out' has shape [1,5,5,5], expected [1,5,5,4]", [] {
        ConvCase c;
        c.out = {1, 5, 5, 5};
        return c.Prepare();
      });
  add("op_checks.cc", "\" is outside 1-\" + std::to_string(kMaxWindowExtent)",
      "stride 33554432 along the height is outside 1-16777216", [] {
        ConvCase c;
        c.stride = 1 << 25;
        c.out = {1, 1, 1, 4};
        return c.Prepare();
      });
  add("op_checks.cc", " must be >= 1\"", "dilation 0 and filter 3 along the width must be >= 1",
      [] {
        ConvCase c;
        c.dilation_w = 0;
        return c.Prepare();
      });
  // The hostile reproducer's class: a dilation near 2^31 (dw_dilation_intmax.tflite).
  add("op_checks.cc", "the window spans ",
      "the window spans 4294967295 pixels along the height (filter 3, dilation 2147483647), "
      "more than 16777216",
      [] {
        ConvCase c = ConvCase::Depthwise();
        c.dilation_h = std::numeric_limits<int32_t>::max();
        return c.Prepare();
      });
  add("op_checks.cc", "\", but input \"",
      "the output height is 4, but input 5, window 3 and stride 1 give 5", [] {
        ConvCase c;
        c.out = {1, 4, 5, 4};
        return c.Prepare();
      });
  add("op_checks.cc", "the requantization of ",
      "the requantization of output channel 0 (multiplier 5e+19) needs a left shift of 66 bits; "
      "at most 30 is representable",
      [] {
        ConvCase c;
        c.qin = Quant1(1e10f, 128);
        c.qfilter = Quant1(1e10f, 120);
        c.qout = Quant1(2.0f, 10);
        return c.Prepare();
      });

  // --- conv_op.cc
  add("conv_op.cc", "input channels times depth multiplier",
      "filter 'filter' [1,3,3,5] does not fit 3 input channels times depth multiplier 2", [] {
        ConvCase c = ConvCase::Depthwise();
        c.filter = {1, 3, 3, 5};
        c.out = {1, 5, 5, 5};
        return c.Prepare();
      });
  add("conv_op.cc", "\" input channels\");",
      "filter 'filter' [4,3,3,2] does not fit 3 input channels", [] {
        ConvCase c;
        c.filter = {4, 3, 3, 2};
        return c.Prepare();
      });
  add("conv_op.cc", "\" values, expected \"", "bias 'bias' has 3 values, expected 4", [] {
    ConvCase c;
    c.bias_count = 3;
    return c.Prepare();
  });
  add("conv_op.cc", " is not quantized", "filter 'filter' is not quantized", [] {
    ConvCase c;
    c.qfilter = {};
    return c.Prepare();
  });
  add("conv_op.cc", "per-channel weights need int8 tensors", "per-channel weights need int8", [] {
    ConvCase c;
    c.qfilter = Quant{{0.01f, 0.02f, 0.03f, 0.04f}, {120, 120, 120, 120}, 0};
    return c.Prepare();
  });
  add("conv_op.cc", " has zero point ", "int8 filter 'filter' has zero point 3, expected 0", [] {
    ConvCase c;
    c.type = DataType::kInt8;
    c.qin = Quant1(0.5f, 0);
    c.qfilter = Quant1(0.01f, 3);
    c.qout = Quant1(0.2f, 0);
    return c.Prepare();
  });

  // --- quant_params.cc (per-channel int8 filters)
  add("quant_params.cc", " scales, expected 1 or ", "filter 'filter' has 2 scales, expected 1 or 4",
      [] {
        ConvCase c;
        c.type = DataType::kInt8;
        c.qin = Quant1(0.5f, 0);
        c.qfilter = Quant{{0.01f, 0.02f}, {0, 0}, 0};
        c.qout = Quant1(0.2f, 0);
        return c.Prepare();
      });
  add("quant_params.cc", "per-channel scales along dimension ",
      "per-channel scales along dimension 3, expected 0", [] {
        ConvCase c;
        c.type = DataType::kInt8;
        c.qin = Quant1(0.5f, 0);
        c.qfilter = Quant{{0.01f, 0.02f, 0.03f, 0.04f}, {0, 0, 0, 0}, 3};
        c.qout = Quant1(0.2f, 0);
        return c.Prepare();
      });

  // --- pool_op.cc
  add("pool_op.cc", "the window averages ",
      "the window averages 16777216 values; the int32 sum holds at most 8388608", [] {
        Pool2DOptions o;
        o.padding = Padding::kValid;
        o.filter_h = o.filter_w = 4096;
        OpRunner r(OpCode::kAveragePool2D, o);
        r.Input("x", {1, 4096, 4096, 1}, DataType::kUInt8, Quant1(1.0f, 0));
        r.Output("y", {1, 1, 1, 1}, DataType::kUInt8, Quant1(1.0f, 0));
        return r.Prepare();
      });
  add("pool_op.cc", "input and output quantization must be equal", "quantization must be equal",
      [] {
        OpRunner r(OpCode::kMaxPool2D, Pool2DOptions{});
        r.Input("x", {1, 4, 4, 2}, DataType::kUInt8, Quant1(1.0f, 0));
        r.Output("y", {1, 4, 4, 2}, DataType::kUInt8, Quant1(0.5f, 0));
        return r.Prepare();
      });

  // --- elementwise_op.cc
  add("elementwise_op.cc", "cannot broadcast ", "cannot broadcast [1,4,4,2] with [1,3,1,2]", [] {
    OpRunner r(OpCode::kAdd, ElementwiseOptions{});
    r.Input("a", {1, 4, 4, 2}, DataType::kFloat32);
    r.Input("b", {1, 3, 1, 2}, DataType::kFloat32);
    r.Output("y", {1, 4, 4, 2}, DataType::kFloat32);
    return r.Prepare();
  });

  // --- concatenation_op.cc
  auto concat = [](ConcatenationOptions o, Shape a, Shape b, Shape out) {
    OpRunner r(OpCode::kConcatenation, o);
    r.Input("a", std::move(a), DataType::kFloat32);
    r.Input("b", std::move(b), DataType::kFloat32);
    r.Output("y", std::move(out), DataType::kFloat32);
    return r.Prepare();
  };
  add("concatenation_op.cc", "a fused activation on CONCATENATION", "fused activation", [=] {
    ConcatenationOptions o;
    o.axis = 3;
    o.activation = Activation::kRelu;
    return concat(o, {1, 2, 2, 3}, {1, 2, 2, 4}, {1, 2, 2, 7});
  });
  add("concatenation_op.cc", " is outside an output of rank ",
      "axis 4 is outside an output of rank 4", [=] {
        ConcatenationOptions o;
        o.axis = 4;
        return concat(o, {1, 2, 2, 3}, {1, 2, 2, 4}, {1, 2, 2, 7});
      });
  add("concatenation_op.cc", "\" has rank \"", "input 'b' has rank 3, expected 4", [=] {
    ConcatenationOptions o;
    o.axis = 3;
    return concat(o, {1, 2, 2, 3}, {2, 2, 4}, {1, 2, 2, 7});
  });
  add("concatenation_op.cc", " off the axis ",
      "input 'b' has shape [1,3,2,4], which differs from the output [1,2,2,7] off the axis 3", [=] {
        ConcatenationOptions o;
        o.axis = -1;
        return concat(o, {1, 2, 2, 3}, {1, 3, 2, 4}, {1, 2, 2, 7});
      });
  add("concatenation_op.cc", "the inputs add up to ",
      "the inputs add up to 7 along axis 3, the output has 8", [=] {
        ConcatenationOptions o;
        o.axis = 3;
        return concat(o, {1, 2, 2, 3}, {1, 2, 2, 4}, {1, 2, 2, 8});
      });

  // --- pad_op.cc
  auto pad = [](std::vector<int32_t> pads, Shape out) {
    OpRunner r(OpCode::kPad);
    r.Input("x", {1, 2, 2, 1}, DataType::kFloat32);
    const int32_t n = static_cast<int32_t>(pads.size());
    r.Constant("pads", {n / 2, 2}, Raw(pads), DataType::kInt32);
    r.Output("y", std::move(out), DataType::kFloat32);
    return r.Prepare();
  };
  add("pad_op.cc", "paddings must have ", "paddings must have 8 values", [=] {
    return pad({0, 0, 1, 1, 1, 1}, {1, 4, 4, 1});
  });
  add("pad_op.cc", "\" of dimension \"", "padding -1 of dimension 2 is outside 0-1073741824", [=] {
    return pad({0, 0, 1, 1, -1, 1, 0, 0}, {1, 4, 2, 1});
  });

  // --- unary_ops.cc
  add("unary_ops.cc", "input and output sizes differ", "input and output sizes differ", [] {
    OpRunner r(OpCode::kReshape);
    r.Input("x", {2, 3}, DataType::kFloat32);
    r.Output("y", {7}, DataType::kFloat32);
    return r.Prepare();
  });

  // --- posenet_decoder_op.cc
  auto decoder = [](PosenetDecoderOptions o, int32_t mid_channels, int32_t max_out) {
    OpRunner r(OpCode::kPosenetDecoder, o);
    r.Input("heat", {1, 3, 3, 17}, DataType::kFloat32);
    r.Input("short", {1, 3, 3, 34}, DataType::kFloat32);
    r.Input("mid", {1, 3, 3, mid_channels}, DataType::kFloat32);
    r.Output("keypoints", {1, max_out, 17, 2}, DataType::kFloat32);
    r.Output("keypoint_scores", {1, max_out, 17}, DataType::kFloat32);
    r.Output("scores", {1, max_out}, DataType::kFloat32);
    r.Output("count", {1}, DataType::kFloat32);
    return r.Prepare();
  };
  PosenetDecoderOptions good;
  good.max_detections = 2;
  add("posenet_decoder_op.cc", "\" is outside 1-1000\"", "max_detections 0 is outside 1-1000", [=] {
    PosenetDecoderOptions o = good;
    o.max_detections = 0;
    return decoder(o, 64, 2);
  });
  add("posenet_decoder_op.cc", "\" is outside 1-\" +", "stride 536870912 is outside 1-4096", [=] {
    PosenetDecoderOptions o = good;
    o.stride = 1 << 29;
    return decoder(o, 64, 2);
  });
  add("posenet_decoder_op.cc", "nms_radius and score_threshold must be finite",
      "must be finite and >= 0", [=] {
        PosenetDecoderOptions o = good;
        o.score_threshold = std::numeric_limits<float>::infinity();
        return decoder(o, 64, 2);
      });
  add("posenet_decoder_op.cc", "\", expected [1,H,W,\"",
      "input 'mid' has shape [1,3,3,63], expected [1,H,W,64]",
      [=] { return decoder(good, 63, 2); });
  add("posenet_decoder_op.cc", "output shapes do not match max_detections ",
      "output shapes do not match max_detections 2", [=] { return decoder(good, 64, 3); });
  return cases;
}

TEST(PrepareErrors, EachIsOneLineNamingTheOpAndTheValue) {
  for (const Case& c : Cases()) {
    const Status s = c.prepare();
    ASSERT_FALSE(s.ok()) << c.file << ": " << c.expect << " was accepted";
    EXPECT_EQ(s.message().rfind("op.tflite: cannot prepare op 0 '", 0), 0u) << s.message();
    EXPECT_NE(s.message().find(c.expect), std::string::npos)
        << c.file << ": expected \"" << c.expect << "\" in: " << s.message();
    EXPECT_EQ(s.message().find('\n'), std::string::npos) << s.message();
  }
}

// Every `OpError(` call in src/runtime/ops has a case whose literal is in that file, and no
// file has more calls than cases: an error added without a test fails here.
TEST(PrepareErrors, EachOpErrorSiteHasACase) {
  const std::filesystem::path ops = std::filesystem::path(POSENET_SOURCE_DIR) / "src/runtime/ops";
  std::map<std::string, int> sites, covered;
  for (const auto& entry : std::filesystem::directory_iterator(ops)) {
    if (entry.path().extension() != ".cc") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string source = text.str();
    const std::string name = entry.path().filename().string();
    for (size_t at = source.find("OpError("); at != std::string::npos;
         at = source.find("OpError(", at + 1)) {
      if (source.compare(at - 7, 7, "Status ") != 0) ++sites[name];  // not the definition
    }
    for (const Case& c : Cases()) {
      if (c.file != name) continue;
      ++covered[name];
      EXPECT_NE(source.find(c.literal), std::string::npos)
          << name << " has no \"" << c.literal << "\"";
    }
  }
  EXPECT_FALSE(sites.empty());
  for (const auto& [file, count] : sites) {
    EXPECT_EQ(covered[file], count)
        << file << ": " << count << " OpError calls, " << covered[file] << " cases";
  }
}

// Prepare accepts, Run computes: a 1x1 uint8 convolution whose sum overflows int32 once its bias
// is added wraps around as TFLite's int32 arithmetic does (conv_bias_overflow.tflite's class),
// checked against the same sum taken in int64 and reduced modulo 2^32.
TEST(OpRunner, QuantizedConvolutionWrapsAroundLikeTflite) {
  Conv2DOptions o;
  OpRunner r(OpCode::kConv2D, o);
  const int32_t in = r.Input("in", {1, 1, 1, 4}, DataType::kUInt8, Quant1(1.0f, 0));
  r.Constant("filter", {1, 1, 1, 4}, Bytes(4, 255), DataType::kUInt8, Quant1(1.0f, 0));
  const int32_t bias = std::numeric_limits<int32_t>::max() - 1000;
  r.Constant("bias", {1}, Raw(std::vector<int32_t>{bias}), DataType::kInt32);
  // Output scale 2: the requantization halves (multiplier 2^30, no shift).
  const int32_t out = r.Output("out", {1, 1, 1, 1}, DataType::kUInt8, Quant1(2.0f, 0));
  ASSERT_TRUE(r.Prepare().ok());
  r.Set(in, std::vector<uint8_t>{255, 255, 255, 255});
  r.Run();
  // 4 * 255 * 255 + bias passes 2^31 - 1. In int32, as TFLite computes it, the sum wraps to a
  // large negative number, half of which clamps to 0; taken exactly it would clamp to 255.
  const int64_t exact = 4 * 255 * 255 + int64_t{bias};
  const auto wrapped = static_cast<int32_t>(static_cast<uint32_t>(exact & 0xffffffff));
  ASSERT_LT(wrapped, 0);
  ASSERT_GT(exact / 2, 255);
  EXPECT_EQ(r.Get<uint8_t>(out), std::vector<uint8_t>{0});
}

TEST(OpRunner, RunsWhatPrepareAccepts) {
  Pool2DOptions o;
  o.padding = Padding::kValid;
  o.filter_h = o.filter_w = 2;
  o.stride_h = o.stride_w = 2;
  OpRunner r(OpCode::kAveragePool2D, o);
  const int32_t in = r.Input("x", {1, 2, 4, 1}, DataType::kFloat32);
  const int32_t out = r.Output("y", {1, 1, 2, 1}, DataType::kFloat32);
  ASSERT_TRUE(r.Prepare().ok());
  r.Set(in, std::vector<float>{1, 2, 3, 4, 5, 6, 7, 8});
  r.Run();
  EXPECT_EQ(r.Get<float>(out),
            (std::vector<float>{(1 + 2 + 5 + 6) / 4.0f, (3 + 4 + 7 + 8) / 4.0f}));
}

}  // namespace
}  // namespace posenet::testing
