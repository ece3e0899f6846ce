#include "op_runner.h"

#include <gtest/gtest.h>

#include "base/thread_pool.h"

namespace posenet::testing {

OpRunner::OpRunner(OpCode code, OpOptions options) {
  graph_.path = "op.tflite";
  graph_.nodes.push_back(Node{code, {}, {}, std::move(options), 0});
}

OpRunner::~OpRunner() = default;

int32_t OpRunner::Add(const std::string& name, Shape shape, DataType type, const Quant& q) {
  TensorDef t;
  t.name = name;
  t.type = type;
  t.shape = std::move(shape);
  t.quantization.scale = q.scale;
  t.quantization.zero_point = q.zero_point;
  t.quantization.quantized_dimension = q.dimension;
  graph_.tensors.push_back(std::move(t));
  return static_cast<int32_t>(graph_.tensors.size() - 1);
}

int32_t OpRunner::Input(const std::string& name, Shape shape, DataType type, Quant q) {
  const int32_t t = Add(name, std::move(shape), type, q);
  graph_.nodes[0].inputs.push_back(t);
  graph_.inputs.push_back(t);
  return t;
}

int32_t OpRunner::Constant(const std::string& name, Shape shape, std::vector<uint8_t> bytes,
                           DataType type, Quant q) {
  const int32_t t = Add(name, std::move(shape), type, q);
  storage_.push_back(std::make_shared<std::vector<uint8_t>>(std::move(bytes)));
  graph_.tensor(t).data = {storage_.back()->data(), storage_.back()->size()};
  graph_.nodes[0].inputs.push_back(t);
  return t;
}

void OpRunner::Omitted() { graph_.nodes[0].inputs.push_back(-1); }

int32_t OpRunner::Output(const std::string& name, Shape shape, DataType type, Quant q) {
  const int32_t t = Add(name, std::move(shape), type, q);
  graph_.nodes[0].outputs.push_back(t);
  graph_.outputs.push_back(t);
  return t;
}

Status OpRunner::Prepare(IsaLevel isa, int threads) {
  kernel_ = CreateOpKernel(graph_.nodes[0].code);
  PrepareContext ctx;
  ctx.graph = &graph_;
  ctx.node = &graph_.nodes[0];
  ctx.isa = isa;
  ctx.threads = threads_ = threads;
  POSENET_RETURN_IF_ERROR(kernel_->Prepare(ctx));
  // Every tensor gets its own buffer (constants their data, aligned as the executor does).
  buffers_.clear();
  pointers_.assign(graph_.tensors.size(), nullptr);
  for (size_t i = 0; i < graph_.tensors.size(); ++i) {
    const TensorDef& t = graph_.tensors[i];
    buffers_.emplace_back(static_cast<size_t>(ByteSize(t)));
    if (t.is_constant()) std::memcpy(buffers_.back().data(), t.data.data(), t.data.size());
    pointers_[i] = buffers_.back().data();
  }
  scratch_ = AlignedBuffer(kernel_->scratch_bytes());
  return Status::Ok();
}

void OpRunner::Set(int32_t tensor, std::span<const uint8_t> bytes) {
  ASSERT_EQ(static_cast<int64_t>(bytes.size()), ByteSize(graph_.tensor(tensor)));
  std::memcpy(pointers_[static_cast<size_t>(tensor)], bytes.data(), bytes.size());
}

void OpRunner::Run() {
  std::unique_ptr<ThreadPool> pool;
  if (threads_ > 1) pool = std::make_unique<ThreadPool>(threads_);
  RunContext ctx;
  ctx.tensors = pointers_.data();
  ctx.pool = pool.get();
  ctx.scratch = scratch_.data();
  kernel_->Run(ctx);
}

}  // namespace posenet::testing
