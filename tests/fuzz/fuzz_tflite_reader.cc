// libFuzzer entry point for the .tflite reader: any byte string must yield a model or a
// one-line error naming the file, never a crash, an abort or an out-of-bounds read.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include "model/tflite_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto bytes = std::make_shared<const std::vector<uint8_t>>(data, data + size);
  const posenet::Result<posenet::ModelFile> model = posenet::ReadTfliteModel(bytes, "fuzz.tflite");
  if (!model.ok()) {
    const std::string& m = model.message();
    // The error grammar is part of the contract: report a violation as a finding.
    if (m.rfind("fuzz.tflite: cannot load model: ", 0) != 0 || m.find('\n') != std::string::npos) {
      std::fprintf(stderr, "malformed error message: %s\n", m.c_str());
      std::abort();
    }
    return 0;
  }
  // Touch what the reader promises: constant data inside the file, indices in range.
  const posenet::ModelFile& f = *model;
  size_t sum = 0;
  for (const posenet::TensorDef& t : f.tensors) {
    for (uint8_t b : t.data) sum += b;
  }
  for (const posenet::OperatorDef& op : f.operators) {
    for (int32_t i : op.inputs) {
      if (i != -1) sum += f.tensors.at(static_cast<size_t>(i)).shape.size();
    }
    for (int32_t o : op.outputs) sum += f.tensors.at(static_cast<size_t>(o)).shape.size();
  }
  for (int32_t i : f.inputs) sum += f.tensors.at(static_cast<size_t>(i)).name.size();
  for (int32_t o : f.outputs) sum += f.tensors.at(static_cast<size_t>(o)).name.size();
  volatile size_t sink = sum;
  (void)sink;
  return 0;
}
