// Poses in OpenPose's JSON output format (version 1.3), in one of OpenPose's own body layouts,
// so tools written for OpenPose read them:
//   {"version":1.3,"people":[{"person_id":[id],"pose_keypoints_2d":[x,y,c, ...],
//     "face_keypoints_2d":[],"hand_left_keypoints_2d":[],"hand_right_keypoints_2d":[],
//     "pose_keypoints_3d":[],"face_keypoints_3d":[],"hand_left_keypoints_3d":[],
//     "hand_right_keypoints_3d":[]}]}
// BODY_25 (OpenPose's default; 25 parts): Nose, Neck, RShoulder, RElbow, RWrist, LShoulder,
//   LElbow, LWrist, MidHip, RHip, RKnee, RAnkle, LHip, LKnee, LAnkle, REye, LEye, REar, LEar,
//   LBigToe, LSmallToe, LHeel, RBigToe, RSmallToe, RHeel.
// COCO_18 (18 parts): Nose, Neck, RShoulder, RElbow, RWrist, LShoulder, LElbow, LWrist, RHip,
//   RKnee, RAnkle, LHip, LKnee, LAnkle, REye, LEye, REar, LEar.
// Neck is the midpoint of the shoulders and MidHip of the hips (confidence: the lower of the
// two); parts PoseNet has no keypoint for (the feet) are 0,0,0, as OpenPose writes parts it
// did not find; face, hands and 3-D are empty. person_id is the track id, -1 when untracked
// (OpenPose itself always writes -1).
// Files: <stem>_<frame, 12 digits>_keypoints.json per video frame and <stem>_keypoints.json
// per picture, as OpenPose names them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "posenet/pose.h"

namespace posenet {

enum class OpenPoseLayout { kBody25, kCoco18 };

// The document, one line, ending with a newline.
std::string PosesToOpenPoseJson(const std::vector<Pose>& poses,
                                OpenPoseLayout layout = OpenPoseLayout::kBody25);

// "<folder>/<stem>_000000000042_keypoints.json" for frame 42.
std::string OpenPoseFramePath(const std::string& folder, const std::string& stem, int64_t frame);
// "<folder>/<picture's stem>_keypoints.json".
std::string OpenPosePicturePath(const std::string& folder, const std::string& picture);

// Writes one document atomically to `path` ("-": a line on stdout). Errors: "<file>: cannot
// write JSON: ...".
Status WriteOpenPoseFile(const std::string& path, const std::vector<Pose>& poses,
                         OpenPoseLayout layout);

}  // namespace posenet
