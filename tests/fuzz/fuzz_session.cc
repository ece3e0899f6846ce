// libFuzzer entry point for a whole model: load, create a session, run it once on a fixed
// input, read every output. A file the reader accepts must then be prepared or refused with one
// line, and what Prepare accepts must run without a crash, a sanitizer report or a memory
// blow-up (sessions get 256 MiB; inputs larger than 65x65 run at 33x33 to keep runs fast).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "posenet/posenet.h"

namespace {

void ExpectOneLine(const posenet::Status& s, const char* what) {
  if (s.message().rfind("fuzz.tflite: ", 0) != 0 || s.message().find('\n') != std::string::npos) {
    std::fprintf(stderr, "malformed %s error: %s\n", what, s.message().c_str());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto model =
      posenet::Model::LoadFromBuffer(std::vector<uint8_t>(data, data + size), "fuzz.tflite");
  if (!model.ok()) return 0;  // the reader's own target covers its errors
  posenet::Options options;
  options.max_memory = int64_t{256} << 20;
  const std::vector<posenet::TensorInfo> inputs = (*model)->inputs();
  if (inputs.size() == 1 && inputs[0].shape.size() == 4 &&
      int64_t{inputs[0].shape[1]} * inputs[0].shape[2] > 65 * 65) {
    options.input_height = options.input_width = 33;
  }
  auto session = posenet::Session::Create(*model, options);
  if (!session.ok()) {
    ExpectOneLine(session.status(), "session");
    return 0;
  }
  posenet::Session& s = **session;
  // A fixed input: a ramp of bytes, or floats in [-1, 1] for float inputs.
  std::span<uint8_t> input = s.input();
  if (s.input_info().type == posenet::ElementType::kFloat32) {
    for (size_t i = 0; i + 4 <= input.size(); i += 4) {
      const float v = static_cast<float>(static_cast<int>(i / 4 % 201) - 100) / 100.0f;
      std::memcpy(input.data() + i, &v, 4);
    }
  } else {
    for (size_t i = 0; i < input.size(); ++i) input[i] = static_cast<uint8_t>(i * 37 + 11);
  }
  s.Run();
  size_t sum = 0;
  for (const posenet::TensorInfo& out : s.output_info()) {
    for (uint8_t b : s.output(out.name)) sum += b;
    auto values = s.output_float(out.name);
    if (values.ok()) {
      for (float v : *values) sum += std::isfinite(v) ? 1 : 0;
    }
  }
  volatile size_t sink = sum;
  (void)sink;
  return 0;
}
