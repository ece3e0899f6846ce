// Helpers shared by the subcommands: errors on stderr, input sizes, tensor names as files.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

#include "posenet/status.h"

namespace posenet::cli {

// Prints "posenet: <message>" on one line to stderr (control characters escaped) and returns
// the exit code 1.
int Fail(const std::string& message);
int Fail(const Status& status);

// --max-memory SIZE on `cmd`: bytes, or with a K, M or G suffix (binary), into `bytes`.
void AddMaxMemoryFlag(CLI::App* cmd, int64_t& bytes);

// Parses "HxW" (e.g. "353x481") into height and width.
Status ParseSize(const std::string& text, int& height, int& width);

// A tensor name as a file name: '/' and other path characters become '_'.
std::string TensorFileName(const std::string& tensor_name);

}  // namespace posenet::cli
