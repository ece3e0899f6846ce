// The C API (posenet/posenet_c.h) against the C++ API it wraps: the same poses in every pixel
// format, the same tracking and drawing; status codes, thread-local messages, out-parameters
// left alone on errors, caller-owned arrays never written past their capacity. The C99 example
// (examples/c/poses.c, built with -std=c99 -pedantic -Werror) prints the posenet tool's poses.
#include "posenet/posenet_c.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "io/image_file.h"
#include "json_file.h"
#include "pose_text.h"
#include "posenet/draw.h"
#include "posenet/estimator.h"
#include "posenet/tracker.h"
#include "run_program.h"
#include "shared_data.h"

namespace posenet {
namespace {

using testing::SharedPath;

const char kModel[] = "data/models/posenet_mobilenet_v1_075_353_481_quant_decoder.tflite";
const char kPicture[] = "data/images/test_couple.jpg";

std::vector<Pose> ToCpp(const posenet_pose* poses, size_t count) {
  std::vector<Pose> out(count);
  for (size_t i = 0; i < count; ++i) {
    out[i].score = poses[i].score;
    for (int k = 0; k < kNumKeypoints; ++k) {
      out[i].keypoints[k] = {poses[i].keypoints[k].x, poses[i].keypoints[k].y,
                             poses[i].keypoints[k].score};
    }
    out[i].box = {poses[i].box.x0, poses[i].box.y0, poses[i].box.x1, poses[i].box.y1};
    out[i].id = poses[i].id;
  }
  return out;
}

// `rgb` rewritten in `format` (alpha 200), rows padded to `stride` bytes.
std::vector<uint8_t> Repack(const Image& rgb, PixelFormat format, size_t stride) {
  const int bpp = BytesPerPixel(format);
  std::vector<uint8_t> out(stride * rgb.height(), 0);
  for (int y = 0; y < rgb.height(); ++y) {
    for (int x = 0; x < rgb.width(); ++x) {
      const uint8_t* q = rgb.pixel(x, y);
      uint8_t* p = out.data() + y * stride + x * bpp;
      p[0] = IsBlueFirst(format) ? q[2] : q[0];
      p[1] = q[1];
      p[2] = IsBlueFirst(format) ? q[0] : q[2];
      if (bpp == 4) p[3] = 200;
    }
  }
  return out;
}

class CApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(posenet_model_load(SharedPath(kModel).c_str(), &model_), POSENET_OK)
        << posenet_last_error();
    ASSERT_EQ(posenet_estimator_create(model_, nullptr, &estimator_), POSENET_OK)
        << posenet_last_error();
    auto picture = ReadPicture(SharedPath(kPicture));
    ASSERT_TRUE(picture.ok()) << picture.message();
    picture_ = std::move(picture).value();
  }
  void TearDown() override {
    posenet_estimator_free(estimator_);
    posenet_model_free(model_);
  }

  // The C++ API's poses for the picture (default options).
  std::vector<Pose> CppPoses() {
    auto model = Model::Load(SharedPath(kModel));
    EXPECT_TRUE(model.ok());
    auto estimator = Estimator::Create(*model, {});
    EXPECT_TRUE(estimator.ok());
    auto poses = (*estimator)
                     ->Estimate(RgbView{picture_.data(), picture_.width(), picture_.height(),
                                        picture_.stride()});
    EXPECT_TRUE(poses.ok()) << poses.message();
    return poses.ok() ? *poses : std::vector<Pose>{};
  }

  // posenet_estimate on the RGB picture into `poses` (room for `capacity`); how many were found.
  size_t EstimateRgb(posenet_pose* poses, size_t capacity) {
    size_t count = 0;
    EXPECT_EQ(posenet_estimate(estimator_, picture_.data(), picture_.width(), picture_.height(),
                               picture_.stride(), POSENET_PIXEL_RGB, poses, capacity, &count),
              POSENET_OK)
        << posenet_last_error();
    return count;
  }

  posenet_model* model_ = nullptr;
  posenet_estimator* estimator_ = nullptr;
  Image picture_;
};

