// AnalyzePoses: people by id, their angles, repetitions and gait (posenet/analysis.h).
#include <algorithm>
#include <map>

#include "analysis/gait.h"
#include "analysis/repetition_counter.h"
#include "analysis/series_stats.h"
#include "posenet/analysis.h"

namespace posenet {
namespace {

constexpr std::array<std::string_view, 4> kExerciseNames = {"squat", "pushup", "jumping-jack",
                                                            "curl"};

// Every person's samples in frame order: id -> (frame, time, pose).
std::map<int, PersonAnalysis> SplitByPerson(const std::vector<PoseFrame>& frames) {
  std::map<int, PersonAnalysis> people;
  for (const PoseFrame& f : frames) {
    const Pose* untracked = nullptr;
    for (const Pose& p : f.poses) {
      if (p.id < 0) {
        if (untracked == nullptr || p.score > untracked->score) untracked = &p;
        continue;
      }
      PersonAnalysis& person = people[p.id];
      // One sample per frame and person: a repeated id in one frame keeps the first.
      if (!person.frames.empty() && person.frames.back() == f.index) continue;
      person.frames.push_back(f.index);
      person.times_ms.push_back(f.timestamp_ms);
      person.poses.push_back(p);
    }
    if (untracked != nullptr) {
      PersonAnalysis& person = people[-1];
      person.frames.push_back(f.index);
      person.times_ms.push_back(f.timestamp_ms);
      person.poses.push_back(*untracked);
    }
  }
  for (auto& [id, person] : people) person.id = id;
  return people;
}

// Degrees per second by central differences over valid neighbours (one-sided at gaps).
std::vector<float> Velocity(const std::vector<AngleSample>& a, const std::vector<double>& t) {
  std::vector<float> v(a.size(), 0.0f);
  for (size_t i = 0; i < a.size(); ++i) {
    if (!a[i].valid) continue;
    const size_t prev = i > 0 && a[i - 1].valid ? i - 1 : i;
    const size_t next = i + 1 < a.size() && a[i + 1].valid ? i + 1 : i;
    const double dt = (t[next] - t[prev]) / 1000.0;
    if (next != prev && dt > 0) v[i] = static_cast<float>((a[next].degrees - a[prev].degrees) / dt);
  }
  return v;
}

float RangeOfMotion(const std::vector<AngleSample>& a) {
  std::vector<double> values;
  for (const AngleSample& s : a) {
    if (s.valid) values.push_back(s.degrees);
  }
  return static_cast<float>(Percentile(values, 95) - Percentile(values, 5));
}

double MedianAngle(const std::vector<AngleSample>& a) {
  std::vector<double> values;
  for (const AngleSample& s : a) {
    if (s.valid) values.push_back(s.degrees);
  }
  return Percentile(values, 50);
}

// Auto: a body near horizontal is a push-up; otherwise the first of squat (knees), jumping jack
// (shoulders), curl (elbows) whose angle moves through at least its exercise's minimum range.
// Knees come first because arms often move along with a squat, never the other way round.
std::optional<Exercise> ChooseExercise(const PersonAnalysis& p) {
  const auto rom = [&](AngleId id) { return p.range_of_motion[static_cast<int>(id)]; };
  const auto moves = [&](Exercise e) {
    return rom(ExerciseAngle(e)) >= RuleFor(e).min_range_degrees;
  };
  if (MedianAngle(p.angles[static_cast<int>(AngleId::kTrunkLean)]) > 50 &&
      moves(Exercise::kPushUp)) {
    return Exercise::kPushUp;
  }
  for (Exercise e : {Exercise::kSquat, Exercise::kJumpingJack, Exercise::kCurl}) {
    if (moves(e)) return e;
  }
  return std::nullopt;
}

}  // namespace

std::string_view ExerciseName(Exercise e) { return kExerciseNames[static_cast<int>(e)]; }

std::optional<Exercise> ParseExercise(std::string_view name) {
  for (size_t i = 0; i < kExerciseNames.size(); ++i) {
    if (kExerciseNames[i] == name) return static_cast<Exercise>(i);
  }
  return std::nullopt;
}

AngleId ExerciseAngle(Exercise e) {
  switch (e) {
    case Exercise::kSquat:
      return AngleId::kKnees;
    case Exercise::kPushUp:
    case Exercise::kCurl:
      return AngleId::kElbows;
    case Exercise::kJumpingJack:
      return AngleId::kShoulders;
  }
  return AngleId::kKnees;
}

std::vector<PersonAnalysis> AnalyzePoses(const std::vector<PoseFrame>& frames,
                                         const AnalysisOptions& options) {
  std::vector<PersonAnalysis> result;
  for (auto& [id, person] : SplitByPerson(frames)) {
    if (static_cast<int>(person.frames.size()) < std::max(1, options.min_samples)) continue;
    for (int a = 0; a < kNumAngles; ++a) {
      auto& series = person.angles[a];
      for (const Pose& pose : person.poses) {
        series.push_back(MeasureAngle(pose, static_cast<AngleId>(a), options.min_keypoint_score));
      }
      person.velocity[a] = Velocity(series, person.times_ms);
      person.range_of_motion[a] = RangeOfMotion(series);
    }
    person.exercise = options.exercise ? options.exercise : ChooseExercise(person);
    if (person.exercise) {
      const RepetitionRule rule = RuleFor(*person.exercise);
      person.repetitions =
          CountRepetitions(person.angles[static_cast<int>(rule.angle)], person.times_ms, rule);
      person.complete_repetitions =
          static_cast<int>(std::count_if(person.repetitions.begin(), person.repetitions.end(),
                                         [](const Repetition& r) { return r.complete; }));
    }
    person.gait =
        AnalyzeGait(person.poses, person.times_ms, {options.min_keypoint_score, options.height_cm});
    result.push_back(std::move(person));
  }
  return result;
}

}  // namespace posenet
