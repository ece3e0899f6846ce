# WebAssembly build with Debian's emscripten (package emscripten, 3.1.6): the core and the tool
# compiled by em++ with SIMD128, run by Node (scripts/test-wasm.sh, scripts/build-web.sh).
# POSENET_WASM_THREADS (the presets wasm and wasm-st) picks the threaded variant (pthreads as
# Web Workers: needs SharedArrayBuffer, so a cross-origin-isolated page) or the single-threaded
# one (any page).
#
# Debian's emcc runs its JavaScript tools with node and needs Debian's node-acorn: a node that is
# not Debian's finds it through NODE_PATH. Generated loaders need `node --no-experimental-fetch`
# under Node 18 and newer (3.1.6 mistakes Node's fetch for a browser's).
if(NOT DEFINED ENV{NODE_PATH})
  set(ENV{NODE_PATH} /usr/share/nodejs)
endif()
set(POSENET_EMSCRIPTEN_ROOT /usr/share/emscripten CACHE PATH "Emscripten's root (Debian: /usr/share/emscripten)")
include(${POSENET_EMSCRIPTEN_ROOT}/cmake/Modules/Platform/Emscripten.cmake)
find_program(POSENET_NODE node REQUIRED)
set(CMAKE_CROSSCOMPILING_EMULATOR ${POSENET_NODE} --no-experimental-fetch CACHE STRING "" FORCE)
