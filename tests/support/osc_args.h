// Reading OSC arguments that liblo hands to a method handler. liblo points each argument into
// the message, where it is only 4-byte aligned, while lo_arg is a union with 8-byte members: a
// member access there is undefined (UBSan: "misaligned address"), so the 4 bytes are copied.
#pragma once

#include <cstdint>
#include <cstring>

namespace posenet::testing {

// An 'i' (int32) or 'f' (float32) argument as a float.
inline float OscNumber(const void* arg, char type) {
  if (type == 'i') {
    int32_t i = 0;
    std::memcpy(&i, arg, sizeof(i));
    return static_cast<float>(i);
  }
  float f = 0;
  std::memcpy(&f, arg, sizeof(f));
  return f;
}

}  // namespace posenet::testing
