/* poses: the people in a picture, through posenet's C API (C99).
 *
 *   poses MODEL.tflite PICTURE.ppm [DRAWN.ppm]
 *
 * Reads a binary PPM picture (P6, 8-bit RGB, no comment in the header; `convert photo.jpg
 * photo.ppm` makes one), prints each pose as a line "pose INDEX SCORE" and 17 lines "NAME X Y
 * SCORE" (keypoints in picture pixels), and with a third argument writes the picture with the
 * skeletons drawn on it. */
#include <stdio.h>
#include <stdlib.h>

#include "posenet/posenet_c.h"

#define MAX_POSES 32

/* Reads a binary PPM into a new buffer of width * height * 3 bytes; NULL (message printed) on
 * any error. The header is checked before anything is allocated. */
static unsigned char* read_ppm(const char* path, int32_t* width, int32_t* height) {
  FILE* f = fopen(path, "rb");
  long w = 0, h = 0, maxval = 0;
  unsigned char* pixels = NULL;
  if (f == NULL) {
    fprintf(stderr, "%s: cannot read picture: cannot open it\n", path);
    return NULL;
  }
  if (fscanf(f, "P6 %ld %ld %ld", &w, &h, &maxval) != 3 || fgetc(f) == EOF || maxval != 255 ||
      w < 1 || h < 1 || (double)w * (double)h > 67108864.0) {
    fprintf(stderr, "%s: cannot read picture: not an 8-bit binary PPM of at most 64 Mpixels\n",
            path);
    fclose(f);
    return NULL;
  }
  pixels = malloc((size_t)w * (size_t)h * 3);
  if (pixels == NULL || fread(pixels, 3, (size_t)(w * h), f) != (size_t)(w * h)) {
    fprintf(stderr, "%s: cannot read picture: %s\n", path,
            pixels == NULL ? "out of memory" : "the file is truncated");
    free(pixels);
    fclose(f);
    return NULL;
  }
  fclose(f);
  *width = (int32_t)w;
  *height = (int32_t)h;
  return pixels;
}

static int write_ppm(const char* path, const unsigned char* pixels, int32_t width,
                     int32_t height) {
  FILE* f = fopen(path, "wb");
  size_t bytes = (size_t)width * (size_t)height * 3;
  int ok = f != NULL && fprintf(f, "P6\n%d %d\n255\n", (int)width, (int)height) > 0 &&
           fwrite(pixels, 1, bytes, f) == bytes;
  if (f != NULL && fclose(f) != 0) ok = 0;
  if (!ok) fprintf(stderr, "%s: cannot write picture\n", path);
  return ok;
}

int main(int argc, char** argv) {
  posenet_model* model = NULL;
  posenet_estimator* estimator = NULL;
  posenet_estimator_options options = posenet_estimator_options_default();
  posenet_pose poses[MAX_POSES];
  size_t found = 0, i;
  int32_t width = 0, height = 0;
  unsigned char* pixels = NULL;
  int k, status = 1;

  if (argc < 3 || argc > 4) {
    fprintf(stderr, "usage: %s MODEL.tflite PICTURE.ppm [DRAWN.ppm]\n", argv[0]);
    return 2;
  }
  pixels = read_ppm(argv[2], &width, &height);
  if (pixels == NULL) return 1;
  options.threads = 2;
  if (posenet_model_load(argv[1], &model) != POSENET_OK ||
      posenet_estimator_create(model, &options, &estimator) != POSENET_OK ||
      posenet_estimate(estimator, pixels, width, height, (size_t)width * 3, POSENET_PIXEL_RGB,
                       poses, MAX_POSES, &found) != POSENET_OK) {
    fprintf(stderr, "%s\n", posenet_last_error());
    goto done;
  }
  if (found > MAX_POSES) found = MAX_POSES; /* the best MAX_POSES were written */
  for (i = 0; i < found; ++i) {
    printf("pose %u %.9g\n", (unsigned)i, poses[i].score);
    for (k = 0; k < POSENET_NUM_KEYPOINTS; ++k) {
      const posenet_keypoint* p = &poses[i].keypoints[k];
      printf("%s %.9g %.9g %.9g\n", posenet_keypoint_name(k), p->x, p->y, p->score);
    }
  }
  if (argc == 4) {
    if (posenet_draw_poses(pixels, width, height, (size_t)width * 3, POSENET_PIXEL_RGB, poses,
                           found, 0.3f, 0) != POSENET_OK) {
      fprintf(stderr, "%s\n", posenet_last_error());
      goto done;
    }
    if (!write_ppm(argv[3], pixels, width, height)) goto done;
  }
  status = 0;
done:
  posenet_estimator_free(estimator);
  posenet_model_free(model);
  free(pixels);
  return status;
}
