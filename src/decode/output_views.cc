#include "decode/output_views.h"

#include <algorithm>
#include <string>

#include "posenet/pose.h"

namespace posenet {
namespace {

std::string ShapeText(const GridView& v) {
  return "[" + std::to_string(v.height) + ", " + std::to_string(v.width) + ", " +
         std::to_string(v.channels) + "]";
}

Status CheckHead(const GridView& v, const GridView& ref, int channels, const char* name) {
  if (v.data == nullptr || v.height <= 0 || v.width <= 0) {
    return Status::Error(std::string("cannot decode poses: ") + name + " is empty");
  }
  if (v.channels != channels || v.height != ref.height || v.width != ref.width) {
    return Status::Error(std::string("cannot decode poses: ") + name + " has shape " +
                         ShapeText(v) + ", expected [" + std::to_string(ref.height) + ", " +
                         std::to_string(ref.width) + ", " + std::to_string(channels) + "]");
  }
  return Status::Ok();
}

}  // namespace

Result<GridView> MakeGridView(std::span<const float> data, int height, int width, int channels) {
  if (height <= 0 || width <= 0 || channels <= 0) {
    return Status::Error("cannot make a grid view: non-positive dimension");
  }
  GridView v{data.data(), height, width, channels};
  if (data.size() != v.size()) {
    return Status::Error("cannot make a grid view: " + std::to_string(data.size()) +
                         " floats for shape " + ShapeText(v));
  }
  return v;
}

Status ValidateOutputViews(const OutputViews& views) {
  POSENET_RETURN_IF_ERROR(CheckHead(views.heatmaps, views.heatmaps, kNumKeypoints, "heatmaps"));
  POSENET_RETURN_IF_ERROR(
      CheckHead(views.short_offsets, views.heatmaps, kShortOffsetChannels, "short offsets"));
  return CheckHead(views.mid_offsets, views.heatmaps, kMidOffsetChannels, "mid offsets");
}

Status DequantizeUInt8(std::span<const uint8_t> q, float scale, int64_t zero_point,
                       std::span<float> out) {
  if (out.size() != q.size()) {
    return Status::Error("cannot dequantize: " + std::to_string(q.size()) + " values into " +
                         std::to_string(out.size()));
  }
  // Coral's op converts the zero point to float first; (float(q) - zp) is exact either way.
  const float zp = static_cast<float>(zero_point);
  for (size_t i = 0; i < q.size(); ++i) out[i] = (static_cast<float>(q[i]) - zp) * scale;
  return Status::Ok();
}

Result<GridView> JoinDisplacements(const GridView& fwd, const GridView& bwd, std::span<float> out) {
  POSENET_RETURN_IF_ERROR(CheckHead(fwd, fwd, kDisplacementChannels, "forward displacements"));
  POSENET_RETURN_IF_ERROR(CheckHead(bwd, fwd, kDisplacementChannels, "backward displacements"));
  const size_t cells = static_cast<size_t>(fwd.height) * fwd.width;
  if (out.size() != cells * kMidOffsetChannels) {
    return Status::Error("cannot join displacements: output holds " + std::to_string(out.size()) +
                         " floats, need " + std::to_string(cells * kMidOffsetChannels));
  }
  for (size_t i = 0; i < cells; ++i) {
    float* dst = out.data() + i * kMidOffsetChannels;
    std::copy_n(fwd.data + i * kDisplacementChannels, kDisplacementChannels, dst);
    std::copy_n(bwd.data + i * kDisplacementChannels, kDisplacementChannels,
                dst + kDisplacementChannels);
  }
  return GridView{out.data(), fwd.height, fwd.width, kMidOffsetChannels};
}

}  // namespace posenet
