// posenet.cpp as other projects consume it (docs/install.md): `cmake --install` of this build
// tree into a temporary prefix, then the example programs built against it with
// find_package(posenet) (examples/cmake, C++ with the OpenCV component) and with pkg-config
// (examples/c/poses.c, C99), and built together with the library by add_subdirectory
// (examples/embed). Each prints the poses `posenet detect` finds in test_couple.jpg, value for
// value. FetchContent of a local checkout is configured (its build would be the add_subdirectory
// one again).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "io/image_file.h"
#include "json_file.h"
#include "pose_text.h"
#include "posenet/version.h"
#include "run_program.h"
#include "shared_data.h"

namespace posenet {
namespace {

namespace fs = std::filesystem;
using testing::RunProgram;
using testing::SharedPath;

const char kModel[] = "data/models/posenet_mobilenet_v1_075_481_641_quant_decoder.tflite";
const char kPicture[] = "data/images/test_couple.jpg";

// Runs a program that must succeed; its output, or a test failure naming the command.
std::string MustRun(const std::string& program, const std::vector<std::string>& args) {
  const testing::ProgramResult r = RunProgram(program, args);
  std::string command = program;
  for (const std::string& a : args) command += " " + a;
  EXPECT_EQ(r.exit_code, 0) << command << "\n" << r.out << r.err;
  return r.out;
}

std::vector<std::string> Words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

class Package : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::TempDir();
    model_ = SharedPath(kModel);
    const std::string json = dir_ + "/cli.json";
    MustRun(testing::BuiltProgram("apps/posenet/posenet"),
            {"detect", SharedPath(kPicture), "--model", model_, "--json", json});
    expected_ = testing::PosesFromJson(testing::ReadJson(json));
    ASSERT_GE(expected_.size(), 2u);
  }

  // cmake --install of this build tree into <dir>/prefix.
  std::string Install() {
    const std::string prefix = dir_ + "/prefix";
    MustRun(POSENET_CMAKE, {"--install", POSENET_BINARY_DIR, "--prefix", prefix});
    return prefix;
  }

  // The picture as a binary PPM, decoded as the tool decodes it.
  std::string Ppm() {
    auto picture = ReadPicture(SharedPath(kPicture));
    EXPECT_TRUE(picture.ok()) << picture.message();
    const std::string path = dir_ + "/picture.ppm";
    std::ofstream out(path, std::ios::binary);
    out << "P6\n" << picture->width() << " " << picture->height() << "\n255\n";
    out.write(reinterpret_cast<const char*>(picture->data()),
              static_cast<std::streamsize>(picture->size_bytes()));
    return path;
  }

  // Configures a consumer project with this build's compilers and Ninja.
  void Configure(const std::string& source, const std::string& build,
                 const std::vector<std::string>& definitions) {
    std::vector<std::string> args = {"-S",
                                     source,
                                     "-B",
                                     build,
                                     "-G",
                                     "Ninja",
                                     "-DCMAKE_C_COMPILER=" POSENET_C_COMPILER,
                                     "-DCMAKE_CXX_COMPILER=" POSENET_CXX_COMPILER};
    args.insert(args.end(), definitions.begin(), definitions.end());
    MustRun(POSENET_CMAKE, args);
  }

  void ExpectToolsPoses(const std::string& program, const std::vector<std::string>& args) {
    const std::string out = MustRun(program, args);
    testing::ExpectSamePoses(testing::ParsePoseText(out), expected_);
  }

  std::string dir_, model_;
  std::vector<Pose> expected_;
};

