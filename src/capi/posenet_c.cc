// The C API (posenet/posenet_c.h) over the C++ API: handles own the C++ objects, every entry
// point checks its pointers and enums, turns a Status into a status code plus the thread's
// message, and catches every exception so none crosses into C.
#include "posenet/posenet_c.h"

#include <algorithm>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "posenet/draw.h"
#include "posenet/estimator.h"
#include "posenet/posenet.h"
#include "posenet/tracker.h"

struct posenet_model {
  std::shared_ptr<const posenet::Model> model;
};

struct posenet_estimator {
  std::unique_ptr<posenet::Estimator> estimator;
};

struct posenet_tracker {
  posenet::Tracker tracker;
};

namespace {

thread_local std::string g_last_error;

posenet_status Fail(posenet_status status, std::string message) {
  g_last_error = std::move(message);
  return status;
}

// For the exception handlers: a message that cannot throw again (at worst it stays empty).
posenet_status FailNoThrow(posenet_status status, const char* prefix, const char* what) noexcept {
  try {
    g_last_error = std::string(prefix) + what;
  } catch (...) {
    g_last_error.clear();
  }
  return status;
}

posenet_status Fail(posenet_status status, const posenet::Status& error) {
  return Fail(status, error.message());
}

// Runs `body` (which returns a posenet_status and sets the message on failure) with the
// thread's message cleared first and every exception turned into a status.
template <typename Body>
posenet_status Guard(Body&& body) noexcept {
  try {
    g_last_error.clear();
    return body();
  } catch (const std::bad_alloc&) {
    return FailNoThrow(POSENET_ERROR_MEMORY, "cannot continue: ", "out of memory");
  } catch (const std::exception& e) {
    return FailNoThrow(POSENET_ERROR_INTERNAL, "internal error: ", e.what());
  } catch (...) {
    return FailNoThrow(POSENET_ERROR_INTERNAL, "internal error: ", "unknown exception");
  }
}

posenet_status Null(const char* what, const char* name) {
  return Fail(POSENET_ERROR_ARGUMENT, std::string("cannot ") + what + ": " + name + " is NULL");
}

// The pixel format for a posenet_pixel_format value, or false.
bool ToPixelFormat(int32_t format, posenet::PixelFormat& out) {
  switch (format) {
    case POSENET_PIXEL_RGB:
      out = posenet::PixelFormat::kRgb;
      return true;
    case POSENET_PIXEL_BGR:
      out = posenet::PixelFormat::kBgr;
      return true;
    case POSENET_PIXEL_RGBA:
      out = posenet::PixelFormat::kRgba;
      return true;
    case POSENET_PIXEL_BGRA:
      out = posenet::PixelFormat::kBgra;
      return true;
    default:
      return false;
  }
}

// Checks a picture's layout at the boundary: "cannot <what>: ..." when it is not one.
posenet_status CheckPicture(const char* what, const void* pixels, int32_t width, int32_t height,
                            size_t stride, int32_t format, posenet::PixelFormat& pixel_format) {
  if (pixels == nullptr) return Null(what, "pixels");
  if (!ToPixelFormat(format, pixel_format)) {
    return Fail(POSENET_ERROR_ARGUMENT,
                std::string("cannot ") + what + ": unknown pixel format " + std::to_string(format));
  }
  const size_t row_bytes = static_cast<size_t>(width > 0 ? width : 0) *
                           static_cast<size_t>(posenet::BytesPerPixel(pixel_format));
  if (width <= 0 || height <= 0 || stride < row_bytes) {
    return Fail(POSENET_ERROR_ARGUMENT, std::string("cannot ") + what + ": a " +
                                            std::to_string(width) + "x" + std::to_string(height) +
                                            " picture with rows " + std::to_string(stride) +
                                            " bytes apart is not a picture");
  }
  return POSENET_OK;
}

posenet::Pose ToPose(const posenet_pose& in) {
  posenet::Pose out;
  out.score = in.score;
  for (int k = 0; k < posenet::kNumKeypoints; ++k) {
    out.keypoints[k] = {in.keypoints[k].x, in.keypoints[k].y, in.keypoints[k].score};
  }
  out.box = {in.box.x0, in.box.y0, in.box.x1, in.box.y1};
  out.id = in.id;
  return out;
}

void FromPose(const posenet::Pose& in, posenet_pose& out) {
  out.score = in.score;
  for (int k = 0; k < posenet::kNumKeypoints; ++k) {
    out.keypoints[k] = {in.keypoints[k].x, in.keypoints[k].y, in.keypoints[k].score};
  }
  out.box = {in.box.x0, in.box.y0, in.box.x1, in.box.y1};
  out.id = in.id;
}

std::vector<posenet::Pose> ToPoses(const posenet_pose* poses, size_t count) {
  std::vector<posenet::Pose> out;
  out.reserve(count);
  for (size_t i = 0; i < count; ++i) out.push_back(ToPose(poses[i]));
  return out;
}

}  // namespace

