// The manifest of `posenet batch`: one video per line, split into shards so that N jobs (a Slurm
// array, a Kubernetes indexed Job) each take their share and together process every line once.
#pragma once

#include <string>
#include <vector>

#include "posenet/status.h"

namespace posenet::cli {

struct BatchEntry {
  std::string input;   // the line as written (a path or a URL)
  std::string output;  // the output file name in the output folder: "<stem>.jsonl"
};

// Reads `path`: one input per line; blank lines and lines starting with '#' are skipped,
// surrounding spaces trimmed. Output names are the input's file name without extension, with
// "_2", "_3" ... for later entries sharing one, so every shard names every output alike.
// Errors: "<path>: cannot read manifest: <reason>".
Result<std::vector<BatchEntry>> ReadManifest(const std::string& path);

struct Shard {
  int index = 0;  // 0 .. count-1
  int count = 1;
};

// "I/N" with 0 <= I < N. Errors: "cannot use --shard <text>: ...".
Result<Shard> ParseShard(const std::string& text);

// The entries of one shard: entry k belongs to shard k mod N (so shards stay balanced whatever
// order the manifest lists its videos in).
std::vector<BatchEntry> EntriesOfShard(const std::vector<BatchEntry>& entries, Shard shard);

}  // namespace posenet::cli
