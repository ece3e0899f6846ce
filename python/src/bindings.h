// The parts of the _posenet extension module, each adding its classes and functions.
#pragma once

#include <pybind11/pybind11.h>

#include <stdexcept>
#include <string>

#include "posenet/status.h"

namespace posenet::python {

// Raised for every error the engine reports (posenet.Error, a RuntimeError): the message is the
// engine's one line, naming the file and what is wrong.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The value of `result`, or posenet.Error with its message.
template <typename T>
T Unwrap(Result<T> result) {
  if (!result.ok()) throw Error(result.status().message());
  return std::move(result).value();
}
inline void Check(const Status& status) {
  if (!status.ok()) throw Error(status.message());
}

void AddPoses(pybind11::module_& m);      // Pose, Tracker, JSON/CSV text of poses
void AddEstimator(pybind11::module_& m);  // Model, Estimator
void AddVideo(pybind11::module_& m);      // VideoPoses (read_video)

}  // namespace posenet::python
