# Warnings and sanitizers, applied to every target of the project through posenet_options.
add_library(posenet_options INTERFACE)
target_compile_options(posenet_options INTERFACE -Wall -Wextra -Wshadow -Wnon-virtual-dtor
                                                 -Wno-missing-field-initializers)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC 12's -Wrestrict misfires inside libstdc++'s std::string at -O3 (GCC bug 105329).
  target_compile_options(posenet_options INTERFACE -Wno-restrict)
endif()
if(POSENET_WERROR)
  target_compile_options(posenet_options INTERFACE -Werror)
endif()
if(POSENET_SANITIZE)
  target_compile_options(posenet_options INTERFACE -fsanitize=address,undefined
                                                   -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(posenet_options INTERFACE -fsanitize=address,undefined)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # ASan's instrumentation makes GCC 12 report std::variant/std::vector members as maybe
    # uninitialized (false positives); the release build keeps the warning.
    target_compile_options(posenet_options INTERFACE -Wno-maybe-uninitialized)
  endif()
endif()
if(POSENET_FUZZ)
  # The fuzz preset (clang): every library compiled with libFuzzer's coverage and ASan + UBSan,
  # asserts kept (NDEBUG dropped) so that a failed assert inside flatbuffers is a finding too.
  # The fuzz_* executables add -fsanitize=fuzzer at link (tests/fuzz/CMakeLists.txt).
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "POSENET_FUZZ needs clang (the fuzz preset sets it)")
  endif()
  target_compile_options(posenet_options INTERFACE -fsanitize=fuzzer-no-link,address,undefined
                                                   -fno-sanitize-recover=all
                                                   -fno-omit-frame-pointer -UNDEBUG)
  target_link_options(posenet_options INTERFACE -fsanitize=address,undefined)
endif()
# <build>/include holds the generated public header posenet/version.h.
target_include_directories(posenet_options INTERFACE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/include
                                                     ${PROJECT_BINARY_DIR}/include)
target_compile_definitions(posenet_options INTERFACE
                           POSENET_SHARED_DIR="${POSENET_SHARED_DIR}")

# posenet_add_layer(NAME SOURCES a.cc ... DEPS lib ...): one static library per src/ folder.
# Layer objects are position-independent and export only what the public headers mark
# POSENET_API, because the installed libposenet (static and shared, src/CMakeLists.txt) is
# made of these same objects.
function(posenet_add_layer name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_link_libraries(${name} PUBLIC posenet_options ${ARG_DEPS})
  set_target_properties(${name} PROPERTIES POSITION_INDEPENDENT_CODE ON CXX_VISIBILITY_PRESET hidden
                                           C_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
endfunction()
