#include "kernel_test_util.h"

#include "kernels/quantization.h"

namespace posenet::testing {

Requant RepeatedRequant(double real_multiplier, int32_t channels) {
  const QuantizedMultiplier q = QuantizeMultiplier(real_multiplier);
  Requant r;
  r.multiplier.assign(channels, q.multiplier);
  r.shift.assign(channels, q.shift);
  return r;
}

}  // namespace posenet::testing