TEST(CApiBasics, VersionNamesAndEdges) {
  EXPECT_STREQ(posenet_version(), POSENET_VERSION);
  EXPECT_EQ(std::string(POSENET_VERSION), std::to_string(POSENET_VERSION_MAJOR) + "." +
                                              std::to_string(POSENET_VERSION_MINOR) + "." +
                                              std::to_string(POSENET_VERSION_PATCH));
  EXPECT_STREQ(posenet_status_name(POSENET_OK), "ok");
  EXPECT_STREQ(posenet_status_name(POSENET_ERROR_MODEL), "bad model");
  EXPECT_STREQ(posenet_status_name(static_cast<posenet_status>(42)), "unknown status");
  EXPECT_STREQ(posenet_keypoint_name(POSENET_NOSE), "nose");
  EXPECT_STREQ(posenet_keypoint_name(POSENET_RIGHT_ANKLE), "right_ankle");
  EXPECT_EQ(posenet_keypoint_name(17), nullptr);
  EXPECT_EQ(posenet_keypoint_name(-1), nullptr);
  for (int32_t i = 0; i < POSENET_NUM_EDGES; ++i) {
    int32_t parent = -1, child = -1;
    ASSERT_EQ(posenet_pose_edge(i, &parent, &child), POSENET_OK);
    EXPECT_EQ(parent, kPoseEdges[i].parent);
    EXPECT_EQ(child, kPoseEdges[i].child);
  }
  int32_t parent = -7, child = -7;
  EXPECT_EQ(posenet_pose_edge(16, &parent, &child), POSENET_ERROR_ARGUMENT);
  EXPECT_EQ(parent, -7);
  EXPECT_EQ(posenet_pose_edge(0, nullptr, &child), POSENET_ERROR_ARGUMENT);
  EXPECT_STREQ(posenet_last_error(), "cannot read pose edge: parent is NULL");
}

TEST(CApiBasics, ModelErrorsNameTheFileAndLeaveTheHandleAlone) {
  posenet_model* model = reinterpret_cast<posenet_model*>(0x1);  // must stay as it is
  EXPECT_EQ(posenet_model_load("/no/such/model.tflite", &model), POSENET_ERROR_MODEL);
  EXPECT_EQ(model, reinterpret_cast<posenet_model*>(0x1));
  EXPECT_EQ(std::string(posenet_last_error()).rfind("/no/such/model.tflite: cannot", 0), 0u)
      << posenet_last_error();
  EXPECT_EQ(posenet_model_load(nullptr, &model), POSENET_ERROR_ARGUMENT);
  EXPECT_EQ(posenet_model_load("x.tflite", nullptr), POSENET_ERROR_ARGUMENT);

  const char garbage[] = "not a flatbuffer at all, just some text";
  EXPECT_EQ(posenet_model_load_memory(garbage, sizeof(garbage), "garbage.tflite", &model),
            POSENET_ERROR_MODEL);
  EXPECT_EQ(std::string(posenet_last_error()).rfind("garbage.tflite: cannot", 0), 0u)
      << posenet_last_error();
  EXPECT_EQ(posenet_model_load_memory(nullptr, 10, nullptr, &model), POSENET_ERROR_ARGUMENT);
  EXPECT_EQ(posenet_model_load_memory(nullptr, 0, nullptr, &model), POSENET_ERROR_MODEL);
  EXPECT_EQ(model, reinterpret_cast<posenet_model*>(0x1));
  posenet_model_free(nullptr);  // accepted
}

TEST(CApiBasics, LoadFromMemoryAndInputSize) {
  const std::vector<uint8_t> bytes = testing::ReadBytes(SharedPath(kModel));
  posenet_model* model = nullptr;
  ASSERT_EQ(posenet_model_load_memory(bytes.data(), bytes.size(), nullptr, &model), POSENET_OK);
  EXPECT_STREQ(posenet_last_error(), "");
  int32_t h = 0, w = 0;
  ASSERT_EQ(posenet_model_input_size(model, &h, &w), POSENET_OK);
  EXPECT_EQ(h, 353);
  EXPECT_EQ(w, 481);
  EXPECT_EQ(posenet_model_input_size(model, nullptr, &w), POSENET_ERROR_ARGUMENT);
  posenet_model_free(model);
}

