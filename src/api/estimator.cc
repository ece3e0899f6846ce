#include "posenet/estimator.h"

#include <chrono>
#include <cstring>

#include "api/heads.h"
#include "decode/limb_separation.h"
#include "decode/multi_pose_coral.h"
#include "decode/multi_pose_tfjs.h"
#include "decode/output_views.h"
#include "decode/pose_filter.h"
#include "decode/pose_transform.h"
#include "decode/single_pose.h"
#include "image/preprocess.h"
#include "image/resize.h"

namespace posenet {

struct Estimator::Impl {
  std::unique_ptr<Session> session;
  EstimatorOptions options;
  HeadTensors heads;
  DecoderKind decoder = DecoderKind::kTfjs;
  int stride = 16;
  int model_w = 0, model_h = 0;
  InputElementType input_type = InputElementType::kUInt8;
  InputNormalization norm;
  SinglePoseOptions single;
  TfjsMultiPoseOptions tfjs;
  CoralDecoderOptions coral;
  CoralDecoderOptions posenet;  // Coral's decoding, corrected edge channels, then limbs apart
  PoseFilterOptions filter;
  std::vector<float> heat_buf, short_buf, mid_buf, fwd_buf, bwd_buf;
  double last_ms = 0;

  // A float view of a head tensor: the session's own memory for float tensors, else the
  // tensor dequantized into `buffer`.
  GridView View(int32_t tensor, std::vector<float>& buffer) {
    const TensorInfo& def = session->network().tensors[tensor];
    const std::span<const uint8_t> data = session->tensor_data(tensor);
    const int h = def.shape[1], w = def.shape[2], c = def.shape[3];
    const size_t n = static_cast<size_t>(h) * w * c;
    if (def.type == ElementType::kFloat32) {
      return GridView{reinterpret_cast<const float*>(data.data()), h, w, c};
    }
    buffer.resize(n);
    (void)DequantizeUInt8(data.first(n), def.scale, def.zero_point, buffer);
    return GridView{buffer.data(), h, w, c};
  }

  Result<OutputViews> Views() {
    OutputViews v;
    v.heatmaps = View(heads.heatmaps, heat_buf);
    v.short_offsets = View(heads.short_offsets, short_buf);
    if (heads.mid_offsets >= 0) {
      v.mid_offsets = View(heads.mid_offsets, mid_buf);
    } else {
      const GridView fwd = View(heads.displacement_fwd, fwd_buf);
      const GridView bwd = View(heads.displacement_bwd, bwd_buf);
      mid_buf.resize(static_cast<size_t>(fwd.height) * fwd.width * kMidOffsetChannels);
      POSENET_ASSIGN_OR_RETURN(v.mid_offsets, JoinDisplacements(fwd, bwd, mid_buf));
    }
    POSENET_RETURN_IF_ERROR(ValidateOutputViews(v));
    return v;
  }

