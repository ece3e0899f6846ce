#include "model/custom_options.h"

#include <flatbuffers/flexbuffers.h>

#include <cmath>
#include <cstdio>
#include <vector>

namespace posenet {
namespace {

std::string TypeText(const flexbuffers::Reference& r) {
  return "flexbuffer type " + std::to_string(static_cast<int>(r.GetType()));
}

bool IsInteger(const flexbuffers::Reference& r) { return r.IsInt() || r.IsUInt(); }
bool IsNumber(const flexbuffers::Reference& r) { return IsInteger(r) || r.IsFloat(); }

Status Missing(const LoadErrors& errors, const std::string& where, const char* key) {
  return errors.Fail(std::string("missing decoder option '") + key + "'", where,
                     "a key '" + std::string(key) + "' in the custom options map", "none");
}

Result<int32_t> ReadInt(const LoadErrors& errors, const flexbuffers::Map& map, const char* key,
                        int64_t lo, int64_t hi, const std::string& where) {
  const flexbuffers::Reference r = map[key];
  if (r.IsNull()) return Missing(errors, where, key);
  if (!IsInteger(r)) {
    return errors.Fail(std::string("invalid decoder option '") + key + "'", where, "an integer",
                       TypeText(r));
  }
  const int64_t v =
      r.IsUInt() ? static_cast<int64_t>(std::min<uint64_t>(r.AsUInt64(), INT64_MAX)) : r.AsInt64();
  if (v < lo || v > hi) {
    return errors.Fail(std::string("invalid decoder option '") + key + "'", where,
                       std::to_string(lo) + ".." + std::to_string(hi), std::to_string(v));
  }
  return static_cast<int32_t>(v);
}

Result<float> ReadFloat(const LoadErrors& errors, const flexbuffers::Map& map, const char* key,
                        double lo, double hi, const std::string& where) {
  const flexbuffers::Reference r = map[key];
  if (r.IsNull()) return Missing(errors, where, key);
  if (!IsNumber(r)) {
    return errors.Fail(std::string("invalid decoder option '") + key + "'", where, "a number",
                       TypeText(r));
  }
  const double v = r.IsFloat()  ? r.AsDouble()
                   : r.IsUInt() ? static_cast<double>(r.AsUInt64())
                                : static_cast<double>(r.AsInt64());
  if (!std::isfinite(v) || v < lo || v > hi) {
    char range[64], found[32];
    std::snprintf(range, sizeof(range), "a finite number in %g..%g", lo, hi);
    std::snprintf(found, sizeof(found), "%g", v);
    return errors.Fail(std::string("invalid decoder option '") + key + "'", where, range, found);
  }
  return static_cast<float>(v);
}

}  // namespace

Result<PosenetDecoderOptions> ReadDecoderOptions(const LoadErrors& errors,
                                                 std::span<const uint8_t> flexbuffer,
                                                 const std::string& where) {
  // Copied so that the flexbuffer's scalars are aligned as its verifier assumes (the custom
  // options vector itself is only byte-aligned inside the file).
  const std::vector<uint8_t> bytes(flexbuffer.begin(), flexbuffer.end());
  if (bytes.empty()) {
    return errors.Fail("missing decoder options", where, "a flexbuffer map", "no custom options");
  }
  if (!flexbuffers::VerifyBuffer(bytes.data(), bytes.size())) {
    return errors.Fail("corrupt decoder options", where, "a valid flexbuffer",
                       std::to_string(bytes.size()) + " bytes rejected by the verifier");
  }
  const flexbuffers::Reference root = flexbuffers::GetRoot(bytes.data(), bytes.size());
  if (!root.IsMap()) {
    return errors.Fail("invalid decoder options", where, "a flexbuffer map", TypeText(root));
  }
  const flexbuffers::Map map = root.AsMap();
  PosenetDecoderOptions o;
  POSENET_ASSIGN_OR_RETURN(o.max_detections,
                           ReadInt(errors, map, "max_detections", 1, 1000, where));
  POSENET_ASSIGN_OR_RETURN(o.score_threshold,
                           ReadFloat(errors, map, "score_threshold", 0.0, 1.0, where));
  POSENET_ASSIGN_OR_RETURN(o.nms_radius, ReadFloat(errors, map, "nms_radius", 0.0, 1e6, where));
  POSENET_ASSIGN_OR_RETURN(o.stride, ReadInt(errors, map, "stride", 1, 256, where));
  return o;
}

}  // namespace posenet
