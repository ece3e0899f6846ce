#include <algorithm>
#include <cmath>
#include <variant>

#include "api/model_impl.h"
#include "api/tensor_info.h"
#include "graph/graph.h"
#include "graph/output_stride.h"
#include "graph/shape_inference.h"
#include "model/tflite_reader.h"

namespace posenet {

static_assert(Model::kMaxFileBytes == kMaxModelFileBytes, "one model file size limit");

Model::Impl::Impl(ModelFile model_file) {
  for (const OperatorDef& op : model_file.operators) {
    if (const auto* o = std::get_if<PosenetDecoderOptions>(&op.options)) {
      decoder = std::make_unique<DecoderSettings>(
          DecoderSettings{o->max_detections, o->score_threshold, o->nms_radius, o->stride});
    }
  }
  file = std::make_shared<const ModelFile>(std::move(model_file));
  shared = std::make_shared<SharedWeights>(file);
}

Model::Model(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Model::~Model() = default;

Result<std::shared_ptr<const Model>> Model::Load(const std::string& path) {
  POSENET_ASSIGN_OR_RETURN(ModelFile file, ReadTfliteFile(path));
  return std::shared_ptr<const Model>(new Model(std::make_unique<Impl>(std::move(file))));
}

Result<std::shared_ptr<const Model>> Model::LoadFromBuffer(std::vector<uint8_t> bytes,
                                                           const std::string& name) {
  auto shared = std::make_shared<const std::vector<uint8_t>>(std::move(bytes));
  POSENET_ASSIGN_OR_RETURN(ModelFile file, ReadTfliteModel(shared, name));
  return std::shared_ptr<const Model>(new Model(std::make_unique<Impl>(std::move(file))));
}

const std::string& Model::path() const { return impl_->file->path; }
const std::string& Model::description() const { return impl_->file->description; }

std::vector<TensorInfo> Model::inputs() const {
  std::vector<TensorInfo> v;
  for (int32_t t : impl_->file->inputs) v.push_back(ToTensorInfo(impl_->file->tensors[t]));
  return v;
}

std::vector<TensorInfo> Model::outputs() const {
  std::vector<TensorInfo> v;
  for (int32_t t : impl_->file->outputs) v.push_back(ToTensorInfo(impl_->file->tensors[t]));
  return v;
}

const DecoderSettings* Model::decoder() const { return impl_->decoder.get(); }

Result<int> Model::output_stride() const {
  Graph graph = GraphFromModel(*impl_->file);
  POSENET_RETURN_IF_ERROR(InferShapes(graph, 0, 0));
  POSENET_ASSIGN_OR_RETURN(int32_t stride, NativeOutputStride(graph));
  return static_cast<int>(stride);
}

namespace {
// TF.js's toValidInputResolution: sizes k * stride + 1 are kept, others become
// floor(size / stride) * stride + 1.
int SnapToStride(double side, int stride) {
  const int size = std::max(stride + 1, static_cast<int>(std::lround(side)));
  if ((size - 1) % stride == 0) return size;
  return std::max(1, size / stride) * stride + 1;
}
}  // namespace

void SizeForResolution(int resolution, int output_stride, int native_height, int native_width,
                       int& height, int& width) {
  const int stride = std::max(1, output_stride);
  const double longer = std::max(native_height, native_width);
  const double scale = resolution / std::max(1.0, longer);
  height = SnapToStride(native_height >= native_width ? resolution : native_height * scale, stride);
  width = SnapToStride(native_width > native_height ? resolution : native_width * scale, stride);
}

}  // namespace posenet
