// Folders of pictures: sorted paths, recursion on request, other files skipped, frames read
// in order with their paths.
#include "io/folder_source.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "../support/shared_data.h"

namespace posenet {
namespace {

using testing::SharedPath;
using testing::TempDir;

namespace fs = std::filesystem;

void Copy(const std::string& from, const std::string& to) {
  fs::create_directories(fs::path(to).parent_path());
  fs::copy_file(from, to, fs::copy_options::overwrite_existing);
}

void WriteText(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path) << text;
}

TEST(FolderSource, SortsPicturesAndSkipsOtherFiles) {
  const std::string dir = TempDir();
  const std::string jpg = SharedPath("data/images/test_couple.jpg");
  Copy(jpg, dir + "/b.jpg");
  Copy(jpg, dir + "/a.JPEG");
  Copy(jpg, dir + "/c.png");  // a JPEG with a .png name: listed by name, read by content
  WriteText(dir + "/notes.txt", "not a picture");
  WriteText(dir + "/model.tflite", "x");
  fs::create_directories(dir + "/folder.jpg");  // a folder, not a file
  Copy(jpg, dir + "/sub/d.jpg");

  auto flat = ListPictures(dir, false);
  ASSERT_TRUE(flat.ok()) << flat.message();
  EXPECT_EQ(*flat, (std::vector<std::string>{dir + "/a.JPEG", dir + "/b.jpg", dir + "/c.png"}));

  auto deep = ListPictures(dir, true);
  ASSERT_TRUE(deep.ok()) << deep.message();
  EXPECT_EQ(*deep, (std::vector<std::string>{dir + "/a.JPEG", dir + "/b.jpg", dir + "/c.png",
                                             dir + "/sub/d.jpg"}));
}

TEST(FolderSource, RecognizesPictureExtensionsInAnyCase) {
  for (const char* name : {"x.jpg", "x.JPG", "x.jpeg", "x.png", "x.bmp", "x.webp", "x.tif",
                           "x.TIFF", "dir.v1/x.Png"}) {
    EXPECT_TRUE(HasPictureExtension(name)) << name;
  }
  for (const char* name : {"x.txt", "x", "jpg", "x.jpg.bak", "x.mp4", ".png.txt"}) {
    EXPECT_FALSE(HasPictureExtension(name)) << name;
  }
}

TEST(FolderSource, FramesComeInOrderWithTheirPaths) {
  const std::string dir = TempDir();
  Copy(SharedPath("data/images/test_couple.jpg"), dir + "/2.jpg");
  Copy(SharedPath("data/images/test_couple.jpg"), dir + "/1.jpg");
  auto source = OpenFolder(dir, false);
  ASSERT_TRUE(source.ok()) << source.message();
  EXPECT_EQ((*source)->info().declared_frames, 2);
  EXPECT_FALSE((*source)->info().live);
  VideoFrame frame;
  for (int i = 0; i < 2; ++i) {
    auto got = (*source)->Next(frame);
    ASSERT_TRUE(got.ok() && *got) << got.status().message();
    EXPECT_EQ(frame.index, i);
    EXPECT_EQ(frame.path, dir + "/" + std::to_string(i + 1) + ".jpg");
    EXPECT_EQ(frame.image.width(), 1920);
    EXPECT_EQ(frame.image.height(), 1278);
  }
  auto end = (*source)->Next(frame);
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(*end);
}

TEST(FolderSource, ErrorsNameTheFolderOrPicture) {
  const std::string dir = TempDir();
  auto missing = OpenFolder(dir + "/nope", false);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.message(), dir + "/nope: cannot list folder: not a folder");
  auto empty = OpenFolder(dir, false);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.message(), dir + ": cannot read folder: no pictures in it");

  WriteText(dir + "/bad.jpg", "not a jpeg at all");
  auto source = OpenFolder(dir, false);
  ASSERT_TRUE(source.ok());
  VideoFrame frame;
  auto got = (*source)->Next(frame);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().message().rfind(dir + "/bad.jpg: cannot read picture", 0), 0u)
      << got.status().message();
}

}  // namespace
}  // namespace posenet
