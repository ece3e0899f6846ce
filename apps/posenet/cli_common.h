// Helpers shared by the subcommands: errors on stderr, input sizes, tensor names as files.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "posenet/status.h"

namespace posenet::cli {

// Prints "posenet: <message>" on one line to stderr (control characters escaped) and returns
// the exit code 1.
int Fail(const std::string& message);
int Fail(const Status& status);

// --max-memory SIZE on `cmd`: bytes, or with a K, M or G suffix (binary), into `bytes`.
void AddMaxMemoryFlag(CLI::App* cmd, int64_t& bytes);

// The exit code of a batch (several pictures or videos, or a folder) in which some inputs
// failed: each was reported, the others were processed and written.
inline constexpr int kSomeInputsFailed = 2;

// Fails when `path` (an output file; "-" is stdout) lies in a folder that does not exist:
// "<path>: cannot write: folder <parent> does not exist".
Status CheckOutputFolder(const std::string& path);

// Outputs by flag: at most one of them may be "-" (stdout).
Status CheckStdoutOutputs(const std::vector<std::pair<const char*, const std::string*>>& outputs);
bool UsesStdout(const std::vector<std::pair<const char*, const std::string*>>& outputs);

// Parses "HxW" (e.g. "353x481") into height and width.
Status ParseSize(const std::string& text, int& height, int& width);

// --threads: N as given, 0 for every core this process may use (at most 256).
int ResolveThreads(int flag);

// A tensor name as a file name: '/' and other path characters become '_'.
std::string TensorFileName(const std::string& tensor_name);

}  // namespace posenet::cli
