// The two halves of pose estimation as the pipeline runs them: Prepare (resize and transform)
// on the preprocess thread, Estimate (network, decoding, mapping back) on the inference
// thread. EstimatorStages forwards to an Estimator; tests put a counting wrapper around it.
#pragma once

#include <vector>

#include "posenet/estimator.h"

namespace posenet {

class PoseStages {
 public:
  virtual ~PoseStages() = default;
  // Any thread, concurrently with Estimate.
  virtual Result<PreparedInput> Prepare(const RgbView& frame) const = 0;
  // The inference thread only.
  virtual Result<std::vector<Pose>> Estimate(const PreparedInput& input) = 0;
  // The network time of the last Estimate, in milliseconds.
  virtual double last_inference_ms() const = 0;
};

class EstimatorStages final : public PoseStages {
 public:
  explicit EstimatorStages(Estimator& estimator) : estimator_(estimator) {}
  Result<PreparedInput> Prepare(const RgbView& frame) const override {
    return estimator_.Prepare(frame);
  }
  Result<std::vector<Pose>> Estimate(const PreparedInput& input) override {
    return estimator_.Estimate(input);
  }
  double last_inference_ms() const override { return estimator_.last_inference_ms(); }

 private:
  Estimator& estimator_;
};

}  // namespace posenet
