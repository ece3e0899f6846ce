#include "analysis/gait.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "analysis/series_stats.h"

namespace posenet {
namespace {

constexpr double kShortestStepS = 0.25, kLongestStepS = 2.0;

struct AnkleSample {
  int index;  // into the person's samples
  double t_ms;
  double lx, ly, rx, ry;
};

bool Usable(const Keypoint& k, float min_score) {
  return k.score >= min_score && std::isfinite(k.x) && std::isfinite(k.y);
}

// The median hip-to-ankle distance: the person's size in pixels, which scales the thresholds.
double LegLength(const std::vector<Pose>& poses, float min_score) {
  std::vector<double> lengths;
  for (const Pose& p : poses) {
    for (auto [hip, ankle] : {std::pair{kLeftHip, kLeftAnkle}, std::pair{kRightHip, kRightAnkle}}) {
      const Keypoint &h = p.keypoints[hip], &a = p.keypoints[ankle];
      if (Usable(h, min_score) && Usable(a, min_score)) {
        lengths.push_back(std::hypot(a.x - h.x, a.y - h.y));
      }
    }
  }
  return Percentile(lengths, 50);
}

// The person's height in pixels: eyes to ankles is about 0.89 of the stature.
double StaturePixels(const std::vector<Pose>& poses, float min_score) {
  std::vector<double> heights;
  for (const Pose& p : poses) {
    const auto& k = p.keypoints;
    if (!Usable(k[kLeftEye], min_score) || !Usable(k[kRightEye], min_score) ||
        !Usable(k[kLeftAnkle], min_score) || !Usable(k[kRightAnkle], min_score)) {
      continue;
    }
    const double eyes = (k[kLeftEye].y + k[kRightEye].y) / 2;
    const double ankles = (k[kLeftAnkle].y + k[kRightAnkle].y) / 2;
    heights.push_back((ankles - eyes) / 0.89);
  }
  return Percentile(heights, 50);
}

// Each coordinate through a median of three neighbouring samples (removes one-frame glitches).
std::vector<AnkleSample> Median3(const std::vector<AnkleSample>& in) {
  std::vector<AnkleSample> out = in;
  auto median = [](double a, double b, double c) {
    return std::max(std::min(a, b), std::min(std::max(a, b), c));
  };
  for (size_t i = 1; i + 1 < in.size(); ++i) {
    out[i].lx = median(in[i - 1].lx, in[i].lx, in[i + 1].lx);
    out[i].ly = median(in[i - 1].ly, in[i].ly, in[i + 1].ly);
    out[i].rx = median(in[i - 1].rx, in[i].rx, in[i + 1].rx);
    out[i].ry = median(in[i - 1].ry, in[i].ry, in[i + 1].ry);
  }
  return out;
}

// The time at which `s` last crosses `level` going towards s[to], searching back from `to`
// to `from`, interpolated between the two samples around it; nullopt when it does not.
std::optional<double> LastCrossing(const std::vector<double>& s, const std::vector<double>& t,
                                   size_t from, size_t to, double level) {
  const double direction = s[to] - level;
  for (size_t j = to; j > from; --j) {
    if ((s[j] - level) * direction >= 0 && (s[j - 1] - level) * direction < 0) {
      return t[j - 1] + (level - s[j - 1]) / (s[j] - s[j - 1]) * (t[j] - t[j - 1]);
    }
  }
  return std::nullopt;
}

// Extremes of `s` that swing by at least `h` from the one before: alternately maxima and
// minima (indices into s).
std::vector<size_t> AlternatingExtremes(const std::vector<double>& s, const std::vector<double>& t,
                                        double h) {
  std::vector<size_t> extremes;
  if (s.empty()) return extremes;
  int looking = 0;  // +1: for a maximum, -1: for a minimum, 0: not yet known
  size_t hi = 0, lo = 0, cand = 0;
  for (size_t i = 1; i < s.size(); ++i) {
    if (looking == 0) {
      if (s[i] > s[hi]) hi = i;
      if (s[i] < s[lo]) lo = i;
      // The first turn: an extreme only if the signal came to it from the other side (the
      // recording may start anywhere in a swing).
      if (s[i] < s[hi] - h) {
        if (s[hi] - *std::min_element(s.begin(), s.begin() + hi + 1) > h) extremes.push_back(hi);
        looking = -1;
        cand = i;
      } else if (s[i] > s[lo] + h) {
        if (*std::max_element(s.begin(), s.begin() + lo + 1) - s[lo] > h) extremes.push_back(lo);
        looking = +1;
        cand = i;
      }
      continue;
    }
    if ((looking > 0 && s[i] >= s[cand]) || (looking < 0 && s[i] <= s[cand])) {
      cand = i;
    } else if (std::fabs(s[i] - s[cand]) > h) {
      extremes.push_back(cand);
      looking = -looking;
      cand = i;
    }
  }
  // The last extreme has no reversal after it: it counts when the feet then stayed near it a
  // while (the walk ended or the video did), not when the video stops mid-swing.
  if (looking != 0 && !extremes.empty()) {
    const double swing = s[cand] - s[extremes.back()];
    size_t settled = cand;
    for (size_t j = extremes.back(); j <= cand; ++j) {
      if (std::fabs(s[cand] - s[j]) <= 0.1 * std::fabs(swing)) {
        settled = j;
        break;
      }
    }
    if (std::fabs(swing) > h && t.back() - t[settled] >= 100.0) extremes.push_back(cand);
  }
  return extremes;
}

}  // namespace

Gait AnalyzeGait(const std::vector<Pose>& poses, const std::vector<double>& times_ms,
                 const GaitOptions& options) {
  Gait gait;
  const float min_score = options.min_keypoint_score;
  const double leg = LegLength(poses, min_score);
  if (leg <= 0) return gait;
  // Samples with both ankles seen and apart: two ankles on one spot are a decoder that put both
  // legs on one (a known failure), not a real posture.
  std::vector<AnkleSample> raw;
  for (size_t i = 0; i < poses.size() && i < times_ms.size(); ++i) {
    const Keypoint &l = poses[i].keypoints[kLeftAnkle], &r = poses[i].keypoints[kRightAnkle];
    if (!Usable(l, min_score) || !Usable(r, min_score)) continue;
    if (std::hypot(l.x - r.x, l.y - r.y) < 0.05 * leg) continue;
    raw.push_back({static_cast<int>(i), times_ms[i], l.x, l.y, r.x, r.y});
  }
  if (raw.size() < 8) return gait;
  const std::vector<AnkleSample> a = Median3(raw);

  // The axis along which the left-minus-right ankle vector varies most: the walking direction
  // in a side view, the picture's vertical in a front view.
  double mx = 0, my = 0;
  for (const AnkleSample& p : a) {
    mx += p.lx - p.rx;
    my += p.ly - p.ry;
  }
  mx /= a.size();
  my /= a.size();
  double sxx = 0, syy = 0, sxy = 0;
  for (const AnkleSample& p : a) {
    const double dx = p.lx - p.rx - mx, dy = p.ly - p.ry - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  const double angle = 0.5 * std::atan2(2 * sxy, sxx - syy);
  double ux = std::cos(angle), uy = std::sin(angle);
  // Orient the axis along the walk (the ankles' midpoint moves forward), so that a maximum of
  // the projection is the left foot in front.
  const double walk = ((a.back().lx + a.back().rx) - (a.front().lx + a.front().rx)) * ux +
                      ((a.back().ly + a.back().ry) - (a.front().ly + a.front().ry)) * uy;
  if (walk < 0) {
    ux = -ux;
    uy = -uy;
  }
  std::vector<double> s(a.size()), t(a.size());
  for (size_t i = 0; i < a.size(); ++i) {
    s[i] = (a[i].lx - a[i].rx) * ux + (a[i].ly - a[i].ry) * uy;
    t[i] = a[i].t_ms;
  }
  const double h = std::max(0.3 * (Percentile(s, 95) - Percentile(s, 5)), 0.15 * leg);
  const std::vector<size_t> extremes = AlternatingExtremes(s, t, h);
  if (extremes.size() < 4) return gait;

  // A heel strike ends a swing: the separation then stays put through double support, so the
  // extreme itself falls anywhere on that plateau and the foot slows down smoothly before it.
  // Each swing's crossings of 10 % and 90 % of the way are on its steep part, where noise moves
  // them least; the strike is extrapolated from them as for a raised-cosine swing, whose last
  // 20.5 % of the time covers its last 10 % of the way: strike = t90 + 0.3475 (t90 - t10).
  constexpr double kTail = 0.20483 / (1 - 2 * 0.20483);  // (1 - u90) / (u90 - u10)
  std::vector<double> spans(extremes.size(), -1), t90(extremes.size(), -1);
  for (size_t e = 1; e < extremes.size(); ++e) {
    const size_t from = extremes[e - 1], to = extremes[e];
    const double swing = s[to] - s[from];
    const auto hi = LastCrossing(s, t, from, to, s[to] - 0.1 * swing);
    const auto lo = LastCrossing(s, t, from, to, s[from] + 0.1 * swing);
    if (hi) t90[e] = *hi;
    if (hi && lo && *hi >= *lo) spans[e] = *hi - *lo;
  }
  std::vector<double> known;
  for (double span : spans) {
    if (span >= 0) known.push_back(span);
  }
  const double usual_span = Percentile(known, 50);
  std::vector<double> step_lengths;
  for (size_t e = 0; e < extremes.size(); ++e) {
    const size_t c = extremes[e];
    double strike_ms = t[c];
    if (e == 0) {  // the recording may start inside this swing: its 90 % crossing, if seen
      const double swing = s[c] - s[extremes[1]];
      if (auto hi = LastCrossing(s, t, 0, c, s[c] - 0.1 * swing)) {
        strike_ms = *hi + kTail * usual_span;
      }
    } else if (t90[e] >= 0) {
      strike_ms = t90[e] + kTail * (spans[e] >= 0 ? spans[e] : usual_span);
    }
    strike_ms = std::min(strike_ms, t[c]);
    size_t nearest = c;
    while (nearest > 0 && t[nearest - 1] >= strike_ms) --nearest;
    if (e > 0) step_lengths.push_back(std::fabs(s[c] - s[extremes[e - 1]]) / 2);
    gait.steps.push_back({a[nearest].index, strike_ms, s[c] > 0});
  }

  // Step times while walking: an interval much longer than the usual one spans a stop.
  std::vector<double> intervals;
  for (size_t i = 1; i < gait.steps.size(); ++i) {
    intervals.push_back((gait.steps[i].time_ms - gait.steps[i - 1].time_ms) / 1000.0);
  }
  // Steps of walking last 0.25-2 s (30-240 steps a minute); slower alternations are a stop,
  // or not walking at all (legs swapped by the decoder while someone stands).
  const double usual = Percentile(intervals, 50);
  const double longest = std::min(1.5 * usual, kLongestStepS);
  std::vector<double> walking, left, right, walking_lengths;
  for (size_t i = 0; i < intervals.size(); ++i) {
    if (intervals[i] > longest || intervals[i] < kShortestStepS) continue;
    walking.push_back(intervals[i]);
    walking_lengths.push_back(step_lengths[i]);
    (gait.steps[i + 1].left ? left : right).push_back(intervals[i]);
  }
  std::vector<double> strides;
  for (size_t i = 2; i < gait.steps.size(); ++i) {
    if (intervals[i - 2] > longest || intervals[i - 1] > longest) continue;
    strides.push_back((gait.steps[i].time_ms - gait.steps[i - 2].time_ms) / 1000.0);
  }
  if (walking.size() < 3) return Gait{};  // no walking
  const double step_time = Mean(walking);
  gait.cadence_spm = 60.0 / step_time;
  gait.step_time_s = Percentile(walking, 50);
  gait.left_step_time_s = Mean(left);
  gait.right_step_time_s = Mean(right);
  if (gait.left_step_time_s > 0 && gait.right_step_time_s > 0) {
    gait.symmetry = std::min(gait.left_step_time_s, gait.right_step_time_s) /
                    std::max(gait.left_step_time_s, gait.right_step_time_s);
  }
  const double stride_mean = Mean(strides);
  gait.stride_time_cv = stride_mean > 0 ? StandardDeviation(strides) / stride_mean : 0;
  gait.speed_px_s = Mean(walking_lengths) / step_time;
  const double stature = StaturePixels(poses, min_score);
  if (options.height_cm > 0 && stature > 0) {
    gait.speed_m_s = gait.speed_px_s * options.height_cm / 100.0 / stature;
  }
  return gait;
}

}  // namespace posenet