TEST_F(CApi, EveryPixelFormatGivesTheCppPoses) {
  const std::vector<Pose> expected = CppPoses();
  ASSERT_GE(expected.size(), 2u);
  for (auto [format, c_format] : {std::pair{PixelFormat::kRgb, POSENET_PIXEL_RGB},
                                  std::pair{PixelFormat::kBgr, POSENET_PIXEL_BGR},
                                  std::pair{PixelFormat::kRgba, POSENET_PIXEL_RGBA},
                                  std::pair{PixelFormat::kBgra, POSENET_PIXEL_BGRA}}) {
    const size_t stride = static_cast<size_t>(picture_.width()) * BytesPerPixel(format) + 16;
    const std::vector<uint8_t> pixels = Repack(picture_, format, stride);
    posenet_pose poses[16];
    size_t count = 0;
    ASSERT_EQ(posenet_estimate(estimator_, pixels.data(), picture_.width(), picture_.height(),
                               stride, c_format, poses, 16, &count),
              POSENET_OK)
        << posenet_last_error();
    EXPECT_STREQ(posenet_last_error(), "");
    SCOPED_TRACE(static_cast<int>(format));
    testing::ExpectSamePoses(ToCpp(poses, count), expected);
    for (size_t i = 0; i < count; ++i) {
      EXPECT_EQ(poses[i].id, -1);
      EXPECT_EQ(poses[i].box.x0, expected[i].box.x0);
      EXPECT_EQ(poses[i].box.y1, expected[i].box.y1);
    }
  }
}

TEST_F(CApi, CapacityBoundsWhatIsWritten) {
  const size_t count = EstimateRgb(nullptr, 0);
  ASSERT_GE(count, 2u);
  posenet_pose poses[2];
  std::memset(poses, 0xAB, sizeof(poses));
  EXPECT_EQ(EstimateRgb(poses, 1), count);  // how many were found, not how many were written
  testing::ExpectSamePoses(ToCpp(poses, 1), {CppPoses()[0]});
  const std::vector<uint8_t> untouched(sizeof(posenet_pose), 0xAB);
  EXPECT_EQ(std::memcmp(&poses[1], untouched.data(), sizeof(posenet_pose)), 0);
}

TEST_F(CApi, PictureErrors) {
  size_t count = 99;
  posenet_pose poses[4];
  const uint8_t* px = picture_.data();
  const int32_t w = picture_.width(), h = picture_.height();
  const size_t stride = picture_.stride();
  const auto expect = [&](posenet_status got, posenet_status want, const std::string& words) {
    EXPECT_EQ(got, want) << words;
    EXPECT_NE(std::string(posenet_last_error()).find(words), std::string::npos)
        << posenet_last_error();
    EXPECT_EQ(count, 99u);  // untouched
  };
  expect(posenet_estimate(nullptr, px, w, h, stride, POSENET_PIXEL_RGB, poses, 4, &count),
         POSENET_ERROR_ARGUMENT, "cannot estimate poses: estimator is NULL");
  expect(posenet_estimate(estimator_, nullptr, w, h, stride, POSENET_PIXEL_RGB, poses, 4, &count),
         POSENET_ERROR_ARGUMENT, "pixels is NULL");
  expect(posenet_estimate(estimator_, px, w, h, stride, POSENET_PIXEL_RGB, nullptr, 4, &count),
         POSENET_ERROR_ARGUMENT, "poses is NULL");
  expect(posenet_estimate(estimator_, px, w, h, stride, 4, poses, 4, &count),
         POSENET_ERROR_ARGUMENT, "unknown pixel format 4");
  expect(posenet_estimate(estimator_, px, 0, h, stride, POSENET_PIXEL_RGB, poses, 4, &count),
         POSENET_ERROR_ARGUMENT, "is not a picture");
  expect(posenet_estimate(estimator_, px, w, h, stride, POSENET_PIXEL_RGBA, poses, 4, &count),
         POSENET_ERROR_ARGUMENT, "bytes apart is not a picture");
  expect(posenet_estimate(estimator_, px, 8, 8, stride, POSENET_PIXEL_RGB, poses, 4, &count),
         POSENET_ERROR_FAILED, "smaller than the minimum 16x16");
  EXPECT_EQ(posenet_estimate(estimator_, px, w, h, stride, POSENET_PIXEL_RGB, poses, 4, nullptr),
            POSENET_ERROR_ARGUMENT);
}

