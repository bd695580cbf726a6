# Installs the build into a scratch prefix, builds tests/consumer against it with
# find_package(ainews), and runs it on the sample corpus.
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)

function(step)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed: ${ARGN}\n${out}\n${err}")
  endif()
endfunction()

step(${CMAKE_COMMAND} --install ${BINARY_DIR} --prefix ${prefix})
foreach(installed include/ainews/ainews.hpp bin/ainews-index bin/ainews-search share/ainews/entities/companies.tsv
                  lib/cmake/ainews/ainewsConfig.cmake)
  if(NOT EXISTS ${prefix}/${installed})
    message(FATAL_ERROR "install is missing ${installed}")
  endif()
endforeach()
file(GLOB_RECURSE xapian_in_headers ${prefix}/include/ainews/*.hpp)
foreach(header ${xapian_in_headers})
  file(READ ${header} text)
  if(text MATCHES "xapian\\.h")
    message(FATAL_ERROR "${header} includes xapian.h: public headers must not")
  endif()
endforeach()

set(flags "")
if(SANITIZE)
  set(flags "-fsanitize=address,undefined")
endif()
step(${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/consumer -B ${WORK_DIR}/build
     -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_CXX_FLAGS=${flags} -DCMAKE_EXE_LINKER_FLAGS=${flags})
step(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
execute_process(COMMAND ${CMAKE_COMMAND} -E env AINEWS_ENTITIES_DIR=${prefix}/share/ainews/entities
                        ${WORK_DIR}/build/consumer ${SOURCE_DIR}/corpus ${WORK_DIR}/db
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message(STATUS "consumer: ${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "consumer program failed (${rc})")
endif()
