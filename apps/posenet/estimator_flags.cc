#include "estimator_flags.h"

#include <algorithm>
#include <cstdio>

#include "base/output_file.h"
#include "cli_common.h"
#include "model_path.h"
#include "pipeline/model_info.h"

namespace posenet::cli {

void AddEstimatorFlags(CLI::App* cmd, EstimatorFlags& f) {
  cmd->add_option("--model", f.model,
                  "The .tflite model (default: $POSENET_MODEL, else the shared Coral 481x641 "
                  "model, else the starter model fetched by 'posenet fetch-model')");
  AddMaxMemoryFlag(cmd, f.max_memory);
  cmd->add_option("--threads", f.threads, "Inference threads (0: all cores)")
      ->capture_default_str()
      ->check(CLI::Range(0, 256));
  cmd->add_option("--input-size", f.input_size, "Model input HxW (default: the file's own)");
  cmd->add_option("--input-resolution", f.input_resolution,
                  "Model input longer side in pixels, snapped to k*stride+1, aspect of the "
                  "file's own input size (instead of --input-size)")
      ->check(CLI::Range(17, 4097));
  cmd->add_option("--output-stride", f.output_stride, "8, 16 or 32 (default: the model's own)")
      ->check(CLI::IsMember({0, 8, 16, 32}));
  cmd->add_option("--resize", f.resize, "pad: keep aspect with borders; stretch: ignore it")
      ->check(CLI::IsMember({"pad", "stretch"}))
      ->capture_default_str();
  cmd->add_option("--interpolation", f.interpolation, "bilinear or nearest (exactly as PIL)")
      ->check(CLI::IsMember({"bilinear", "nearest"}))
      ->capture_default_str();
  cmd->add_option("--keypoint-space", f.keypoint_space,
                  "image: picture pixels; model: model-input pixels")
      ->check(CLI::IsMember({"image", "model"}))
      ->capture_default_str();
  cmd->add_flag("--single", f.single, "Decode one pose (TF.js single-pose)");
  cmd->add_option("--decoder", f.decoder,
                  "posenet (Coral's decoding keeping left and right legs apart), coral "
                  "(Coral's PosenetDecoderOp exactly), tfjs (TF.js exactly); auto = posenet")
      ->check(CLI::IsMember({"auto", "posenet", "tfjs", "coral"}))
      ->capture_default_str();
  cmd->add_option("--max-poses", f.max_poses,
                  "Most poses (default: tfjs 5; posenet and coral the model's, else 10)")
      ->check(CLI::Range(0, 1000));
  cmd->add_option("--score-threshold", f.score_threshold,
                  "Minimum root/pose score of the decoder (default: tfjs 0.5; posenet and coral "
                  "the model's, else 0.2)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--nms-radius", f.nms_radius,
                  "Non-maximum suppression radius in model pixels (default: tfjs 20; posenet "
                  "and coral the model's, else 10)")
      ->check(CLI::Range(0.0, 10000.0));
  cmd->add_option("--min-pose-score", f.min_pose_score,
                  "Drop poses scored below this, whatever the decoder (0: keep all)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--duplicate-oks", f.duplicate_oks,
                  "Drop a pose whose keypoint similarity (OKS) to a stronger pose exceeds this "
                  "(1: keep all)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_flag("--modern-edge-channels", f.modern_edges,
                "Coral decoder: read backward edge 16 from channels 32/48 (the fixed libcoral "
                "behaviour) instead of the shipped op's 16/32");
  cmd->add_flag("--flip-horizontal", f.flip, "Mirror keypoints: x' = width - 1 - x");
  cmd->add_option("--input-mean", f.input_mean, "Float models: (p - mean) / std")
      ->capture_default_str()
      ->check(CLI::Range(-1000.0, 1000.0));
  cmd->add_option("--input-std", f.input_std, "Float models: (p - mean) / std")
      ->capture_default_str()
      ->check(CLI::Range(1e-6, 1000.0));
}

void WarnAboutInputSize(int height, int width) {
  // Measured on the shared pictures (docs/output-stride.md): below 129 pixels on the shorter
  // side nobody is found even when filling the picture; above 1281 on the longer side people
  // who fill it score ever lower (0.2-0.4 at 2561x3841).
  const int shorter = std::min(height, width), longer = std::max(height, width);
  if (shorter < kSmallestUsefulSide) {
    std::fprintf(stderr,
                 "posenet: warning: input %dx%d is too small to find people (below %d pixels "
                 "on a side none are found); use --input-size or --input-resolution\n",
                 height, width, kSmallestUsefulSide);
  } else if (longer > kLargestUsefulSide) {
    std::fprintf(stderr,
                 "posenet: warning: input %dx%d is larger than the model sees people well "
                 "(above %d pixels people who fill the picture score low)\n",
                 height, width, kLargestUsefulSide);
  }
}

Result<LoadedEstimator> LoadEstimator(const EstimatorFlags& f) {
  LoadedEstimator loaded;
  POSENET_ASSIGN_OR_RETURN(loaded.model_path, ResolveModelPath(f.model));
  ProtectInputFile(loaded.model_path);
  POSENET_ASSIGN_OR_RETURN(loaded.model, Model::Load(loaded.model_path));

  EstimatorOptions& o = loaded.options;
  o.session.max_memory = f.max_memory;
  o.session.threads = ResolveThreads(f.threads);
  o.session.output_stride = f.output_stride;
  if (!f.input_size.empty() && f.input_resolution > 0) {
    return Status::Error("use --input-size or --input-resolution, not both");
  }
  if (!f.input_size.empty()) {
    POSENET_RETURN_IF_ERROR(ParseSize(f.input_size, o.session.input_height, o.session.input_width));
  }
  if (f.input_resolution > 0) {
    int stride = f.output_stride;
    if (stride == 0) {
      POSENET_ASSIGN_OR_RETURN(stride, loaded.model->output_stride());
    }
    const std::vector<TensorInfo> inputs = loaded.model->inputs();
    if (inputs.empty() || inputs[0].shape.size() != 4) {
      return Status::Error(loaded.model_path +
                           ": cannot use --input-resolution: the input is "
                           "not an image tensor");
    }
    SizeForResolution(f.input_resolution, stride, static_cast<int>(inputs[0].shape[1]),
                      static_cast<int>(inputs[0].shape[2]), o.session.input_height,
                      o.session.input_width);
  }
  o.pad_to_aspect = f.resize == "pad";
  o.nearest = f.interpolation == "nearest";
  o.model_space = f.keypoint_space == "model";
  o.input_mean = f.input_mean;
  o.input_std = f.input_std;
  o.decoder = f.single                 ? DecoderKind::kSinglePose
              : f.decoder == "coral"   ? DecoderKind::kCoral
              : f.decoder == "tfjs"    ? DecoderKind::kTfjs
              : f.decoder == "posenet" ? DecoderKind::kPosenet
                                       : DecoderKind::kAuto;
  o.max_poses = f.max_poses;
  o.score_threshold = f.score_threshold;
  o.nms_radius = f.nms_radius;
  o.flip_horizontal = f.flip;
  o.min_pose_score = f.min_pose_score;
  o.duplicate_oks = f.duplicate_oks;
  o.legacy_edge_channels = !f.modern_edges;
  POSENET_ASSIGN_OR_RETURN(loaded.estimator, Estimator::Create(loaded.model, o));
  WarnAboutInputSize(loaded.estimator->input_height(), loaded.estimator->input_width());
  loaded.info = ModelInfoOf(*loaded.estimator, loaded.model_path);
  return loaded;
}

Result<std::unique_ptr<Estimator>> EstimatorForPicture(const LoadedEstimator& loaded, int height,
                                                       int width, int resolution) {
  EstimatorOptions o = loaded.options;
  const int longer =
      resolution > 0 ? resolution : std::min(std::max(height, width), kLargestUsefulSide);
  SizeForResolution(longer, loaded.estimator->output_stride(), height, width,
                    o.session.input_height, o.session.input_width);
  WarnAboutInputSize(o.session.input_height, o.session.input_width);
  return Estimator::Create(loaded.model, o);
}

}  // namespace posenet::cli
