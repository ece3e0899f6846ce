// Reading `posenet video --jsonl` output back: a round trip through the writer, fields the
// reader does not know, null coordinates, and each kind of broken line.
#include <gtest/gtest.h>

#include <cmath>

#include "io/jsonl_reader.h"
#include "io/jsonl_writer.h"

namespace posenet {
namespace {

Pose MakePose(int id, float offset) {
  Pose p;
  p.id = id;
  p.score = 0.75f;
  for (int k = 0; k < kNumKeypoints; ++k) p.keypoints[k] = {offset + k, 2.0f * k, 0.5f};
  p.box = {offset, 0, offset + 16, 32};
  return p;
}

TEST(JsonlReaderTest, ReadsWhatTheWriterWrites) {
  const JsonImageInfo image{"clip.mp4", 640, 480};
  std::string text = FrameToJsonLine(0, 0, {MakePose(3, 10)}, image, {}) + "\n\n" +
                     FrameToJsonLine(1, 33.5, {MakePose(3, 11), MakePose(4, 50)}, image, {}) + "\n";
  auto r = ParsePosesJsonl(text, "x.jsonl");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->video_path, "clip.mp4");
  EXPECT_EQ(r->width, 640);
  ASSERT_EQ(r->frames.size(), 2u);
  EXPECT_EQ(r->frames[1].index, 1);
  EXPECT_DOUBLE_EQ(r->frames[1].timestamp_ms, 33.5);
  ASSERT_EQ(r->frames[1].poses.size(), 2u);
  const Pose& p = r->frames[1].poses[1];
  EXPECT_EQ(p.id, 4);
  EXPECT_FLOAT_EQ(p.score, 0.75f);
  EXPECT_FLOAT_EQ(p.keypoints[16].x, 66);
  EXPECT_FLOAT_EQ(p.keypoints[16].y, 32);
  EXPECT_FLOAT_EQ(p.keypoints[16].score, 0.5f);
  EXPECT_FLOAT_EQ(p.box.x1, 66);
}

TEST(JsonlReaderTest, UnknownFieldsNullsAndUntrackedPoses) {
  std::string kps;
  for (int k = 0; k < 17; ++k) {
    kps += std::string(k ? "," : "") + (k == 5 ? R"({"x":null,"y":null,"score":null,"extra":1})"
                                               : R"({"x":1,"y":2,"score":0.5})");
  }
  const std::string line = R"({"frame":7,"timestamp_ms":280,"pts_ms":281,"poses":[{"score":0.5,)"
                           R"("confirmed":true,"keypoints":[)" +
                           kps + "]}]}";
  auto r = ParsePosesJsonl(line, "x.jsonl");
  ASSERT_TRUE(r.ok()) << r.status().message();
  const Pose& p = r->frames[0].poses[0];
  EXPECT_EQ(p.id, -1);  // no id: untracked
  EXPECT_TRUE(std::isnan(p.keypoints[5].x));
  EXPECT_EQ(p.keypoints[5].score, 0.0f);
}

TEST(JsonlReaderTest, BrokenLinesAreOneLineErrorsWithTheLineNumber) {
  const std::string good = R"({"frame":0,"timestamp_ms":0,"poses":[]})";
  const std::pair<std::string, std::string> cases[] = {
      {good + "\n{\"frame\":1,", "line 2: "},
      {R"({"timestamp_ms":0,"poses":[]})", "line 1: no \"frame\""},
      {R"({"frame":-1,"timestamp_ms":0,"poses":[]})", "frame is not an integer >= 0"},
      {R"({"frame":0,"timestamp_ms":"soon","poses":[]})", "timestamp_ms is not a number"},
      {R"({"frame":0,"timestamp_ms":0,"poses":{}})", "poses is not an array"},
      {R"({"frame":0,"timestamp_ms":0,"poses":[{"score":1,"keypoints":[1]}]})", "17 keypoints"},
      {R"({"frame":0,"timestamp_ms":0,"poses":[{"id":"a","score":1,"keypoints":[]}]})", "pose id"},
      {"[1,2]", "expected an object"},
  };
  for (const auto& [text, reason] : cases) {
    auto r = ParsePosesJsonl(text, "bad.jsonl");
    ASSERT_FALSE(r.ok()) << text;
    const std::string m = r.status().message();
    EXPECT_EQ(m.rfind("bad.jsonl: cannot read poses: line ", 0), 0u) << m;
    EXPECT_NE(m.find(reason), std::string::npos) << m;
    EXPECT_EQ(m.find('\n'), std::string::npos) << m;
  }
  // Too many poses on one line: refused before they are read.
  std::string many = R"({"frame":0,"timestamp_ms":0,"poses":[)";
  for (int i = 0; i <= 1000; ++i) many += std::string(i ? "," : "") + "{}";
  auto r = ParsePosesJsonl(many + "]}", "many.jsonl");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("more than 1000 poses"), std::string::npos);
}

}  // namespace
}  // namespace posenet
