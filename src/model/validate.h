// Semantic validation of the tensors of a verified .tflite flatbuffer. The flatbuffers verifier
// only proves that offsets stay inside the file; these checks prove the contents make sense:
//  - buffers: data stored after the flatbuffer (offset/size) lies inside the file;
//  - tensors: known element type, rank <= kMaxRank, every dimension >= 1, element count times
//    type size below kMaxTensorBytes (checked step by step, so the product cannot overflow),
//    buffer index in range, constant data exactly element count x type size and aligned to
//    the element size (kernels read it in place), no sparsity;
//  - quantization: scale and zero_point of equal length, scales finite and > 0, zero points
//    inside the range of the element type, per-channel arrays as long as the quantized
//    dimension, no custom quantization details.
// A buffer with no data (buffer 0 by convention, or any empty one) means "not constant".
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "model/load_error.h"
#include "model/model_file.h"
#include "model/tflite_subset_generated.h"

namespace posenet {

inline constexpr size_t kMaxRank = 8;
inline constexpr int64_t kMaxTensorBytes = (int64_t{1} << 31) - 1;

// The data of every buffer of the model, as views into `file`.
using BufferViews = std::vector<std::span<const uint8_t>>;

Result<BufferViews> ReadBuffers(const LoadErrors& errors, const tfl::Model& model,
                                std::span<const uint8_t> file);

// Validates tensor `index` of subgraph 0 and converts it.
Result<TensorDef> ReadTensor(const LoadErrors& errors, const tfl::Tensor* tensor, size_t index,
                             const BufferViews& buffers);

// Checks one entry of a tensor index list (subgraph or op inputs/outputs): in [0, count), or
// -1 when `optional`. `where` names the list entry ("model input 0", "op 3 'ADD' input 1").
Status CheckTensorIndex(const LoadErrors& errors, int32_t index, size_t count, bool optional,
                        std::string_view where);

}  // namespace posenet
