// Video files in and out: the shared clips' sizes, rates and frame counts, a written video
// read back, and the errors for missing, corrupt and truncated files.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "../support/run_program.h"
#include "../support/shared_data.h"
#include "io/audio_mux.h"
#include "io/capture_source.h"
#include "io/video_writer.h"

namespace posenet {
namespace {

using testing::SharedPath;
using testing::TempDir;

// Reads to the end; `n` frames were read before. Returns the total.
int64_t CountFrames(FrameSource& source, Status& end, int64_t n = 0) {
  VideoFrame frame;
  for (;;) {
    Result<bool> got = source.Next(frame);
    if (!got.ok()) {
      end = got.status();
      return n;
    }
    if (!*got) return n;
    EXPECT_EQ(frame.index, n);
    ++n;
  }
}

TEST(VideoFile, DanceClipDeclaresAndYieldsAllItsFrames) {
  auto source = OpenVideoFile(SharedPath("data/videos/dance.mp4"));
  ASSERT_TRUE(source.ok()) << source.message();
  const SourceInfo& info = (*source)->info();
  EXPECT_EQ(info.width, 514);
  EXPECT_EQ(info.height, 496);
  EXPECT_DOUBLE_EQ(info.fps, 25.0);
  EXPECT_EQ(info.declared_frames, 244);
  EXPECT_FALSE(info.live);
  VideoFrame frame;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(*(*source)->Next(frame));
    EXPECT_EQ(frame.index, i);
    EXPECT_DOUBLE_EQ(frame.timestamp_ms, 40.0 * i);  // index / fps
    EXPECT_EQ(frame.image.width(), 514);
    EXPECT_EQ(frame.image.height(), 496);
  }
  Status end;
  EXPECT_EQ(CountFrames(**source, end, 3), 244);
  EXPECT_TRUE(end.ok()) << end.message();
}

TEST(VideoFile, MissingAndCorruptFilesAreOneLineErrors) {
  const std::string dir = TempDir();
  auto missing = OpenVideoFile(dir + "/none.mp4");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.message(), dir + "/none.mp4: cannot open video: no such file");
  std::ofstream(dir + "/text.mp4") << "not a video\n";
  auto text = OpenVideoFile(dir + "/text.mp4");
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.message(), dir + "/text.mp4: cannot open video: not a video FFmpeg reads");
  auto folder = OpenVideoFile(dir);
  ASSERT_FALSE(folder.ok());
  EXPECT_EQ(folder.message(), dir + ": cannot open video: not a regular file");
}

TEST(VideoFile, WrittenVideoReadsBackWithItsSizeRateAndFrames) {
  const std::string path = TempDir() + "/out.mp4";
  auto writer = VideoFileWriter::Open(path, 64, 48, 5);
  ASSERT_TRUE(writer.ok()) << writer.message();
  Image frame(64, 48);
  for (int i = 0; i < 12; ++i) {
    // A bright square moving right: frames differ, so the encoder cannot merge them.
    std::fill(frame.data(), frame.data() + frame.size_bytes(), 20);
    for (int y = 10; y < 30; ++y) {
      for (int x = 2 * i; x < 2 * i + 16; ++x) {
        uint8_t* p = frame.pixel(x, y);
        p[0] = 240, p[1] = 200, p[2] = 40;
      }
    }
    ASSERT_TRUE((*writer)->Write(frame.view()).ok());
  }
  EXPECT_FALSE((*writer)->Write(Image(32, 32).view()).ok());  // another size: refused
  ASSERT_TRUE((*writer)->Close().ok());
  EXPECT_EQ((*writer)->frames_written(), 12);

  auto source = OpenVideoFile(path);
  ASSERT_TRUE(source.ok()) << source.message();
  EXPECT_EQ((*source)->info().width, 64);
  EXPECT_EQ((*source)->info().height, 48);
  EXPECT_DOUBLE_EQ((*source)->info().fps, 5.0);
  Status end;
  EXPECT_EQ(CountFrames(**source, end), 12);
  EXPECT_TRUE(end.ok()) << end.message();
}

TEST(VideoFile, TruncatedFileEndsWithAnErrorAfterTheFramesItHas) {
  const std::string ffmpeg = FindProgram("ffmpeg");
  if (ffmpeg.empty()) GTEST_SKIP() << "ffmpeg not installed";
  const std::string dir = TempDir();
  // The index first (faststart), so a file cut short still opens and declares 244 frames.
  const auto r = testing::RunProgram(
      ffmpeg, {"-nostdin", "-v", "error", "-i", SharedPath("data/videos/dance.mp4"), "-c", "copy",
               "-movflags", "+faststart", dir + "/whole.mp4"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::filesystem::copy_file(dir + "/whole.mp4", dir + "/cut.mp4");
  std::filesystem::resize_file(dir + "/cut.mp4", 400000);
  auto source = OpenVideoFile(dir + "/cut.mp4");
  ASSERT_TRUE(source.ok()) << source.message();
  EXPECT_EQ((*source)->info().declared_frames, 244);
  Status end;
  const int64_t got = CountFrames(**source, end);
  EXPECT_GT(got, 0);
  EXPECT_LT(got, 244);
  EXPECT_EQ(end.message(), dir + "/cut.mp4: video ended after " + std::to_string(got) +
                               " of 244 frames (truncated or corrupt)");
}

TEST(Camera, AbsentCameraIsAnError) {
  auto camera = OpenCamera(97);
  ASSERT_FALSE(camera.ok());
  EXPECT_EQ(camera.message().rfind("camera 97: cannot open camera", 0), 0u) << camera.message();
}

TEST(Streams, UrlsAreRecognizedByScheme) {
  EXPECT_TRUE(IsStreamUrl("rtsp://cam.local/live"));
  EXPECT_TRUE(IsStreamUrl("http://host/video.mjpg"));
  EXPECT_TRUE(IsStreamUrl("https://host/a.m3u8"));
  EXPECT_FALSE(IsStreamUrl("videos/http.mp4"));
  EXPECT_FALSE(IsStreamUrl("dance.mp4"));
}

TEST(Streams, UnreachableStreamIsAnError) {
  auto s = OpenStream("http://127.0.0.1:9/none.mp4");  // port 9: discard, nothing listens
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message().rfind("http://127.0.0.1:9/none.mp4: cannot open stream", 0), 0u)
      << s.message();
}

}  // namespace
}  // namespace posenet
