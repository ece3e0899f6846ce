#include "report/svg_plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace posenet {
namespace {

std::string Num(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.1f", v);
  return buffer;
}

// A "nice" tick step (1, 2 or 5 times a power of ten) giving about `count` ticks over `span`.
double TickStep(double span, int count) {
  const double raw = span / std::max(1, count);
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0}) {
    if (m * power >= raw) return m * power;
  }
  return 10 * power;
}

}  // namespace

std::string HtmlEscape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string AnglePlotSvg(const PlotSeries& s, int width, int height) {
  const double left = 44, right = 8, top = 22, bottom = 24;
  const double plot_w = width - left - right, plot_h = height - top - bottom;
  double t0 = s.times_s.empty() ? 0 : s.times_s.front();
  double t1 = s.times_s.empty() ? 1 : s.times_s.back();
  if (t1 <= t0) t1 = t0 + 1;
  double lo = 1e9, hi = -1e9;
  const size_t n = std::min(s.times_s.size(), s.angles.size());
  for (size_t i = 0; i < n; ++i) {
    if (!s.angles[i].valid) continue;
    lo = std::min<double>(lo, s.angles[i].degrees);
    hi = std::max<double>(hi, s.angles[i].degrees);
  }
  if (lo > hi) lo = 0, hi = 180;
  const double step = TickStep(std::max(hi - lo, 10.0), 4);
  lo = std::floor(lo / step) * step;
  hi = std::max(std::ceil(hi / step) * step, lo + step);
  auto x = [&](double t) { return left + (t - t0) / (t1 - t0) * plot_w; };
  auto y = [&](double d) { return top + (hi - d) / (hi - lo) * plot_h; };

  std::string svg = "<svg class=\"plot\" width=\"" + std::to_string(width) + "\" height=\"" +
                    std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(width) + " " +
                    std::to_string(height) + "\" role=\"img\" aria-label=\"" + HtmlEscape(s.title) +
                    "\">\n";
  svg +=
      "<text x=\"" + Num(left) + "\" y=\"14\" class=\"title\">" + HtmlEscape(s.title) + "</text>\n";
  for (const Repetition& r : s.repetitions) {
    const double xa = x(r.start_ms / 1000.0), xb = x(r.end_ms / 1000.0);
    svg += "<rect class=\"" + std::string(r.complete ? "rep" : "rep partial") + "\" x=\"" +
           Num(xa) + "\" y=\"" + Num(top) + "\" width=\"" + Num(std::max(xb - xa, 1.0)) +
           "\" height=\"" + Num(plot_h) + "\"/>\n";
    svg += "<line class=\"bottom\" x1=\"" + Num(x(r.bottom_ms / 1000.0)) + "\" x2=\"" +
           Num(x(r.bottom_ms / 1000.0)) + "\" y1=\"" + Num(top) + "\" y2=\"" + Num(top + plot_h) +
           "\"/>\n";
  }
  for (double d = lo; d <= hi + 1e-9; d += step) {
    svg += "<line class=\"grid\" x1=\"" + Num(left) + "\" x2=\"" + Num(left + plot_w) + "\" y1=\"" +
           Num(y(d)) + "\" y2=\"" + Num(y(d)) + "\"/><text class=\"tick\" x=\"" + Num(left - 4) +
           "\" y=\"" + Num(y(d) + 4) + "\" text-anchor=\"end\">" + Num(d) + "</text>\n";
  }
  const double tstep = TickStep(t1 - t0, 8);
  for (double t = std::ceil(t0 / tstep) * tstep; t <= t1 + 1e-9; t += tstep) {
    svg += "<text class=\"tick\" x=\"" + Num(x(t)) + "\" y=\"" + Num(height - 8.0) +
           "\" text-anchor=\"middle\">" + Num(t) + " s</text>\n";
  }
  for (const GaitStep& g : s.steps) {
    const double gx = x(g.time_ms / 1000.0);
    svg += "<line class=\"step " + std::string(g.left ? "left" : "right") + "\" x1=\"" + Num(gx) +
           "\" x2=\"" + Num(gx) + "\" y1=\"" + Num(top) + "\" y2=\"" + Num(top + plot_h) + "\"/>\n";
  }
  // The angle as polylines broken at the gaps.
  std::string points;
  int count = 0;
  auto flush = [&] {
    if (count == 1) {  // a lone sample between gaps: a dot, as a one-point line shows nothing
      const size_t comma = points.find(',');
      svg += "<circle class=\"dot\" cx=\"" + points.substr(0, comma) + "\" cy=\"" +
             points.substr(comma + 1) + "\" r=\"2\"/>\n";
    } else if (count > 1) {
      svg += "<polyline class=\"angle\" points=\"" + points + "\"/>\n";
    }
    points.clear();
    count = 0;
  };
  for (size_t i = 0; i < n; ++i) {
    if (!s.angles[i].valid) {
      flush();
      continue;
    }
    points +=
        (points.empty() ? "" : " ") + Num(x(s.times_s[i])) + "," + Num(y(s.angles[i].degrees));
    ++count;
  }
  flush();
  svg += "<rect class=\"frame\" x=\"" + Num(left) + "\" y=\"" + Num(top) + "\" width=\"" +
         Num(plot_w) + "\" height=\"" + Num(plot_h) + "\"/>\n</svg>\n";
  return svg;
}

}  // namespace posenet
