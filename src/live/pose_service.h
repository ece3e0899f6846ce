// POST /v1/poses behind the server: one model loaded once, a fixed pool of worker threads each
// with its own Estimators, and a bounded queue of requests (full: the server answers 503).
//
// A request's body is a JPEG or PNG (any picture io/ reads); its query may set
//   input_size=HxW  output_stride=8|16|32  decoder=auto|tfjs|coral|single
//   max_poses=N  score_threshold=S  nms_radius=R
// over the server's defaults. A worker keeps the Estimators of the last few option sets it
// saw (building one prepares the network: tens of milliseconds). Answers:
//   200 the picture JSON (docs/json-schema.md)
//   400 unknown option or bad value, a body that is not a picture or does not decode
//   422 a picture whose header claims more pixels than the limits
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "io/image_file.h"
#include "io/json_writer.h"
#include "live/live_server.h"
#include "pipeline/bounded_queue.h"
#include "posenet/estimator.h"

namespace posenet {

struct PoseServiceOptions {
  int workers = 1;
  size_t queue = 64;  // requests waiting for a worker
  EstimatorOptions estimator;
  JsonModelInfo model_info;
  int max_picture_side = 8192;
  int64_t max_picture_pixels = int64_t{40} << 20;
  int max_input_side = 1281;  // input_size= beyond this is refused (memory)
  int cached_estimators = 4;  // per worker
};

// Per-request estimator options parsed from the query over `defaults`; errors name the option.
Result<EstimatorOptions> ParsePoseQuery(const std::string& query, const EstimatorOptions& defaults,
                                        int max_input_side);

// A worker's Estimators for the option sets it saw last (at most `capacity`, least recently
// used dropped first).
class EstimatorCache {
 public:
  explicit EstimatorCache(int capacity) : capacity_(capacity < 1 ? 1 : capacity) {}
  Result<Estimator*> Get(const std::shared_ptr<const Model>& model,
                         const EstimatorOptions& options);

 private:
  struct Entry {
    std::string key;
    std::unique_ptr<Estimator> estimator;
  };
  int capacity_;
  std::vector<Entry> entries_;  // most recently used last
};

class PoseService {
 public:
  // Builds one Estimator per worker with the default options (so a bad default fails here).
  static Result<std::unique_ptr<PoseService>> Start(std::shared_ptr<const Model> model,
                                                    const PoseServiceOptions& options);
  ~PoseService();  // finishes the queued requests, joins the workers
  PoseService(const PoseService&) = delete;
  PoseService& operator=(const PoseService&) = delete;

  // LiveServerOptions::poses.
  bool Submit(PoseRequest&& request, Respond respond);

  // The answer to one request, as a worker computes it (also for tests).
  static HttpResponse Answer(const PoseRequest& request, const PoseServiceOptions& options,
                             const std::shared_ptr<const Model>& model, EstimatorCache& cache);

 private:
  struct Impl;
  explicit PoseService(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace posenet
