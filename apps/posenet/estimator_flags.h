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

}  // namespace posenet::cli
