// A folder of pictures as a sequence of frames: the picture files (by extension: jpg, jpeg,
// png, bmp, webp, tif, tiff, ppm, pgm, pbm, pnm, jp2, j2k, any case) sorted by path, optionally
// descending into subfolders. Other files are skipped. Frames may differ in size.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "io/frame_source.h"
#include "io/image_file.h"

namespace posenet {

// True for the picture extensions above.
bool HasPictureExtension(const std::string& path);

// The picture files in `folder`, sorted by their path (byte order). Errors name the folder.
Result<std::vector<std::string>> ListPictures(const std::string& folder, bool recursive);

// Reads the pictures of ListPictures one by one; a picture that cannot be read is an error.
Result<std::unique_ptr<FrameSource>> OpenFolder(const std::string& folder, bool recursive,
                                                const PictureReadOptions& read = {});

}  // namespace posenet
