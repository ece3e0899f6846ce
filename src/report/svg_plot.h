// One angle over time as an inline SVG line plot: gaps where the angle is not valid,
// repetitions shaded (partial ones hatched), gait events as thin vertical lines.
#pragma once

#include <string>
#include <vector>

#include "posenet/analysis.h"

namespace posenet {

struct PlotSeries {
  std::string title;                // shown above the plot
  std::vector<double> times_s;      // x
  std::vector<AngleSample> angles;  // y, degrees
  std::vector<Repetition> repetitions;
  std::vector<GaitStep> steps;
};

// An inline <svg> element for an HTML page (no XML prolog or namespace), `width` x `height` CSS
// pixels.
std::string AnglePlotSvg(const PlotSeries& series, int width = 720, int height = 180);

// Escapes &, <, >, " and ' for HTML text and attributes.
std::string HtmlEscape(const std::string& text);

}  // namespace posenet
