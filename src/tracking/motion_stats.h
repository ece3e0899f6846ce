// Jitter and lag of tracked keypoints, to judge smoothing (`posenet video --stats`, docs).
#pragma once

#include <cstdint>
#include <vector>

#include "posenet/pose.h"

namespace posenet {

struct MotionStats {
  // Mean of |x[t+1] - 2 x[t] + x[t-1]| (2-D norm, pixels per frame^2) over keypoints scored
  // >= min_score in all 3 frames, of the same id. Still or steadily moving points score 0;
  // frame-to-frame shake scores high.
  double mean_acceleration_px = 0;
  int64_t samples = 0;
};

// frames[i] = tracked poses of frame i (ids set; poses with id < 0 are ignored).
MotionStats MeasureJitter(const std::vector<std::vector<Pose>>& frames, float min_score);

// Lag of `smoothed` behind `raw` (the same detections and ids, smoothed or not), in frames:
// the shift s in [0, max_shift] minimizing the mean squared distance between smoothed[t] and
// raw[t - s], over whole shifts, refined to a fraction by the vertex of the parabola through
// the best shift and its neighbours (through 0, 1, 2 when the best is 0). The samples are the
// keypoints scored >= min_score in smoothed[t] and in raw[t - floor(max_shift) .. t] (same
// id): the same samples for every shift. NaN when there are none.
double MeasureLagFrames(const std::vector<std::vector<Pose>>& raw,
                        const std::vector<std::vector<Pose>>& smoothed, float min_score,
                        double max_shift = 5.0);

}  // namespace posenet
