// Output files never destroy what they should not, and never leave partial records.
#include "base/output_file.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <set>

#include "base/file.h"
#include "shared_data.h"
#include "text_file.h"

namespace posenet::testing {
namespace {

namespace fs = std::filesystem;

void Spit(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::vector<std::string> Listing(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(OutputFile, AppearsOnlyWhenPublishedAndLeavesNoTemporaryFile) {
  const std::string dir = TempDir();
  const std::string path = dir + "/out.jsonl";
  auto file = OutputFile::Create(path, "JSONL");
  ASSERT_TRUE(file.ok()) << file.message();
  ASSERT_TRUE((*file)->Append("one\n").ok());
  EXPECT_FALSE(fs::exists(path));
  const std::vector<std::string> during = Listing(dir);
  ASSERT_EQ(during.size(), 1u);
  EXPECT_EQ(during[0].rfind(".out.jsonl.", 0), 0u) << during[0];  // hidden, beside the output
  ASSERT_TRUE((*file)->AppendRecord("two\n").ok());
  EXPECT_EQ(ReadText(path), "one\ntwo\n");
  ASSERT_TRUE((*file)->AppendRecord("three\n").ok());
  ASSERT_TRUE((*file)->Close().ok());
  EXPECT_EQ(ReadText(path), "one\ntwo\nthree\n");
  EXPECT_EQ(Listing(dir), std::vector<std::string>{"out.jsonl"});
}

TEST(OutputFile, NeverPublishedMeansNoFileAndTheOldOneIntact) {
  const std::string dir = TempDir();
  const std::string path = dir + "/out.csv";
  Spit(path, "old results\n");
  {
    auto file = OutputFile::Create(path, "CSV");
    ASSERT_TRUE(file.ok()) << file.message();
    ASSERT_TRUE((*file)->Append("header\n").ok());
    ASSERT_TRUE((*file)->Close().ok());  // no record: discarded
  }
  EXPECT_EQ(ReadText(path), "old results\n");
  EXPECT_EQ(Listing(dir), std::vector<std::string>{"out.csv"});
}

TEST(OutputFile, TemporaryNamesAreUnpredictable) {
  const std::string dir = TempDir();
  std::set<std::string> names;
  for (int i = 0; i < 20; ++i) {
    auto file = OutputFile::Create(dir + "/x.json", "JSON");
    ASSERT_TRUE(file.ok());
    const std::vector<std::string> listing = Listing(dir);
    ASSERT_EQ(listing.size(), 1u);
    names.insert(listing[0]);
    EXPECT_GE(listing[0].size(), std::string(".x.json..tmp").size() + 16) << listing[0];
  }
  EXPECT_EQ(names.size(), 20u);
}

TEST(OutputFile, SymlinkPlantedAtTheOldFixedTemporaryNameIsNotFollowed) {
  const std::string dir = TempDir();
  Spit(dir + "/victim", "precious\n");
  fs::create_symlink(dir + "/victim", dir + "/out.json.tmp-posenet");
  ASSERT_TRUE(WriteFileAtomically(dir + "/out.json", "{}\n", 3).ok());
  EXPECT_EQ(ReadText(dir + "/victim"), "precious\n");
  EXPECT_EQ(ReadText(dir + "/out.json"), "{}\n");
}

TEST(OutputFile, RefusesWhatIsNotARegularFileAndLeavesItAlone) {
  const std::string dir = TempDir();
  ASSERT_EQ(::mkfifo((dir + "/fifo").c_str(), 0600), 0);
  fs::create_directory(dir + "/folder");
  Spit(dir + "/target", "kept\n");
  fs::create_symlink(dir + "/target", dir + "/link");
  const struct {
    std::string path, reason;
  } cases[] = {{"/dev/null", "it is a device"},
               {dir + "/fifo", "it is a FIFO"},
               {dir + "/folder", "it is a directory"},
               {dir + "/link", "it is a symbolic link"}};
  for (const auto& c : cases) {
    const Status s = WriteFileAtomically(c.path, "x", 1);
    EXPECT_EQ(s.message(), c.path + ": cannot write file: " + c.reason);
    auto file = OutputFile::Create(c.path, "JSONL");
    ASSERT_FALSE(file.ok());
    EXPECT_EQ(file.message(), c.path + ": cannot write JSONL: " + c.reason);
  }
  struct stat st {};
  ASSERT_EQ(::lstat("/dev/null", &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
  ASSERT_EQ(::lstat((dir + "/fifo").c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode));
  EXPECT_EQ(ReadText(dir + "/target"), "kept\n");
  EXPECT_TRUE(fs::is_symlink(dir + "/link"));
  // Nothing else was created.
  EXPECT_EQ(Listing(dir), (std::vector<std::string>{"fifo", "folder", "link", "target"}));
}

TEST(OutputFile, RefusesAProtectedInputEvenThroughAHardLink) {
  const std::string dir = TempDir();
  Spit(dir + "/input.jpg", "picture bytes");
  ASSERT_EQ(::link((dir + "/input.jpg").c_str(), (dir + "/alias.json").c_str()), 0);
  ProtectInputFile(dir + "/input.jpg");
  for (const std::string name : {"/input.jpg", "/alias.json"}) {
    const Status s = CheckOutputPath(dir + name, "JSON");
    EXPECT_EQ(s.message(), dir + name + ": cannot write JSON: it is an input of this run (" + dir +
                               "/input.jpg)");
    EXPECT_FALSE(WriteFileAtomically(dir + name, "{}", 2).ok());
  }
  EXPECT_EQ(ReadText(dir + "/input.jpg"), "picture bytes");
  EXPECT_TRUE(CheckOutputPath(dir + "/other.json", "JSON").ok());
  ProtectInputFile(dir + "/no-such-file");  // ignored
}

TEST(OutputFile, FailedAppendIsCutBackToTheLastWholeRecord) {
  // A file size limit makes the second record's write stop part-way (EFBIG), as a full disk
  // would (ENOSPC); SIGXFSZ is ignored so that the write fails instead of killing the test.
  const std::string path = TempDir() + "/rows.csv";
  auto file = OutputFile::Create(path, "CSV");
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE((*file)->AppendRecord("0123456789\n").ok());
  struct rlimit old {};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old), 0);
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit small = old;
  small.rlim_cur = 16;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  const Status s = (*file)->AppendRecord("abcdefghijklmnopqrstuvwxyz\n");
  ::setrlimit(RLIMIT_FSIZE, &old);
  std::signal(SIGXFSZ, old_handler);
  EXPECT_EQ(s.message(), path + ": cannot write CSV: " + ErrnoReason(EFBIG));
  EXPECT_EQ(ReadText(path), "0123456789\n");
  EXPECT_EQ((*file)->size(), 11);
  ASSERT_TRUE((*file)->AppendRecord("next\n").ok());
  ASSERT_TRUE((*file)->Close().ok());
  EXPECT_EQ(ReadText(path), "0123456789\nnext\n");
}

TEST(OutputFile, DiscardRemovesAPublishedFile) {
  const std::string path = TempDir() + "/v.mp4";
  auto file = OutputFile::Create(path, "video");
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE((*file)->AppendRecord("frames").ok());
  EXPECT_TRUE(fs::exists(path));
  (*file)->Discard();
  EXPECT_FALSE(fs::exists(path));
}

TEST(ErrnoReason, FullDiskReadsAsSuch) {
  EXPECT_EQ(ErrnoReason(ENOSPC), "no space left on device");
  EXPECT_EQ(ErrnoReason(EACCES), "permission denied");
}

TEST(ReadFileBytes, DevicesAndOversizedFilesAreRefusedBeforeReading) {
  auto zero = ReadFileBytes("/dev/zero");
  EXPECT_EQ(zero.message(), "/dev/zero: cannot read file: it is a device, not a file");
  // A sparse 1 GiB file over a 1 MiB limit: refused from its size, nothing read.
  const std::string big = TempDir() + "/big.tflite";
  { std::ofstream(big) << ""; }
  fs::resize_file(big, uint64_t{1} << 30);
  auto refused = ReadFileBytes(big, 1 << 20);
  EXPECT_EQ(refused.message(), big + ": cannot read file: larger than 1048576 bytes");
  const std::string fifo = TempDir() + "/pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  // A FIFO nobody writes to: opened without blocking; the read sees the end at once.
  auto empty = ReadFileBytes(fifo);
  ASSERT_TRUE(empty.ok()) << empty.message();
  EXPECT_TRUE(empty->empty());
  auto folder = ReadFileBytes(TempDir());
  EXPECT_EQ(folder.message(), TempDir() + ": cannot read file: it is a directory");
}

}  // namespace
}  // namespace posenet::testing
