#include "progress_line.h"

#include <cmath>
#include <cstdio>

#include "base/printable.h"

namespace posenet::cli {

std::string FormatDuration(double seconds) {
  const long long s = std::llround(std::max(0.0, seconds));
  char buf[64];
  if (s < 60) {
    std::snprintf(buf, sizeof(buf), "%lld s", s);
  } else if (s < 3600) {
    std::snprintf(buf, sizeof(buf), "%lld min %lld s", s / 60, s % 60);
  } else {
    std::snprintf(buf, sizeof(buf), "%lld h %lld min", s / 3600, (s % 3600) / 60);
  }
  return buf;
}

void ProgressLine::Update(const PipelineProgress& p) {
  if (!enabled_) return;
  const bool last = p.frames_total >= 0 && p.frames_done >= p.frames_total;
  if (!last && last_seconds_ >= 0 && p.seconds - last_seconds_ < 0.25) return;
  last_seconds_ = p.seconds;
  const double rate = p.seconds > 0 ? static_cast<double>(p.frames_done) / p.seconds : 0;
  std::string line = EscapeNonPrintable(name_) + ": " + std::to_string(p.frames_done);
  if (p.frames_total >= 0) line += "/" + std::to_string(p.frames_total);
  char buf[96];
  std::snprintf(buf, sizeof(buf), " %s, %.1f %s/s", unit_.c_str(), rate, unit_.c_str());
  line += buf;
  if (p.frames_total >= 0 && rate > 0) {
    line +=
        ", " + FormatDuration(static_cast<double>(p.frames_total - p.frames_done) / rate) + " left";
  }
  std::fprintf(stderr, "\r%s\033[K", line.c_str());
  std::fflush(stderr);
  shown_ = true;
}

void ProgressLine::Finish() {
  if (shown_) std::fprintf(stderr, "\n");
  shown_ = false;
}

}  // namespace posenet::cli
