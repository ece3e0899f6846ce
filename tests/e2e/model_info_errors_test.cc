// Broken model files given to `posenet model-info`: a one-line error naming the file, a
// non-zero exit, never a crash. The files are built by tests/model/broken_models.h.
#include <gtest/gtest.h>

#include <fstream>

#include "broken_models.h"
#include "run_tool.h"
#include "shared_data.h"

namespace posenet {
namespace {

using testing::LineCount;
using testing::RunTool;
using testing::TempDir;

TEST(ModelInfoErrors, EveryBrokenModelGivesOneLineAndAnExitCode) {
  const std::string dir = TempDir();
  const auto broken = testing::BuildBrokenModels();
  ASSERT_GE(broken.size(), 10u);
  for (const auto& [name, bytes] : broken) {
    const std::string path = dir + "/" + name + ".tflite";
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()),
               static_cast<std::streamsize>(bytes.size()));
    const auto r = RunTool({"model-info", path});
    EXPECT_GT(r.exit_code, 0) << name << (r.exit_code < 0 ? " crashed" : " was accepted");
    EXPECT_EQ(LineCount(r.err), 1) << name << ": " << r.err;
    EXPECT_NE(r.err.find(path), std::string::npos) << name << ": " << r.err;
    EXPECT_TRUE(r.out.empty()) << name << " printed a partial report";
  }
}

TEST(ModelInfoErrors, TheTinyValidModelIsAccepted) {
  const std::string path = TempDir() + "/tiny.tflite";
  const auto bytes = testing::BuildTinyValidModel();
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
  const auto r = RunTool({"model-info", path});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("macs per inference"), std::string::npos) << r.out;
}

TEST(ModelInfoErrors, NamesAndDescriptionFromTheFileNeverReachTheTerminalRaw) {
  testing::ModelSpec spec = testing::TinyModelSpec();
  spec.description =
      "evil\x1b]0;owned\x07\x1b[2J\xc2\x9b"
      "31m caf\xc3\xa9";
  spec.tensors[0].name = "image\x1b[31mred\r\nsecond line";
  const std::string path = TempDir() + "/escapes.tflite";
  const auto bytes = testing::SerializeModel(spec);
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
  const auto r = RunTool({"model-info", path, "--tensors"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (unsigned char c : r.out) {
    EXPECT_TRUE(c == '\n' || (c >= 0x20 && c != 0x7f)) << "raw control byte " << int{c};
  }
  EXPECT_EQ(r.out.find("\xc2\x9b"), std::string::npos);  // the 8-bit CSI in UTF-8
  EXPECT_NE(r.out.find("description: evil\\x1b]0;owned\\x07\\x1b[2J\\xc2\\x9b31m caf\xc3\xa9"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("image\\x1b[31mred\\x0d\\x0asecond line"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace posenet
