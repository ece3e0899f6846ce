# Run by the core-only build's test core_only_includes (cmake -P): proves that no object of the
# build included an OpenCV, libcurl or nlohmann-json header, from the header lists the compiler
# wrote for every object (ninja -t deps). The headers stay installed on the machine; the proof
# is that nothing reached them. Needs NINJA and BUILD_DIR.
execute_process(COMMAND ${NINJA} -C ${BUILD_DIR} -t deps OUTPUT_VARIABLE deps
                RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "ninja -t deps failed in ${BUILD_DIR}")
endif()
string(REGEX MATCHALL "[^\n]*\\.o: #deps [0-9]+" objects "${deps}")
list(LENGTH objects object_count)
string(REGEX MATCHALL "\n    [^\n]+" headers "${deps}")
list(LENGTH headers header_count)
# The scan must see what the objects include, e.g. the flatbuffers headers of the model reader.
if(object_count LESS 50 OR NOT deps MATCHES "flatbuffers/flatbuffers\\.h")
  message(FATAL_ERROR "the dependency lists of ${BUILD_DIR} look incomplete (${object_count} objects)")
endif()
string(REGEX MATCHALL "\n    [^\n]*(/nlohmann/|/opencv2/|/opencv4/|/curl/)[^\n]*" forbidden "${deps}")
if(forbidden)
  message(FATAL_ERROR "the core-only build included optional headers:${forbidden}")
endif()
message(STATUS "${object_count} objects, ${header_count} header includes: no OpenCV, libcurl or nlohmann-json header")
