#include "reference_meta.h"

#include <gtest/gtest.h>

#include "json_tree.h"
#include "shared_data.h"

namespace posenet::testing {

QuantReferenceMeta ReadQuantReferenceMeta(const std::string& dir) {
  const JsonTree json = ReadJsonTree(dir + "/meta.json");
  QuantReferenceMeta meta;
  for (const auto& [model, heads] : json["models"].members) {
    for (const auto& [role, h] : heads.members) {
      meta.models[model][role] = HeadMeta{h["file"].string, h["tensor"].string, h["shape"].Ints(),
                                          static_cast<float>(h["scale"].number),
                                          static_cast<int32_t>(h["zero_point"].number)};
    }
  }
  EXPECT_FALSE(meta.models.empty()) << dir << "/meta.json: no models";
  return meta;
}

FloatReferenceMeta ReadFloatReferenceMeta(const std::string& dir) {
  const JsonTree json = ReadJsonTree(dir + "/meta.json");
  FloatReferenceMeta meta;
  meta.model = json["model"].string;
  meta.to_float = json["input"]["to_float"].string;
  for (const JsonTree& out : json["outputs"].items) {
    meta.outputs.push_back({out["tensor"].string, out["file"].string, out["shape"].Ints()});
  }
  EXPECT_FALSE(meta.outputs.empty()) << dir << "/meta.json: no outputs";
  return meta;
}

}  // namespace posenet::testing