extern "C" {

const char* posenet_last_error(void) { return g_last_error.c_str(); }

const char* posenet_status_name(posenet_status status) {
  switch (status) {
    case POSENET_OK:
      return "ok";
    case POSENET_ERROR_ARGUMENT:
      return "invalid argument";
    case POSENET_ERROR_MODEL:
      return "bad model";
    case POSENET_ERROR_FAILED:
      return "failed";
    case POSENET_ERROR_MEMORY:
      return "out of memory";
    case POSENET_ERROR_INTERNAL:
      return "internal error";
  }
  return "unknown status";
}

const char* posenet_version(void) { return POSENET_VERSION; }

const char* posenet_keypoint_name(int32_t id) {
  if (id < 0 || id >= posenet::kNumKeypoints) return nullptr;
  return posenet::KeypointName(id).data();  // the names are string literals: NUL-terminated
}

posenet_status posenet_pose_edge(int32_t index, int32_t* parent, int32_t* child) {
  return Guard([&] {
    if (parent == nullptr) return Null("read pose edge", "parent");
    if (child == nullptr) return Null("read pose edge", "child");
    if (index < 0 || index >= static_cast<int32_t>(posenet::kPoseEdges.size())) {
      return Fail(POSENET_ERROR_ARGUMENT,
                  "cannot read pose edge: index " + std::to_string(index) + " is not in 0-15");
    }
    *parent = posenet::kPoseEdges[index].parent;
    *child = posenet::kPoseEdges[index].child;
    return POSENET_OK;
  });
}

posenet_status posenet_model_load(const char* path, posenet_model** model) {
  return Guard([&] {
    if (path == nullptr) return Null("load model", "path");
    if (model == nullptr) return Null("load model", "model");
    auto loaded = posenet::Model::Load(path);
    if (!loaded.ok()) return Fail(POSENET_ERROR_MODEL, loaded.status());
    *model = new posenet_model{std::move(loaded).value()};
    return POSENET_OK;
  });
}

posenet_status posenet_model_load_memory(const void* data, size_t size, const char* name,
                                         posenet_model** model) {
  return Guard([&] {
    if (data == nullptr && size > 0) return Null("load model", "data");
    if (model == nullptr) return Null("load model", "model");
    const auto* bytes = static_cast<const uint8_t*>(data);
    std::vector<uint8_t> copy(bytes, bytes + size);
    auto loaded = posenet::Model::LoadFromBuffer(std::move(copy), name ? name : "<memory>");
    if (!loaded.ok()) return Fail(POSENET_ERROR_MODEL, loaded.status());
    *model = new posenet_model{std::move(loaded).value()};
    return POSENET_OK;
  });
}

void posenet_model_free(posenet_model* model) { delete model; }

posenet_status posenet_model_input_size(const posenet_model* model, int32_t* height,
                                        int32_t* width) {
  return Guard([&] {
    if (model == nullptr) return Null("read model input size", "model");
    if (height == nullptr) return Null("read model input size", "height");
    if (width == nullptr) return Null("read model input size", "width");
    const std::vector<posenet::TensorInfo> inputs = model->model->inputs();
    if (inputs.empty() || inputs[0].shape.size() != 4) {
      return Fail(POSENET_ERROR_MODEL, model->model->path() +
                                           ": cannot read model input size: the input is not "
                                           "NHWC");
    }
    *height = inputs[0].shape[1];
    *width = inputs[0].shape[2];
    return POSENET_OK;
  });
}

posenet_estimator_options posenet_estimator_options_default(void) {
  const posenet::EstimatorOptions d;
  posenet_estimator_options o;
  o.threads = d.session.threads;
  o.input_height = d.session.input_height;
  o.input_width = d.session.input_width;
  o.output_stride = d.session.output_stride;
  o.pad_to_aspect = d.pad_to_aspect;
  o.nearest = d.nearest;
  o.input_mean = d.input_mean;
  o.input_std = d.input_std;
  o.decoder = POSENET_DECODER_AUTO;
  o.max_poses = d.max_poses;
  o.score_threshold = d.score_threshold;
  o.nms_radius = d.nms_radius;
  o.legacy_edge_channels = d.legacy_edge_channels;
  o.flip_horizontal = d.flip_horizontal;
  o.model_space = d.model_space;
  return o;
}

posenet_status posenet_estimator_create(const posenet_model* model,
                                        const posenet_estimator_options* options,
                                        posenet_estimator** estimator) {
  return Guard([&] {
    if (model == nullptr) return Null("create estimator", "model");
    if (estimator == nullptr) return Null("create estimator", "estimator");
    const posenet_estimator_options o =
        options != nullptr ? *options : posenet_estimator_options_default();
    posenet::EstimatorOptions e;
    switch (o.decoder) {
      case POSENET_DECODER_AUTO:
        e.decoder = posenet::DecoderKind::kAuto;
        break;
      case POSENET_DECODER_SINGLE:
        e.decoder = posenet::DecoderKind::kSinglePose;
        break;
      case POSENET_DECODER_TFJS:
        e.decoder = posenet::DecoderKind::kTfjs;
        break;
      case POSENET_DECODER_CORAL:
        e.decoder = posenet::DecoderKind::kCoral;
        break;
      default:
        return Fail(POSENET_ERROR_ARGUMENT,
                    "cannot create estimator: unknown decoder " + std::to_string(o.decoder));
    }
    e.session.threads = o.threads;
    e.session.input_height = o.input_height;
    e.session.input_width = o.input_width;
    e.session.output_stride = o.output_stride;
    e.pad_to_aspect = o.pad_to_aspect != 0;
    e.nearest = o.nearest != 0;
    e.input_mean = o.input_mean;
    e.input_std = o.input_std;
    e.max_poses = o.max_poses;
    e.score_threshold = o.score_threshold;
    e.nms_radius = o.nms_radius;
    e.legacy_edge_channels = o.legacy_edge_channels != 0;
    e.flip_horizontal = o.flip_horizontal != 0;
    e.model_space = o.model_space != 0;
    auto created = posenet::Estimator::Create(model->model, e);
    if (!created.ok()) return Fail(POSENET_ERROR_FAILED, created.status());
    *estimator = new posenet_estimator{std::move(created).value()};
    return POSENET_OK;
  });
}

void posenet_estimator_free(posenet_estimator* estimator) { delete estimator; }

posenet_status posenet_estimator_input_size(const posenet_estimator* estimator, int32_t* height,
                                            int32_t* width) {
  return Guard([&] {
    if (estimator == nullptr) return Null("read estimator input size", "estimator");
    if (height == nullptr) return Null("read estimator input size", "height");
    if (width == nullptr) return Null("read estimator input size", "width");
    *height = estimator->estimator->input_height();
    *width = estimator->estimator->input_width();
    return POSENET_OK;
  });
}

posenet_status posenet_estimator_output_stride(const posenet_estimator* estimator,
                                               int32_t* stride) {
  return Guard([&] {
    if (estimator == nullptr) return Null("read output stride", "estimator");
    if (stride == nullptr) return Null("read output stride", "stride");
    *stride = estimator->estimator->output_stride();
    return POSENET_OK;
  });
}

posenet_status posenet_estimator_last_inference_ms(const posenet_estimator* estimator, double* ms) {
  return Guard([&] {
    if (estimator == nullptr) return Null("read inference time", "estimator");
    if (ms == nullptr) return Null("read inference time", "ms");
    *ms = estimator->estimator->last_inference_ms();
    return POSENET_OK;
  });
}

posenet_status posenet_estimate(posenet_estimator* estimator, const uint8_t* pixels, int32_t width,
                                int32_t height, size_t stride, int32_t format, posenet_pose* poses,
                                size_t capacity, size_t* count) {
  return Guard([&] {
    constexpr const char* kWhat = "estimate poses";
    if (estimator == nullptr) return Null(kWhat, "estimator");
    if (count == nullptr) return Null(kWhat, "count");
    if (poses == nullptr && capacity > 0) return Null(kWhat, "poses");
    posenet::PixelFormat pixel_format;
    if (posenet_status s = CheckPicture(kWhat, pixels, width, height, stride, format, pixel_format);
        s != POSENET_OK) {
      return s;
    }
    auto found = estimator->estimator->Estimate(
        posenet::RgbView{pixels, width, height, stride, pixel_format});
    if (!found.ok()) return Fail(POSENET_ERROR_FAILED, found.status());
    const size_t written = std::min(found->size(), capacity);
    for (size_t i = 0; i < written; ++i) FromPose((*found)[i], poses[i]);
    *count = found->size();
    return POSENET_OK;
  });
}

posenet_tracker_options posenet_tracker_options_default(void) {
  const posenet::TrackerOptions d;
  posenet_tracker_options o;
  o.similarity = d.similarity == posenet::TrackSimilarity::kBoxIou ? POSENET_SIMILARITY_BOX_IOU
                                                                   : POSENET_SIMILARITY_OKS;
  o.min_similarity = d.min_similarity;
  o.max_tracks = d.max_tracks;
  o.max_age_frames = d.max_age_frames;
  o.min_keypoint_score = d.min_keypoint_score;
  o.smoothing = d.smoothing;
  o.min_cutoff = d.smoothing_params.min_cutoff;
  o.beta = d.smoothing_params.beta;
  o.d_cutoff = d.smoothing_params.d_cutoff;
  o.min_hits = d.min_hits;
  o.drop_unconfirmed = d.drop_unconfirmed;
  return o;
}

posenet_status posenet_tracker_create(const posenet_tracker_options* options,
                                      posenet_tracker** tracker) {
  return Guard([&] {
    if (tracker == nullptr) return Null("create tracker", "tracker");
    const posenet_tracker_options o =
        options != nullptr ? *options : posenet_tracker_options_default();
    posenet::TrackerOptions t;
    if (o.similarity == POSENET_SIMILARITY_OKS) {
      t.similarity = posenet::TrackSimilarity::kOks;
    } else if (o.similarity == POSENET_SIMILARITY_BOX_IOU) {
      t.similarity = posenet::TrackSimilarity::kBoxIou;
    } else {
      return Fail(POSENET_ERROR_ARGUMENT,
                  "cannot track poses: unknown similarity " + std::to_string(o.similarity));
    }
    t.min_similarity = o.min_similarity;
    t.max_tracks = o.max_tracks;
    t.max_age_frames = o.max_age_frames;
    t.min_keypoint_score = o.min_keypoint_score;
    t.smoothing = o.smoothing != 0;
    t.smoothing_params = {o.min_cutoff, o.beta, o.d_cutoff};
    t.min_hits = o.min_hits;
    t.drop_unconfirmed = o.drop_unconfirmed != 0;
    auto created = posenet::Tracker::Create(t);
    if (!created.ok()) return Fail(POSENET_ERROR_ARGUMENT, created.status());
    *tracker = new posenet_tracker{std::move(created).value()};
    return POSENET_OK;
  });
}

void posenet_tracker_free(posenet_tracker* tracker) { delete tracker; }

posenet_status posenet_tracker_update(posenet_tracker* tracker, double t_seconds,
                                      posenet_pose* poses, size_t count, size_t* kept) {
  return Guard([&] {
    if (tracker == nullptr) return Null("track poses", "tracker");
    if (kept == nullptr) return Null("track poses", "kept");
    if (poses == nullptr && count > 0) return Null("track poses", "poses");
    auto tracked = tracker->tracker.Update(ToPoses(poses, count), t_seconds);
    if (!tracked.ok()) return Fail(POSENET_ERROR_ARGUMENT, tracked.status());
    for (size_t i = 0; i < tracked->size(); ++i) FromPose((*tracked)[i], poses[i]);
    *kept = tracked->size();
    return POSENET_OK;
  });
}

posenet_status posenet_draw_poses(uint8_t* pixels, int32_t width, int32_t height, size_t stride,
                                  int32_t format, const posenet_pose* poses, size_t count,
                                  float threshold, int32_t thickness) {
  return Guard([&] {
    constexpr const char* kWhat = "draw poses";
    if (poses == nullptr && count > 0) return Null(kWhat, "poses");
    posenet::PixelFormat pixel_format;
    if (posenet_status s = CheckPicture(kWhat, pixels, width, height, stride, format, pixel_format);
        s != POSENET_OK) {
      return s;
    }
    posenet::DrawOptions options;
    options.threshold = threshold;
    options.thickness = thickness;
    const posenet::Status drawn =
        posenet::DrawPoses(posenet::Canvas{pixels, width, height, stride, pixel_format},
                           ToPoses(poses, count), options);
    if (!drawn.ok()) return Fail(POSENET_ERROR_ARGUMENT, drawn);
    return POSENET_OK;
  });
}

}  // extern "C"
