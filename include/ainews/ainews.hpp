// Everything the library offers, in one include.
#pragma once

#include "ainews/article.hpp"
#include "ainews/date.hpp"
#include "ainews/error.hpp"
#include "ainews/extract.hpp"
#include "ainews/gazetteer.hpp"
#include "ainews/index_writer.hpp"
#include "ainews/indexer.hpp"
#include "ainews/output.hpp"
#include "ainews/reader.hpp"
#include "ainews/schema.hpp"
#include "ainews/searcher.hpp"
#include "ainews/version.hpp"
