// posenet.cpp: run PoseNet .tflite models on the CPU, computing exactly what TFLite computes.
//
//   auto model = posenet::Model::Load("posenet.tflite");          // immutable, shareable
//   auto session = posenet::Session::Create(*model, {.threads = 2});  // one per thread
//   std::memcpy((*session)->input().data(), pixels, (*session)->input().size());
//   (*session)->Run();
//   auto heatmaps = (*session)->output("float_heatmaps");
//
// Estimating poses from pictures is one level up: posenet/estimator.h.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "posenet/export.h"
#include "posenet/pose.h"
#include "posenet/status.h"

namespace posenet {

enum class ElementType { kFloat32, kUInt8, kInt8, kInt32, kInt64 };

// "float32", "uint8", "int8", "int32", "int64".
POSENET_API std::string_view ElementTypeName(ElementType type);
// "[1,257,257,3]".
POSENET_API std::string ShapeText(const std::vector<int32_t>& shape);

// A tensor's description. Quantized tensors have scale > 0: real = scale * (q - zero_point).
struct TensorInfo {
  std::string name;
  ElementType type = ElementType::kFloat32;
  std::vector<int32_t> shape;
  float scale = 0;  // per-channel quantization: the first channel's
  int32_t zero_point = 0;
  // Per-channel quantization (weights): one scale per slice of `quantized_dimension`; 0 when
  // the tensor has one scale or none.
  int channel_scales = 0;
  int quantized_dimension = 0;
  size_t bytes = 0;
  bool constant = false;  // weights or other data stored in the model file
};

// One op as a session runs it (after the input size and output stride are applied).
struct OpInfo {
  int index = 0;                       // the op's position in the file
  std::string name;                    // "CONV_2D", "PosenetDecoderOp", ...
  std::vector<int> inputs;             // tensor indices; -1 marks an omitted optional input
  std::vector<int> outputs;            // tensor indices
  int stride_h = 0, stride_w = 0;      // convolutions and pools; 0 for other ops
  int dilation_h = 0, dilation_w = 0;  // convolutions; 0 for other ops
  int64_t macs = 0;                    // multiply-accumulates per run
  std::string implementation;          // the kernel chosen: "reference", "avx2 im2col 3x3", ...
};

// What a session runs: every tensor (shapes as run), the ops in order, and its costs.
struct NetworkInfo {
  std::vector<TensorInfo> tensors;   // by tensor index
  std::vector<OpInfo> ops;           // in execution order
  std::vector<int> inputs, outputs;  // tensor indices
  int output_stride = 0;             // of the outputs relative to the input, as run
  int64_t macs = 0;                  // per run
  int64_t arena_bytes = 0;           // activations, planned once
  int64_t scratch_bytes = 0;         // kernels' per-thread working memory
};

// Time spent in one op over the runs since profiling started (Options::profile).
struct OpTiming {
  int op = 0;  // index into NetworkInfo::ops
  double total_ms = 0;
  int64_t runs = 0;
  // Ops that run as one group (a row-fused chain, merged convolutions) are timed as a whole: the
  // group's time is on its first op, whose `group` names it; the others have total_ms 0 and
  // `fused_into` naming that first op. -1: the op runs alone.
  int fused_into = -1;
  std::string group;  // on a group's first op: "nodes 0-9 " and the group's implementation
};

// Options of a session, with their defaults.
struct Options {
  int threads = 1;       // worker threads including the caller (1-256)
  int input_height = 0;  // 0: the model file's own input size
  int input_width = 0;
  int output_stride = 0;                  // 0: the model's own; otherwise 8, 16 or 32
  std::vector<std::string> keep_tensors;  // intermediate tensors to read after Run
  bool profile = false;                   // time each op (see Session::profile)
  // Run chains of float convolutions a band of rows at a time, so the tensors between them stay
  // in cache (same results; false runs every layer whole, for comparison).
  bool row_fusion = true;
  // Highest SIMD level for the kernels: "" picks the best this CPU has; a level of the build's
  // architecture caps it: "scalar", "avx2", "avxvnni" or "avx512" on x86-64, "scalar", "neon",
  // "dotprod" or "i8mm" on AArch64, "scalar" or "wasm_simd128" on WebAssembly. The POSENET_ISA
  // environment variable caps both, as a CPU without the higher levels would.
  std::string isa;
  // Bytes this session may take (arena, scratch and per-thread buffers, aligned constants,
  // packed weights), checked before the large buffers are allocated; more is an error naming
  // both sizes. 0: a quarter of physical memory, at most 4 GiB.
  int64_t max_memory = 0;
};

// Coral's in-graph decoder settings, when the model has a PosenetDecoderOp.
struct DecoderSettings {
  int max_detections = 10;
  float score_threshold = 0.2f;
  float nms_radius = 10.0f;
  int stride = 16;
};

// The model input size for a requested resolution: the longer side becomes `resolution`, the
// shorter side keeps the aspect of `native_height` x `native_width`, and both are snapped to
// k * output_stride + 1 as TF.js PoseNet does (kept if already so, else
// floor(size / stride) * stride + 1; at least output_stride + 1).
// Pictures are then padded into that size, so their own aspect is kept too.
POSENET_API void SizeForResolution(int resolution, int output_stride, int native_height,
                                   int native_width, int& height, int& width);

// A verified .tflite model. Immutable after loading; share it between threads and sessions.
class POSENET_API Model {
 public:
  // The largest model file Load reads: bigger ones are refused before anything is read.
  static constexpr uint64_t kMaxFileBytes = uint64_t{256} << 20;

