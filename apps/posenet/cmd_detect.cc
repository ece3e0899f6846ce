// posenet detect IMAGE... : poses from pictures, as JSON and drawn skeletons.
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_common.h"
#include "commands.h"
#include "estimator_flags.h"
#include "io/image_file.h"
#include "posenet/estimator.h"
#include "render/skeleton_drawer.h"

namespace posenet::cli {
namespace {

struct DetectArgs {
  std::vector<std::string> images;
  EstimatorFlags estimator;
  std::string json, draw;
  bool ignore_orientation = false;
  float draw_threshold = 0.3f;
};

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
  auto loaded = LoadEstimator(args.estimator);
  if (!loaded.ok()) return Fail(loaded.status());
  Estimator& estimator = *loaded->estimator;
  const EstimatorOptions& o = loaded->options;

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
    auto poses = estimator.Estimate(RgbView{img.data(), img.width(), img.height(), img.stride()});
    if (!poses.ok()) return Fail(path + ": " + poses.message());
    results.push_back({path, std::move(picture).value(), std::move(poses).value()});
  }

  const JsonModelInfo& model_info = loaded->info;
  if (!args.json.empty()) {
    std::string text;
    if (count == 1) {
      const PictureResult& r = results[0];
      text = PosesToJson(r.poses, {r.path, r.picture.width(), r.picture.height()}, model_info);
    } else {
      nlohmann::ordered_json all = nlohmann::ordered_json::array();
      for (const PictureResult& r : results) {
        all.push_back(
            PosesToJsonValue(r.poses, {r.path, r.picture.width(), r.picture.height()}, model_info));
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
  cmd->add_option("images", a->images, "Picture files (JPEG, PNG, BMP, WebP, TIFF)")->required();
  AddEstimatorFlags(cmd, a->estimator);
  cmd->add_option("--json", a->json, "Write the poses as JSON to FILE ('-': stdout)");
  cmd->add_option("--draw", a->draw,
                  "Write the picture with skeletons to FILE.png|jpg (a folder for several)");
  cmd->add_option("--draw-threshold", a->draw_threshold, "Draw keypoints scoring at least this")
      ->capture_default_str();
  cmd->add_flag("--ignore-orientation", a->ignore_orientation, "Do not apply the EXIF orientation");
  cmd->callback([a, &run] { run = [a] { return RunDetect(*a); }; });
}

}  // namespace posenet::cli
