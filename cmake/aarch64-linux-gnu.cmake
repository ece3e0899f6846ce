# Cross build for 64-bit ARM Linux with Debian's cross compiler (g++-aarch64-linux-gnu); the
# programs run under qemu-aarch64 (qemu-user) with Debian's AArch64 C library
# (/usr/aarch64-linux-gnu), which is how ctest runs the tests (scripts/test-aarch64.sh).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(POSENET_AARCH64_SYSROOT /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH ${POSENET_AARCH64_SYSROOT})
# Programs (flatc) run on the build machine; libraries and packages come from the target's root.
# Headers may come from either: the cross compiler itself searches /usr/include, where the
# architecture-independent headers (flatbuffers, CLI11) live.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
# ctest (and gtest_discover_tests) run target programs through qemu; QEMU_CPU in the
# environment picks the CPU model (scripts/test-aarch64.sh).
find_program(POSENET_QEMU_AARCH64 qemu-aarch64)
if(POSENET_QEMU_AARCH64)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${POSENET_QEMU_AARCH64} -L ${POSENET_AARCH64_SYSROOT})
endif()
