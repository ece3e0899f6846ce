// The metadata of the reference outputs in ../shared/data/reference/raw (meta.json beside each
// set of files), read into plain structs. The core-only build has no JSON library, so this has
// its own small JSON reader; a file it cannot read fails the current test.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace posenet::testing {

// One uint8 head tensor of a Coral model: the file of its bytes and how to read them.
struct HeadMeta {
  std::string file, tensor;
  std::vector<int32_t> shape;  // HWC
  float scale = 0;
  int32_t zero_point = 0;
};

// test_couple_<H>x<W>/meta.json: for each model ("models/<name>.tflite"), its heads by role
// ("heatmaps", "short_offsets", "mid_offsets").
struct QuantReferenceMeta {
  std::map<std::string, std::map<std::string, HeadMeta>> models;
};

// float_<model>/meta.json: the model, the rule that turns input.u8 into floats, the outputs.
struct FloatReferenceMeta {
  std::string model;     // relative to data/
  std::string to_float;  // e.g. "float = (q - 127.5) / 127.5"
  struct Output {
    std::string tensor, file;
    std::vector<int32_t> shape;
  };
  std::vector<Output> outputs;
};

// `dir` is the reference folder holding meta.json.
QuantReferenceMeta ReadQuantReferenceMeta(const std::string& dir);
FloatReferenceMeta ReadFloatReferenceMeta(const std::string& dir);

}  // namespace posenet::testing
