#include "io/frame_times.h"

#include <cmath>
#include <functional>
#include <queue>
#include <vector>

extern "C" {
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
}

namespace posenet {
namespace {

constexpr size_t kReorderWindow = 32;

}  // namespace

struct FrameTimes::State {
  AVFormatContext* format = nullptr;
  AVPacket* packet = nullptr;
  int stream = -1;
  double time_base = 0;  // seconds per tick
  int64_t start = 0;     // the stream's start time, in ticks
  bool eof = false;
  std::priority_queue<int64_t, std::vector<int64_t>, std::greater<>> pending;

  ~State() {
    av_packet_free(&packet);
    avformat_close_input(&format);
  }

  // Reads packets until the window is full or the file ends.
  void Fill() {
    while (!eof && pending.size() < kReorderWindow) {
      if (av_read_frame(format, packet) < 0) {
        eof = true;
        break;
      }
      const bool ours = packet->stream_index == stream &&
                        (packet->flags & AV_PKT_FLAG_DISCARD) == 0 && packet->pts != AV_NOPTS_VALUE;
      if (ours) pending.push(packet->pts);
      av_packet_unref(packet);
    }
  }
};

std::unique_ptr<FrameTimes> FrameTimes::Open(const std::string& path) {
  auto state = std::make_unique<State>();
  if (avformat_open_input(&state->format, path.c_str(), nullptr, nullptr) < 0) return nullptr;
  if (avformat_find_stream_info(state->format, nullptr) < 0) return nullptr;
  state->stream = av_find_best_stream(state->format, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
  if (state->stream < 0) return nullptr;
  const AVStream* st = state->format->streams[state->stream];
  state->time_base = av_q2d(st->time_base);
  state->start = st->start_time != AV_NOPTS_VALUE ? st->start_time : 0;
  if (!(state->time_base > 0)) return nullptr;
  // Only the video stream's packets are needed; the demuxer skips the others' data.
  for (unsigned i = 0; i < state->format->nb_streams; ++i) {
    if (static_cast<int>(i) != state->stream) state->format->streams[i]->discard = AVDISCARD_ALL;
  }
  state->packet = av_packet_alloc();
  if (state->packet == nullptr) return nullptr;
  return std::unique_ptr<FrameTimes>(new FrameTimes(std::move(state)));
}

FrameTimes::FrameTimes(std::unique_ptr<State> state) : state_(std::move(state)) {}
FrameTimes::~FrameTimes() = default;

double FrameTimes::Next() {
  State& s = *state_;
  s.Fill();
  if (s.pending.empty()) return std::nan("");
  const int64_t pts = s.pending.top();
  s.pending.pop();
  return static_cast<double>(pts - s.start) * s.time_base * 1000.0;
}

}  // namespace posenet
