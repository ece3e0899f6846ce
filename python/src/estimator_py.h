// The estimator as the Python classes hold it, shared by estimator_py.cc and video_py.cc.
#pragma once

#include <pybind11/pybind11.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "posenet/estimator.h"

namespace posenet::python {

struct PyModel {
  std::shared_ptr<const Model> model;
  std::string path;  // as given: the "model.path" of the JSON outputs
};

struct PyEstimator {
  std::string model_path;
  std::unique_ptr<Estimator> estimator;
  std::mutex mutex;  // an Estimator runs one picture at a time

  // Poses in `view` (call without the GIL).
  std::vector<Pose> Estimate(const RgbView& view);
  // {"path", "input_width", "input_height", "output_stride", "decoder"}, as the tool's JSON.
  pybind11::dict ModelInfo() const;
};

}  // namespace posenet::python
