#include "batch_manifest.h"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>

namespace posenet::cli {

Result<std::vector<BatchEntry>> ReadManifest(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::Error(path + ": cannot read manifest: no such readable file");
  std::vector<BatchEntry> entries;
  std::map<std::string, int> seen;
  std::string line;
  while (std::getline(in, line)) {
    const size_t begin = line.find_first_not_of(" \t\r");
    if (begin == std::string::npos || line[begin] == '#') continue;
    const size_t end = line.find_last_not_of(" \t\r");
    BatchEntry entry;
    entry.input = line.substr(begin, end - begin + 1);
    std::string stem = std::filesystem::path(entry.input).stem().string();
    if (stem.empty() || stem[0] == '.') stem = "video" + stem;  // never a hidden output
    const int n = ++seen[stem];
    entry.output = (n == 1 ? stem : stem + "_" + std::to_string(n)) + ".jsonl";
    entries.push_back(std::move(entry));
  }
  if (in.bad()) return Status::Error(path + ": cannot read manifest: read error");
  return entries;
}

Result<Shard> ParseShard(const std::string& text) {
  auto fail = [&](const std::string& why) {
    return Status::Error("cannot use --shard " + text + ": " + why);
  };
  const size_t slash = text.find('/');
  if (slash == std::string::npos) return fail("expected I/N, e.g. 0/4");
  Shard shard;
  const char* begin = text.data();
  const char* mid = begin + slash;
  const char* end = begin + text.size();
  auto a = std::from_chars(begin, mid, shard.index);
  auto b = std::from_chars(mid + 1, end, shard.count);
  if (a.ec != std::errc() || a.ptr != mid || b.ec != std::errc() || b.ptr != end) {
    return fail("expected I/N, e.g. 0/4");
  }
  if (shard.count < 1) return fail("N must be at least 1");
  if (shard.index < 0 || shard.index >= shard.count) return fail("I must be in 0..N-1");
  return shard;
}

std::vector<BatchEntry> EntriesOfShard(const std::vector<BatchEntry>& entries, Shard shard) {
  std::vector<BatchEntry> mine;
  for (size_t k = static_cast<size_t>(shard.index); k < entries.size();
       k += static_cast<size_t>(shard.count)) {
    mine.push_back(entries[k]);
  }
  return mine;
}

}  // namespace posenet::cli
