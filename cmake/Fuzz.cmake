# A libFuzzer target (ARBITER_FUZZ=ON, clang): NAME built from SOURCES, linked to the LIBS named
# after LIBS. scripts/test.sh finds every fuzz_* target, and the seeds in fuzz/seeds/NAME.
function(arbiter_fuzz_target name)
  cmake_parse_arguments(F "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${F_SOURCES})
  target_include_directories(${name} PRIVATE ${CMAKE_SOURCE_DIR}/src ${CMAKE_SOURCE_DIR}/include)
  target_compile_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(${name} PRIVATE ${F_LIBS})
endfunction()
