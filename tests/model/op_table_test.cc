// The op table (src/model/ops.inc) against the format's operator codes and the documentation.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

#include "model/builtin_names.h"
#include "model/op_code.h"
#include "shared_data.h"

namespace posenet {
namespace {

std::vector<OpCode> AllOps() {
  std::vector<OpCode> ops;
  for (int i = 0; i < kOpCodeCount; ++i) ops.push_back(static_cast<OpCode>(i));
  return ops;
}

TEST(OpTable, NamesAndCodesMapBothWays) {
  std::set<std::string_view> names;
  for (OpCode op : AllOps()) {
    const std::string_view name = OpName(op);
    ASSERT_FALSE(name.empty());
    EXPECT_TRUE(names.insert(name).second) << name << " appears twice";
    const std::optional<OpCode> back = OpFromCustom(name);
    if (back) {
      EXPECT_EQ(*back, op) << name;
      continue;
    }
    // A builtin: its name is the format's name of its code, which maps back to it.
    bool found = false;
    for (int32_t code = 0; code < 256 && !found; ++code) {
      if (TfliteBuiltinName(code) == name) {
        found = true;
        EXPECT_EQ(OpFromBuiltin(code), op) << name;
      }
    }
    EXPECT_TRUE(found) << name;
  }
  EXPECT_EQ(OpFromBuiltin(kTfliteCustomBuiltin), std::nullopt);
  EXPECT_EQ(OpFromBuiltin(25), std::nullopt);  // SOFTMAX: not run
  EXPECT_EQ(OpFromCustom("TFLite_Detection_PostProcess"), std::nullopt);
  EXPECT_EQ(OpName(OpCode::kConv2D), "CONV_2D");
  EXPECT_EQ(OpName(OpCode::kPosenetDecoder), "PosenetDecoderOp");
}

TEST(OpTable, OperandRulesAreConsistent) {
  for (OpCode op : AllOps()) {
    const OperandRule r = OperandRuleFor(op);
    EXPECT_GE(r.min_inputs, 1u) << OpName(op);
    EXPECT_LE(r.min_inputs, r.max_inputs) << OpName(op);
    EXPECT_GE(r.outputs, 1u) << OpName(op);
    // Only inputs past the required ones may be omitted.
    for (uint32_t i = 0; i < r.min_inputs; ++i) EXPECT_FALSE(r.may_omit(i)) << OpName(op);
  }
  const OperandRule conv = OperandRuleFor(OpCode::kConv2D);
  EXPECT_EQ(conv.min_inputs, 2u);
  EXPECT_EQ(conv.max_inputs, 3u);
  EXPECT_TRUE(conv.may_omit(2));  // the bias
  EXPECT_EQ(CountText(2, 3), "2 to 3");
  EXPECT_EQ(CountText(1, kAnyCount), "at least 1");
  EXPECT_EQ(CountText(4, 4), "4");
}

// docs/ops.md has one section per op ("## ADD", "## RELU, RELU6", "## PosenetDecoderOp ...").
TEST(OpTable, EveryOpIsDocumented) {
  std::set<std::string> documented;
  const std::regex word("[A-Za-z0-9_]+");
  for (const std::string& line : testing::ReadLines(POSENET_SOURCE_DIR "/docs/ops.md")) {
    if (line.rfind("## ", 0) != 0) continue;
    for (auto it = std::sregex_iterator(line.begin(), line.end(), word);
         it != std::sregex_iterator(); ++it) {
      documented.insert(it->str());
    }
  }
  for (OpCode op : AllOps()) {
    EXPECT_TRUE(documented.count(std::string(OpName(op)))) << OpName(op) << " in docs/ops.md";
  }
}

}  // namespace
}  // namespace posenet
