#include "text_file.h"

#include <fstream>
#include <iterator>

namespace posenet::testing {

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace posenet::testing
