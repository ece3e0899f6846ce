/* posenet.cpp's C API (C99): poses from pictures in memory, ids and smoothing across frames, and
 * skeletons drawn on pictures, for C programs and for other languages' foreign function
 * interfaces (Go, Rust, C#, Unity, ...). docs/c-api.md has a complete example.
 *
 *   posenet_model* model;
 *   posenet_estimator* estimator;
 *   posenet_pose poses[10];
 *   size_t count;
 *   if (posenet_model_load("model.tflite", &model) != POSENET_OK ||
 *       posenet_estimator_create(model, NULL, &estimator) != POSENET_OK ||
 *       posenet_estimate(estimator, rgb, width, height, width * 3, POSENET_PIXEL_RGB,
 *                        poses, 10, &count) != POSENET_OK) {
 *     fprintf(stderr, "%s\n", posenet_last_error());
 *   }
 *
 * Conventions:
 *  - Every function that can fail returns a posenet_status; POSENET_OK (0) is success.
 *    posenet_last_error() then gives the message of the last such call on the calling thread
 *    ("" after a success), one line: "<file>: cannot <verb> <thing>: <reason>". No C++ exception
 *    crosses this API.
 *  - Handles are opaque and created by *_create / *_load into an out-parameter, which is left
 *    unchanged on failure. Free them with the matching *_free (NULL is accepted). A model may be
 *    shared by estimators on several threads and freed before them (they keep it alive); an
 *    estimator or tracker is used by one thread at a time.
 *  - Buffers are the caller's: pictures are read (or drawn on) during the call only, and results
 *    are written into arrays the caller provides with their capacity. Nothing this API returns
 *    needs to be freed except handles.
 *  - Booleans are int32_t (0 false, anything else true); sizes are int32_t pixels and size_t
 *    bytes; coordinates are float pixels of the picture unless model_space is set.
 */
#ifndef POSENET_POSENET_C_H_
#define POSENET_POSENET_C_H_

#include <stddef.h>
#include <stdint.h>

#include "posenet/export.h"
#include "posenet/version.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum posenet_status {
  POSENET_OK = 0,
  POSENET_ERROR_ARGUMENT = 1, /* a NULL pointer, an unknown enum value, a bad size or stride */
  POSENET_ERROR_MODEL = 2,    /* the model cannot be read, or is not one posenet can run */
  POSENET_ERROR_FAILED = 3,   /* the request was refused: options the model cannot take, a picture
                                 too small, ...; the message says why */
  POSENET_ERROR_MEMORY = 4,   /* out of memory */
  POSENET_ERROR_INTERNAL = 5  /* a bug in posenet; the message says where */
} posenet_status;

/* The message of the last status-returning call on this thread; "" when it succeeded. Valid until
 * the next call on this thread. */
POSENET_API const char* posenet_last_error(void);
/* "ok", "invalid argument", "bad model", "failed", "out of memory", "internal error";
 * "unknown status" for other values. */
POSENET_API const char* posenet_status_name(posenet_status status);
/* The version of the linked library, e.g. "0.1.0" (POSENET_VERSION is the headers'). */
POSENET_API const char* posenet_version(void);

/* ---- Keypoints and poses ---- */

#define POSENET_NUM_KEYPOINTS 17
#define POSENET_NUM_EDGES 16

/* Keypoint ids, in PoseNet's (and COCO's) order. */
enum {
  POSENET_NOSE = 0,
  POSENET_LEFT_EYE,
  POSENET_RIGHT_EYE,
  POSENET_LEFT_EAR,
  POSENET_RIGHT_EAR,
  POSENET_LEFT_SHOULDER,
  POSENET_RIGHT_SHOULDER,
  POSENET_LEFT_ELBOW,
  POSENET_RIGHT_ELBOW,
  POSENET_LEFT_WRIST,
  POSENET_RIGHT_WRIST,
  POSENET_LEFT_HIP,
  POSENET_RIGHT_HIP,
  POSENET_LEFT_KNEE,
  POSENET_RIGHT_KNEE,
  POSENET_LEFT_ANKLE,
  POSENET_RIGHT_ANKLE
};