  static Result<std::shared_ptr<const Model>> Load(const std::string& path);
  static Result<std::shared_ptr<const Model>> LoadFromBuffer(std::vector<uint8_t> bytes,
                                                             const std::string& name = "<memory>");
  ~Model();

  const std::string& path() const;
  std::vector<TensorInfo> inputs() const;   // as stored in the file
  std::vector<TensorInfo> outputs() const;  // as stored in the file
  // The decoder op's settings, or nullptr when the model has none.
  const DecoderSettings* decoder() const;
  // The stride of the network's outputs at the file's own input size (e.g. 16), or an error
  // when the outputs are not a strided grid of the input.
  Result<int> output_stride() const;
  // The description string stored in the file ("" when none).
  const std::string& description() const;

 private:
  friend class Session;
  struct Impl;
  explicit Model(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// One inference context: the prepared kernels and the arena (the model's constants and packed
// weights are shared by every session of the model). Not thread-safe; create one per thread.
// Keeps its Model alive.
class POSENET_API Session {
 public:
  static Result<std::unique_ptr<Session>> Create(std::shared_ptr<const Model> model,
                                                 const Options& options = {});
  ~Session();

  // The input buffer (raw bytes of the input tensor, NHWC); fill it, then Run().
  std::span<uint8_t> input();
  TensorInfo input_info() const;
  void Run();

  std::vector<TensorInfo> output_info() const;
  // Raw bytes of an output (or kept intermediate) tensor by name; empty span if unknown.
  std::span<const uint8_t> output(const std::string& name) const;
  std::span<const uint8_t> output(size_t index) const;
  TensorInfo info(const std::string& name) const;  // any tensor of the graph; shape as run
  // An output dequantized to float (copied as is when already float).
  Result<std::vector<float>> output_float(const std::string& name) const;

  // The raw bytes of tensor `index` of network() as last computed; empty for a tensor the
  // session does not keep (an intermediate not named in Options::keep_tensors may hold other
  // data after Run).
  std::span<const uint8_t> tensor_data(int index) const;

  int64_t arena_bytes() const;
  int64_t macs() const;  // multiply-accumulates per Run
  const Model& model() const;
  // The network as this session runs it (built once at Create).
  const NetworkInfo& network() const;
  // Per-op times of the runs since Create or ResetProfile (empty unless Options::profile).
  std::vector<OpTiming> profile() const;
  void ResetProfile();

 private:
  struct Impl;
  explicit Session(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace posenet
