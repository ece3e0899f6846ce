// posenet detect IMAGE|DIR... : poses from pictures (or the pictures of folders), as JSON,
// COCO keypoint results and drawn skeletons.
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_common.h"
#include "commands.h"
#include "draw/skeleton_drawer.h"
#include "estimator_flags.h"
#include "io/coco_writer.h"
#include "io/folder_source.h"
#include "io/image_file.h"
#include "posenet/estimator.h"

namespace posenet::cli {
namespace {

struct DetectArgs {
  std::vector<std::string> images;
  EstimatorFlags estimator;
  std::string json, draw, coco_json;
  bool ignore_orientation = false, recursive = false;
  float draw_threshold = 0.3f;
};

struct PictureResult {
  std::string path;
  int width = 0, height = 0;
  Image picture;  // kept only for --draw
  std::vector<Pose> poses;
};

// The pictures to read: files as given, folders replaced by their pictures (sorted).
Result<std::vector<std::string>> ExpandFolders(const std::vector<std::string>& inputs,
                                               bool recursive, bool& any_folder) {
  std::vector<std::string> paths;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (!std::filesystem::is_directory(input, ec)) {
      paths.push_back(input);
      continue;
    }
    any_folder = true;
    POSENET_ASSIGN_OR_RETURN(std::vector<std::string> pictures, ListPictures(input, recursive));
    if (pictures.empty()) return Status::Error(input + ": cannot read folder: no pictures in it");
    paths.insert(paths.end(), pictures.begin(), pictures.end());
  }
  return paths;
}

// Where the drawing of picture `index` goes: the --draw file for one picture, else
// <folder>/<stem>.png inside the --draw folder.
std::string DrawPath(const DetectArgs& args, const std::string& image, bool many) {
  if (!many) return args.draw;
  return (std::filesystem::path(args.draw) /
          (std::filesystem::path(image).stem().string() + ".png"))
      .string();
}

int RunDetect(const DetectArgs& args) {
  auto loaded = LoadEstimator(args.estimator);
  if (!loaded.ok()) return Fail(loaded.status());
  Estimator& estimator = *loaded->estimator;
  const EstimatorOptions& o = loaded->options;

  bool any_folder = false;
  auto expanded = ExpandFolders(args.images, args.recursive, any_folder);
  if (!expanded.ok()) return Fail(expanded.status());
  const std::vector<std::string>& images = *expanded;
  // Several pictures, or a folder (even of one): JSON is a list and --draw a folder.
  const bool many = images.size() > 1 || any_folder;
  if (!args.draw.empty() && many) {
    std::error_code ec;
    std::filesystem::create_directories(args.draw, ec);
    if (ec) return Fail(args.draw + ": cannot create folder: " + ec.message());
  }
  PictureReadOptions read;
  read.apply_exif_orientation = !args.ignore_orientation;
  // Every picture is decoded before anything is written: a bad one leaves no partial output.
  std::vector<PictureResult> results;
  for (const std::string& path : images) {
    auto picture = ReadPicture(path, read);
    if (!picture.ok()) return Fail(picture.status());
    const Image& img = *picture;
    auto poses = estimator.Estimate(RgbView{img.data(), img.width(), img.height(), img.stride()});
    if (!poses.ok()) return Fail(path + ": " + poses.message());
    PictureResult r{path, img.width(), img.height(), Image(), std::move(poses).value()};
    if (!args.draw.empty()) r.picture = std::move(picture).value();
    results.push_back(std::move(r));
  }

  const JsonModelInfo& model_info = loaded->info;
  if (!args.json.empty()) {
    std::string text;
    if (!many) {
      const PictureResult& r = results[0];
      text = PosesToJson(r.poses, {r.path, r.width, r.height}, model_info);
    } else {
      nlohmann::ordered_json all = nlohmann::ordered_json::array();
      for (const PictureResult& r : results) {
        all.push_back(PosesToJsonValue(r.poses, {r.path, r.width, r.height}, model_info));
      }
      text = all.dump(2) + "\n";
    }
    Status s = WriteTextFile(args.json, text);
    if (!s.ok()) return Fail(s);
  }
  if (!args.coco_json.empty()) {
    if (o.model_space || o.flip_horizontal) {
      return Fail("cannot write COCO results with --keypoint-space model or --flip-horizontal");
    }
    const std::vector<int64_t> ids = AssignCocoImageIds(images);
    std::vector<CocoImagePoses> coco;
    for (size_t i = 0; i < results.size(); ++i) coco.push_back({ids[i], results[i].poses});
    Status s = WriteTextFile(args.coco_json, CocoResultsJson(coco));
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
      Status s = SavePicture(DrawPath(args, r.path, many), r.picture.view());
      if (!s.ok()) return Fail(s);
    }
  }
  if (args.json.empty() && args.draw.empty() && args.coco_json.empty()) {
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
  cmd->add_option("images", a->images,
                  "Picture files (JPEG, PNG, BMP, WebP, TIFF) or folders of them (sorted)")
      ->required();
  cmd->add_flag("--recursive", a->recursive, "Also take the pictures of subfolders");
  cmd->add_option("--coco-json", a->coco_json,
                  "Write COCO keypoint results to FILE; image_id: the file name's number when "
                  "every name is one, else the 1-based position (docs/video.md)");
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