TEST_F(CApi, ErrorMessagesBelongToTheirThread) {
  EXPECT_EQ(posenet_model_load("/missing.tflite", &model_), POSENET_ERROR_MODEL);
  std::string other_thread = "unset";
  std::thread([&] { other_thread = posenet_last_error(); }).join();
  EXPECT_EQ(other_thread, "");
  EXPECT_NE(std::string(posenet_last_error()).find("/missing.tflite"), std::string::npos);
  int32_t stride = 0;
  EXPECT_EQ(posenet_estimator_output_stride(estimator_, &stride), POSENET_OK);
  EXPECT_STREQ(posenet_last_error(), "");  // a success clears it
  EXPECT_EQ(stride, 16);
}

TEST_F(CApi, OptionsReachTheEstimator) {
  posenet_estimator_options o = posenet_estimator_options_default();
  EXPECT_EQ(o.threads, 1);
  EXPECT_EQ(o.pad_to_aspect, 1);
  EXPECT_EQ(o.decoder, POSENET_DECODER_AUTO);
  o.input_height = 257;
  o.input_width = 257;
  o.decoder = POSENET_DECODER_SINGLE;
  posenet_estimator* estimator = nullptr;
  ASSERT_EQ(posenet_estimator_create(model_, &o, &estimator), POSENET_OK) << posenet_last_error();
  int32_t h = 0, w = 0;
  ASSERT_EQ(posenet_estimator_input_size(estimator, &h, &w), POSENET_OK);
  EXPECT_EQ(h, 257);
  EXPECT_EQ(w, 257);
  size_t count = 0;
  posenet_pose poses[4];
  ASSERT_EQ(posenet_estimate(estimator, picture_.data(), picture_.width(), picture_.height(),
                             picture_.stride(), POSENET_PIXEL_RGB, poses, 4, &count),
            POSENET_OK);
  EXPECT_EQ(count, 1u);  // single-pose decoder
  double ms = -1;
  ASSERT_EQ(posenet_estimator_last_inference_ms(estimator, &ms), POSENET_OK);
  EXPECT_GT(ms, 0);
  posenet_estimator_free(estimator);

  o = posenet_estimator_options_default();
  o.decoder = 9;
  estimator = nullptr;
  EXPECT_EQ(posenet_estimator_create(model_, &o, &estimator), POSENET_ERROR_ARGUMENT);
  EXPECT_STREQ(posenet_last_error(), "cannot create estimator: unknown decoder 9");
  o = posenet_estimator_options_default();
  o.threads = 0;
  EXPECT_EQ(posenet_estimator_create(model_, &o, &estimator), POSENET_ERROR_FAILED);
  EXPECT_NE(std::string(posenet_last_error()).find("threads must be 1-256"), std::string::npos);
  EXPECT_EQ(estimator, nullptr);
}

TEST_F(CApi, EstimatorKeepsItsModelAlive) {
  posenet_model_free(model_);
  model_ = nullptr;
  EXPECT_GE(EstimateRgb(nullptr, 0), 2u);
}

