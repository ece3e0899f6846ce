// Runs whole float models through the Executor with different fusion settings, for tests that
// compare the outputs byte for byte.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/cpu_features.h"
#include "runtime/executor.h"

namespace posenet::testing {

inline constexpr const char* kDequant481 =
    "data/models/synthetic/posenet_mobilenet_v1_075_dequant_float_481_641.tflite";
inline constexpr const char* kSynthetic257 =
    "data/models/synthetic/synthetic_posenet_mobilenet_v1_100_257x257_float.tflite";

// The model from ../shared (fails the test and returns null if it cannot be read).
std::shared_ptr<const ModelFile> LoadShared(const std::string& relative);

struct Outcome {
  std::vector<std::vector<uint8_t>> outputs;
  int fused_nodes = 0;  // nodes run inside a group (row-fused chain or merged convolutions)
  int64_t arena_bytes = 0;
};

// Runs the model once on a seeded input in [-1, 1] (with `shared`: the weights it shares with
// other executors of the model).
Outcome RunOnce(const std::shared_ptr<const ModelFile>& model, const ExecutorOptions& options);
Outcome RunOnce(const std::shared_ptr<const ModelFile>& model,
                const std::shared_ptr<SharedWeights>& shared, const ExecutorOptions& options);

std::string Describe(const ExecutorOptions& options);

// Every output float equal bit for bit; otherwise reports how many differ and the first.
void ExpectSameOutputs(const Outcome& a, const Outcome& b, const std::string& what);

// The SIMD levels with float kernels that this CPU has.
std::vector<IsaLevel> FloatKernelLevels();

}  // namespace posenet::testing
