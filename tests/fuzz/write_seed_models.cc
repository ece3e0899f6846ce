// Writes the tiny valid model and every broken model of tests/model/broken_models.h into a
// folder, as the fuzzer's seed corpus (scripts/fuzz.sh). Usage: fuzz_seed_models DIR
#include <cstdio>
#include <string>

#include "broken_models.h"

namespace {

bool Write(const std::string& path, const std::vector<uint8_t>& bytes) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return false;
  const bool ok = bytes.empty() || std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  return std::fclose(f) == 0 && ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  int written = 0;
  if (!Write(dir + "/tiny_valid.tflite", posenet::testing::BuildTinyValidModel())) {
    std::fprintf(stderr, "cannot write %s/tiny_valid.tflite\n", dir.c_str());
    return 1;
  }
  ++written;
  for (const auto& [name, bytes] : posenet::testing::BuildBrokenModels()) {
    if (!Write(dir + "/broken_" + name + ".tflite", bytes)) {
      std::fprintf(stderr, "cannot write %s/broken_%s.tflite\n", dir.c_str(), name.c_str());
      return 1;
    }
    ++written;
  }
  std::printf("wrote %d seed models to %s\n", written, dir.c_str());
  return 0;
}
