// Status and Result<T> are part of the public API (include/posenet/status.h).
#pragma once

#include "posenet/status.h"
