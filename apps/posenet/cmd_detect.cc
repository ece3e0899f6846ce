// posenet detect IMAGE... : poses from pictures, as JSON and drawn skeletons.
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_common.h"
#include "commands.h"
#include "io/image_file.h"
#include "io/json_writer.h"
#include "model_path.h"
#include "posenet/estimator.h"
#include "render/skeleton_drawer.h"

namespace posenet::cli {
namespace {

struct DetectArgs {
  std::vector<std::string> images;
  std::string model, json, draw, input_size;
  std::string resize = "pad", interpolation = "bilinear", keypoint_space = "image";
  std::string decoder = "auto";
  bool single = false, flip = false, ignore_orientation = false;
  int max_poses = -1, threads = 1, output_stride = 0;
  float score_threshold = -1, nms_radius = -1, draw_threshold = 0.3f;
  float input_mean = 127.5f, input_std = 127.5f;
  bool modern_edges = false;
};

std::string DecoderName(DecoderKind k) {
  switch (k) {
    case DecoderKind::kSinglePose: return "tfjs-single";
    case DecoderKind::kCoral: return "coral";
    default: return "tfjs-multi";
  }
}

struct PictureResult {
  std::string path;
  Image picture;
  std::vector<Pose> poses;
};

// Where the drawing of picture `index` goes: the --draw file for one picture, else
// <folder>/<stem>.png inside the --draw folder.
std::string DrawPath(const DetectArgs& args, const std::string& image, size_t count) {
  if (count == 1) return args.draw;
  return (std::filesystem::path(args.draw) /
          (std::filesystem::path(image).stem().string() + ".png"))
      .string();
}

int RunDetect(const DetectArgs& args) {
  auto model_path = ResolveModelPath(args.model);
  if (!model_path.ok()) return Fail(model_path.status());
  auto model = Model::Load(*model_path);
  if (!model.ok()) return Fail(model.status());

  EstimatorOptions o;
  o.session.threads = args.threads;
  o.session.output_stride = args.output_stride;
  if (!args.input_size.empty()) {
    Status s = ParseSize(args.input_size, o.session.input_height, o.session.input_width);
    if (!s.ok()) return Fail(s);
  }
  o.pad_to_aspect = args.resize == "pad";
  o.nearest = args.interpolation == "nearest";
  o.model_space = args.keypoint_space == "model";
  o.input_mean = args.input_mean;
  o.input_std = args.input_std;
  o.decoder = args.single ? DecoderKind::kSinglePose
              : args.decoder == "coral" ? DecoderKind::kCoral
              : args.decoder == "tfjs"  ? DecoderKind::kTfjs
                                        : DecoderKind::kAuto;
  o.max_poses = args.max_poses;
  o.score_threshold = args.score_threshold;
  o.nms_radius = args.nms_radius;
  o.flip_horizontal = args.flip;
  o.legacy_edge_channels = !args.modern_edges;
  auto estimator = Estimator::Create(*model, o);
  if (!estimator.ok()) return Fail(estimator.status());

  const size_t count = args.images.size();
  if (!args.draw.empty() && count > 1) {
    std::error_code ec;
    std::filesystem::create_directories(args.draw, ec);
    if (ec) return Fail(args.draw + ": cannot create folder: " + ec.message());
  }
  PictureReadOptions read;
  read.apply_exif_orientation = !args.ignore_orientation;
  // Every picture is decoded before anything is written: a bad one leaves no partial output.
  std::vector<PictureResult> results;
  for (const std::string& path : args.images) {
    auto picture = ReadPicture(path, read);
    if (!picture.ok()) return Fail(picture.status());
    const Image& img = *picture;
    auto poses = (*estimator)->Estimate(RgbView{img.data(), img.width(), img.height(),
                                                img.stride()});
    if (!poses.ok()) return Fail(path + ": " + poses.message());
    results.push_back({path, std::move(picture).value(), std::move(poses).value()});
  }

  JsonModelInfo model_info{*model_path, (*estimator)->input_width(),
                           (*estimator)->input_height(), (*estimator)->output_stride(),
                           DecoderName((*estimator)->decoder())};
  if (!args.json.empty()) {
    std::string text;
    if (count == 1) {
      const PictureResult& r = results[0];
      text = PosesToJson(r.poses, {r.path, r.picture.width(), r.picture.height()}, model_info);
    } else {
      nlohmann::ordered_json all = nlohmann::ordered_json::array();
      for (const PictureResult& r : results) {
        all.push_back(PosesToJsonValue(r.poses, {r.path, r.picture.width(), r.picture.height()},
                                       model_info));
      }
      text = all.dump(2) + "\n";
    }
    Status s = WriteTextFile(args.json, text);
    if (!s.ok()) return Fail(s);
  }
  if (!args.draw.empty()) {
    DrawOptions draw;
    draw.threshold = args.draw_threshold;
    for (PictureResult& r : results) {
      if (o.model_space || o.flip_horizontal) {
        // Drawn positions must be picture pixels of the unflipped picture.
        return Fail("cannot draw with --keypoint-space model or --flip-horizontal");
      }
      DrawPoses(r.picture, r.poses, draw);
      Status s = SavePicture(DrawPath(args, r.path, count), r.picture.view());
      if (!s.ok()) return Fail(s);
    }
  }
  if (args.json.empty() && args.draw.empty()) {
    for (const PictureResult& r : results) {
      std::printf("%s: %zu poses\n", r.path.c_str(), r.poses.size());
    }
  }
  return 0;
}

}  // namespace

void RegisterDetect(CLI::App& app, Runner& run) {
  auto a = std::make_shared<DetectArgs>();
  CLI::App* cmd = app.add_subcommand("detect", "Find people's keypoints in pictures");
  cmd->add_option("images", a->images, "Picture files (JPEG, PNG, BMP, WebP, TIFF)")
      ->required();
  cmd->add_option("--model", a->model,
                  "The .tflite model (default: $POSENET_MODEL, else the shared Coral 481x641 "
                  "model, else the starter model fetched by 'posenet fetch-model')");
  cmd->add_option("--json", a->json, "Write the poses as JSON to FILE ('-': stdout)");
  cmd->add_option("--draw", a->draw,
                  "Write the picture with skeletons to FILE.png|jpg (a folder for several)");
  cmd->add_option("--draw-threshold", a->draw_threshold, "Draw keypoints scoring at least this")
      ->capture_default_str();
  cmd->add_option("--resize", a->resize, "pad: keep aspect with borders; stretch: ignore it")
      ->check(CLI::IsMember({"pad", "stretch"}))
      ->capture_default_str();
  cmd->add_option("--interpolation", a->interpolation, "bilinear or nearest (exactly as PIL)")
      ->check(CLI::IsMember({"bilinear", "nearest"}))
      ->capture_default_str();
  cmd->add_option("--keypoint-space", a->keypoint_space,
                  "image: picture pixels; model: model-input pixels")
      ->check(CLI::IsMember({"image", "model"}))
      ->capture_default_str();
  cmd->add_flag("--ignore-orientation", a->ignore_orientation,
                "Do not apply the EXIF orientation");
  cmd->add_flag("--single", a->single, "Decode one pose (TF.js single-pose)");
  cmd->add_option("--decoder", a->decoder,
                  "auto (coral for models with PosenetDecoderOp, else tfjs), tfjs or coral")
      ->check(CLI::IsMember({"auto", "tfjs", "coral"}))
      ->capture_default_str();
  cmd->add_option("--max-poses", a->max_poses,
                  "Most poses (default: tfjs 5; coral the model's, else 10)");
  cmd->add_option("--score-threshold", a->score_threshold,
                  "Minimum root/pose score (default: tfjs 0.5; coral the model's, else 0.2)");
  cmd->add_option("--nms-radius", a->nms_radius,
                  "Non-maximum suppression radius in model pixels (default: tfjs 20; coral "
                  "the model's, else 10)");
  cmd->add_flag("--modern-edge-channels", a->modern_edges,
                "Coral decoder: read backward edge 16 from channels 32/48 (the fixed libcoral "
                "behaviour) instead of the shipped op's 16/32");
  cmd->add_flag("--flip-horizontal", a->flip, "Mirror keypoints: x' = width - 1 - x");
  cmd->add_option("--threads", a->threads, "Inference threads")->capture_default_str();
  cmd->add_option("--input-size", a->input_size, "Model input HxW (default: the file's own)");
  cmd->add_option("--output-stride", a->output_stride, "8, 16 or 32 (default: the model's own)")
      ->check(CLI::IsMember({0, 8, 16, 32}));
  cmd->add_option("--input-mean", a->input_mean, "Float models: (p - mean) / std")
      ->capture_default_str();
  cmd->add_option("--input-std", a->input_std, "Float models: (p - mean) / std")
      ->capture_default_str();
  cmd->callback([a, &run] { run = [a] { return RunDetect(*a); }; });
}

}  // namespace posenet::cli
