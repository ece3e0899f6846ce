#include "model/tflite_reader.h"

#include <flatbuffers/flatbuffers.h>

#include "base/file.h"
#include "model/load_error.h"
#include "model/operators.h"
#include "model/tflite_subset_generated.h"
#include "model/validate.h"

namespace posenet {
namespace {

constexpr uint32_t kSchemaVersion = 3;

// The flatbuffer structure of a .tflite file, before any semantic check.
Result<const tfl::Model*> VerifyFlatbuffer(const LoadErrors& errors,
                                           const std::vector<uint8_t>& b) {
  // The root offset and the 4-byte identifier come first.
  if (b.size() < 8) {
    return errors.Fail("file too small to be a TFLite model", "", "at least 8 bytes",
                       std::to_string(b.size()) + " bytes");
  }
  // The verifier's own precondition (it asserts rather than fails).
  if (b.size() >= FLATBUFFERS_MAX_BUFFER_SIZE) {
    return errors.Fail("file too large for a flatbuffer", "",
                       "less than " + std::to_string(FLATBUFFERS_MAX_BUFFER_SIZE) + " bytes",
                       std::to_string(b.size()) + " bytes");
  }
  if (!flatbuffers::BufferHasIdentifier(b.data(), tfl::ModelIdentifier())) {
    const std::string_view id(reinterpret_cast<const char*>(b.data()) + 4, 4);
    return errors.Fail("not a TFLite model", "",
                       "file identifier '" + std::string(tfl::ModelIdentifier()) + "' at byte 4",
                       "'" + Printable(id) + "'");
  }
  flatbuffers::Verifier::Options options;
  options.max_depth = 32;        // a model nests about 8 levels deep
  options.max_tables = 1 << 22;  // bounds the work on hostile files
  flatbuffers::Verifier verifier(b.data(), b.size(), options);
  if (!tfl::VerifyModelBuffer(verifier)) {
    return errors.Fail(
        "corrupt flatbuffer: the flatbuffers verifier rejected the file "
        "(truncated, or an offset or size points outside it)");
  }
  const tfl::Model* model = tfl::GetModel(b.data());
  if (model->version() != kSchemaVersion) {
    return errors.Fail("unsupported schema version", "", std::to_string(kSchemaVersion),
                       std::to_string(model->version()));
  }
  return model;
}

Status ReadIoList(const LoadErrors& errors, const flatbuffers::Vector<int32_t>* list,
                  const char* what, const std::vector<TensorDef>& tensors,
                  std::vector<int32_t>& out) {
  const size_t n = list == nullptr ? 0 : list->size();
  if (n == 0) {
    return errors.Fail(std::string("no model ") + what + "s", "", "at least 1", "0");
  }
  for (size_t i = 0; i < n; ++i) {
    const int32_t t = list->Get(static_cast<flatbuffers::uoffset_t>(i));
    const std::string where = std::string("model ") + what + " " + std::to_string(i);
    POSENET_RETURN_IF_ERROR(CheckTensorIndex(errors, t, tensors.size(), false, where));
    out.push_back(t);
  }
  return Status::Ok();
}

// Reads every entry of a flatbuffer table list (an absent list is empty) with
// read(entry, index), which returns the converted entry or an error.
template <typename Entry, typename Read, typename Out>
Status ReadEach(const flatbuffers::Vector<flatbuffers::Offset<Entry>>* list, Read read,
                std::vector<Out>& out) {
  const size_t n = list == nullptr ? 0 : list->size();
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    POSENET_ASSIGN_OR_RETURN(Out entry, read(list->Get(static_cast<flatbuffers::uoffset_t>(i)), i));
    out.push_back(std::move(entry));
  }
  return Status::Ok();
}

}  // namespace

Result<ModelFile> ReadTfliteModel(std::shared_ptr<const std::vector<uint8_t>> bytes,
                                  const std::string& name) {
  const LoadErrors errors(name);
  if (bytes == nullptr) return errors.Fail("no model data");
  POSENET_ASSIGN_OR_RETURN(const tfl::Model* model, VerifyFlatbuffer(errors, *bytes));
  const std::span<const uint8_t> file(*bytes);

  const auto* subgraphs = model->subgraphs();
  if (subgraphs == nullptr || subgraphs->size() == 0 || subgraphs->Get(0) == nullptr) {
    return errors.Fail("no subgraph in the model", "", "at least 1 subgraph", "0");
  }
  const tfl::SubGraph& graph = *subgraphs->Get(0);

  ModelFile out;
  out.path = name;
  out.bytes = bytes;
  if (model->description() != nullptr) out.description = model->description()->str();

  POSENET_ASSIGN_OR_RETURN(const BufferViews buffers, ReadBuffers(errors, *model, file));
  POSENET_RETURN_IF_ERROR(ReadEach(
      graph.tensors(),
      [&](const tfl::Tensor* t, size_t i) { return ReadTensor(errors, t, i, buffers); },
      out.tensors));

  POSENET_RETURN_IF_ERROR(ReadIoList(errors, graph.inputs(), "input", out.tensors, out.inputs));
  POSENET_RETURN_IF_ERROR(ReadIoList(errors, graph.outputs(), "output", out.tensors, out.outputs));
  for (size_t i = 0; i < out.inputs.size(); ++i) {
    const int32_t t = out.inputs[i];
    const TensorDef& def = out.tensors[static_cast<size_t>(t)];
    if (def.is_constant()) {
      return errors.Fail("model input is a constant tensor", "model input " + std::to_string(i),
                         "a tensor without data", TensorWhere(static_cast<size_t>(t), def.name));
    }
  }

  POSENET_RETURN_IF_ERROR(ReadEach(
      graph.operators(),
      [&](const tfl::Operator* op, size_t i) {
        return ReadOperator(errors, *model, op, i, out.tensors, file);
      },
      out.operators));
  return out;
}

Result<ModelFile> ReadTfliteFile(const std::string& path) {
  POSENET_ASSIGN_OR_RETURN(std::vector<uint8_t> bytes, ReadFileBytes(path, kMaxModelFileBytes));
  return ReadTfliteModel(std::make_shared<const std::vector<uint8_t>>(std::move(bytes)), path);
}

}  // namespace posenet
