// Conversions from the engine's graph and tensors to the public descriptions.
#pragma once

#include "graph/graph.h"
#include "posenet/posenet.h"
#include "runtime/executor.h"

namespace posenet {

TensorInfo ToTensorInfo(const TensorDef& t);

// The network an executor runs: tensors and ops as run, costs and memory.
NetworkInfo DescribeNetwork(const Executor& executor);

}  // namespace posenet
