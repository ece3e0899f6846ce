#include "live/pose_service.h"

#include <charconv>
#include <cstdio>
#include <thread>

#include "io/picture_header.h"
#include "pipeline/model_info.h"

namespace posenet {
namespace {

template <typename T>
bool ParseNumber(const std::string& text, T& value) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return !text.empty() && ec == std::errc() && ptr == end;
}

std::string CacheKey(const EstimatorOptions& o) {
  char key[256];
  std::snprintf(key, sizeof(key), "%dx%d/%d/%d/%d/%a/%a", o.session.input_height,
                o.session.input_width, o.session.output_stride, static_cast<int>(o.decoder),
                o.max_poses, static_cast<double>(o.score_threshold),
                static_cast<double>(o.nms_radius));
  return key;
}

}  // namespace

Result<EstimatorOptions> ParsePoseQuery(const std::string& query, const EstimatorOptions& defaults,
                                        int max_input_side) {
  EstimatorOptions o = defaults;
  size_t at = 0;
  while (at < query.size()) {
    size_t end = query.find('&', at);
    if (end == std::string::npos) end = query.size();
    const std::string part = query.substr(at, end - at);
    at = end + 1;
    if (part.empty()) continue;
    const size_t eq = part.find('=');
    const std::string name = part.substr(0, eq);
    const std::string value = eq == std::string::npos ? "" : part.substr(eq + 1);
    auto bad = [&](const std::string& why) {
      return Status::Error("cannot use " + name + "=" + value + ": " + why);
    };
    if (name == "token") continue;  // the server's
    if (name == "input_size") {
      const size_t x = value.find('x');
      int h = 0, w = 0;
      if (x == std::string::npos || !ParseNumber(value.substr(0, x), h) ||
          !ParseNumber(value.substr(x + 1), w)) {
        return bad("expected HxW, e.g. 353x481");
      }
      if (h < 17 || w < 17 || h > max_input_side || w > max_input_side) {
        return bad("sides must be 17-" + std::to_string(max_input_side));
      }
      o.session.input_height = h;
      o.session.input_width = w;
    } else if (name == "output_stride") {
      int s = 0;
      if (!ParseNumber(value, s) || (s != 8 && s != 16 && s != 32)) return bad("8, 16 or 32");
      o.session.output_stride = s;
    } else if (name == "decoder") {
      if (value == "auto") {
        o.decoder = DecoderKind::kAuto;
      } else if (value == "tfjs") {
        o.decoder = DecoderKind::kTfjs;
      } else if (value == "coral") {
        o.decoder = DecoderKind::kCoral;
      } else if (value == "single") {
        o.decoder = DecoderKind::kSinglePose;
      } else {
        return bad("auto, tfjs, coral or single");
      }
    } else if (name == "max_poses") {
      if (!ParseNumber(value, o.max_poses) || o.max_poses < 1 || o.max_poses > 100) {
        return bad("1-100");
      }
    } else if (name == "score_threshold") {
      if (!ParseNumber(value, o.score_threshold) || !(o.score_threshold >= 0) ||
          o.score_threshold > 1) {
        return bad("0-1");
      }
    } else if (name == "nms_radius") {
      if (!ParseNumber(value, o.nms_radius) || !(o.nms_radius > 0) || o.nms_radius > 1000) {
        return bad("more than 0, at most 1000");
      }
    } else {
      return Status::Error("unknown option '" + name +
                           "' (input_size, output_stride, decoder, max_poses, score_threshold, "
                           "nms_radius)");
    }
  }
  return o;
}

Result<Estimator*> EstimatorCache::Get(const std::shared_ptr<const Model>& model,
                                       const EstimatorOptions& options) {
  const std::string key = CacheKey(options);
  for (size_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i].key != key) continue;
    Entry hit = std::move(entries_[i]);
    entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(i));
    entries_.push_back(std::move(hit));
    return entries_.back().estimator.get();
  }
  POSENET_ASSIGN_OR_RETURN(std::unique_ptr<Estimator> estimator, Estimator::Create(model, options));
  if (static_cast<int>(entries_.size()) >= capacity_) entries_.erase(entries_.begin());
  entries_.push_back({key, std::move(estimator)});
  return entries_.back().estimator.get();
}

