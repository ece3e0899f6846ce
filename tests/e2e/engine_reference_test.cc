// The engine against reference outputs computed by other implementations
// (../shared/data/reference/raw): uint8 models byte for byte (TFLite's integer rule), float
// models within a stated tolerance of ONNX Runtime; both at every SIMD dispatch level the CPU
// has (the optimized kernels must not change a byte; POSENET_ISA caps the levels as a smaller
// CPU would) and at 1 and 2 threads. The scalar level runs the reference kernels, slowly: it
// skips the largest size, whose paths the smaller sizes cover.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <tuple>
#include <vector>

#include "base/cpu_features.h"
#include "kernels/optimized/float/float_levels.h"
#include "posenet/posenet.h"
#include "reference_meta.h"
#include "shared_data.h"

namespace posenet {
namespace {

using testing::ReadBytes;
using testing::SharedPath;

std::shared_ptr<const Model> LoadModel(const std::string& path) {
  auto model = Model::Load(path);
  EXPECT_TRUE(model.ok()) << path << ": " << model.message();
  return model.ok() ? *model : nullptr;
}

std::unique_ptr<Session> RunModel(std::shared_ptr<const Model> model,
                                  const std::vector<uint8_t>& input, Options options) {
  if (model == nullptr) return nullptr;
  auto session = Session::Create(std::move(model), options);
  EXPECT_TRUE(session.ok()) << session.message();
  if (!session.ok()) return nullptr;
  std::span<uint8_t> in = (*session)->input();
  EXPECT_EQ(in.size(), input.size());
  if (in.size() != input.size()) return nullptr;
  std::memcpy(in.data(), input.data(), input.size());
  (*session)->Run();
  return std::move(session).value();
}

// A dispatch level (Options::isa) and a thread count.
struct Dispatch {
  IsaLevel level;
  int threads;
};

// The thread counts a level runs at: 1 and 2 (a 2-thread session starts one pool worker and
// ThreadPool::ParallelFor gives it the second part of every op), the reference kernels at 1.
std::vector<int> ThreadCounts(IsaLevel level) {
  return level == IsaLevel::kScalar ? std::vector<int>{1} : std::vector<int>{1, 2};
}

// Threads of this process from /proc/self/task, or -1 where there is none. Under qemu-user each
// guest thread is a host thread of the emulator, so the difference counts the session's too.
int ProcessThreads() {
  std::error_code error;
  int count = 0;
  for (std::filesystem::directory_iterator it("/proc/self/task", error), end; !error && it != end;
       it.increment(error)) {
    ++count;
  }
  return error ? -1 : count;
}

// Scalar at 1 thread and each level with its own float kernels at 1 and 2 threads (avxvnni,
// dotprod and i8mm add integer instructions only and run the avx2 or neon float kernels).
std::vector<Dispatch> FloatDispatches() {
  std::vector<Dispatch> d = {{IsaLevel::kScalar, 1}};
  for (IsaLevel level : fconv::DistinctFloatLevels(ArchIsas())) {
    d.push_back({level, 1});
    d.push_back({level, 2});
  }
  return d;
}

std::string Describe(const Dispatch& d) {
  return std::string(IsaName(d.level)) + "_" + std::to_string(d.threads) + "t";
}

// Options for `d`, or false when the CPU lacks the level or POSENET_ISA caps it (the session
// would silently run a lower one).
bool Apply(const Dispatch& d, Options& options) {
  if (d.level > ActiveIsa()) return false;
  options.isa = std::string(IsaName(d.level));
  options.threads = d.threads;
  return true;
}

// The session ran at level `d`: only reference kernels at scalar, and no kernel of a higher
// level otherwise (kernels are named after their level: "avx2 dw3x3", "avx512-vnni 1x1").
void ExpectLevel(const Session& session, const Dispatch& d) {
  for (const OpInfo& op : session.network().ops) {
    if (d.level == IsaLevel::kScalar) {
      EXPECT_EQ(op.implementation, "reference") << op.name << " " << op.index;
      continue;
    }
    for (IsaLevel higher : ArchIsas()) {
      if (higher <= d.level) continue;
      EXPECT_NE(op.implementation.rfind(IsaName(higher), 0), 0u)
          << op.name << " " << op.index << " ran " << op.implementation << " at "
          << IsaName(d.level);
    }
  }
}

// Options::isa names a level of the build's architecture; any other name is an error.
TEST(SessionIsa, AcceptsOnlyThisArchitecturesLevels) {
  auto model = Model::Load(SharedPath("data/models/posenet_mobilenet_v1_075_353_481_quant.tflite"));
  ASSERT_TRUE(model.ok()) << model.message();
  for (IsaLevel level : ArchIsas()) {
    Options options;
    options.isa = std::string(IsaName(level));
    EXPECT_TRUE(Session::Create(*model, options).ok()) << options.isa;
  }
  for (const char* name : {"avx2", "neon", "sse4"}) {
    if (IsaFromName(name)) continue;  // a level of this architecture
    Options options;
    options.isa = name;
    auto session = Session::Create(*model, options);
    ASSERT_FALSE(session.ok()) << name;
    EXPECT_NE(session.message().find("unknown isa '" + std::string(name) + "' (expected " +
                                     ArchIsaNames() + ")"),
              std::string::npos)
        << session.message();
  }
}

struct QuantCase {
  std::string size;        // reference folder suffix, HxW
  std::string model_size;  // the model file's own size, H_W
  std::string variant;     // "quant" or "quant_decoder"
};

std::string Describe(const QuantCase& c) {
  return c.variant + "_" + c.model_size + "_at_" + c.size;
}

std::string ModelPath(const QuantCase& c) {
  return SharedPath("data/models/posenet_mobilenet_v1_075_" + c.model_size + "_" + c.variant +
                    ".tflite");
}

// Runs `model` (Coral's model of case `c`) with `options` (input size and kept tensors filled in
// here) and expects every byte of every head tensor to equal the reference computed with TFLite's
// integer rule. Returns the session (null on failure).
std::unique_ptr<Session> ExpectCoralBytes(const QuantCase& c, std::shared_ptr<const Model> model,
                                          Options options) {
  const std::string dir = SharedPath("data/reference/raw/test_couple_" + c.size);
  const testing::QuantReferenceMeta meta = testing::ReadQuantReferenceMeta(dir);
  const std::string model_key = "models/posenet_mobilenet_v1_075_" +
                                c.size.substr(0, c.size.find('x')) + "_" +
                                c.size.substr(c.size.find('x') + 1) + "_" + c.variant + ".tflite";
  EXPECT_TRUE(meta.models.contains(model_key)) << model_key;
  if (!meta.models.contains(model_key)) return nullptr;
  const auto& heads = meta.models.at(model_key);
  const auto x = c.size.find('x');
  options.input_height = std::stoi(c.size.substr(0, x));
  options.input_width = std::stoi(c.size.substr(x + 1));
  for (const auto& [role, head] : heads) options.keep_tensors.push_back(head.tensor);
  auto session = RunModel(std::move(model), ReadBytes(dir + "/input.u8"), options);
  if (session == nullptr) return nullptr;
  for (const auto& [role, head] : heads) {
    const std::string& name = head.tensor;
    const std::vector<uint8_t> expected = ReadBytes(dir + "/" + head.file);
    const std::span<const uint8_t> got = session->output(name);
    EXPECT_EQ(got.size(), expected.size()) << role << " " << name;
    if (got.size() != expected.size()) continue;
    const TensorInfo info = session->info(name);
    EXPECT_FLOAT_EQ(info.scale, head.scale) << name;
    EXPECT_EQ(info.zero_point, head.zero_point) << name;
    size_t differing = 0, first = 0;
    for (size_t i = 0; i < got.size(); ++i) {
      if (got[i] != expected[i] && differing++ == 0) first = i;
    }
    EXPECT_EQ(differing, 0u) << role << " (" << name << "): " << differing << " of " << got.size()
                             << " bytes differ, first at " << first << ": got " << int(got[first])
                             << ", expected " << int(expected[first]);
  }
  return session;
}

class QuantReference : public ::testing::TestWithParam<std::tuple<QuantCase, IsaLevel>> {};

// One process loads the model once and runs it at each thread count of the level (under qemu the
// emulator then translates the level's kernels once for both runs).
TEST_P(QuantReference, ReproducesEveryByteAt1And2Threads) {
  const QuantCase& c = std::get<0>(GetParam());
  const IsaLevel level = std::get<1>(GetParam());
  if (level > ActiveIsa()) GTEST_SKIP() << "CPU lacks this level";
  if (level == IsaLevel::kScalar && c.size == "721x1281") {
    GTEST_SKIP() << "the reference kernels take long here; the smaller sizes run the same paths";
  }
  const auto model = LoadModel(ModelPath(c));
  ASSERT_NE(model, nullptr);
  for (int threads : ThreadCounts(level)) {
    const Dispatch d{level, threads};
    SCOPED_TRACE(Describe(d));
    Options options;
    ASSERT_TRUE(Apply(d, options));
    const int threads_before = ProcessThreads();
    const auto session = ExpectCoralBytes(c, model, options);
    ASSERT_NE(session, nullptr);
    ExpectLevel(*session, d);
    // A 2-thread session runs one pool worker beside the caller (the worker takes the second
    // part of every op); a 1-thread session starts none.
    if (threads_before > 0) {
      EXPECT_EQ(ProcessThreads() - threads_before, threads - 1) << "threads started by the session";
    }
  }
}

// With no level asked for, the session runs the best this CPU has (or $POSENET_ISA's): the
// convolutions name that level's kernels and the bytes are the reference's. Under qemu this runs
// the kernels on CPU models without the higher levels' instructions.
TEST(DetectedLevel, ReproducesCoralBytesWithThatLevelsKernels) {
  const QuantCase c{"353x481", "353_481", "quant_decoder"};
  const auto session = ExpectCoralBytes(c, LoadModel(ModelPath(c)), Options{});
  ASSERT_NE(session, nullptr);
  const std::string level(IsaName(ActiveIsa()));
  std::printf("level %s\n", level.c_str());
  for (const OpInfo& op : session->network().ops) {
    if (op.name == "CONV_2D") {
      // Quantized convolutions use the level's own instructions ("avx512-vnni 1x1", "dotprod
      // im2col 3x3"); the scalar level runs the reference kernels.
      EXPECT_EQ(op.implementation.rfind(ActiveIsa() == IsaLevel::kScalar ? "reference" : level, 0),
                0u)
          << "op " << op.index << ": " << op.implementation;
    } else if (op.name == "DEPTHWISE_CONV_2D" && ActiveIsa() != IsaLevel::kScalar) {
      EXPECT_NE(op.implementation, "reference") << "op " << op.index;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Coral, QuantReference,
    // Largest first: on a fresh build `ctest -j` starts tests in this order, and under qemu the
    // 721x1281 ones take longest.
    ::testing::Combine(::testing::Values(QuantCase{"721x1281", "721_1281", "quant"},
                                         QuantCase{"721x1281", "721_1281", "quant_decoder"},
                                         QuantCase{"481x641", "481_641", "quant"},
                                         QuantCase{"481x641", "481_641", "quant_decoder"},
                                         QuantCase{"353x481", "353_481", "quant"},
                                         QuantCase{"353x481", "353_481", "quant_decoder"},
                                         // Same weights, other input size: proves shape inference.
                                         QuantCase{"353x481", "481_641", "quant"},
                                         QuantCase{"353x481", "481_641", "quant_decoder"}),
                       ::testing::ValuesIn(ArchIsas())),
    [](const auto& p) {  // e.g. quant_353_481_at_353x481_neon_1t_2t
      std::string name =
          Describe(std::get<0>(p.param)) + "_" + std::string(IsaName(std::get<1>(p.param)));
      for (int threads : ThreadCounts(std::get<1>(p.param)))
        name += "_" + std::to_string(threads) + "t";
      return name;
    });

// Float models against ONNX Runtime's outputs. Two independent float engines agreed within
// 6e-5 absolute on these; reordering float sums changes results by a few ulps per layer, so we
// allow 2e-4 absolute plus 1e-4 relative.
constexpr float kFloatAbsTolerance = 2e-4f;
constexpr float kFloatRelTolerance = 1e-4f;

class FloatReference : public ::testing::TestWithParam<std::tuple<std::string, Dispatch>> {};

TEST_P(FloatReference, MatchesOnnxRuntimeWithinTolerance) {
  const std::string name = std::get<0>(GetParam());
  Options options;
  if (!Apply(std::get<1>(GetParam()), options)) GTEST_SKIP() << "CPU lacks this level";
  const std::string dir = SharedPath("data/reference/raw/float_" + name);
  const testing::FloatReferenceMeta meta = testing::ReadFloatReferenceMeta(dir);
  const std::string& rule = meta.to_float;
  const float mean = rule.find("127.5") != std::string::npos ? 127.5f : 128.0f;
  const std::vector<uint8_t> pixels = ReadBytes(dir + "/input.u8");
  std::vector<uint8_t> input(pixels.size() * sizeof(float));
  for (size_t i = 0; i < pixels.size(); ++i) {
    const float v = (static_cast<float>(pixels[i]) - mean) / mean;
    std::memcpy(&input[i * 4], &v, 4);
  }
  auto session = RunModel(LoadModel(SharedPath("data/" + meta.model)), input, options);
  ASSERT_NE(session, nullptr);
  ExpectLevel(*session, std::get<1>(GetParam()));
  ASSERT_FALSE(meta.outputs.empty());
  for (const auto& out : meta.outputs) {
    const std::string& tensor = out.tensor;
    const std::vector<uint8_t> raw = ReadBytes(dir + "/" + out.file);
    const std::span<const uint8_t> got = session->output(tensor);
    ASSERT_EQ(got.size(), raw.size()) << tensor;
    float worst = 0;
    size_t bad = 0;
    for (size_t i = 0; i < raw.size() / 4; ++i) {
      float a, b;
      std::memcpy(&a, got.data() + i * 4, 4);
      std::memcpy(&b, raw.data() + i * 4, 4);
      const float err = std::fabs(a - b);
      worst = std::max(worst, err);
      if (!(err <= kFloatAbsTolerance + kFloatRelTolerance * std::fabs(b))) ++bad;
    }
    EXPECT_EQ(bad, 0u) << tensor << ": largest error " << worst;
    std::printf("%s %s %s: largest absolute error %.3g\n", name.c_str(),
                Describe(std::get<1>(GetParam())).c_str(), tensor.c_str(), worst);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Synthetic, FloatReference,
    ::testing::Combine(::testing::Values("posenet_mobilenet_v1_075_dequant_float_257_257",
                                         "posenet_mobilenet_v1_075_dequant_float_481_641",
                                         "synthetic_posenet_mobilenet_v1_100_257x257_float"),
                       ::testing::ValuesIn(FloatDispatches())),
    [](const auto& p) { return std::get<0>(p.param) + "_" + Describe(std::get<1>(p.param)); });

}  // namespace
}  // namespace posenet
