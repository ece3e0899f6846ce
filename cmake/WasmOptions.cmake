# Settings of the WebAssembly build (toolchain: cmake/wasm-emscripten.cmake).
#
# Header-only libraries (flatbuffers, CLI11) come from the build machine's /usr/include, which
# must not become an include directory of em++ (its C library headers would shadow
# Emscripten's): each is linked alone into a folder of the build tree.
set(host_headers ${PROJECT_BINARY_DIR}/host-headers)
foreach(dir flatbuffers CLI)
  if(EXISTS /usr/include/${dir} AND NOT EXISTS ${host_headers}/${dir})
    file(MAKE_DIRECTORY ${host_headers})
    file(CREATE_LINK /usr/include/${dir} ${host_headers}/${dir} SYMBOLIC)
  endif()
endforeach()
set(POSENET_FLATBUFFERS_INCLUDE_DIR ${host_headers} CACHE PATH "")
set(POSENET_CLI11_INCLUDE_DIR ${host_headers} CACHE PATH "")

option(POSENET_WASM_THREADS "Threaded WebAssembly variant (pthreads as Web Workers)" ON)
# Workers started with the module: a page's main thread cannot wait for a worker to load, so
# every thread a session may ask for must exist before it runs (threads = 1 + this).
set(POSENET_WASM_POOL 3 CACHE STRING "Web Workers started with the threaded module")
# C++ exceptions caught as natively (CLI11 reports bad arguments with them; Emscripten's default
# aborts on any throw).
add_compile_options(-msimd128 -fexceptions)
add_link_options(-msimd128 -fexceptions -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=2GB
                 $<$<CONFIG:Release>:-O3>)
if(POSENET_WASM_THREADS)
  add_compile_options(-pthread)
  add_link_options(-pthread -sPTHREAD_POOL_SIZE=${POSENET_WASM_POOL})
  # Memory growth with threads makes JS views re-check the buffer; the warning says so.
  add_link_options(-Wno-pthreads-mem-growth)
endif()
# The layers ask for position-independent code (their objects also make the shared libposenet,
# src/CMakeLists.txt). A WebAssembly module has no shared libraries, and -fPIC would route every
# global access through imported GOT entries: compile them as plain code.
set(CMAKE_C_COMPILE_OPTIONS_PIC "")
set(CMAKE_CXX_COMPILE_OPTIONS_PIC "")