/* "nose", "left_eye", ... "right_ankle" (as in the JSON output); NULL for an id out of range. */
POSENET_API const char* posenet_keypoint_name(int32_t id);
/* Edge `index` (0-15) of the pose graph as two keypoint ids; POSENET_ERROR_ARGUMENT when out of
 * range. */
POSENET_API posenet_status posenet_pose_edge(int32_t index, int32_t* parent, int32_t* child);

typedef struct posenet_keypoint {
  float x, y;  /* pixels */
  float score; /* confidence in [0, 1] */
} posenet_keypoint;

typedef struct posenet_box {
  float x0, y0, x1, y1; /* tight box around the keypoints */
} posenet_box;

typedef struct posenet_pose {
  float score; /* pose confidence in [0, 1] */
  posenet_keypoint keypoints[POSENET_NUM_KEYPOINTS];
  posenet_box box;
  int32_t id; /* person id across frames when tracked; -1 otherwise */
} posenet_pose;

/* ---- Models ---- */

typedef struct posenet_model posenet_model;

/* Reads and verifies a .tflite model file. */
POSENET_API posenet_status posenet_model_load(const char* path, posenet_model** model);
/* The same from `size` bytes at `data` (copied; the caller's buffer may go right after the
 * call). `name` stands for the path in messages (NULL: "<memory>"). */
POSENET_API posenet_status posenet_model_load_memory(const void* data, size_t size,
                                                     const char* name, posenet_model** model);
POSENET_API void posenet_model_free(posenet_model* model);
/* The input size stored in the model file. */
POSENET_API posenet_status posenet_model_input_size(const posenet_model* model, int32_t* height,
                                                    int32_t* width);

/* ---- Estimators ---- */

typedef enum posenet_decoder {
  POSENET_DECODER_AUTO = 0, /* Coral's for models with a PosenetDecoderOp, else TF.js multi-pose */
  POSENET_DECODER_SINGLE = 1, /* TF.js single pose */
  POSENET_DECODER_TFJS = 2,   /* TF.js multi-pose */
  POSENET_DECODER_CORAL = 3   /* Coral's PosenetDecoderOp semantics */
} posenet_decoder;

/* Estimator options; fill with posenet_estimator_options_default() and change what you need. */
typedef struct posenet_estimator_options {
  int32_t threads;      /* inference threads including the caller (1-256); default 1 */
  int32_t input_height; /* model input size; 0 (default): the model file's own */
  int32_t input_width;
  int32_t output_stride; /* 0 (default): the model's own; otherwise 8, 16 or 32 */
  int32_t pad_to_aspect; /* true (default): keep the aspect with black borders; false: stretch */
  int32_t nearest;       /* true: PIL-exact nearest resize; false (default): bilinear */
  float input_mean;      /* float models take (p - mean) / std; default 127.5 and 127.5 */
  float input_std;
  int32_t decoder;       /* a posenet_decoder; default POSENET_DECODER_AUTO */
  int32_t max_poses;     /* negative (default): the decoder's own (TF.js 5, Coral the model's) */
  float score_threshold; /* negative (default): the decoder's own */
  float nms_radius;      /* model input pixels; negative (default): the decoder's own */
  int32_t legacy_edge_channels; /* Coral's shipped backward-edge channel quirk; default true */
  int32_t flip_horizontal;      /* mirror x (x' = width - 1 - x); default false */
  int32_t model_space; /* true: keypoints in model input pixels; false (default): picture pixels */
} posenet_estimator_options;

POSENET_API posenet_estimator_options posenet_estimator_options_default(void);

typedef struct posenet_estimator posenet_estimator;

/* An estimator of `model` (options NULL: the defaults). */
POSENET_API posenet_status posenet_estimator_create(const posenet_model* model,
                                                    const posenet_estimator_options* options,
                                                    posenet_estimator** estimator);
POSENET_API void posenet_estimator_free(posenet_estimator* estimator);
/* The model input size this estimator runs at, and its output stride. */
POSENET_API posenet_status posenet_estimator_input_size(const posenet_estimator* estimator,
                                                        int32_t* height, int32_t* width);
POSENET_API posenet_status posenet_estimator_output_stride(const posenet_estimator* estimator,
                                                           int32_t* stride);
/* The time of the last posenet_estimate's network run, in milliseconds. */
POSENET_API posenet_status posenet_estimator_last_inference_ms(const posenet_estimator* estimator,
                                                               double* ms);