HttpResponse PoseService::Answer(const PoseRequest& request, const PoseServiceOptions& options,
                                 const std::shared_ptr<const Model>& model, EstimatorCache& cache) {
  auto parsed = ParsePoseQuery(request.query, options.estimator, options.max_input_side);
  if (!parsed.ok()) return JsonError(400, parsed.message());
  auto header = ReadPictureHeader(request.body);
  if (!header.ok()) return JsonError(400, "cannot read the picture: " + header.message());
  if (header->width > options.max_picture_side || header->height > options.max_picture_side ||
      header->width * header->height > options.max_picture_pixels) {
    return JsonError(422, "the picture's header claims " + std::to_string(header->width) + "x" +
                              std::to_string(header->height) + " pixels: the limit is " +
                              std::to_string(options.max_picture_pixels) + " pixels, " +
                              std::to_string(options.max_picture_side) + " per side");
  }
  PictureReadOptions read;
  read.max_side = options.max_picture_side;
  read.max_pixels = options.max_picture_pixels;
  auto picture = DecodePicture(request.body, "the body", read);
  if (!picture.ok()) return JsonError(400, picture.message());
  auto estimator = cache.Get(model, *parsed);
  if (!estimator.ok()) return JsonError(400, estimator.message());
  const Image& image = *picture;
  auto poses =
      (*estimator)->Estimate(RgbView{image.data(), image.width(), image.height(), image.stride()});
  if (!poses.ok()) return JsonError(422, poses.message());
  return {200, "application/json",
          PosesToJson(*poses, {"", image.width(), image.height()},
                      ModelInfoOf(**estimator, options.model_info.path), -1)};
}

struct PoseService::Impl {
  struct Job {
    PoseRequest request;
    Respond respond;
  };
  PoseServiceOptions options;
  std::shared_ptr<const Model> model;
  BoundedQueue<Job> jobs{1};
  std::vector<std::thread> workers;

  explicit Impl(size_t capacity) : jobs(capacity) {}
};

PoseService::PoseService(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

PoseService::~PoseService() {
  impl_->jobs.Close();
  for (std::thread& t : impl_->workers) t.join();
}

Result<std::unique_ptr<PoseService>> PoseService::Start(std::shared_ptr<const Model> model,
                                                        const PoseServiceOptions& options) {
  auto impl = std::make_unique<Impl>(options.queue);
  impl->options = options;
  impl->model = std::move(model);
  const int workers = options.workers < 1 ? 1 : options.workers;
  // Each worker's first Estimator is built here, so a bad default fails before serving.
  std::vector<std::unique_ptr<EstimatorCache>> caches;
  for (int i = 0; i < workers; ++i) {
    caches.push_back(std::make_unique<EstimatorCache>(options.cached_estimators));
    POSENET_RETURN_IF_ERROR(caches.back()->Get(impl->model, options.estimator).status());
  }
  Impl* s = impl.get();
  for (int i = 0; i < workers; ++i) {
    s->workers.emplace_back([s, cache = std::shared_ptr<EstimatorCache>(std::move(caches[i]))] {
      while (std::optional<Impl::Job> job = s->jobs.Pop()) {
        const auto& abandoned = job->request.abandoned;
        if (abandoned && abandoned->load()) continue;  // nobody waits for this answer
        job->respond(Answer(job->request, s->options, s->model, *cache));
      }
    });
  }
  return std::unique_ptr<PoseService>(new PoseService(std::move(impl)));
}

bool PoseService::Submit(PoseRequest&& request, Respond respond) {
  return impl_->jobs.TryPush(Impl::Job{std::move(request), std::move(respond)});
}

}  // namespace posenet