TEST_F(CApi, TrackerMatchesTheCppTracker) {
  posenet_pose poses[8];
  const size_t count = EstimateRgb(poses, 8);
  ASSERT_GE(count, 2u);
  auto cpp = Tracker::Create();
  ASSERT_TRUE(cpp.ok());
  posenet_tracker* tracker = nullptr;
  ASSERT_EQ(posenet_tracker_create(nullptr, &tracker), POSENET_OK);
  // The same detections over three frames, each shifted 3 px right: ids stay, keypoints smoothed.
  for (int frame = 0; frame < 3; ++frame) {
    std::vector<Pose> input = ToCpp(poses, count);
    for (Pose& p : input) {
      for (Keypoint& k : p.keypoints) k.x += 3.0f * frame;
    }
    posenet_pose c_poses[8];
    for (size_t i = 0; i < count; ++i) {
      c_poses[i] = poses[i];
      for (posenet_keypoint& k : c_poses[i].keypoints) k.x += 3.0f * frame;
    }
    auto expected = cpp->Update(input, frame / 25.0);
    ASSERT_TRUE(expected.ok());
    size_t kept = 0;
    ASSERT_EQ(posenet_tracker_update(tracker, frame / 25.0, c_poses, count, &kept), POSENET_OK)
        << posenet_last_error();
    ASSERT_EQ(kept, expected->size());
    testing::ExpectSamePoses(ToCpp(c_poses, kept), *expected);
    for (size_t i = 0; i < kept; ++i) EXPECT_EQ(c_poses[i].id, (*expected)[i].id);
  }
  EXPECT_EQ(cpp->ids_seen(), static_cast<int>(count));
  posenet_tracker_free(tracker);
}

TEST(CApiTracker, BadOptionsAndHostileFrames) {
  posenet_tracker_options o = posenet_tracker_options_default();
  EXPECT_EQ(o.max_tracks, 16);
  EXPECT_DOUBLE_EQ(o.beta, 0.02);
  EXPECT_EQ(o.min_hits, 4);
  EXPECT_EQ(o.drop_unconfirmed, 1);
  o.min_hits = 0;
  posenet_tracker* unconfirmed = nullptr;
  EXPECT_EQ(posenet_tracker_create(&o, &unconfirmed), POSENET_ERROR_ARGUMENT);
  EXPECT_STREQ(posenet_last_error(), "cannot track poses: min_hits 0 < 1");
  o = posenet_tracker_options_default();
  o.max_tracks = 0;
  posenet_tracker* tracker = nullptr;
  EXPECT_EQ(posenet_tracker_create(&o, &tracker), POSENET_ERROR_ARGUMENT);
  EXPECT_STREQ(posenet_last_error(), "cannot track poses: max_tracks 0 < 1");
  o = posenet_tracker_options_default();
  o.similarity = 3;
  EXPECT_EQ(posenet_tracker_create(&o, &tracker), POSENET_ERROR_ARGUMENT);
  EXPECT_EQ(tracker, nullptr);

  ASSERT_EQ(posenet_tracker_create(nullptr, &tracker), POSENET_OK);
  posenet_pose pose{};
  pose.score = 0.9f;
  for (int k = 0; k < POSENET_NUM_KEYPOINTS; ++k) pose.keypoints[k] = {10.0f * k, 20.0f, 0.9f};
  pose.id = -1;
  pose.keypoints[3].y = NAN;
  const posenet_pose before = pose;
  size_t kept = 99;
  EXPECT_EQ(posenet_tracker_update(tracker, 0.0, &pose, 1, &kept), POSENET_ERROR_ARGUMENT);
  EXPECT_NE(std::string(posenet_last_error()).find("left_ear is not finite"), std::string::npos);
  EXPECT_EQ(std::memcmp(&pose, &before, sizeof(pose)), 0);
  EXPECT_EQ(kept, 99u);
  pose.keypoints[3].y = 20.0f;
  EXPECT_EQ(posenet_tracker_update(tracker, INFINITY, &pose, 1, &kept), POSENET_ERROR_ARGUMENT);
  EXPECT_EQ(posenet_tracker_update(tracker, 1.0, &pose, 1, &kept), POSENET_OK);
  EXPECT_EQ(kept, 1u);
  EXPECT_EQ(pose.id, 0);
  EXPECT_EQ(posenet_tracker_update(tracker, 0.5, &pose, 1, &kept), POSENET_ERROR_ARGUMENT);
  EXPECT_EQ(posenet_tracker_update(tracker, 2.0, nullptr, 0, &kept), POSENET_OK);
  EXPECT_EQ(kept, 0u);
  EXPECT_EQ(posenet_tracker_update(tracker, 2.0, nullptr, 1, &kept), POSENET_ERROR_ARGUMENT);
  posenet_tracker_free(tracker);
}

