// Writes two valid .tflite files that are not PoseNet networks, for the JS API's error test
// (tests/wasm/js_api_test.mjs): tests/model/broken_models.h's tiny model
//   no_displacements.tflite  without the decoder op and the displacement head: its outputs are
//                            the heatmaps and the short-range offsets only;
//   gray_input.tflite        with a one-channel input (the first convolution's filter to match).
// Both load; a pose estimator must refuse them. Usage: not_posenet_models.js DIR (under Node)
#include <cstdio>
#include <string>
#include <vector>

#include "broken_models.h"

namespace {

bool Write(const std::string& path, const std::vector<uint8_t>& bytes) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return false;
  const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  return std::fclose(f) == 0 && ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: not_posenet_models DIR\n");
    return 2;
  }
  using posenet::testing::ModelSpec;
  // Ops of the tiny model: conv, depthwise, concat, heatmap, short and mid heads, decoder;
  // tensors 10, 13: the heatmaps and short offsets.
  ModelSpec no_displacements = posenet::testing::TinyModelSpec();
  no_displacements.ops.resize(5);
  no_displacements.outputs = {10, 13};
  // Tensors 0, 1: the input [1,9,9,3] and the first convolution's filter [4,3,3,3].
  ModelSpec gray_input = posenet::testing::TinyModelSpec();
  gray_input.tensors[0].shape = {1, 9, 9, 1};
  gray_input.tensors[1].shape = {4, 3, 3, 1};
  gray_input.tensors[1].data.resize(4 * 3 * 3 * 1);
  const std::string dir = argv[1];
  for (const auto& [name, spec] :
       {std::pair{"no_displacements", &no_displacements}, std::pair{"gray_input", &gray_input}}) {
    const std::string path = dir + "/" + name + ".tflite";
    if (!Write(path, posenet::testing::SerializeModel(*spec))) {
      std::fprintf(stderr, "not_posenet_models: %s: cannot write model\n", path.c_str());
      return 1;
    }
  }
  return 0;
}
