// Reference RESHAPE: the element order does not change, so the data is copied as is (nothing
// to do when the output aliases the input).
#pragma once

#include <cstddef>

namespace posenet::ref {

void Reshape(const void* in, void* out, size_t bytes);

}  // namespace posenet::ref
