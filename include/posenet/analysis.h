// Movement analysis of tracked poses: joint angles, repetitions of exercises, gait (steps,
// cadence, symmetry). Pure functions of poses and time: no pictures, no files.
//
// Angles are of the 2-D picture (docs/analysis.md says what that means for camera placement).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "posenet/export.h"
#include "posenet/pose.h"

namespace posenet {

// One frame of tracked poses (what `posenet video --jsonl` writes per line).
struct PoseFrame {
  int64_t index = 0;
  double timestamp_ms = 0;
  std::vector<Pose> poses;  // ids >= 0 when tracked
};

// The measured angles, in degrees. Flexions are 0 for a straight limb and grow as it bends
// (180 minus the angle between the two segments); shoulder abduction is the angle between
// the upper arm and the trunk (0: arm hanging, 90: horizontal, 180: overhead); trunk lean is
// the angle between the hips-to-shoulders line and the picture's vertical.
enum class AngleId : int {
  kLeftKnee = 0,
  kRightKnee,
  kLeftHip,
  kRightHip,
  kLeftElbow,
  kRightElbow,
  kLeftShoulder,
  kRightShoulder,
  kTrunkLean,
  kKnees,   // both knees: the mean of the sides that are valid (robust to a lost leg)
  kElbows,  // both elbows, likewise
  kShoulders,
};
inline constexpr int kNumAngles = 12;

// "left_knee_flexion", ..., "knees_flexion"; "" out of range.
POSENET_API std::string_view AngleName(AngleId id);

struct AngleSample {
  float degrees = 0;
  float confidence = 0;  // the least score of the keypoints it is made from
  bool valid = false;    // false: a gap (a keypoint below AnalysisOptions::min_keypoint_score)
};

// The angle at `vertex` between the segments to `a` and `b`, in [0, 180] degrees; nullopt when
// a segment has no length or a coordinate is not finite.
POSENET_API std::optional<float> AngleBetween(const Keypoint& a, const Keypoint& vertex,
                                              const Keypoint& b);

// One angle of one pose; invalid when a keypoint it needs scores below `min_score`.
POSENET_API AngleSample MeasureAngle(const Pose& pose, AngleId id, float min_score);

enum class Exercise { kSquat, kPushUp, kJumpingJack, kCurl };
POSENET_API std::string_view ExerciseName(Exercise e);  // "squat", "pushup", "jumping-jack", "curl"
POSENET_API std::optional<Exercise> ParseExercise(std::string_view name);
// The angle an exercise is counted on: knees, elbows, shoulders, elbows.
POSENET_API AngleId ExerciseAngle(Exercise e);

struct Repetition {
  int start = 0, bottom = 0, end = 0;  // sample indices into PersonAnalysis::frames
  double start_ms = 0, bottom_ms = 0, end_ms = 0;
  float depth_degrees = 0;  // the angle at the bottom (the extreme of the movement)
  double duration_s = 0;    // end - start; for a partial repetition, up to the last sample
  bool complete = true;     // false: the movement had not come back when the video ended
};

struct GaitStep {
  int sample = 0;  // index into PersonAnalysis::frames
  double time_ms = 0;
  bool left = false;  // the foot that struck (left ankle in front)
};

struct Gait {
  std::vector<GaitStep> steps;  // heel strikes in time order
  double cadence_spm = 0;       // steps per minute while walking (stops excluded)
  double step_time_s = 0;       // median time between consecutive steps while walking
  double left_step_time_s = 0, right_step_time_s = 0;  // means, by the foot that ends the step
  double symmetry = 0;        // min(left, right) / max(left, right) step time: 1 is symmetric
  double stride_time_cv = 0;  // stride (same foot to same foot) time variability: sd / mean
  double speed_px_s = 0;      // step length x cadence, in picture pixels
  double speed_m_s = 0;       // when AnalysisOptions::height_cm > 0; 0 otherwise
};

struct PersonAnalysis {
  int id = -1;
  std::vector<int64_t> frames;  // frame index of each sample
  std::vector<double> times_ms;
  std::vector<Pose> poses;
  // angles[a][i]: angle a at sample i; velocity in degrees per second (0 where not valid).
  std::array<std::vector<AngleSample>, kNumAngles> angles;
  std::array<std::vector<float>, kNumAngles> velocity;
  std::array<float, kNumAngles> range_of_motion{};  // 95th - 5th percentile of valid samples
  std::optional<Exercise> exercise;                 // what was counted (chosen when auto)
  std::vector<Repetition> repetitions;              // complete ones, then a partial one
  int complete_repetitions = 0;
  Gait gait;
};

struct AnalysisOptions {
  float min_keypoint_score = 0.3f;   // keypoints below leave a gap in the angles using them
  std::optional<Exercise> exercise;  // nullopt: auto (the angle that varies most periodically)
  double height_cm = 0;              // the person's height, for gait speed in metres
  int min_samples = 2;               // people seen in fewer frames are left out
};

// Analyzes every person (by id; untracked poses, id -1, are taken as one person, the best-scoring
// pose of each frame). People come out in order of id.
POSENET_API std::vector<PersonAnalysis> AnalyzePoses(const std::vector<PoseFrame>& frames,
                                                     const AnalysisOptions& options = {});

}  // namespace posenet
