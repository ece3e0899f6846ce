// Drawing poses over an Image: the public drawing (posenet/draw.h) on the tool's own pictures.
#pragma once

#include <vector>

#include "image/image.h"
#include "posenet/draw.h"

namespace posenet {

// DrawPose / DrawPoses of posenet/draw.h on a whole Image (always a valid canvas).
void DrawPose(Image& image, const Pose& pose, Rgb color, const DrawOptions& options = {});
void DrawPoses(Image& image, const std::vector<Pose>& poses, const DrawOptions& options = {});

}  // namespace posenet
