# Entity-extraction throughput (bench/extract_speed.cpp): MB/s of article text per core.
if(TARGET ainews)
  find_package(nlohmann_json 3 REQUIRED)
  add_executable(extract_speed ${CMAKE_CURRENT_LIST_DIR}/extract_speed.cpp)
  target_link_libraries(extract_speed PRIVATE ainews nlohmann_json::nlohmann_json)
  target_compile_options(extract_speed PRIVATE ${AINEWS_BENCH_WARNINGS})
  target_compile_definitions(extract_speed PRIVATE AINEWS_SHARED_DIR="${PROJECT_SOURCE_DIR}/../shared")
endif()
