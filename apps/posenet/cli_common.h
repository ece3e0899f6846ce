// Helpers shared by the subcommands: errors on stderr, input sizes, tensor names as files.
#pragma once

#include <string>

#include "posenet/status.h"

namespace posenet::cli {

// Prints "posenet: <message>" on one line to stderr and returns the exit code 1.
int Fail(const std::string& message);
int Fail(const Status& status);

// Parses "HxW" (e.g. "353x481") into height and width.
Status ParseSize(const std::string& text, int& height, int& width);

// --threads: N as given, 0 for every core this process may use (at most 256).
int ResolveThreads(int flag);

// A tensor name as a file name: '/' and other path characters become '_'.
std::string TensorFileName(const std::string& tensor_name);

}  // namespace posenet::cli
