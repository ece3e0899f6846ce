// Each convolution layer of Coral's MobileNet PoseNet (uint8, 481x641) and of the float
// starter architecture (1.0 width, 257x257), alone, at every SIMD level this CPU runs and at
// 1 and 2 threads: the per-layer view that `posenet bench`'s whole-network profile blurs.
//   ./build/release/bench/kernels/conv_layers_bench --benchmark_filter=uint8
// Counters: GMAC/s per layer. Weights are random (speed does not depend on their values, except
// for the float zero-skipping GEMM, which sees the inputs: those are random non-negative here,
// about half exact zeros as after ReLU6).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "base/aligned_buffer.h"
#include "base/cpu_features.h"
#include "base/thread_pool.h"
#include "base/window.h"
#include "kernels/optimized/prepared_conv.h"
#include "kernels/quantization.h"

namespace posenet {
namespace {

struct Layer {
  int h, w, cin, cout, k, stride;  // input size; depthwise when cout == 0
};

// Coral 0.75 at 481x641, the input of each conv layer.
const std::vector<Layer> kCoralLayers = {
    {481, 641, 3, 24, 3, 2},  {241, 321, 24, 0, 3, 1},  {241, 321, 24, 48, 1, 1},
    {241, 321, 48, 0, 3, 2},  {121, 161, 48, 96, 1, 1}, {121, 161, 96, 0, 3, 1},
    {121, 161, 96, 96, 1, 1}, {121, 161, 96, 0, 3, 2},  {61, 81, 96, 192, 1, 1},
    {61, 81, 192, 0, 3, 1},   {61, 81, 192, 192, 1, 1}, {61, 81, 192, 0, 3, 2},
    {31, 41, 192, 384, 1, 1}, {31, 41, 384, 0, 3, 1},   {31, 41, 384, 384, 1, 1}};
// The 1.0 starter architecture at 257x257 (native stride 32).
const std::vector<Layer> kStarterLayers = {
    {257, 257, 3, 32, 3, 2},  {129, 129, 32, 0, 3, 1},  {129, 129, 32, 64, 1, 1},
    {129, 129, 64, 0, 3, 2},  {65, 65, 64, 128, 1, 1},  {65, 65, 128, 128, 1, 1},
    {33, 33, 128, 256, 1, 1}, {33, 33, 256, 256, 1, 1}, {17, 17, 256, 512, 1, 1},
    {17, 17, 512, 512, 1, 1}, {17, 17, 512, 0, 3, 1},   {17, 17, 512, 0, 3, 2},
    {9, 9, 512, 1024, 1, 1},  {9, 9, 1024, 1024, 1, 1}};

struct Setup {
  ConvProblem problem;
  std::vector<uint8_t> filter;
  std::vector<int32_t> bias_q;
  std::vector<float> bias_f;
  AlignedBuffer input, output, scratch;
  std::unique_ptr<PreparedConv> conv;
  int64_t macs = 0;
};

std::unique_ptr<Setup> Make(const Layer& l, DataType type, IsaLevel level, int threads) {
  auto s = std::make_unique<Setup>();
  ConvProblem& p = s->problem;
  const bool dw = l.cout == 0;
  const int cout = dw ? l.cin : l.cout;
  const WindowPadding ph = ComputePadding(l.h, l.k, l.stride, 1, Padding::kSame);
  const WindowPadding pw = ComputePadding(l.w, l.k, l.stride, 1, Padding::kSame);
  p.depthwise = dw;
  p.type = type;
  p.threads = threads;
  p.in = Dims4{1, l.h, l.w, l.cin};
  p.filter = dw ? Dims4{1, l.k, l.k, cout} : Dims4{cout, l.k, l.k, l.cin};
  p.out = Dims4{1, ph.out, pw.out, cout};
  p.params.stride_h = p.params.stride_w = l.stride;
  p.params.pad_top = ph.pad_before, p.params.pad_left = pw.pad_before;
  std::mt19937 rng(1);
  const size_t elem = SizeOf(type);
  s->filter.resize(static_cast<size_t>(p.filter.size()) * elem);
  s->input = AlignedBuffer(static_cast<size_t>(p.in.size()) * elem);
  s->output = AlignedBuffer(static_cast<size_t>(p.out.size()) * elem);
  if (type == DataType::kFloat32) {
    std::normal_distribution<float> w(0.0f, 0.1f), x(0.0f, 1.0f);
    auto* f = reinterpret_cast<float*>(s->filter.data());
    for (int64_t i = 0; i < p.filter.size(); ++i) f[i] = w(rng);
    auto* in = reinterpret_cast<float*>(s->input.data());
    for (int64_t i = 0; i < p.in.size(); ++i) in[i] = std::max(0.0f, x(rng));
    s->bias_f.assign(cout, 0.1f);
    p.bias_data = s->bias_f.data();
    p.params.float_min = 0.0f, p.params.float_max = 6.0f;
  } else {
    std::uniform_int_distribution<int> byte(0, 255);
    for (auto& b : s->filter) b = static_cast<uint8_t>(byte(rng));
    for (size_t i = 0; i < s->input.size(); ++i)
      s->input.data()[i] = static_cast<uint8_t>(byte(rng));
    s->bias_q.assign(cout, 1000);
    p.bias_data = s->bias_q.data();
    p.params.input_offset = -128, p.params.filter_offset = -128, p.params.output_offset = 0;
    const QuantizedMultiplier m = QuantizeMultiplier(1.0 / (l.k * l.k * (dw ? 1 : l.cin) * 64.0));
    p.params.requant.multiplier.assign(cout, m.multiplier);
    p.params.requant.shift.assign(cout, m.shift);
  }
  p.filter_data = s->filter.data();
  s->conv =
      type == DataType::kFloat32 ? PrepareFloatConv(p, level) : PrepareQuantizedConv(p, level);
  if (s->conv) s->scratch = AlignedBuffer(s->conv->scratch_bytes() + 64);
  s->macs = p.out.size() * l.k * l.k * (dw ? 1 : l.cin);
  return s;
}

void RunLayer(benchmark::State& state, Layer l, DataType type, IsaLevel level, int threads) {
  auto s = Make(l, type, level, threads);
  if (s->conv == nullptr) {
    state.SkipWithError("no optimized kernel for this layer at this level");
    return;
  }
  ThreadPool pool(threads);
  for (auto _ : state) {
    s->conv->Run(s->input.data(), s->output.data(), s->scratch.data(),
                 threads > 1 ? &pool : nullptr);
    benchmark::ClobberMemory();
  }
  state.counters["GMAC/s"] = benchmark::Counter(static_cast<double>(s->macs) * 1e-9,
                                                benchmark::Counter::kIsIterationInvariantRate);
  state.SetLabel(s->conv->name());
}

void RegisterAll() {
  for (IsaLevel level : SupportedIsas()) {
    if (level == IsaLevel::kScalar) continue;
    for (int threads : {1, 2}) {
      for (auto [layers, type, tag] :
           {std::tuple{&kCoralLayers, DataType::kUInt8, "uint8"},
            std::tuple{&kCoralLayers, DataType::kFloat32, "float"},
            std::tuple{&kStarterLayers, DataType::kFloat32, "float_starter"}}) {
        // avxvnni runs the AVX2 float kernels: nothing new to time.
        if (level == IsaLevel::kAvxVnni && type == DataType::kFloat32) continue;
        for (const Layer& l : *layers) {
          const std::string name =
              std::string(tag) + "/" + std::string(IsaName(level)) + "/" + std::to_string(threads) +
              "t/" + std::to_string(l.h) + "x" + std::to_string(l.w) + "x" + std::to_string(l.cin) +
              (l.cout == 0 ? "/dw" + std::to_string(l.k) + "x" + std::to_string(l.k)
                           : "/to" + std::to_string(l.cout) + "_" + std::to_string(l.k) + "x" +
                                 std::to_string(l.k)) +
              "_s" + std::to_string(l.stride);
          benchmark::RegisterBenchmark(name.c_str(), RunLayer, l, type, level, threads)
              ->Unit(benchmark::kMicrosecond)
              ->UseRealTime();
        }
      }
    }
  }
}

}  // namespace
}  // namespace posenet

int main(int argc, char** argv) {
  posenet::RegisterAll();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
