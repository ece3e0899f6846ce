# cmake --install: public headers, libposenet (static and shared), the CMake package
# (find_package(posenet CONFIG REQUIRED) -> posenet::posenet, posenet::posenet_static, and
# posenet::opencv with COMPONENTS opencv), posenet.pc for pkg-config, the tool and the licence.
# Both the package and posenet.pc find the prefix from their own location, so an installed tree
# can be moved (cmake --install --prefix DIR works too).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(posenet_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/posenet)

install(TARGETS posenet_shared posenet_static EXPORT posenetTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT posenetTargets NAMESPACE posenet:: DESTINATION ${posenet_cmake_dir})

install(DIRECTORY include/posenet DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h" PATTERN "opencv.h" EXCLUDE)
install(FILES ${PROJECT_BINARY_DIR}/include/posenet/version.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/posenet)
set(POSENET_HAS_OPENCV_COMPONENT OFF)
if(TARGET posenet_opencv)
  set(POSENET_HAS_OPENCV_COMPONENT ON)
  install(TARGETS posenet_opencv EXPORT posenetOpenCVTargets)
  install(EXPORT posenetOpenCVTargets NAMESPACE posenet:: DESTINATION ${posenet_cmake_dir})
  install(FILES include/posenet/opencv.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/posenet)
endif()

configure_package_config_file(cmake/posenetConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/posenetConfig.cmake
                              INSTALL_DESTINATION ${posenet_cmake_dir})
# 0.x: a minor version may break the API (as the SONAME says); from 1.0 the major version.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(posenet_compatibility SameMinorVersion)
else()
  set(posenet_compatibility SameMajorVersion)
endif()
write_basic_package_version_file(${PROJECT_BINARY_DIR}/posenetConfigVersion.cmake
                                 COMPATIBILITY ${posenet_compatibility})
install(FILES ${PROJECT_BINARY_DIR}/posenetConfig.cmake
              ${PROJECT_BINARY_DIR}/posenetConfigVersion.cmake
        DESTINATION ${posenet_cmake_dir})

# posenet.pc: prefix relative to the .pc file's own folder (${pcfiledir}).
file(RELATIVE_PATH posenet_pc_prefix /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
string(REGEX REPLACE "/$" "" posenet_pc_prefix "${posenet_pc_prefix}")
set(POSENET_PC_LIBS_PRIVATE "-pthread -lstdc++ -lm")
configure_file(cmake/posenet.pc.in ${PROJECT_BINARY_DIR}/posenet.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/posenet.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

if(TARGET posenet)
  install(TARGETS posenet RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(FILES LICENSE DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/posenet)
