#include <algorithm>

#include "api/tensor_info.h"
#include "base/cpu_features.h"
#include "posenet/posenet.h"
#include "runtime/executor.h"

namespace posenet {

Session::~Session() = default;

Result<std::unique_ptr<Session>> Session::Create(std::shared_ptr<const Model> model,
                                                 const Options& options) {
  if (model == nullptr) return Status::Error("cannot create session: no model");
  ExecutorOptions e;
  e.threads = options.threads;
  e.input_height = options.input_height;
  e.input_width = options.input_width;
  e.output_stride = options.output_stride;
  e.keep_tensors = options.keep_tensors;
  e.profile = options.profile;
  e.row_fusion.enabled = options.row_fusion;
  e.max_memory = options.max_memory;
  e.isa = ActiveIsa();
  if (!options.isa.empty()) {
    bool known = false;
    for (IsaLevel level : {IsaLevel::kScalar, IsaLevel::kAvx2, IsaLevel::kAvx512}) {
      if (options.isa == IsaName(level)) e.isa = std::min(level, DetectedIsa()), known = true;
    }
    if (!known) {
      return Status::Error("cannot create session: unknown isa '" + options.isa +
                           "' (expected scalar, avx2 or avx512)");
    }
  }
  POSENET_ASSIGN_OR_RETURN(std::unique_ptr<Executor> executor,
                           Executor::Create(model->shared_file(), e));
  std::unique_ptr<Session> s(new Session());
  s->model_ = std::move(model);
  s->executor_ = std::move(executor);
  return s;
}

std::span<uint8_t> Session::input() {
  const int32_t t = executor_->graph().inputs[0];
  return {executor_->data(t), static_cast<size_t>(ByteSize(executor_->graph().tensor(t)))};
}

TensorInfo Session::input_info() const {
  return ToTensorInfo(executor_->graph().tensor(executor_->graph().inputs[0]));
}

void Session::Run() { executor_->Run(); }

std::vector<TensorInfo> Session::output_info() const {
  std::vector<TensorInfo> v;
  for (int32_t t : executor_->graph().outputs)
    v.push_back(ToTensorInfo(executor_->graph().tensor(t)));
  return v;
}

std::span<const uint8_t> Session::output(const std::string& name) const {
  const int32_t t = executor_->graph().FindTensor(name);
  if (t < 0 || executor_->data(t) == nullptr) return {};
  return {executor_->data(t), static_cast<size_t>(ByteSize(executor_->graph().tensor(t)))};
}

std::span<const uint8_t> Session::output(size_t index) const {
  if (index >= executor_->graph().outputs.size()) return {};
  const int32_t t = executor_->graph().outputs[index];
  return {executor_->data(t), static_cast<size_t>(ByteSize(executor_->graph().tensor(t)))};
}

TensorInfo Session::info(const std::string& name) const {
  const int32_t t = executor_->graph().FindTensor(name);
  return t < 0 ? TensorInfo{} : ToTensorInfo(executor_->graph().tensor(t));
}

Result<std::vector<float>> Session::output_float(const std::string& name) const {
  const int32_t t = executor_->graph().FindTensor(name);
  if (t < 0 || executor_->data(t) == nullptr) {
    return Status::Error("cannot read output '" + name + "': no such tensor was computed");
  }
  const TensorDef& def = executor_->graph().tensor(t);
  const int64_t n = ElementCount(def.shape);
  std::vector<float> out(static_cast<size_t>(n));
  const uint8_t* data = executor_->data(t);
  const float scale = def.quantization.empty() ? 1.0f : def.quantization.scale[0];
  const int64_t zp = def.quantization.empty() ? 0 : def.quantization.zero_point[0];
  for (int64_t i = 0; i < n; ++i) {
    switch (def.type) {
      case DataType::kFloat32:
        out[i] = reinterpret_cast<const float*>(data)[i];
        break;
      case DataType::kUInt8:
        out[i] = scale * static_cast<float>(data[i] - zp);
        break;
      case DataType::kInt8:
        out[i] = scale * static_cast<float>(reinterpret_cast<const int8_t*>(data)[i] - zp);
        break;
      case DataType::kInt32:
        out[i] = scale * static_cast<float>(reinterpret_cast<const int32_t*>(data)[i] - zp);
        break;
      case DataType::kInt64:
        out[i] = scale * static_cast<float>(reinterpret_cast<const int64_t*>(data)[i] - zp);
        break;
    }
  }
  return out;
}

int64_t Session::arena_bytes() const { return executor_->arena_bytes(); }
int64_t Session::macs() const { return executor_->total_macs(); }

}  // namespace posenet
