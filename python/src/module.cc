// _posenet: the C++ half of the posenet Python package (python/posenet wraps it).
#include <pybind11/pybind11.h>

#include "bindings.h"
#include "posenet/version.h"

PYBIND11_MODULE(_posenet, m) {
  m.doc() = "posenet.cpp's engine: pose estimation, tracking and video reading (see posenet).";
  pybind11::register_exception<posenet::python::Error>(m, "Error", PyExc_RuntimeError);
  m.attr("__version__") = POSENET_VERSION;
  m.attr("_shared_dir") = POSENET_SHARED_DIR;
  posenet::python::AddPoses(m);
  posenet::python::AddEstimator(m);
  posenet::python::AddVideo(m);
}
