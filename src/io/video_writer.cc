#include "io/video_writer.h"

#include <sys/stat.h>

#include <charconv>
#include <cmath>
#include <mutex>
#include <vector>

#include "io/mp4_fragments.h"

namespace posenet {
namespace {

// Whether this ffmpeg can encode H.264 (Debian's can, through libx264); asked once.
bool HasH264Encoder(const std::string& ffmpeg) {
  static std::once_flag once;
  static bool has = false;
  std::call_once(once, [&] {
    has =
        RunChild({ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
                  "nullsrc=s=16x16:d=0.04", "-frames:v", "1", "-c:v", "libx264", "-f", "null", "-"})
            .exit_code == 0;
  });
  return has;
}

std::string Number(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof(buf), v);
  return std::string(buf, r.ptr);
}

// ffmpeg reads raw RGB frames on stdin and writes a fragmented MP4 to descriptor 3: the
// index (moov) first, then a fragment at every key frame, one a second, each written out as
// soon as it is complete.
std::vector<std::string> EncoderArgs(const std::string& ffmpeg, int width, int height, double fps,
                                     bool h264) {
  const std::string gop = std::to_string(std::max(1L, std::lround(fps)));
  std::vector<std::string> args = {ffmpeg,
                                   "-hide_banner",
                                   "-nostdin",
                                   "-loglevel",
                                   "error",
                                   "-f",
                                   "rawvideo",
                                   "-pix_fmt",
                                   "rgb24",
                                   "-s",
                                   std::to_string(width) + "x" + std::to_string(height),
                                   "-framerate",
                                   Number(fps),
                                   "-i",
                                   "pipe:0",
                                   "-an",
                                   "-g",
                                   gop,
                                   "-pix_fmt",
                                   "yuv420p"};
  if (h264) {
    args.insert(args.end(), {"-c:v", "libx264"});
    // 4:2:0 needs even sides: pad odd ones by a pixel.
    if (width % 2 != 0 || height % 2 != 0) {
      args.insert(args.end(), {"-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2"});
    }
  } else {
    args.insert(args.end(), {"-c:v", "mpeg4", "-q:v", "3"});
  }
  args.insert(args.end(), {"-movflags", "+frag_keyframe+empty_moov+default_base_moof",
                           "-flush_packets", "1", "-f", "mp4", "pipe:3"});
  return args;
}

}  // namespace

Result<std::unique_ptr<VideoFileWriter>> VideoFileWriter::Open(const std::string& path, int width,
                                                               int height, double fps,
                                                               Codec codec) {
  const auto fail = [&](const std::string& reason) {
    return Status::Error(path + ": cannot write video: " + reason);
  };
  if (width <= 0 || height <= 0) return fail("empty frame size");
  if (width > 16384 || height > 16384) return fail("frame size over 16384");
  if (!std::isfinite(fps) || fps <= 0 || fps > 1000) fps = 25;  // unknown rate (live): a common one
  const std::string ffmpeg = FindProgram("ffmpeg");
  if (ffmpeg.empty()) return fail("the ffmpeg program is not installed (it encodes the video)");
  const bool h264 = codec == Codec::kH264 && HasH264Encoder(ffmpeg);
  POSENET_ASSIGN_OR_RETURN(std::unique_ptr<OutputFile> file, OutputFile::Create(path, "video"));
  ChildOptions options;
  options.feed_stdin = true;
  options.fd3 = file->fd();
  auto encoder = ChildProcess::Start(EncoderArgs(ffmpeg, width, height, fps, h264), options);
  if (!encoder.ok()) return fail(encoder.message());
  return std::unique_ptr<VideoFileWriter>(new VideoFileWriter(
      std::move(file), std::move(encoder).value(), width, height, h264 ? "h264" : "mpeg4"));
}

VideoFileWriter::VideoFileWriter(std::unique_ptr<OutputFile> file,
                                 std::unique_ptr<ChildProcess> encoder, int width, int height,
                                 std::string codec)
    : file_(std::move(file)),
      encoder_(std::move(encoder)),
      width_(width),
      height_(height),
      codec_(std::move(codec)) {}

VideoFileWriter::~VideoFileWriter() { (void)Close(); }

Status VideoFileWriter::Write(const ImageView& rgb) {
  if (!failed_.ok()) return failed_;
  if (encoder_ == nullptr) return file_->Error("closed");
  if (rgb.width != width_ || rgb.height != height_) return file_->Error("frame size changed");
  const size_t row = static_cast<size_t>(width_) * 3;
  for (int y = 0; y < height_; ++y) {
    if (encoder_->Feed(rgb.data + static_cast<size_t>(y) * rgb.stride, row) != 0) return Fail();
  }
  ++frames_;
  // Visible from the first frame on, so that a killed run still leaves its video.
  if (!file_->published()) {
    if (Status s = file_->Publish(); !s.ok()) {
      failed_ = s;
      return s;
    }
  }
  return Status::Ok();
}

Status VideoFileWriter::Fail() {
  if (!failed_.ok() || encoder_ == nullptr) return failed_;
  const ChildExit& exit = encoder_->Finish();
  std::string reason = "the ffmpeg encoder failed";
  if (exit.last_error_line.find("No space left on device") != std::string::npos) {
    reason = "no space left on device";
  } else if (!exit.last_error_line.empty()) {
    reason += ": " + exit.last_error_line;
  }
  failed_ = file_->Error(reason);
  // Keep what plays: the complete fragments.
  struct stat st {};
  const int64_t size = ::fstat(file_->fd(), &st) == 0 ? st.st_size : 0;
  const Mp4Prefix prefix = PlayableMp4Prefix(file_->fd(), size);
  if (prefix.fragments == 0 || !file_->Truncate(prefix.playable_bytes).ok()) {
    file_->Discard();
  }
  return failed_;
}

Status VideoFileWriter::Close() {
  if (encoder_ == nullptr) return failed_;
  if (failed_.ok() && encoder_->Finish().exit_code != 0) (void)Fail();
  encoder_.reset();
  if (!failed_.ok()) {
    (void)file_->Close();
    return failed_;
  }
  return file_->Close();
}

}  // namespace posenet
