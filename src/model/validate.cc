#include "model/validate.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <string>

namespace posenet {
namespace {

// TensorType values of the format that posenet.cpp supports.
std::optional<DataType> DataTypeFromTflite(int8_t type) {
  switch (type) {
    case 0:
      return DataType::kFloat32;
    case 2:
      return DataType::kInt32;
    case 3:
      return DataType::kUInt8;
    case 4:
      return DataType::kInt64;
    case 9:
      return DataType::kInt8;
    default:
      return std::nullopt;
  }
}

std::string TfliteTypeName(int8_t type) {
  static constexpr std::string_view kNames[] = {
      "FLOAT32", "FLOAT16",  "INT32",     "UINT8",  "INT64",   "STRING",
      "BOOL",    "INT16",    "COMPLEX64", "INT8",   "FLOAT64", "COMPLEX128",
      "UINT64",  "RESOURCE", "VARIANT",   "UINT32", "UINT16",  "INT4"};
  if (type >= 0 && static_cast<size_t>(type) < std::size(kNames)) {
    return std::string(kNames[static_cast<size_t>(type)]);
  }
  return "type " + std::to_string(type);
}

std::string ShapeText(const flatbuffers::Vector<int32_t>* shape) {
  std::string s = "[";
  for (flatbuffers::uoffset_t i = 0; shape != nullptr && i < shape->size(); ++i) {
    if (i > 0) s += ",";
    s += std::to_string(shape->Get(i));
  }
  return s + "]";
}

std::string FloatText(float v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%g", static_cast<double>(v));
  return buf;
}

// Range of zero points a quantized tensor of this type can hold.
void ZeroPointRange(DataType type, int64_t& lo, int64_t& hi) {
  switch (type) {
    case DataType::kUInt8:
      lo = 0, hi = 255;
      return;
    case DataType::kInt8:
      lo = -128, hi = 127;
      return;
    case DataType::kInt32:
      lo = std::numeric_limits<int32_t>::min(), hi = std::numeric_limits<int32_t>::max();
      return;
    case DataType::kFloat32:
    case DataType::kInt64:
      lo = std::numeric_limits<int64_t>::min(), hi = std::numeric_limits<int64_t>::max();
      return;
  }
}

Status ReadQuantization(const LoadErrors& errors, const tfl::QuantizationParameters* q,
                        const TensorDef& t, const std::string& where, Quantization& out) {
  if (q == nullptr) return Status::Ok();
  if (q->details_type() != tfl::QuantizationDetails::NONE) {
    return errors.Fail("custom quantization is not supported", where, "none",
                       "details type " + std::to_string(static_cast<int>(q->details_type())));
  }
  const auto* scale = q->scale();
  const auto* zero_point = q->zero_point();
  if (scale == nullptr || scale->size() == 0) return Status::Ok();  // min/max only: not quantized
  const size_t n = scale->size();
  const size_t zn = zero_point == nullptr ? 0 : zero_point->size();
  if (zn != n) {
    return errors.Fail("quantization zero_point count differs from scale count", where,
                       std::to_string(n), std::to_string(zn));
  }
  int32_t dim = 0;
  if (n > 1) {
    dim = q->quantized_dimension();
    const auto rank = static_cast<int32_t>(t.shape.size());
    if (dim < 0 || dim >= rank) {
      return errors.Fail("quantized_dimension out of range", where,
                         "0.." + std::to_string(rank - 1), std::to_string(dim));
    }
    if (static_cast<size_t>(t.shape[static_cast<size_t>(dim)]) != n) {
      return errors.Fail("per-channel scale count differs from the quantized dimension", where,
                         std::to_string(t.shape[static_cast<size_t>(dim)]) + " (dimension " +
                             std::to_string(dim) + ")",
                         std::to_string(n));
    }
  }
  int64_t lo = 0, hi = 0;
  ZeroPointRange(t.type, lo, hi);
  out.scale.resize(n);
  out.zero_point.resize(n);
  for (flatbuffers::uoffset_t i = 0; i < n; ++i) {
    const float s = scale->Get(i);
    if (!std::isfinite(s) || !(s > 0.0f)) {
      return errors.Fail("invalid quantization scale", where, "a finite scale > 0",
                         FloatText(s) + " at index " + std::to_string(i));
    }
    // The flatbuffers verifier (2.0) aligns a vector's length, not its 8-byte elements: a
    // hostile file can place them 4 bytes off, so read them bytewise (little-endian, as
    // flatbuffers stores them).
    int64_t z = 0;
    std::memcpy(&z, zero_point->Data() + i * sizeof(int64_t), sizeof(z));
    z = flatbuffers::EndianScalar(z);
    if (z < lo || z > hi) {
      return errors.Fail(
          "quantization zero point out of range", where,
          std::to_string(lo) + ".." + std::to_string(hi) + " for " + std::string(Name(t.type)),
          std::to_string(z) + " at index " + std::to_string(i));
    }
    out.scale[i] = s;
    out.zero_point[i] = z;
  }
  out.quantized_dimension = dim;
  return Status::Ok();
}

}  // namespace

Result<BufferViews> ReadBuffers(const LoadErrors& errors, const tfl::Model& model,
                                std::span<const uint8_t> file) {
  BufferViews views;
  const auto* buffers = model.buffers();
  if (buffers == nullptr) return views;
  views.resize(buffers->size());
  for (flatbuffers::uoffset_t i = 0; i < buffers->size(); ++i) {
    const tfl::Buffer* b = buffers->Get(i);
    if (b == nullptr) continue;
    // Data past the flatbuffer (files over 2 GB): the format calls offsets <= 1 unset.
    if (b->offset() > 1) {
      const uint64_t offset = b->offset(), size = b->size();
      if (offset > file.size() || size > file.size() - offset) {
        return errors.Fail("buffer data lies outside the file", "buffer " + std::to_string(i),
                           "offset + size <= " + std::to_string(file.size()),
                           "offset " + std::to_string(offset) + ", size " + std::to_string(size));
      }
      views[i] = file.subspan(static_cast<size_t>(offset), static_cast<size_t>(size));
    } else if (b->data() != nullptr) {
      views[i] = {b->data()->data(), b->data()->size()};
    }
  }
  return views;
}

Result<TensorDef> ReadTensor(const LoadErrors& errors, const tfl::Tensor* tensor, size_t index,
                             const BufferViews& buffers) {
  if (tensor == nullptr)
    return errors.Fail("missing tensor table", "tensor " + std::to_string(index));
  TensorDef t;
  if (tensor->name() != nullptr) t.name = tensor->name()->str();
  const std::string where = TensorWhere(index, t.name);

  const std::optional<DataType> type = DataTypeFromTflite(tensor->type());
  if (!type) {
    return errors.Fail("unsupported tensor type", where, "FLOAT32, UINT8, INT8, INT32 or INT64",
                       TfliteTypeName(tensor->type()));
  }
  t.type = *type;
  if (tensor->sparsity() != nullptr) {
    return errors.Fail("sparse tensors are not supported", where, "a dense tensor",
                       "sparsity parameters");
  }

  const auto* shape = tensor->shape();
  const size_t rank = shape == nullptr ? 0 : shape->size();
  if (rank > kMaxRank) {
    return errors.Fail("tensor rank too large", where, "at most " + std::to_string(kMaxRank),
                       std::to_string(rank));
  }
  const int64_t type_size = static_cast<int64_t>(SizeOf(t.type));
  int64_t count = 1;
  for (size_t d = 0; d < rank; ++d) {
    const int32_t dim = shape->Get(static_cast<flatbuffers::uoffset_t>(d));
    if (dim < 1) {
      return errors.Fail("invalid tensor dimension", where, "every dimension >= 1",
                         "shape " + ShapeText(shape));
    }
    // count <= kMaxTensorBytes < 2^31 and dim < 2^31, so the product fits in int64.
    count *= dim;
    if (count * type_size > kMaxTensorBytes) {
      return errors.Fail("tensor too large", where,
                         "at most " + std::to_string(kMaxTensorBytes) + " bytes",
                         "shape " + ShapeText(shape) + " of " + std::string(Name(t.type)));
    }
    t.shape.push_back(dim);
  }

  const uint32_t buffer = tensor->buffer();
  if (buffer >= buffers.size()) {
    return errors.Fail("buffer index out of range", where,
                       buffers.empty() ? std::string("no buffers in the model")
                                       : "0.." + std::to_string(buffers.size() - 1),
                       std::to_string(buffer));
  }
  const std::span<const uint8_t> data = buffers[buffer];
  if (!data.empty()) {
    const int64_t expected = count * type_size;
    if (static_cast<int64_t>(data.size()) != expected) {
      return errors.Fail(
          "constant data size differs from the tensor size", where,
          std::to_string(expected) + " bytes (shape " + ShapeText(shape) + " of " +
              std::string(Name(t.type)) + ")",
          std::to_string(data.size()) + " bytes in buffer " + std::to_string(buffer));
    }
    const auto address = reinterpret_cast<uintptr_t>(data.data());
    if (address % static_cast<uintptr_t>(type_size) != 0) {
      return errors.Fail("misaligned constant data", where,
                         "alignment to " + std::to_string(type_size) + " bytes",
                         "buffer " + std::to_string(buffer) + " at address remainder " +
                             std::to_string(address % static_cast<uintptr_t>(type_size)));
    }
    t.data = data;
  }

  POSENET_RETURN_IF_ERROR(
      ReadQuantization(errors, tensor->quantization(), t, where, t.quantization));
  return t;
}

Status CheckTensorIndex(const LoadErrors& errors, int32_t index, size_t count, bool optional,
                        std::string_view where) {
  if (index == -1 && optional) return Status::Ok();
  if (index < 0 || static_cast<size_t>(index) >= count) {
    return errors.Fail("tensor index out of range", where,
                       count == 0 ? std::string("no tensors in the subgraph")
                                  : (optional ? "-1 or 0.." : "0..") + std::to_string(count - 1),
                       std::to_string(index));
  }
  return Status::Ok();
}

}  // namespace posenet
