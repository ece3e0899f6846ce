#include <algorithm>

#include "api/model_impl.h"
#include "api/tensor_info.h"
#include "base/cpu_features.h"
#include "posenet/posenet.h"
#include "runtime/executor.h"

namespace posenet {

struct Session::Impl {
  std::shared_ptr<const Model> model;
  std::unique_ptr<Executor> executor;
  NetworkInfo network;

  std::span<uint8_t> Bytes(int32_t t) const {
    uint8_t* data = executor->data(t);
    if (data == nullptr) return {};
    return {data, static_cast<size_t>(ByteSize(executor->graph().tensor(t)))};
  }
};

Session::Session(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
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
    const std::optional<IsaLevel> wanted = IsaFromName(options.isa);
    if (!wanted) {
      return Status::Error("cannot create session: unknown isa '" + options.isa + "' (expected " +
                           ArchIsaNames() + ")");
    }
    e.isa = std::min(*wanted, ActiveIsa());
  }
  auto impl = std::make_unique<Impl>();
  POSENET_ASSIGN_OR_RETURN(impl->executor,
                           Executor::Create(model->impl_->file, model->impl_->shared, e));
  impl->network = DescribeNetwork(*impl->executor);
  impl->model = std::move(model);
  return std::unique_ptr<Session>(new Session(std::move(impl)));
}

std::span<uint8_t> Session::input() { return impl_->Bytes(impl_->network.inputs[0]); }

TensorInfo Session::input_info() const { return impl_->network.tensors[impl_->network.inputs[0]]; }

void Session::Run() { impl_->executor->Run(); }

std::vector<TensorInfo> Session::output_info() const {
  std::vector<TensorInfo> v;
  for (int t : impl_->network.outputs) v.push_back(impl_->network.tensors[t]);
  return v;
}

std::span<const uint8_t> Session::output(const std::string& name) const {
  return tensor_data(impl_->executor->graph().FindTensor(name));
}

std::span<const uint8_t> Session::output(size_t index) const {
  if (index >= impl_->network.outputs.size()) return {};
  return tensor_data(impl_->network.outputs[index]);
}

std::span<const uint8_t> Session::tensor_data(int index) const {
  if (index < 0 || static_cast<size_t>(index) >= impl_->network.tensors.size()) return {};
  return impl_->Bytes(index);
}

TensorInfo Session::info(const std::string& name) const {
  const int32_t t = impl_->executor->graph().FindTensor(name);
  return t < 0 ? TensorInfo{} : impl_->network.tensors[t];
}

Result<std::vector<float>> Session::output_float(const std::string& name) const {
  const int32_t t = impl_->executor->graph().FindTensor(name);
  if (t < 0 || impl_->executor->data(t) == nullptr) {
    return Status::Error("cannot read output '" + name + "': no such tensor was computed");
  }
  const TensorDef& def = impl_->executor->graph().tensor(t);
  const int64_t n = ElementCount(def.shape);
  std::vector<float> out(static_cast<size_t>(n));
  const uint8_t* data = impl_->executor->data(t);
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

int64_t Session::arena_bytes() const { return impl_->network.arena_bytes; }
int64_t Session::macs() const { return impl_->network.macs; }
const Model& Session::model() const { return *impl_->model; }
const NetworkInfo& Session::network() const { return impl_->network; }

std::vector<OpTiming> Session::profile() const {
  std::vector<OpTiming> rows;
  if (!impl_->executor->profiling()) return rows;
  for (size_t i = 0; i < impl_->executor->profile().size(); ++i) {
    const OpProfile& p = impl_->executor->profile()[i];
    rows.push_back({static_cast<int>(i), p.total_ms, p.runs, p.fused_into, p.chain});
  }
  return rows;
}

void Session::ResetProfile() { impl_->executor->ResetProfile(); }

}  // namespace posenet
