// Cairn's public C++ API in one include.
#pragma once
#include "cairn/connection.h"
#include "cairn/data_chunk.h"
#include "cairn/database.h"
#include "cairn/exception.h"
#include "cairn/prepared_statement.h"
#include "cairn/query_result.h"
#include "cairn/statement_splitter.h"
#include "cairn/table_registry.h"
#include "cairn/types.h"
#include "cairn/value.h"
#include "cairn/vector.h"
