// Extras drawn over a video frame or a key frame: text labels (a pose's id and score above it,
// the live repetition count and angle next to the joint, the inference-time caption) and
// thumbnails of one person with their skeleton.
#pragma once

#include <string>
#include <vector>

#include "draw/skeleton_drawer.h"
#include "image/image.h"
#include "posenet/pose.h"

namespace posenet {

// `text` (ASCII) at (x, y) picture pixels (its top-left corner), in white on a box of `color`;
// kept inside the picture. The text grows with the picture as the skeleton's lines do.
void DrawLabel(Image& image, float x, float y, const std::string& text, Rgb color);

// "id 3  0.84" (id only when tracked), what DrawPoseLabels writes above a pose.
std::string PoseLabel(const Pose& pose);

// PoseLabel of each pose with DrawLabel in the pose's DrawPoses colour, just above its highest
// keypoint scoring >= threshold, from its leftmost one. Draw them after the skeletons, so no
// skeleton covers a label.
void DrawPoseLabels(Image& image, const std::vector<Pose>& poses, float threshold);

// The part of `frame` around `pose` (its keypoints' box with a margin), with the skeleton drawn,
// scaled to `height` pixels high. Empty when the pose has no finite keypoint on the picture.
Image PoseThumbnail(const ImageView& frame, const Pose& pose, int height,
                    const DrawOptions& options = {});

}  // namespace posenet