typedef enum posenet_pixel_format {
  POSENET_PIXEL_RGB = 0,  /* 3 bytes per pixel: red, green, blue */
  POSENET_PIXEL_BGR = 1,  /* 3 bytes: blue, green, red (OpenCV's order) */
  POSENET_PIXEL_RGBA = 2, /* 4 bytes: red, green, blue, alpha (alpha is not read) */
  POSENET_PIXEL_BGRA = 3  /* 4 bytes: blue, green, red, alpha */
} posenet_pixel_format;

/* People in a picture of width x height pixels, rows `stride` bytes apart (>= width x bytes per
 * pixel), pixels in `format` (a posenet_pixel_format). The picture is read during the call only.
 * The poses, best first, are written to poses[0 .. min(found, capacity) - 1]; *count receives
 * how many were found, which may exceed `capacity` (then only the best `capacity` are written).
 * `poses` may be NULL when capacity is 0. Pictures smaller than 16 pixels on a side are refused. */
POSENET_API posenet_status posenet_estimate(posenet_estimator* estimator, const uint8_t* pixels,
                                            int32_t width, int32_t height, size_t stride,
                                            int32_t format, posenet_pose* poses, size_t capacity,
                                            size_t* count);

/* ---- Tracking: ids across frames and One Euro smoothing (docs/tracking.md) ---- */

typedef enum posenet_similarity {
  POSENET_SIMILARITY_OKS = 0,    /* COCO object keypoint similarity */
  POSENET_SIMILARITY_BOX_IOU = 1 /* intersection over union of the boxes */
} posenet_similarity;

/* Tracker options; fill with posenet_tracker_options_default(). */
typedef struct posenet_tracker_options {
  int32_t similarity;       /* a posenet_similarity; default OKS */
  float min_similarity;     /* pairs less similar never match, in [0, 1]; default 0.2 */
  int32_t max_tracks;       /* live tracks at most (>= 1); default 16 */
  int32_t max_age_frames;   /* frames a track survives unmatched (>= 0); default 10 */
  float min_keypoint_score; /* keypoints below are left out of OKS; default 0.3 */
  int32_t smoothing;        /* One Euro smoothing of keypoints; default true */
  double min_cutoff;        /* One Euro: Hz (> 0); default 1.0 */
  double beta;              /* One Euro: speed coefficient (>= 0); default 0.02 */
  double d_cutoff;          /* One Euro: Hz (> 0); default 1.0 */
  int32_t min_hits;         /* consecutive matched frames before a track gets an id (>= 1); 4 */
  int32_t drop_unconfirmed; /* leave poses of unconfirmed tracks out; default true */
} posenet_tracker_options;

POSENET_API posenet_tracker_options posenet_tracker_options_default(void);

typedef struct posenet_tracker posenet_tracker;

/* A tracker for one stream of frames (options NULL: the defaults). */
POSENET_API posenet_status posenet_tracker_create(const posenet_tracker_options* options,
                                                  posenet_tracker** tracker);
POSENET_API void posenet_tracker_free(posenet_tracker* tracker);
/* Gives this frame's `count` poses their ids and, with smoothing, smoothed keypoints, in place
 * and in their order: the first *kept entries of `poses` are the tracked poses (today all
 * `count`; a tracker that holds back unconfirmed people may keep fewer). `t_seconds` is the
 * frame's time: finite and not before the previous frame's. On an error the poses and the
 * tracker are unchanged. */
POSENET_API posenet_status posenet_tracker_update(posenet_tracker* tracker, double t_seconds,
                                                  posenet_pose* poses, size_t count, size_t* kept);

/* ---- Drawing ---- */

/* Draws `count` poses on a picture (same layout rules as posenet_estimate; alpha untouched):
 * edges whose keypoints both score >= threshold, and dots on those keypoints, one colour per pose
 * (by id when tracked). thickness 0: grows with the picture. */
POSENET_API posenet_status posenet_draw_poses(uint8_t* pixels, int32_t width, int32_t height,
                                              size_t stride, int32_t format,
                                              const posenet_pose* poses, size_t count,
                                              float threshold, int32_t thickness);

#ifdef __cplusplus
}
#endif

#endif /* POSENET_POSENET_C_H_ */