TEST_F(Package, InstallsHeadersLibrariesAndPackageFiles) {
  const std::string prefix = Install();
  for (const char* header :
       {"posenet.h", "estimator.h", "tracker.h", "draw.h", "posenet_c.h", "opencv.h", "analysis.h",
        "pose.h", "status.h", "picture.h", "export.h", "version.h"}) {
    EXPECT_TRUE(fs::exists(prefix + "/include/posenet/" + header)) << header;
  }
  std::ifstream version(prefix + "/include/posenet/version.h");
  std::stringstream text;
  text << version.rdbuf();
  EXPECT_NE(text.str().find("#define POSENET_VERSION \"" POSENET_VERSION "\""), std::string::npos);
  EXPECT_TRUE(fs::exists(prefix + "/lib/libposenet.a"));
  EXPECT_TRUE(fs::exists(prefix + "/lib/cmake/posenet/posenetConfig.cmake"));
  EXPECT_TRUE(fs::exists(prefix + "/lib/cmake/posenet/posenetConfigVersion.cmake"));
  EXPECT_TRUE(fs::exists(prefix + "/lib/cmake/posenet/posenetOpenCVTargets.cmake"));
  EXPECT_TRUE(fs::exists(prefix + "/lib/pkgconfig/posenet.pc"));
  EXPECT_TRUE(fs::exists(prefix + "/share/doc/posenet/LICENSE"));
  EXPECT_EQ(MustRun(prefix + "/bin/posenet", {"--version"}), "posenet " POSENET_VERSION "\n");

  // libposenet.so -> libposenet.so.MAJOR.MINOR (the SONAME) -> libposenet.so.VERSION.
  const std::string soname = "libposenet.so." + std::to_string(POSENET_VERSION_MAJOR) + "." +
                             std::to_string(POSENET_VERSION_MINOR);
  ASSERT_TRUE(fs::is_symlink(prefix + "/lib/libposenet.so"));
  EXPECT_EQ(fs::read_symlink(prefix + "/lib/libposenet.so").string(), soname);
  EXPECT_EQ(fs::read_symlink(prefix + "/lib/" + soname).string(), "libposenet.so." POSENET_VERSION);
  const std::string library = prefix + "/lib/libposenet.so." POSENET_VERSION;
  EXPECT_NE(MustRun("/usr/bin/readelf", {"-d", library}).find("Library soname: [" + soname + "]"),
            std::string::npos);

  // Exactly the public API is exported: the C functions and posenet:: classes of the public
  // headers, none of the layers' internals.
  const std::string symbols = MustRun("/usr/bin/nm", {"-DC", "--defined-only", library});
  for (const char* exported :
       {"posenet_estimate", "posenet_tracker_update", "posenet_last_error",
        "posenet::Estimator::Create", "posenet::Tracker::Update", "posenet::DrawPoses",
        "posenet::Model::Load", "posenet::Session::Run", "posenet::AnalyzePoses"}) {
    EXPECT_NE(symbols.find(exported), std::string::npos) << exported;
  }
  for (const char* internal :
       {"posenet::PoseTracker", "posenet::ResizeForModel", "posenet::DecodeMultiPosesCoral",
        "posenet::ThreadPool", "posenet::OneEuroFilter"}) {
    EXPECT_EQ(symbols.find(internal), std::string::npos) << internal << " is exported";
  }
}

TEST_F(Package, FindPackageConsumerPrintsTheToolsPoses) {
  const std::string prefix = Install();
  const std::string build = dir_ + "/cmake-consumer";
  Configure(POSENET_SOURCE_DIR "/examples/cmake", build,
            {"-DCMAKE_PREFIX_PATH=" + prefix, "-DCMAKE_BUILD_TYPE=Release"});
  MustRun(POSENET_CMAKE, {"--build", build});
  ExpectToolsPoses(build + "/poses", {model_, SharedPath(kPicture), dir_ + "/drawn.png"});
  EXPECT_GT(fs::file_size(dir_ + "/drawn.png"), 1000u);
  // The program runs on the installed libposenet.so (found through its RUNPATH).
  EXPECT_NE(MustRun("/usr/bin/readelf", {"-d", build + "/poses"}).find("libposenet.so."),
            std::string::npos);
}