TEST_F(CApi, DrawingMatchesTheCppDrawing) {
  posenet_pose poses[8];
  const size_t count = EstimateRgb(poses, 8);
  ASSERT_GE(count, 2u);
  const size_t stride = static_cast<size_t>(picture_.width()) * 4;
  std::vector<uint8_t> bgra = Repack(picture_, PixelFormat::kBgra, stride);
  ASSERT_EQ(posenet_draw_poses(bgra.data(), picture_.width(), picture_.height(), stride,
                               POSENET_PIXEL_BGRA, poses, count, 0.3f, 0),
            POSENET_OK)
      << posenet_last_error();
  Image expected = picture_;
  ASSERT_TRUE(
      DrawPoses(Canvas{expected.data(), expected.width(), expected.height(), expected.stride()},
                ToCpp(poses, count))
          .ok());
  EXPECT_EQ(bgra, Repack(expected, PixelFormat::kBgra, stride));
  EXPECT_NE(expected.bytes(), picture_.bytes());

  EXPECT_EQ(posenet_draw_poses(bgra.data(), picture_.width(), picture_.height(), stride,
                               POSENET_PIXEL_BGRA, poses, count, 0.3f, -1),
            POSENET_ERROR_ARGUMENT);
  EXPECT_STREQ(posenet_last_error(), "cannot draw poses: negative thickness -1");
  EXPECT_EQ(posenet_draw_poses(nullptr, 10, 10, 30, POSENET_PIXEL_RGB, poses, count, 0.3f, 0),
            POSENET_ERROR_ARGUMENT);
  EXPECT_EQ(posenet_draw_poses(bgra.data(), 10, 10, 30, POSENET_PIXEL_RGB, nullptr, 1, 0.3f, 0),
            POSENET_ERROR_ARGUMENT);
}

// examples/c/poses.c, compiled as C99 with -pedantic -Werror against libposenet.a, prints the
// poses `posenet detect` writes as JSON, and draws what posenet_draw_poses draws.
TEST(CApiExample, PrintsTheToolsPoses) {
  const std::string dir = testing::TempDir();
  auto picture = ReadPicture(SharedPath(kPicture));
  ASSERT_TRUE(picture.ok());
  const std::string ppm = dir + "/picture.ppm";
  {
    std::ofstream out(ppm, std::ios::binary);
    out << "P6\n" << picture->width() << " " << picture->height() << "\n255\n";
    out.write(reinterpret_cast<const char*>(picture->data()),
              static_cast<std::streamsize>(picture->size_bytes()));
  }
  const std::string model = SharedPath(kModel), json = dir + "/cli.json";
  const auto cli = testing::RunProgram(
      POSENET_TOOL, {"detect", SharedPath(kPicture), "--model", model, "--json", json});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  const auto example = testing::RunProgram(POSENET_C_EXAMPLE, {model, ppm, dir + "/drawn.ppm"});
  ASSERT_EQ(example.exit_code, 0) << example.err;
  const std::vector<Pose> printed = testing::ParsePoseText(example.out);
  EXPECT_GE(printed.size(), 2u);
  testing::ExpectSamePoses(printed, testing::PosesFromJson(testing::ReadJson(json)));
  EXPECT_TRUE(std::filesystem::exists(dir + "/drawn.ppm"));

  const auto bad = testing::RunProgram(POSENET_C_EXAMPLE, {model, json});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find(json + ": cannot read picture: not an 8-bit binary PPM"),
            std::string::npos)
      << bad.err;
  const auto bad_model = testing::RunProgram(POSENET_C_EXAMPLE, {ppm, ppm});
  EXPECT_EQ(bad_model.exit_code, 1);
  EXPECT_NE(bad_model.err.find(ppm + ": cannot"), std::string::npos) << bad_model.err;
}

}  // namespace
}  // namespace posenet