  Status CheckHead(int32_t tensor) const {
    const TensorInfo& def = session->network().tensors[tensor];
    if (def.type == ElementType::kFloat32) return Status::Ok();
    if (def.type == ElementType::kUInt8 && def.scale > 0 && def.channel_scales == 0) {
      return Status::Ok();
    }
    return Status::Error(session->model().path() + ": cannot decode output '" + def.name +
                         "': expected float32 or per-tensor uint8, found " +
                         std::string(ElementTypeName(def.type)));
  }
};

Estimator::Estimator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Estimator::~Estimator() = default;

Result<std::unique_ptr<Estimator>> Estimator::Create(std::shared_ptr<const Model> model,
                                                     const EstimatorOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  const DecoderSettings* stored = model ? model->decoder() : nullptr;
  POSENET_ASSIGN_OR_RETURN(impl->session, Session::Create(std::move(model), options.session));
  const NetworkInfo& network = impl->session->network();
  const std::string& path = impl->session->model().path();
  POSENET_ASSIGN_OR_RETURN(impl->heads, FindHeads(network, path));
  for (int32_t t : {impl->heads.heatmaps, impl->heads.short_offsets, impl->heads.mid_offsets,
                    impl->heads.displacement_fwd, impl->heads.displacement_bwd}) {
    if (t >= 0) POSENET_RETURN_IF_ERROR(impl->CheckHead(t));
  }

  const TensorInfo& in = network.tensors[network.inputs[0]];
  if (in.shape[3] != 3) {
    return Status::Error(path + ": cannot use the model: its input has " +
                         std::to_string(in.shape[3]) +
                         (in.shape[3] == 1 ? " channel" : " channels") + ", expected 3 (RGB)");
  }
  if (in.type != ElementType::kUInt8 && in.type != ElementType::kFloat32) {
    return Status::Error(path + ": cannot use the model: input type " +
                         std::string(ElementTypeName(in.type)) + " (expected uint8 or float32)");
  }
  impl->input_type =
      in.type == ElementType::kUInt8 ? InputElementType::kUInt8 : InputElementType::kFloat32;
  impl->model_h = in.shape[1];
  impl->model_w = in.shape[2];
  for (int c = 0; c < 3; ++c) {
    impl->norm.mean[c] = options.input_mean;
    impl->norm.std[c] = options.input_std;
  }
  impl->stride = network.output_stride;

  impl->decoder = options.decoder;
  if (impl->decoder == DecoderKind::kAuto) impl->decoder = DecoderKind::kPosenet;
  impl->single.stride = impl->stride;
  impl->tfjs.stride = impl->stride;
  impl->coral.stride = impl->stride;
  if (stored != nullptr) {
    impl->coral.max_detections = stored->max_detections;
    impl->coral.score_threshold = stored->score_threshold;
    impl->coral.nms_radius = stored->nms_radius;
  }
  impl->coral.legacy_edge_channels = options.legacy_edge_channels;
  if (options.max_poses >= 0) {
    impl->tfjs.max_poses = impl->coral.max_detections = options.max_poses;
  }
  if (options.score_threshold >= 0) {
    impl->tfjs.score_threshold = impl->coral.score_threshold = options.score_threshold;
  }
  if (options.nms_radius >= 0) impl->tfjs.nms_radius = impl->coral.nms_radius = options.nms_radius;
  impl->posenet = impl->coral;
  impl->posenet.legacy_edge_channels = false;
  impl->filter.min_pose_score = options.min_pose_score;
  impl->filter.duplicate_oks = options.duplicate_oks;
  return std::unique_ptr<Estimator>(new Estimator(std::move(impl)));
}

struct PreparedInput::Data {
  Image pixels;               // the resized picture, model size
  std::vector<float> floats;  // float models: the normalized input; empty for uint8 models
  InputTransform transform;
};

PreparedInput::PreparedInput() : data_(std::make_unique<Data>()) {}
PreparedInput::~PreparedInput() = default;
PreparedInput::PreparedInput(PreparedInput&&) noexcept = default;
PreparedInput& PreparedInput::operator=(PreparedInput&&) noexcept = default;

int PreparedInput::picture_width() const { return data_ ? data_->transform.picture_width : 0; }
int PreparedInput::picture_height() const { return data_ ? data_->transform.picture_height : 0; }

std::span<const uint8_t> PreparedInput::tensor() const {
  if (!data_) return {};
  if (!data_->floats.empty()) {
    return {reinterpret_cast<const uint8_t*>(data_->floats.data()),
            data_->floats.size() * sizeof(float)};
  }
  return {data_->pixels.data(), data_->pixels.size_bytes()};
}

double PreparedInput::ToPictureX(double model_x) const {
  return data_ ? data_->transform.ToPictureX(model_x) : model_x;
}
double PreparedInput::ToPictureY(double model_y) const {
  return data_ ? data_->transform.ToPictureY(model_y) : model_y;
}

Result<PreparedInput> Estimator::Prepare(const RgbView& picture) const {
  const Impl& m = *impl_;
  const ImageView view{picture.data, picture.width, picture.height, picture.stride, picture.format};
  const int pixel_bytes = BytesPerPixel(picture.format);
  if (pixel_bytes == 0) return Status::Error("cannot estimate poses: unknown pixel format");
  if (view.empty() || picture.stride < static_cast<size_t>(picture.width) * pixel_bytes) {
    return Status::Error("cannot estimate poses: empty picture or bad stride");
  }
  if (picture.width < kMinPictureSide || picture.height < kMinPictureSide) {
    return Status::Error("cannot estimate poses: the picture is " + std::to_string(picture.width) +
                         "x" + std::to_string(picture.height) +
                         " pixels, smaller than the minimum " + std::to_string(kMinPictureSide) +
                         "x" + std::to_string(kMinPictureSide));
  }
  ResizeOptions resize;
  resize.filter = m.options.nearest ? ResizeFilter::kNearest : ResizeFilter::kBilinear;
  resize.mode = m.options.pad_to_aspect ? ResizeMode::kPad : ResizeMode::kStretch;
  PreparedInput prepared;
  PreparedInput::Data& d = *prepared.data_;
  POSENET_ASSIGN_OR_RETURN(d.transform,
                           ResizeForModel(view, m.model_w, m.model_h, resize, d.pixels));
  if (m.input_type == InputElementType::kFloat32) {
    d.floats.resize(d.pixels.size_bytes());
    POSENET_RETURN_IF_ERROR(WriteFloatInput(d.pixels.view(), m.norm, d.floats));
  }
  return prepared;
}

Result<std::vector<Pose>> Estimator::Estimate(const RgbView& picture) {
  POSENET_ASSIGN_OR_RETURN(const PreparedInput prepared, Prepare(picture));
  return Estimate(prepared);
}

Result<std::vector<Pose>> Estimator::Estimate(const PreparedInput& input) {
  Impl& m = *impl_;
  const std::span<const uint8_t> tensor = input.tensor();
  const std::span<uint8_t> target = m.session->input();
  const InputTransform& transform = input.data_ ? input.data_->transform : InputTransform{};
  if (tensor.size() != target.size() || transform.model_width != m.model_w ||
      transform.model_height != m.model_h) {
    return Status::Error("cannot estimate poses: the input was prepared for another model size");
  }
  std::memcpy(target.data(), tensor.data(), tensor.size());

  const auto start = std::chrono::steady_clock::now();
  m.session->Run();
  m.last_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();

  POSENET_ASSIGN_OR_RETURN(const OutputViews views, m.Views());
  Result<std::vector<Pose>> decoded = Status::Error("unreachable");
  switch (m.decoder) {
    case DecoderKind::kSinglePose:
      decoded = DecodeSinglePose(views, m.single);
      break;
    case DecoderKind::kCoral:
      decoded = DecodeMultiPosesCoral(views, m.coral);
      break;
    case DecoderKind::kPosenet:
      decoded = DecodeMultiPosesCoral(views, m.posenet);
      break;
    default:
      decoded = DecodeMultiPosesTfjs(views, m.tfjs);
      break;
  }
  if (!decoded.ok()) return decoded.status();
  FilterPoses(*decoded, m.filter);
  if (m.decoder == DecoderKind::kPosenet) {
    LimbSeparationOptions limbs;
    limbs.stride = m.stride;
    SeparateLimbs(*decoded, views, limbs);
  }
  std::vector<Pose> poses = std::move(decoded).value();
  float width = static_cast<float>(m.model_w);
  if (!m.options.model_space) {
    const PictureMapping mapping{static_cast<float>(transform.scale_x),
                                 static_cast<float>(transform.scale_y),
                                 static_cast<float>(transform.padding.left / transform.scale_x),
                                 static_cast<float>(transform.padding.top / transform.scale_y)};
    ToPicture(poses, mapping);
    width = static_cast<float>(transform.picture_width);
  }
  if (m.options.flip_horizontal) FlipHorizontal(poses, width);
  return poses;
}

Session& Estimator::session() { return *impl_->session; }
int Estimator::output_stride() const { return impl_->stride; }
int Estimator::input_width() const { return impl_->model_w; }
int Estimator::input_height() const { return impl_->model_h; }
DecoderKind Estimator::decoder() const { return impl_->decoder; }
double Estimator::last_inference_ms() const { return impl_->last_ms; }

}  // namespace posenet