TEST_F(Package, PkgConfigC99ConsumerPrintsTheToolsPoses) {
  const std::string prefix = Install();
  ASSERT_EQ(::setenv("PKG_CONFIG_PATH", (prefix + "/lib/pkgconfig").c_str(), 1), 0);
  EXPECT_EQ(MustRun(POSENET_PKG_CONFIG, {"--modversion", "posenet"}), POSENET_VERSION "\n");
  const std::string program = dir_ + "/poses";
  std::vector<std::string> args = {"-std=c99", "-pedantic",
                                   "-Wall",    "-Wextra",
                                   "-Werror",  POSENET_SOURCE_DIR "/examples/c/poses.c",
                                   "-o",       program};
  for (const std::string& flag :
       Words(MustRun(POSENET_PKG_CONFIG, {"--cflags", "--libs", "posenet"}))) {
    args.push_back(flag);
  }
  args.push_back("-Wl,-rpath," + prefix + "/lib");
  MustRun(POSENET_C_COMPILER, args);
  ExpectToolsPoses(program, {model_, Ppm()});
}

TEST_F(Package, AddSubdirectoryConsumerBuildsOnlyTheLibrary) {
  const std::string build = dir_ + "/embed";
  // The library compiles once more here: at -O1 (a third less CPU than Release's -O3), asserts on.
  Configure(POSENET_SOURCE_DIR "/examples/embed", build,
            {"-DPOSENET_SOURCE_DIR=" POSENET_SOURCE_DIR,
             "-DCMAKE_BUILD_TYPE=", "-DCMAKE_C_FLAGS=-O1", "-DCMAKE_CXX_FLAGS=-O1"});
  MustRun(POSENET_CMAKE, {"--build", build});
  ExpectToolsPoses(build + "/poses", {model_, Ppm()});
  // As a subproject: the core only, no tool, tests or benchmarks configured, let alone built.
  EXPECT_FALSE(fs::exists(build + "/posenet/src/io"));
  EXPECT_FALSE(fs::exists(build + "/posenet/apps"));
  EXPECT_FALSE(fs::exists(build + "/posenet/tests"));
  EXPECT_FALSE(fs::exists(build + "/posenet/bench"));
}

TEST_F(Package, FetchContentOfALocalCheckoutConfigures) {
  const std::string build = dir_ + "/fetch";
  Configure(POSENET_SOURCE_DIR "/examples/embed", build,
            {"-DPOSENET_SOURCE_DIR=" POSENET_SOURCE_DIR, "-DEXAMPLE_USE_FETCHCONTENT=ON"});
  std::ifstream cache(build + "/CMakeCache.txt");
  std::stringstream text;
  text << cache.rdbuf();
  EXPECT_NE(text.str().find("FETCHCONTENT_BASE_DIR"), std::string::npos);
  EXPECT_NE(text.str().find("POSENET_BUILD_TESTS:BOOL=OFF"), std::string::npos);
  EXPECT_FALSE(fs::exists(build + "/_deps/posenet-build/tests"));
}

// docs/*.md show the examples verbatim: after "<!-- example: PATH -->", a fenced block holding
// PATH (scripts/sync-doc-examples.sh copies them).
TEST(DocExamples, AreTheFilesTheTestsBuild) {
  int shown = 0;
  for (const auto& entry : fs::directory_iterator(POSENET_SOURCE_DIR "/docs")) {
    const std::vector<std::string> lines = testing::ReadLines(entry.path().string());
    for (size_t i = 0; i < lines.size(); ++i) {
      const std::string marker = "<!-- example: ";
      if (lines[i].rfind(marker, 0) != 0) continue;
      const std::string path =
          lines[i].substr(marker.size(), lines[i].find(" -->") - marker.size());
      std::string block;
      size_t j = i + 2;  // past the opening fence
      for (; j < lines.size() && lines[j] != "```"; ++j) block += lines[j] + "\n";
      std::ifstream file(POSENET_SOURCE_DIR "/" + path);
      std::stringstream text;
      text << file.rdbuf();
      EXPECT_EQ(block, text.str())
          << entry.path() << " shows " << path << " differently: run scripts/sync-doc-examples.sh";
      ++shown;
    }
  }
  EXPECT_GE(shown, 4);  // install.md: three files, c-api.md: one
}

}  // namespace
}  // namespace posenet
