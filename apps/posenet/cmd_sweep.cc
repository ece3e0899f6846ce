// posenet sweep: the speed/accuracy table of the two run-time knobs, output stride and input
// resolution. For each (stride, resolution) it times the network (median of --runs) and
// detects on the pictures; keypoints are compared with the model's native stride and input
// size: mean distance in picture pixels over keypoints scored above 0.5 in both runs (each
// native person matched to the closest pose), and the number of people found (score >= 0.5).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/median.h"
#include "cli_common.h"
#include "commands.h"
#include "estimator_flags.h"
#include "io/image_file.h"

namespace posenet::cli {
namespace {

struct SweepArgs {
  EstimatorFlags estimator;
  std::vector<std::string> pictures;
  std::vector<int> strides = {8, 16, 32};
  std::vector<int> resolutions;  // empty: the model's own longer side only
  int runs = 10, warmup = 2;
};

struct Cell {
  int stride = 0, height = 0, width = 0;
  double median_ms = 0;
  int people = 0;
  double shift_px = 0;
  int shift_keypoints = 0;
};

// Mean distance over keypoints above 0.5 in both poses; {huge, 0} when none.
std::pair<double, int> Shift(const Pose& a, const Pose& b) {
  double sum = 0;
  int n = 0;
  for (int k = 0; k < kNumKeypoints; ++k) {
    const Keypoint& p = a.keypoints[k];
    const Keypoint& q = b.keypoints[k];
    if (p.score <= 0.5f || q.score <= 0.5f) continue;
    sum += std::hypot(p.x - q.x, p.y - q.y);
    ++n;
  }
  return {n ? sum / n : 1e30, n};
}

int People(const std::vector<Pose>& poses) {
  return static_cast<int>(
      std::count_if(poses.begin(), poses.end(), [](const Pose& p) { return p.score >= 0.5f; }));
}

// Runs one configuration on every picture; fills timing and the poses per picture.
Status RunCell(const SweepArgs& args, const std::vector<Image>& pictures, Cell& cell,
               std::vector<std::vector<Pose>>& poses) {
  EstimatorFlags flags = args.estimator;
  flags.output_stride = cell.stride;
  flags.input_size = std::to_string(cell.height) + "x" + std::to_string(cell.width);
  flags.input_resolution = 0;
  POSENET_ASSIGN_OR_RETURN(LoadedEstimator loaded, LoadEstimator(flags));
  Estimator& e = *loaded.estimator;
  cell.stride = e.output_stride();
  poses.clear();
  for (const Image& img : pictures) {
    POSENET_ASSIGN_OR_RETURN(std::vector<Pose> p, e.Estimate(RgbView{img.data(), img.width(),
                                                                     img.height(), img.stride()}));
    poses.push_back(std::move(p));
  }
  Session& session = e.session();
  for (int i = 0; i < args.warmup; ++i) session.Run();
  std::vector<double> ms;
  for (int i = 0; i < args.runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    session.Run();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
  }
  cell.median_ms = Median(ms);
  return Status::Ok();
}

void Compare(const std::vector<std::vector<Pose>>& native,
             const std::vector<std::vector<Pose>>& other, Cell& cell) {
  double total = 0;
  int count = 0;
  cell.people = 0;
  for (size_t i = 0; i < native.size(); ++i) {
    cell.people += People(other[i]);
    for (const Pose& a : native[i]) {
      if (a.score < 0.5f) continue;
      std::pair<double, int> best{1e30, 0};
      for (const Pose& b : other[i]) best = std::min(best, Shift(a, b));
      if (best.second == 0) continue;
      total += best.first * best.second;
      count += best.second;
    }
  }
  cell.shift_keypoints = count;
  cell.shift_px = count ? total / count : NAN;
}

int RunSweep(SweepArgs args) {
  auto base = LoadEstimator(args.estimator);
  if (!base.ok()) return Fail(base.status());
  const int native_stride = base->estimator->output_stride();
  const int native_h = base->estimator->input_height();
  const int native_w = base->estimator->input_width();
  const std::string model_path = base->model_path;
  base->estimator.reset();
  if (args.resolutions.empty()) args.resolutions = {std::max(native_h, native_w)};

  std::vector<Image> pictures;
  for (const std::string& path : args.pictures) {
    auto img = ReadPicture(path, {});
    if (!img.ok()) return Fail(img.status());
    pictures.push_back(std::move(img).value());
  }

  Cell reference{native_stride, native_h, native_w};
  std::vector<std::vector<Pose>> native;
  if (Status s = RunCell(args, pictures, reference, native); !s.ok()) return Fail(s);

  std::printf(
      "model %s (native: stride %d, input %dx%d), %zu pictures, threads %d, "
      "median of %d runs\n\n",
      model_path.c_str(), native_stride, native_h, native_w, pictures.size(),
      ResolveThreads(args.estimator.threads), args.runs);
  std::printf(
      "| output stride | input HxW | ms / inference | people found | mean shift px "
      "(keypoints) |\n|---|---|---|---|---|\n");
  for (int stride : args.strides) {
    for (int resolution : args.resolutions) {
      Cell cell;
      cell.stride = stride;
      SizeForResolution(resolution, stride, native_h, native_w, cell.height, cell.width);
      std::vector<std::vector<Pose>> poses;
      if (Status s = RunCell(args, pictures, cell, poses); !s.ok()) return Fail(s);
      Compare(native, poses, cell);
      std::printf("| %d | %dx%d | %.2f | %d | %.2f (%d) |\n", stride, cell.height, cell.width,
                  cell.median_ms, cell.people, cell.shift_px, cell.shift_keypoints);
      std::fflush(stdout);
    }
  }
  return 0;
}

}  // namespace

void RegisterSweep(CLI::App& app, Runner& run) {
  auto a = std::make_shared<SweepArgs>();
  CLI::App* cmd =
      app.add_subcommand("sweep", "Speed/accuracy table over output strides and input resolutions");
  cmd->add_option("pictures", a->pictures, "Pictures to detect on")->required();
  AddEstimatorFlags(cmd, a->estimator);
  cmd->add_option("--strides", a->strides, "Output strides to try")
      ->delimiter(',')
      ->capture_default_str()
      ->check(CLI::IsMember({8, 16, 32}));
  cmd->add_option("--resolutions", a->resolutions,
                  "Input longer sides to try (snapped to k*stride+1; default: the model's own)")
      ->delimiter(',')
      ->check(CLI::Range(17, 4097));
  cmd->add_option("--runs", a->runs, "Timed runs per configuration")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--warmup", a->warmup, "Untimed runs first")
      ->capture_default_str()
      ->check(CLI::Range(0, 100000));
  cmd->callback([a, &run] { run = [a] { return RunSweep(*a); }; });
}

}  // namespace posenet::cli
