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
#include <vector>

#include "posenet/pose.h"
#include "posenet/status.h"

namespace posenet {

struct ModelFile;
class Executor;

enum class ElementType { kFloat32, kUInt8, kInt8, kInt32, kInt64 };

// A tensor's description. Quantized tensors have scale > 0: real = scale * (q - zero_point).
struct TensorInfo {
  std::string name;
  ElementType type = ElementType::kFloat32;
  std::vector<int32_t> shape;
  float scale = 0;
  int32_t zero_point = 0;
  size_t bytes = 0;
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
  // Highest SIMD level for the kernels: "" picks the best this CPU has (capped by the
  // POSENET_ISA environment variable); "scalar", "avx2" or "avx512" cap it explicitly.
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
void SizeForResolution(int resolution, int output_stride, int native_height, int native_width,
                       int& height, int& width);

// A verified .tflite model. Immutable after loading; share it between threads and sessions.
class Model {
 public:
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
  const ModelFile& file() const { return *file_; }
  std::shared_ptr<const ModelFile> shared_file() const { return file_; }

 private:
  explicit Model(std::shared_ptr<const ModelFile> file);
  std::shared_ptr<const ModelFile> file_;
  std::unique_ptr<DecoderSettings> decoder_;
};

// One inference context: the prepared kernels, packed weights and the arena. Not thread-safe;
// create one per thread. Keeps its Model alive.
class Session {
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

  int64_t arena_bytes() const;
  int64_t macs() const;  // multiply-accumulates per Run
  const Model& model() const { return *model_; }
  Executor& executor() { return *executor_; }
  const Executor& executor() const { return *executor_; }

 private:
  Session() = default;
  std::shared_ptr<const Model> model_;
  std::unique_ptr<Executor> executor_;
};

}  // namespace posenet
