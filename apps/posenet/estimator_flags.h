// The options every pose command shares (model, input size and stride, preprocessing, decoder,
// threads), registered once on each subcommand and turned into a loaded Estimator.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "io/json_writer.h"
#include "posenet/estimator.h"
#include "posenet/status.h"

namespace posenet::cli {

struct EstimatorFlags {
  std::string model, input_size;
  int input_resolution = 0;
  std::string resize = "pad", interpolation = "bilinear", keypoint_space = "image";
  std::string decoder = "auto";
  bool single = false, flip = false, modern_edges = false;
  int max_poses = -1, threads = 1, output_stride = 0;
  float score_threshold = -1, nms_radius = -1;
  float input_mean = 127.5f, input_std = 127.5f;
  int64_t max_memory = 0;
  float min_pose_score = EstimatorOptions{}.min_pose_score;
  float duplicate_oks = EstimatorOptions{}.duplicate_oks;
};

void AddEstimatorFlags(CLI::App* cmd, EstimatorFlags& flags);

struct LoadedEstimator {
  std::string model_path;
  std::shared_ptr<const Model> model;
  std::unique_ptr<Estimator> estimator;
  EstimatorOptions options;
  JsonModelInfo info;  // for the JSON outputs
};

// Resolves and loads the model and creates the estimator the flags describe.
Result<LoadedEstimator> LoadEstimator(const EstimatorFlags& flags);

// Prints a warning on stderr when a model input of height x width is too small or too large
// for PoseNet to see people.
inline constexpr int kSmallestUsefulSide = 129, kLargestUsefulSide = 1281;
void WarnAboutInputSize(int height, int width);

// An estimator for pictures of height x width whose model input has their aspect: its longer
// side `resolution` (0: the picture's own, at most kLargestUsefulSide), snapped to k*stride+1.
// The other options are the loaded estimator's.
Result<std::unique_ptr<Estimator>> EstimatorForPicture(const LoadedEstimator& loaded, int height,
                                                       int width, int resolution);

}  // namespace posenet::cli
