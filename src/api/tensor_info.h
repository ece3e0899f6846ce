// Conversions from internal tensor definitions to the public TensorInfo.
#pragma once

#include "graph/graph.h"
#include "posenet/posenet.h"

namespace posenet {

TensorInfo ToTensorInfo(const TensorDef& t);

}  // namespace posenet
