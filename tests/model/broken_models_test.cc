// Hostile files: every broken model of broken_models.h fails with one line that names the file
// and says what is wrong; byte-level sweeps over the tiny model (every truncation, every byte
// overwritten) never crash and only ever produce one-line errors.
#include <gtest/gtest.h>

#include <set>

#include "broken_models.h"
#include "model/tflite_reader.h"

namespace posenet {
namespace {

Result<ModelFile> Read(const std::vector<uint8_t>& bytes, const std::string& name) {
  return ReadTfliteModel(std::make_shared<const std::vector<uint8_t>>(bytes), name);
}

void ExpectOneLineError(const Result<ModelFile>& r, const std::string& name) {
  ASSERT_FALSE(r.ok());
  const std::string& m = r.message();
  EXPECT_EQ(m.rfind(name + ": cannot load model: ", 0), 0u) << m;
  EXPECT_EQ(m.find('\n'), std::string::npos) << m;
  for (char c : m) EXPECT_TRUE(c >= 0x20 && c < 0x7f) << "unprintable byte in: " << m;
}

TEST(BrokenModels, TinyModelIsValid) {
  auto r = Read(testing::BuildTinyValidModel(), "tiny.tflite");
  EXPECT_TRUE(r.ok()) << r.status().message();
}

TEST(BrokenModels, EachFailsWithItsOwnOneLineError) {
  const auto cases = testing::BuildBrokenModelCases();
  EXPECT_GE(cases.size(), 60u);
  std::set<std::string> names;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_TRUE(names.insert(c.name).second) << "duplicate case name";
    const std::string file = "/tmp/broken/" + c.name + ".tflite";
    const auto r = Read(c.bytes, file);
    ExpectOneLineError(r, file);
    if (!r.ok()) {
      EXPECT_NE(r.message().find(c.expected_error), std::string::npos)
          << "message: " << r.message() << "\nexpected to contain: " << c.expected_error;
    }
  }
}

TEST(BrokenModels, PairsListMatchesCases) {
  const auto pairs = testing::BuildBrokenModels();
  const auto cases = testing::BuildBrokenModelCases();
  ASSERT_EQ(pairs.size(), cases.size());
  for (size_t i = 0; i < pairs.size(); ++i) {
    EXPECT_EQ(pairs[i].first, cases[i].name);
    EXPECT_EQ(pairs[i].second, cases[i].bytes);
  }
}

// A few exact messages, to pin the grammar down.
TEST(BrokenModels, ExactMessages) {
  testing::ModelSpec spec = testing::TinyModelSpec();
  spec.ops[0].inputs[0] = 99;
  EXPECT_EQ(Read(testing::SerializeModel(spec), "m.tflite").message(),
            "m.tflite: cannot load model: tensor index out of range (op 0 'CONV_2D' input 0): "
            "expected 0..20, found 99");

  spec = testing::TinyModelSpec();
  spec.tensors[3].type = 1;
  EXPECT_EQ(Read(testing::SerializeModel(spec), "m.tflite").message(),
            "m.tflite: cannot load model: unsupported tensor type (tensor 3 'conv/out'): "
            "expected FLOAT32, UINT8, INT8, INT32 or INT64, found FLOAT16");

  spec = testing::TinyModelSpec();
  spec.tensors[1].data.resize(100);
  EXPECT_EQ(Read(testing::SerializeModel(spec), "m.tflite").message(),
            "m.tflite: cannot load model: constant data size differs from the tensor size "
            "(tensor 1 'conv/weights'): expected 108 bytes (shape [4,3,3,3] of uint8), found "
            "100 bytes in buffer 1");

  spec = testing::TinyModelSpec();
  spec.ops[6].custom_code = "FancyOp";
  EXPECT_EQ(Read(testing::SerializeModel(spec), "m.tflite").message(),
            "m.tflite: cannot load model: unsupported custom op (op 6 'FancyOp'): expected "
            "'PosenetDecoderOp', found 'FancyOp'");

  spec = testing::TinyModelSpec();
  spec.ops[2].builtin = 25;
  EXPECT_EQ(Read(testing::SerializeModel(spec), "m.tflite").message(),
            "m.tflite: cannot load model: unsupported builtin op (op 2 'SOFTMAX'): expected one "
            "of ADD, AVERAGE_POOL_2D, CONCATENATION, CONV_2D, DEPTHWISE_CONV_2D, DEQUANTIZE, "
            "LOGISTIC, MAX_POOL_2D, MUL, RELU, RELU6, RESHAPE, PAD, QUANTIZE, found builtin "
            "code 25 'SOFTMAX'");
}

// A file name with a newline cannot break the one-line rule either.
TEST(BrokenModels, HostileFileNameStaysOnOneLine) {
  const auto r = Read({}, "evil\nname.tflite");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message().find('\n'), std::string::npos) << r.message();
}

TEST(BrokenModels, EveryTruncationFailsCleanly) {
  const std::vector<uint8_t> valid = testing::BuildTinyValidModel();
  for (size_t n = 0; n < valid.size(); ++n) {
    const auto r = Read(std::vector<uint8_t>(valid.begin(), valid.begin() + n), "t.tflite");
    // A cut inside the trailing alignment padding may leave a valid model; anything else fails.
    if (!r.ok()) ExpectOneLineError(r, "t.tflite");
  }
}

TEST(BrokenModels, EveryOverwrittenByteFailsCleanlyOrLoads) {
  const std::vector<uint8_t> valid = testing::BuildTinyValidModel();
  int failures = 0;
  for (uint8_t value : {uint8_t{0x00}, uint8_t{0x7f}, uint8_t{0xff}}) {
    for (size_t i = 0; i < valid.size(); ++i) {
      std::vector<uint8_t> b = valid;
      b[i] = value;
      const auto r = Read(b, "c.tflite");
      if (!r.ok()) {
        ++failures;
        ExpectOneLineError(r, "c.tflite");
      }
    }
  }
  EXPECT_GT(failures, 0);
}

}  // namespace
}  // namespace posenet
