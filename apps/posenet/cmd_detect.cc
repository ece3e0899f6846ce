// posenet detect IMAGE|DIR... : poses from pictures (or the pictures of folders), as JSON,
// CSV, OpenPose files, COCO keypoint results and drawn skeletons.
//
// One picture: any failure is the run's error (exit 1, nothing written). Several pictures or a
// folder (a batch): a picture that cannot be read or estimated is reported on stderr and in
// the JSON list (its path and error), the others are processed and every output is written,
// and the exit code is kSomeInputsFailed.
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/output_file.h"
#include "base/printable.h"
#include "cli_common.h"
#include "commands.h"
#include "draw/skeleton_drawer.h"
#include "estimator_flags.h"
#include "io/coco_writer.h"
#include "io/csv_writer.h"
#include "io/folder_source.h"
#include "io/image_file.h"
#include "io/openpose_writer.h"
#include "posenet/estimator.h"
#include "progress_line.h"
#include "render/annotations.h"

namespace posenet::cli {
namespace {

namespace fs = std::filesystem;

struct DetectArgs {
  std::vector<std::string> images;
  EstimatorFlags estimator;
  std::string json, draw, coco_json, csv, openpose_json;
  std::string csv_layout = "long", openpose_format = "body25";
  bool ignore_orientation = false, recursive = false, quiet = false;
  float draw_threshold = 0.3f;
};

struct PictureResult {
  std::string path;
  int width = 0, height = 0;
  std::vector<Pose> poses;
  std::string error;  // empty when the picture was processed
};

bool HasVideoExtension(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* video : {".mp4", ".mov", ".m4v", ".avi", ".mkv", ".webm", ".mpg", ".mpeg", ".ts",
                            ".flv", ".wmv", ".3gp"}) {
    if (ext == video) return true;
  }
  return false;
}

// The pictures to read: files as given, folders replaced by their pictures (sorted).
Result<std::vector<std::string>> ExpandFolders(const std::vector<std::string>& inputs,
                                               bool recursive, bool& any_folder) {
  std::vector<std::string> paths;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (!fs::is_directory(input, ec)) {
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

// Where the drawing of `image` goes: the --draw file for one picture, else
// <folder>/<stem>.png inside the --draw folder.
std::string DrawPath(const DetectArgs& args, const std::string& image, bool many) {
  if (!many) return args.draw;
  return (fs::path(args.draw) / (fs::path(image).stem().string() + ".png")).string();
}

// Reads, estimates and (with --draw) draws one picture.
Status ProcessPicture(const DetectArgs& args, Estimator& estimator, bool many,
                      PictureResult& result) {
  if (HasVideoExtension(result.path)) {
    return Status::Error(result.path + ": cannot read picture: it is a video; use 'posenet video " +
                         result.path + "'");
  }
  PictureReadOptions read;
  read.apply_exif_orientation = !args.ignore_orientation;
  POSENET_ASSIGN_OR_RETURN(Image picture, ReadPicture(result.path, read));
  result.width = picture.width();
  result.height = picture.height();
  auto poses = estimator.Estimate(
      RgbView{picture.data(), picture.width(), picture.height(), picture.stride()});
  if (!poses.ok()) return poses.status().Wrap(result.path);
  result.poses = std::move(poses).value();
  if (args.draw.empty()) return Status::Ok();
  DrawOptions draw;
  draw.threshold = args.draw_threshold;
  DrawPoses(picture, result.poses, draw);
  DrawPoseLabels(picture, result.poses, draw.threshold);
  return SavePicture(DrawPath(args, result.path, many), picture.view());
}

nlohmann::ordered_json PictureJson(const PictureResult& r, const JsonModelInfo& model) {
  if (r.error.empty()) return PosesToJsonValue(r.poses, {r.path, r.width, r.height}, model);
  nlohmann::ordered_json failed;
  failed["image"] = {{"path", r.path}};
  failed["error"] = r.error;
  return failed;
}

Status WriteOutputs(const DetectArgs& args, const std::vector<PictureResult>& results, bool many,
                    const JsonModelInfo& model) {
  if (!args.json.empty()) {
    std::string text;
    if (!many) {
      const PictureResult& r = results[0];
      text = PosesToJson(r.poses, {r.path, r.width, r.height}, model);
    } else {
      nlohmann::ordered_json all = nlohmann::ordered_json::array();
      for (const PictureResult& r : results) all.push_back(PictureJson(r, model));
      text = all.dump(2) + "\n";
    }
    POSENET_RETURN_IF_ERROR(WriteTextFile(args.json, text));
  }
  if (!args.csv.empty()) {
    POSENET_ASSIGN_OR_RETURN(
        auto csv, CsvWriter::Open(args.csv, CsvSubject::kPicture,
                                  args.csv_layout == "wide" ? CsvLayout::kWide : CsvLayout::kLong));
    for (const PictureResult& r : results) {
      if (r.error.empty()) POSENET_RETURN_IF_ERROR(csv->WritePicture(r.path, r.poses));
    }
    POSENET_RETURN_IF_ERROR(csv->Close());
  }
  if (!args.openpose_json.empty()) {
    const OpenPoseLayout layout =
        args.openpose_format == "coco18" ? OpenPoseLayout::kCoco18 : OpenPoseLayout::kBody25;
    for (const PictureResult& r : results) {
      if (!r.error.empty()) continue;
      const std::string path = args.openpose_json == "-"
                                   ? args.openpose_json
                                   : OpenPosePicturePath(args.openpose_json, r.path);
      POSENET_RETURN_IF_ERROR(WriteOpenPoseFile(path, r.poses, layout));
    }
  }
  if (!args.coco_json.empty()) {
    std::vector<std::string> paths;
    for (const PictureResult& r : results) paths.push_back(r.path);
    const std::vector<int64_t> ids = AssignCocoImageIds(paths);
    std::vector<CocoImagePoses> coco;
    for (size_t i = 0; i < results.size(); ++i) coco.push_back({ids[i], results[i].poses});
    POSENET_RETURN_IF_ERROR(WriteTextFile(args.coco_json, CocoResultsJson(coco)));
  }
  return Status::Ok();
}

int RunDetect(const DetectArgs& args) {
  const std::vector<std::pair<const char*, const std::string*>> outputs = {
      {"--json", &args.json},
      {"--csv", &args.csv},
      {"--openpose-json", &args.openpose_json},
      {"--coco-json", &args.coco_json},
      {"--draw", &args.draw}};
  if (Status s = CheckStdoutOutputs(outputs); !s.ok()) return Fail(s);
  if (args.draw == "-") return Fail("--draw -: give a picture file or a folder");
  bool any_folder = false;
  auto expanded = ExpandFolders(args.images, args.recursive, any_folder);
  if (!expanded.ok()) return Fail(expanded.status());
  const std::vector<std::string>& images = *expanded;
  // Several pictures, or a folder (even of one): JSON is a list and --draw a folder.
  const bool many = images.size() > 1 || any_folder;
  // No output may replace a picture read here (or the model): refused before any work.
  for (const std::string& image : images) ProtectInputFile(image);
  for (const auto& [path, what] :
       {std::pair{args.json, "JSON"}, std::pair{args.coco_json, "JSON"}, std::pair{args.csv, "CSV"},
        std::pair{many ? std::string() : args.draw, "picture"}}) {
    if (!path.empty() && path != "-") {
      if (Status s = CheckOutputPath(path, what); !s.ok()) return Fail(s);
    }
  }
  if (many && !args.draw.empty() && HasPictureExtension(args.draw)) {
    return Fail("--draw " + args.draw + ": several pictures are drawn into a folder; give one");
  }
  for (const auto& [flag, path] : outputs) {
    if (path == &args.openpose_json || (path == &args.draw && many)) continue;
    if (Status s = CheckOutputFolder(*path); !s.ok()) return Fail(s);
  }
  for (const std::string* folder : {&args.openpose_json, many ? &args.draw : nullptr}) {
    if (folder == nullptr || folder->empty() || *folder == "-") continue;
    std::error_code ec;
    fs::create_directories(*folder, ec);
    if (ec) return Fail(*folder + ": cannot create folder: " + ec.message());
  }

  auto loaded = LoadEstimator(args.estimator);
  if (!loaded.ok()) return Fail(loaded.status());
  const EstimatorOptions& o = loaded->options;
  if (!args.coco_json.empty() && (o.model_space || o.flip_horizontal)) {
    return Fail("cannot write COCO results with --keypoint-space model or --flip-horizontal");
  }
  if (!args.draw.empty() && (o.model_space || o.flip_horizontal)) {
    // Drawn positions must be picture pixels of the unflipped picture.
    return Fail("cannot draw with --keypoint-space model or --flip-horizontal");
  }

  ProgressLine progress("posenet detect", many && !args.quiet && ::isatty(STDERR_FILENO),
                        "pictures");
  const auto start = std::chrono::steady_clock::now();
  std::vector<PictureResult> results;
  int failed = 0;
  for (const std::string& path : images) {
    PictureResult r;
    r.path = path;
    if (Status s = ProcessPicture(args, *loaded->estimator, many, r); !s.ok()) {
      if (!many) return Fail(s);  // one picture: its error is the run's, nothing written
      progress.Finish();
      (void)Fail(s);
      r.error = s.message();
      ++failed;
    }
    results.push_back(std::move(r));
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    progress.Update(
        {static_cast<int64_t>(results.size()), static_cast<int64_t>(images.size()), seconds});
  }
  progress.Finish();

  if (Status s = WriteOutputs(args, results, many, loaded->info); !s.ok()) return Fail(s);
  if (UsesStdout(outputs) || !args.json.empty() || !args.draw.empty() || !args.coco_json.empty() ||
      !args.csv.empty() || !args.openpose_json.empty()) {
    return failed > 0 ? kSomeInputsFailed : 0;
  }
  for (const PictureResult& r : results) {
    if (r.error.empty()) {
      std::printf("%s: %zu poses\n", EscapeNonPrintable(r.path).c_str(), r.poses.size());
    }
  }
  return failed > 0 ? kSomeInputsFailed : 0;
}

}  // namespace

void RegisterDetect(CLI::App& app, Runner& run) {
  auto a = std::make_shared<DetectArgs>();
  CLI::App* cmd = app.add_subcommand("detect", "Find people's keypoints in pictures");
  cmd->add_option("images", a->images,
                  "Picture files (JPEG, PNG, BMP, WebP, TIFF, PNM, JPEG 2000) or folders of them "
                  "(sorted)")
      ->required();
  cmd->add_flag("--recursive", a->recursive, "Also take the pictures of subfolders");
  AddEstimatorFlags(cmd, a->estimator);
  cmd->add_option("--json", a->json, "Write the poses as JSON to FILE ('-': stdout)");
  cmd->add_option("--csv", a->csv, "Write the poses as CSV to FILE ('-': stdout)");
  cmd->add_option("--csv-layout", a->csv_layout,
                  "long: a row per picture, person and keypoint; wide: per picture and person")
      ->check(CLI::IsMember({"long", "wide"}))
      ->capture_default_str();
  cmd->add_option("--openpose-json", a->openpose_json,
                  "Write <picture>_keypoints.json files in OpenPose's format into DIR ('-': one "
                  "per line on stdout)");
  cmd->add_option("--openpose-format", a->openpose_format,
                  "OpenPose body layout: body25 (OpenPose's default) or coco18")
      ->check(CLI::IsMember({"body25", "coco18"}))
      ->capture_default_str();
  cmd->add_option("--coco-json", a->coco_json,
                  "Write COCO keypoint results to FILE ('-': stdout); image_id: the file name's "
                  "number when every name is one, else the 1-based position (docs/video.md)");
  cmd->add_option("--draw", a->draw,
                  "Write the picture with skeletons to FILE.png|jpg (a folder for several)");
  cmd->add_option("--draw-threshold", a->draw_threshold, "Draw keypoints scoring at least this")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_flag("--ignore-orientation", a->ignore_orientation, "Do not apply the EXIF orientation");
  cmd->add_flag("--quiet", a->quiet,
                "No progress line on stderr (shown for folders on a terminal)");
  cmd->callback([a, &run] { run = [a] { return RunDetect(*a); }; });
}

}  // namespace posenet::cli
